#include "hgj/reload.h"

#include <filesystem>

#include "converters.h"
#include "hgj/files.h"
#include "hgj/order.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

template <class T>
void index_ids(const std::vector<T>& items, std::unordered_map<std::string, std::size_t>& ids) {
  for (std::size_t i = 0; i < items.size(); ++i) ids.emplace(items[i].id, i);
}

// Whether `fresh`, replacing `old` in place, still stands between old's neighbours in the
// readers' order (hgj/order.h). A typo fixed in a name usually does; a steward that would
// move is left to a full load, which sorts again, since other entities point into the
// collection.
bool keeps_place(const std::vector<Steward>& stewards, const Steward& old, const Steward& fresh) {
  const std::size_t i = static_cast<std::size_t>(&old - stewards.data());
  const NameCollation collation;
  const auto key_of = [&](const Steward& s) { return order_key(collation, s.order, s.name, s.id); };
  const OrderKey key = key_of(fresh);
  return (i == 0 || reads_before(key_of(stewards[i - 1]), key)) &&
         (i + 1 == stewards.size() || reads_before(key, key_of(stewards[i + 1])));
}

}  // namespace

bool reload_steward_file(Content& content, const std::string& file, std::string* id) {
  const fs::path root = fs::path(content.root);
  std::error_code ec;
  const fs::path relative = fs::absolute(file, ec).lexically_normal().lexically_proximate(
      fs::absolute(root, ec).lexically_normal());
  if (relative.empty() || *relative.begin() != "stewards" || relative.extension() != ".md" ||
      relative.filename().string().starts_with(".")) {
    return false;
  }
  // The loader's display path: what Steward::where.file holds.
  const std::string display = (root / relative).lexically_normal().generic_string();
  Steward* old = nullptr;
  for (Steward& s : content.stewards) {
    if (s.where.file == display) old = &s;
  }
  if (old == nullptr) return false;
  // The loader's rule: a file that leads outside the content folder is not read.
  const ContentPaths paths(content.root);
  const std::optional<fs::path> full = paths.inside(relative);
  if (!full) return false;
  const std::optional<std::string> bytes = read_whole_file(*full);
  if (!bytes) return false;

  // Everything is checked against the loaded model, as the loader would; any
  // diagnostic at all sends the caller to a full load.
  DiagnosticSink quiet;
  const CollectionSpec& spec = collection_spec("stewards");
  std::optional<Record> record = record_from_markdown(spec, display, *bytes, quiet);
  if (!record || record->broken || !quiet.sorted().empty()) return false;
  LoadContext ctx{content, {}, {}, {}, {}, {}, {}, {}};
  index_ids(content.communities, ctx.communities);
  index_ids(content.grids, ctx.grids);
  index_ids(content.buildings, ctx.buildings);
  index_ids(content.stewards, ctx.stewards);
  index_ids(content.duties, ctx.duties);
  FieldReader reader(*record, spec, quiet, paths);
  std::optional<Steward> fresh = to_steward(reader, ctx);
  // One who has just left (离任) goes from every list: only a full load sets them aside.
  if (!fresh || !quiet.sorted().empty() || fresh->id != old->id || fresh->left) return false;
  const bool may_move = fresh->name != old->name || fresh->order != old->order;
  if (may_move && !keeps_place(content.stewards, *old, *fresh)) return false;
  *old = std::move(*fresh);
  content.index_stewards();
  if (id != nullptr) *id = old->id;
  return true;
}

}  // namespace hgj
