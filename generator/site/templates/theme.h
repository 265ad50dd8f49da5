// A site theme: Mustache templates and partials, the UI strings and static assets.
// A theme folder may hold any subset of the default theme's files; each missing file
// falls back to the default's. Template problems are reported as
//   themes/default/templates/building.mustache:12:5: error: unclosed section "stewards"
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "hgj/diagnostics.h"

namespace kainjow::mustache {
template <typename StringType>
class basic_mustache;
template <typename StringType>
class basic_data;
}  // namespace kainjow::mustache

namespace hgj::site {

using MustacheData = kainjow::mustache::basic_data<std::string>;
class PartialInliner;

// The templates every theme must provide (templates/<name>.mustache).
const std::vector<std::string>& required_templates();

// An error at a byte offset of a template, with its line and a caret under the spot.
void report_in_template(DiagnosticSink& sink, const std::string& file, const std::string& text,
                        std::size_t offset, std::string message);

struct ThemeAsset {
  std::string path;              // under assets/, '/' separated: "style.css"
  std::filesystem::path source;  // the file to copy
};

// strings.toml of `fallback` (the default theme), then `dir`'s over it key by key; either
// may lack the file. The one reading of theme strings for the site, the print and the
// kiosk bundle. Problems go to `sink` with file:line.
std::map<std::string, std::string> load_theme_strings(const std::filesystem::path& dir,
                                                      const std::filesystem::path& fallback,
                                                      DiagnosticSink& sink);

class Theme {
 public:
  // Loads `dir` over `fallback` (the default theme; may be the same folder). Every
  // problem goes to `sink`; nullopt when there was any.
  static std::optional<Theme> load(const std::filesystem::path& dir,
                                   const std::filesystem::path& fallback, DiagnosticSink& sink);

  // Template source with every partial already inlined, so a page parses nothing at
  // render time. Throws std::out_of_range for an unknown name.
  const std::string& source(const std::string& name) const { return expanded_.at(name); }
  const std::string& file_of(const std::string& name) const { return files_.at(name); }
  const std::vector<std::string>& template_names() const { return names_; }
  // strings.toml, flattened: key → text.
  const std::map<std::string, std::string>& strings() const { return strings_; }
  const std::string& string(const std::string& key) const;
  const std::vector<ThemeAsset>& assets() const { return assets_; }

  // Whether page template `name` takes its issue rows as ready HTML ({{{.}}} in
  // {{#issues}}, ready_rows.h), and the issue_row partial they are rendered from.
  bool takes_ready_rows(const std::string& name) const { return ready_rows_.count(name) > 0; }
  const std::string& issue_row_source() const { return issue_row_; }

 private:
  void inline_templates(const std::map<std::string, std::string>& templates,
                        PartialInliner& inliner, bool has_row_partial);

  std::map<std::string, std::string> expanded_, files_, strings_;
  std::set<std::string> ready_rows_;
  std::string issue_row_;
  std::vector<std::string> names_;
  std::vector<ThemeAsset> assets_;
};

// Templates parsed once, for one rendering thread (kainjow templates are not meant to
// be shared between threads).
class TemplateSet {
 public:
  // Names for render_twice() to render the lines that read no others once for all pages:
  // `global` ones in the globals (a page that sets one is rendered in full), and `place`
  // ones a page sets to one of a few values (where it stands), whose values key the text.
  struct SharedNames {
    std::set<std::string> global, place;
    // The globals' `t` is the theme's strings (Theme::strings()): render_twice() and
    // render_issue_row() use templates with those written in (inlined_strings.h), unless
    // the page sets a `t` of its own.
    bool t_is_theme_strings;  // (false when left out of a braced list)
  };
  // `varying`: the page names render_twice() may see change (template_parts.h).
  explicit TemplateSet(const Theme& theme, const std::set<std::string>& varying = {},
                       SharedNames shared = {});
  ~TemplateSet();
  // Renders template `name` with `page` looked up first, then `globals`; a runtime
  // template error goes to `error` (then the result is empty).
  std::string render(const std::string& name, const MustacheData& globals, const MustacheData& page,
                     std::string& error);
  // Renders `name` for `page`, lets `change` alter `page`, and renders it again: what
  // render() would make each time, but the second time only the lines of the template
  // that read a `varying` name are rendered again, the others copied. `change` may alter
  // nothing else. Lines that read only shared names come from an earlier page's render
  // where its place names had the same values.
  std::pair<std::string, std::string> render_twice(const std::string& name,
                                                   const MustacheData& globals, MustacheData& page,
                                                   const std::function<void(MustacheData&)>& change,
                                                   std::string& error);
  // One issue row alone, as a page at `page`'s depth shows it (Theme::issue_row_source()).
  std::string render_issue_row(const MustacheData& globals, const MustacheData& page,
                               const MustacheData& row, std::string& error);

 private:
  using Template = kainjow::mustache::basic_mustache<std::string>;
  std::string render_with(Template& tmpl, std::initializer_list<const MustacheData*> stack,
                          std::size_t expected_size, std::string& error);
  // Appends `tmpl` rendered with `stack` (innermost last) to `out`; false on a runtime error.
  bool render_into(Template& tmpl, std::initializer_list<const MustacheData*> stack,
                   std::string& out, std::string& error);

  struct Part {
    std::unique_ptr<Template> tmpl;
    bool varies, shared;
    std::unordered_map<std::string, std::string> made;  // shared: by place_key()
  };
  // The values of the place names in `page`, or nullopt when the shared lines may not be
  // taken as made: `page` sets a global name, or a place name to a list or an object.
  std::optional<std::string> place_key(const MustacheData& page) const;
  // Whether the templates with the theme's strings written in render as written would:
  // none of `data` sets a `t` of its own. (Only the top level can: the objects inside a
  // page or a row are made by page_data.cpp and the page builders, with names of their
  // own, never t.)
  bool strings_inlined_for(std::initializer_list<const MustacheData*> data) const;
  // Appends `part` rendered for `page` to `out`: taken from `made` when shared and keyed.
  bool render_part(Part& part, const std::optional<std::string>& key, const MustacheData& globals,
                   const MustacheData& page, std::string& out, std::string& error);
  SharedNames shared_;
  std::map<std::string, std::unique_ptr<Template>> templates_;
  std::map<std::string, std::vector<Part>> parts_;  // each template cut for render_twice()
  std::unique_ptr<Template> issue_row_;
  std::unique_ptr<Template> issue_row_as_written_;  // without them, when they are written in
  // Dotted names ("steward.name") split once, not at every lookup.
  std::unordered_map<std::string, std::vector<std::string>> dotted_;
};

// 1-based line and column (in characters) of a byte offset in text.
SourceLocation location_of(const std::string& file, const std::string& text, std::size_t offset);

// Checks one template file on its own: kainjow's parse errors, with the byte offset
// it reports turned into line:column. Returns false after reporting.
bool check_template(const std::string& file, const std::string& text, DiagnosticSink& sink);

}  // namespace hgj::site
