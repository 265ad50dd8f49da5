// Stewards: who looks after which building (or which of its units).
#include "converters.h"

namespace hgj {

namespace {

std::vector<BuildingRef> read_buildings(FieldReader& r, const LoadContext& ctx) {
  std::vector<BuildingRef> refs;
  for (const std::string& item : r.list("buildings", true)) {
    Parsed<BuildingRef> ref = parse_building_ref(item);
    if (!ref) {
      r.invalid("buildings", item, ref.error);
      continue;
    }
    auto found = ctx.buildings.find(ref.value->building);
    if (found == ctx.buildings.end()) {
      if (!ctx.has(ctx.buildings, "buildings", ref.value->building)) {
        r.invalid("buildings", item, "is not a known building");
      }
      continue;
    }
    const Building& b = ctx.content.buildings[found->second];
    if (!ref.value->whole_building() && b.units == 0) {
      r.invalid("buildings", item,
                "names units but " + b.name + " has no " +
                    r.record().label(collection_spec("buildings").field("units")));
      continue;
    }
    if (ref.value->last_unit > b.units) {
      r.invalid("buildings", item,
                "names unit " + std::to_string(ref.value->last_unit) + " but " + b.name + " has " +
                    std::to_string(b.units) + " units");
      continue;
    }
    refs.push_back(*ref.value);
  }
  return refs;
}

}  // namespace

std::optional<Steward> to_steward(FieldReader& r, LoadContext& ctx) {
  Steward s;
  s.id = r.id();
  s.name = r.text("name", true);
  s.order = r.integer("order");
  s.phone = r.phone("phone", true);
  s.photo = r.path("photo");
  s.wechat_qr = r.path("wechat_qr");
  s.party_member = r.boolean("party_member", false);
  s.role = r.text("role");
  s.buildings = read_buildings(r, ctx);
  s.since = r.date("since");
  s.honors = r.list("honors", false);
  s.office_hours = r.text("office_hours");
  return finish(r, std::move(s));
}

}  // namespace hgj
