#include "hgj/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "converters.h"
#include "hgj/parallel.h"
#include "load_site.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

class Loader {
 public:
  Loader(const std::string& root, DiagnosticSink& sink, Content& content)
      : root_(root), sink_(sink), ctx_{content, {}, {}, {}, {}, {}, {}} {}

  // The path diagnostics print: the content folder as the user gave it, then the file.
  std::string display(const fs::path& relative) const {
    return (fs::path(root_) / relative).lexically_normal().generic_string();
  }

  std::optional<std::string> read(const fs::path& relative) {
    std::ifstream in(fs::path(root_) / relative, std::ios::binary);
    std::ostringstream bytes;
    if (in) bytes << in.rdbuf();
    if (!in) {
      sink_.error({display(relative), 0, 0}, "cannot read the file");
      return std::nullopt;
    }
    return std::move(bytes).str();
  }

  bool load_site_file() {
    const fs::path file = "site.toml";
    if (!fs::is_regular_file(fs::path(root_) / file)) {
      sink_.error({display(file), 0, 0}, "no site.toml here: is this a content folder?");
      return false;
    }
    auto bytes = read(file);
    if (!bytes) return false;
    auto duty_exists = [&](const std::string& id) { return ctx_.has(ctx_.duties, "duties", id); };
    if (auto site = load_site(display(file), *bytes, root_, duty_exists, sink_)) {
      ctx_.content.site = std::move(*site);
    } else {
      // Keep going with defaults so the rest of the content is still checked.
      ctx_.content.site.categories = default_categories();
      ctx_.content.site.private_categories = {"邻里纠纷"};
    }
    return true;
  }

  template <class T, class Convert>
  void load(const std::string& name, Convert convert, std::vector<T>& out,
            std::unordered_map<std::string, std::size_t>* ids) {
    const CollectionSpec& spec = collection_spec(name);
    // Where each id was first seen: an index into paths_ and a line.
    std::unordered_map<std::string, std::pair<std::size_t, int>> seen;
    for_each_record(spec, [&](Record&& record) {
      FieldReader reader(record, spec, sink_, root_);
      const FieldValue* id = record.get("id");
      if (id != nullptr && !id->text.empty()) {
        auto [first, fresh] =
            seen.try_emplace(id->text, path_index(record.where.file), record.where.line);
        if (!fresh) {
          reader.invalid("id", id->text,
                         "is already used at " + paths_[first->second.first] + ":" +
                             std::to_string(first->second.second));
          return;
        }
      }
      if (record.broken) {
        if (id != nullptr) ctx_.rejected[name].insert(id->text);
      } else if (std::optional<T> entity = convert(reader, ctx_)) {
        if (ids != nullptr) ids->emplace(entity->id, out.size());
        out.push_back(std::move(*entity));
      } else if (id != nullptr) {
        ctx_.rejected[name].insert(id->text);
      }
    });
  }

 private:
  std::size_t path_index(const std::string& path) {
    if (paths_.empty() || paths_.back() != path) paths_.push_back(path);
    return paths_.size() - 1;
  }

  // Every Markdown file under content/<name>/ (sorted; parsed in parallel, taken in
  // order), then each row of content/<name>.csv.
  void for_each_record(const CollectionSpec& spec, const std::function<void(Record&&)>& take) {
    const std::vector<fs::path> files = markdown_files(spec.name);
    std::vector<std::optional<Record>> records(files.size());
    parallel_for(files.size(), 16, [&](std::size_t i) {
      if (auto bytes = read(files[i])) {
        records[i] = record_from_markdown(spec, display(files[i]), *bytes, sink_);
      }
    });
    for (auto& record : records) {
      if (record) take(std::move(*record));
    }
    std::error_code ec;
    const fs::path table = spec.name + ".csv";
    if (fs::is_regular_file(fs::path(root_) / table, ec)) {
      if (auto bytes = read(table)) read_csv_records(spec, display(table), *bytes, sink_, take);
    }
  }

  std::vector<fs::path> markdown_files(const std::string& collection) const {
    std::vector<fs::path> files;
    std::error_code ec;
    const fs::path folder = fs::path(root_) / collection;
    if (!fs::is_directory(folder, ec)) return files;
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path& p = it->path();
      if (it->is_regular_file() && p.extension() == ".md" &&
          !p.filename().string().starts_with(".")) {
        files.push_back(fs::relative(p, root_));
      }
    }
    std::sort(files.begin(), files.end());
    return files;
  }

 public:
  LoadContext& context() { return ctx_; }

 private:
  std::string root_;
  DiagnosticSink& sink_;
  std::vector<std::string> paths_;  // display paths of the records seen, for duplicates
  LoadContext ctx_;
};

}  // namespace

LoadResult load_content(const std::string& content_dir, DiagnosticSink& sink) {
  LoadResult result;
  result.content.root = content_dir;
  std::error_code ec;
  if (!fs::is_directory(content_dir, ec)) {
    sink.error({content_dir, 0, 0}, "the content folder does not exist");
    result.io_error = true;
    return result;
  }
  Loader loader(content_dir, sink, result.content);
  LoadContext& ctx = loader.context();
  Content& c = result.content;
  loader.load("duties", to_duty_scheme, c.duties, &ctx.duties);
  if (!loader.load_site_file()) {
    result.io_error = true;
    return result;
  }
  loader.load("communities", to_community, c.communities, &ctx.communities);
  loader.load("grids", to_grid, c.grids, &ctx.grids);
  loader.load("buildings", to_building, c.buildings, &ctx.buildings);
  loader.load("stewards", to_steward, c.stewards, &ctx.stewards);
  loader.load("issues", to_issue, c.issues, nullptr);
  loader.load("events", to_event, c.events, nullptr);
  loader.load("notices", to_notice, c.notices, nullptr);
  loader.load("pages", to_page, c.pages, nullptr);
  c.index();
  return result;
}

}  // namespace hgj
