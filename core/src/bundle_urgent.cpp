// urgent.json, written beside a bundle's manifest and read by screens between manifest
// polls. Both sides build the marks with urgent_marks(), so a screen compares like with like.
#include <nlohmann/json.hpp>

#include "hgj/bundle.h"

namespace hgj {

using json = nlohmann::json;

std::vector<UrgentMark> urgent_marks(const Bundle& bundle) {
  std::vector<UrgentMark> marks;
  for (const BundleNotice& n : bundle.notices) {
    if (!n.urgent) continue;
    marks.push_back({n.id, n.start ? n.start->text() : std::string(),
                     n.expires ? n.expires->iso() : std::string()});
  }
  return marks;
}

std::string urgent_to_json(const Bundle& bundle) {
  json list = json::array();
  for (const UrgentMark& m : urgent_marks(bundle))
    list.push_back(json{{"id", m.id},
                        {"start", m.start.empty() ? json(nullptr) : json(m.start)},
                        {"expires", m.expires.empty() ? json(nullptr) : json(m.expires)}});
  const json doc{{"generated_at", iso8601_utc(bundle.generated_at)}, {"urgent", list}};
  return doc.dump(2) + "\n";
}

std::optional<std::vector<UrgentMark>> parse_urgent(std::string_view text) {
  const json doc = json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("urgent") || !doc["urgent"].is_array()) return std::nullopt;
  const auto text_of = [](const json& v) {
    return v.is_string() ? v.get<std::string>() : std::string();
  };
  std::vector<UrgentMark> marks;
  for (const json& e : doc["urgent"]) {
    if (!e.is_object() || !e.contains("id") || !e["id"].is_string()) return std::nullopt;
    marks.push_back({e["id"].get<std::string>(),
                     e.contains("start") ? text_of(e["start"]) : std::string(),
                     e.contains("expires") ? text_of(e["expires"]) : std::string()});
  }
  return marks;
}

}  // namespace hgj
