// Turning records into entities, one function per collection. Each checks its own
// fields and its references to collections loaded before it (see collection_specs()
// for the order), reporting through the reader; nullopt when the entity is unusable.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "field_reader.h"
#include "hgj/model.h"

namespace hgj {

// What the converters may look up: the entities loaded so far, by id.
struct LoadContext {
  Content& content;
  std::unordered_map<std::string, std::size_t> communities, grids, buildings, stewards, duties;

  // Ids of entities that were found but rejected (their errors already reported), by
  // collection: references to them are not reported again.
  std::unordered_map<std::string, std::unordered_set<std::string>> rejected;

  // Names standing for ids in references, by collection (filled as each is loaded).
  std::unordered_map<std::string, Referable> referable;
  const Referable* names(const std::string& collection) const {
    auto it = referable.find(collection);
    return it == referable.end() ? nullptr : &it->second;
  }

  // Whether `id` names an entity of the collection, loaded or rejected.
  bool has(const std::unordered_map<std::string, std::size_t>& ids, const std::string& collection,
           const std::string& id) const {
    if (ids.count(id) != 0) return true;
    auto it = rejected.find(collection);
    return it != rejected.end() && it->second.count(id) != 0;
  }

  // A predicate for FieldReader::reference: does `id` name an entity of `collection`?
  std::function<bool(const std::string&)> exists(const std::string& collection) const {
    const auto& ids = collection == "communities" ? communities
                      : collection == "grids"     ? grids
                      : collection == "buildings" ? buildings
                      : collection == "stewards"  ? stewards
                                                  : duties;
    return [this, &ids, collection](const std::string& id) { return has(ids, collection, id); };
  }
};

// The common tail of every converter: the body and place of the record, and the entity
// only when no error was reported for it.
template <class T>
std::optional<T> finish(FieldReader& r, T entity) {
  entity.body = r.record().body;
  entity.where = r.record().where;
  if (!r.ok()) return std::nullopt;
  return entity;
}

std::optional<DutyScheme> to_duty_scheme(FieldReader& r, LoadContext& ctx);
std::optional<Community> to_community(FieldReader& r, LoadContext& ctx);
std::optional<Grid> to_grid(FieldReader& r, LoadContext& ctx);
std::optional<Building> to_building(FieldReader& r, LoadContext& ctx);
std::optional<Steward> to_steward(FieldReader& r, LoadContext& ctx);
std::optional<Issue> to_issue(FieldReader& r, LoadContext& ctx);
std::optional<Event> to_event(FieldReader& r, LoadContext& ctx);
std::optional<Notice> to_notice(FieldReader& r, LoadContext& ctx);
std::optional<Page> to_page(FieldReader& r, LoadContext& ctx);
std::optional<Screen> to_screen(FieldReader& r, LoadContext& ctx);
// Two screens.csv ids that are one pairing code (K7Q-4M2 and k7q4m2): the same screen
// listed twice, which the per-id duplicate check cannot see (hgj/pairing.h).
void check_screen_codes(const std::vector<Screen>& screens, DiagnosticSink& sink);

// Scope lists of events and notices: community or building ids.
std::vector<std::string> read_scope(FieldReader& r, const LoadContext& ctx);

}  // namespace hgj
