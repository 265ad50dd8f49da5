#include "site/templates/theme.h"

#include <toml++/toml.h>

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <regex>
#include <set>

#include "hgj/files.h"
#include "hgj/language.h"
#include "site/templates/escape.h"
#include "site/templates/inlined_strings.h"
#include "site/templates/partial_inliner.h"
#include "site/templates/ready_rows.h"
#include "site/templates/template_parts.h"

namespace hgj::site {

namespace fs = std::filesystem;

namespace {

constexpr const char* kIssueRowPartial = "issue_row";

// How a theme file is named in diagnostics: relative to the working folder when under it.
std::string display_path(const fs::path& path) {
  std::error_code ec;
  const fs::path rel = fs::proximate(path, ec);
  if (ec || rel.empty() || *rel.begin() == "..") return path.lexically_normal().string();
  return rel.string();
}

// Files with the given extension in <dir>/<sub>, by stem; `dir` wins over `fallback`.
std::map<std::string, fs::path> theme_files(const fs::path& dir, const fs::path& fallback,
                                            const std::string& sub, const std::string& ext) {
  std::map<std::string, fs::path> files;
  for (const fs::path& base : {fallback, dir}) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(base / sub, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ext) {
        files[entry.path().stem().string()] = entry.path();
      }
    }
  }
  return files;
}

// kainjow reports "Unclosed section \"x\" at 123": the message and the byte offset.
std::pair<std::string, std::size_t> split_kainjow_error(const std::string& message) {
  static const std::regex at_offset(R"(^(.*) at (\d+)$)");
  std::smatch m;
  std::string text = message;
  std::size_t offset = std::string::npos;
  if (std::regex_match(message, m, at_offset)) {
    text = m[1];
    offset = std::stoul(m[2]);
  }
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z')
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return {text, offset};
}

}  // namespace

const std::vector<std::string>& required_templates() {
  static const std::vector<std::string> names = {
      "home",     "communities", "community", "community_log", "grid",   "building", "steward",
      "duty",     "page",        "notices",   "notice",        "events", "stats",    "categories",
      "category", "404"};
  return names;
}

void report_in_template(DiagnosticSink& sink, const std::string& file, const std::string& text,
                        std::size_t offset, std::string message) {
  Diagnostic d;
  d.where = location_of(file, text, offset);
  d.severity = Severity::error;
  d.message = std::move(message);
  offset = std::min(offset, text.size());
  const std::size_t begin = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t line_start = begin == std::string::npos || offset == 0 ? 0 : begin + 1;
  const std::size_t line_end = std::min(text.find('\n', line_start), text.size());
  d.excerpt = text.substr(line_start, line_end - line_start);
  d.caret = display_width(std::string_view(text).substr(line_start, offset - line_start));
  sink.add(std::move(d));
}

SourceLocation location_of(const std::string& file, const std::string& text, std::size_t offset) {
  SourceLocation where{file, 1, 1};
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++where.line;
      where.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++where.column;
    }
  }
  return where;
}

bool check_template(const std::string& file, const std::string& text, DiagnosticSink& sink) {
  kainjow::mustache::mustache parsed(text);
  if (parsed.is_valid()) return true;
  const auto [message, offset] = split_kainjow_error(parsed.error_message());
  if (offset == std::string::npos)
    sink.error({file, 0, 0}, message);
  else
    report_in_template(sink, file, text, offset, message);
  return false;
}

const std::string& Theme::string(const std::string& key) const {
  static const std::string empty;
  auto it = strings_.find(key);
  return it == strings_.end() ? empty : it->second;
}

namespace {

// A --theme or site.toml `theme` naming no folder: said the same by build, print, bundle.
void theme_folder_missing(const fs::path& dir, DiagnosticSink& sink) {
  sink.error({display_path(dir), 0, 0},
             say("找不到这个主题文件夹：看看 site.toml 的 theme 或 --theme 是否写对",
                 "theme folder not found"));
}

}  // namespace

std::map<std::string, std::string> load_theme_strings(const fs::path& dir, const fs::path& fallback,
                                                      DiagnosticSink& sink) {
  std::map<std::string, std::string> strings;
  if (!fs::is_directory(dir)) {
    theme_folder_missing(dir, sink);
    return strings;
  }
  for (const fs::path& base : {fallback, dir}) {
    const fs::path path = base / "strings.toml";
    if (!fs::exists(path)) continue;
    try {
      const toml::table table = toml::parse_file(path.string());
      for (const auto& [key, value] : table) {
        if (auto s = value.value<std::string>()) {
          strings[std::string(key.str())] = *s;
        } else {
          sink.error({display_path(path), 0, 0},
                     "\"" + std::string(key.str()) + "\" must be a string");
        }
      }
    } catch (const toml::parse_error& e) {
      sink.error({display_path(path), static_cast<int>(e.source().begin.line),
                  static_cast<int>(e.source().begin.column)},
                 std::string(e.description()));
    }
    if (fallback == dir) break;
  }
  return strings;
}

namespace {

// Phase 1: the template and partial sources of `sub`, each checked alone: name → text, and
// name → the file it is reported as.
void read_sources(const fs::path& dir, const fs::path& fallback, const std::string& sub,
                  std::map<std::string, std::string>& texts,
                  std::map<std::string, std::string>& files, DiagnosticSink& sink) {
  for (const auto& [name, path] : theme_files(dir, fallback, sub, ".mustache")) {
    const std::string shown = display_path(path);
    auto text = read_whole_file(path);
    if (!text) {
      sink.error({shown, 0, 0}, "cannot read the template");
      continue;
    }
    check_template(shown, *text, sink);
    texts[name] = std::move(*text);
    files[name] = shown;
  }
}

// Phase 4: the theme's static files, `dir`'s over `fallback`'s, by path under assets/.
std::vector<ThemeAsset> read_assets(const fs::path& dir, const fs::path& fallback) {
  std::map<std::string, fs::path> assets;
  for (const fs::path& base : {fallback, dir}) {
    std::error_code ec;
    const fs::path root = base / "assets";
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file()) {
        assets[fs::relative(it->path(), root).generic_string()] = it->path();
      }
    }
  }
  std::vector<ThemeAsset> list;
  for (const auto& [path, source] : assets) list.push_back({path, source});
  return list;
}

}  // namespace

// Phase 3: every template with its partials inlined; page templates whose issue rows can
// be rendered once take them as ready HTML (ready_rows.h).
void Theme::inline_templates(const std::map<std::string, std::string>& templates,
                             PartialInliner& inliner, bool has_row_partial) {
  // Rows rendered once put each page's `root` where root_mark stands (ready_rows.h).
  const bool strings_hold_mark = std::any_of(strings_.begin(), strings_.end(), [](const auto& kv) {
    return kv.second.find(root_mark) != std::string::npos;
  });
  std::optional<RowPartial> row_partial;
  if (has_row_partial && !strings_hold_mark) {
    row_partial =
        standalone_row_partial(inliner.inline_partial(kIssueRowPartial), issue_row_names());
  }
  const std::set<std::string> pages(required_templates().begin(), required_templates().end());
  for (const auto& [name, text] : templates) {
    const std::string& file = files_[name];
    std::optional<std::string> ready;
    if (row_partial && pages.count(name))
      ready = with_ready_rows(inliner.inline_partials(text, file, kIssueRowPartial),
                              row_partial->line_end);
    if (ready) {
      expanded_[name] = std::move(*ready);
      ready_rows_.insert(name);
    } else {
      expanded_[name] = inliner.inline_partials(text, file);
    }
    names_.push_back(name);
  }
  if (!ready_rows_.empty()) issue_row_ = std::move(row_partial->body);
}

std::optional<Theme> Theme::load(const fs::path& dir, const fs::path& fallback,
                                 DiagnosticSink& sink) {
  const std::size_t errors_before = sink.error_count();
  if (!fs::is_directory(dir)) {
    theme_folder_missing(dir, sink);
    return std::nullopt;
  }
  Theme theme;
  // 1. Sources, each checked alone.
  std::map<std::string, std::string> templates, partials, partial_files;
  read_sources(dir, fallback, "templates", templates, theme.files_, sink);
  read_sources(dir, fallback, "partials", partials, partial_files, sink);
  for (const std::string& name : required_templates()) {
    if (!templates.count(name)) {
      sink.error({display_path(dir / "templates" / (name + ".mustache")), 0, 0},
                 "the theme has no template \"" + name + "\"");
    }
  }
  // 2. Strings, key by key over the default theme's.
  theme.strings_ = load_theme_strings(dir, fallback, sink);
  // 3. Partials inlined, so rendering never parses.
  PartialInliner inliner(partials, partial_files, sink);
  theme.inline_templates(templates, inliner, partials.count(kIssueRowPartial) > 0);
  // 4. Static files.
  theme.assets_ = read_assets(dir, fallback);

  if (sink.error_count() > errors_before) return std::nullopt;
  return theme;
}

namespace {

using kainjow::mustache::basic_context;
using kainjow::mustache::basic_data;

// kainjow's context, with the same lookup rules, for speed: its lookups split a dotted name
// through a std::stringstream every time, and it pushes at the front of a vector.
class RenderContext final : public basic_context<std::string> {
 public:
  explicit RenderContext(std::unordered_map<std::string, std::vector<std::string>>& dotted)
      : dotted_(dotted) {}
  void push(const basic_data<std::string>* data) override { stack_.push_back(data); }
  void pop() override { stack_.pop_back(); }

  const basic_data<std::string>* get(const std::string& name) const override {
    if (name == ".") return stack_.back();
    if (name.find('.') == std::string::npos) return get_partial(name);
    auto parts = dotted_.find(name);
    if (parts == dotted_.end())
      parts = dotted_.emplace(name, kainjow::mustache::split(name, '.')).first;
    // The whole path from each level of the stack in turn, innermost first.
    for (auto level = stack_.rbegin(); level != stack_.rend(); ++level) {
      const basic_data<std::string>* found = *level;
      for (const std::string& part : parts->second) {
        if ((found = found->get(part)) == nullptr) break;
      }
      if (found != nullptr) return found;
    }
    return nullptr;
  }

  const basic_data<std::string>* get_partial(const std::string& name) const override {
    for (auto level = stack_.rbegin(); level != stack_.rend(); ++level) {
      if (const basic_data<std::string>* found = (*level)->get(name)) return found;
    }
    return nullptr;
  }

 private:
  std::vector<const basic_data<std::string>*> stack_;
  std::unordered_map<std::string, std::vector<std::string>>& dotted_;
};

// Where kainjow writes a page: straight onto the end of a string (it would use an
// ostringstream).
struct PageSink {
  std::string& text;
  PageSink& operator<<(const std::string& piece) {
    text += piece;
    return *this;
  }
};

}  // namespace

TemplateSet::TemplateSet(const Theme& theme, const std::set<std::string>& varying,
                         SharedNames shared)
    : shared_(std::move(shared)) {
  // kainjow's entities, but faster: its html_escape() appends character by character.
  const auto compiled = [](const std::string& source) {
    auto tmpl = std::make_unique<Template>(source);
    tmpl->set_custom_escape([](const std::string& text) { return mustache_escape(text); });
    return tmpl;
  };
  std::set<std::string> shared_names = shared_.global;
  shared_names.insert(shared_.place.begin(), shared_.place.end());
  // The cut templates and the row: with the theme's strings written in when allowed.
  const auto fast = [&](const std::string& source) {
    return shared_.t_is_theme_strings ? with_strings_inlined(source, theme.strings()) : source;
  };
  for (const std::string& name : theme.template_names()) {
    templates_[name] = compiled(theme.source(name));
    if (varying.empty()) continue;
    for (TemplatePart& part : template_parts(fast(theme.source(name)), varying, shared_names))
      parts_[name].push_back({compiled(part.text), part.varies, part.shared, {}});
  }
  if (!theme.issue_row_source().empty()) {
    issue_row_ = compiled(fast(theme.issue_row_source()));
    if (shared_.t_is_theme_strings) issue_row_as_written_ = compiled(theme.issue_row_source());
  }
}

bool TemplateSet::strings_inlined_for(std::initializer_list<const MustacheData*> data) const {
  if (!shared_.t_is_theme_strings) return true;
  return std::none_of(data.begin(), data.end(), [](const MustacheData* d) {
    return d->is_object() && d->get("t") != nullptr;
  });
}

TemplateSet::~TemplateSet() = default;

std::string TemplateSet::render(const std::string& name, const MustacheData& globals,
                                const MustacheData& page, std::string& error) {
  auto it = templates_.find(name);
  if (it == templates_.end()) {
    error = "no template \"" + name + "\"";
    return {};
  }
  return render_with(*it->second, {&globals, &page}, 32 * 1024, error);
}

std::string TemplateSet::render_issue_row(const MustacheData& globals, const MustacheData& page,
                                          const MustacheData& row, std::string& error) {
  if (!issue_row_) {
    error = "no ready issue rows in this theme";
    return {};
  }
  Template& tmpl = strings_inlined_for({&page, &row}) ? *issue_row_ : *issue_row_as_written_;
  return render_with(tmpl, {&globals, &page, &row}, 2 * 1024, error);
}

std::pair<std::string, std::string> TemplateSet::render_twice(
    const std::string& name, const MustacheData& globals, MustacheData& page,
    const std::function<void(MustacheData&)>& change, std::string& error) {
  auto it = parts_.find(name);
  // Not cut, or the page sets its own t: rendered twice whole.
  if (it == parts_.end() || !strings_inlined_for({&page})) {
    std::string first = render(name, globals, page, error);
    if (!error.empty()) return {};
    change(page);
    std::string second = render(name, globals, page, error);
    return {std::move(first), std::move(second)};
  }
  std::vector<Part>& parts = it->second;
  std::string first, second;
  first.reserve(32 * 1024);
  std::vector<std::size_t> ends;  // where each part's text ends in `first`
  const std::optional<std::string> first_key = place_key(page);
  for (Part& part : parts) {
    if (!render_part(part, first_key, globals, page, first, error)) return {};
    ends.push_back(first.size());
  }
  change(page);
  const std::optional<std::string> second_key = place_key(page);
  second.reserve(first.size() + 1024);
  for (std::size_t i = 0, from = 0; i < parts.size(); from = ends[i++]) {
    if (!parts[i].varies)
      second.append(first, from, ends[i] - from);
    else if (!render_part(parts[i], second_key, globals, page, second, error))
      return {};
  }
  return {std::move(first), std::move(second)};
}

std::optional<std::string> TemplateSet::place_key(const MustacheData& page) const {
  if (shared_.place.empty() || !page.is_object()) return std::nullopt;
  for (const std::string& name : shared_.global) {
    if (page.get(name) != nullptr) return std::nullopt;
  }
  std::string key;
  for (const std::string& name : shared_.place) {
    const MustacheData* value = page.get(name);
    if (value == nullptr) {
      key += 'n';
    } else if (value->is_string()) {
      key += 's' + std::to_string(value->string_value().size()) + ':' + value->string_value();
    } else if (value->is_bool()) {
      key += value->is_true() ? 't' : 'f';
    } else {
      return std::nullopt;
    }
  }
  return key;
}

bool TemplateSet::render_part(Part& part, const std::optional<std::string>& key,
                              const MustacheData& globals, const MustacheData& page,
                              std::string& out, std::string& error) {
  if (!part.shared || !key) return render_into(*part.tmpl, {&globals, &page}, out, error);
  auto [made, fresh] = part.made.try_emplace(*key);
  if (fresh && !render_into(*part.tmpl, {&globals, &page}, made->second, error)) {
    part.made.erase(made);
    return false;
  }
  out += made->second;
  return true;
}

bool TemplateSet::render_into(Template& tmpl, std::initializer_list<const MustacheData*> stack,
                              std::string& out, std::string& error) {
  RenderContext ctx(dotted_);
  for (const MustacheData* data : stack) ctx.push(data);
  PageSink sink{out};
  tmpl.render(ctx, sink);
  if (tmpl.is_valid()) return true;
  error = tmpl.error_message();
  return false;
}

std::string TemplateSet::render_with(Template& tmpl,
                                     std::initializer_list<const MustacheData*> stack,
                                     std::size_t expected_size, std::string& error) {
  std::string text;
  text.reserve(expected_size);
  if (!render_into(tmpl, stack, text, error)) return {};
  return text;
}

}  // namespace hgj::site
