// Communities, grids and buildings.
#include "converters.h"
#include "hgj/language.h"

namespace hgj {

std::optional<Community> to_community(FieldReader& r, LoadContext& ctx) {
  Community c;
  c.id = r.id();
  c.name = r.text("name", true);
  c.order = r.integer("order");
  c.party_secretary = r.text("party_secretary");
  c.address = r.text("address");
  c.phone = r.phone("phone");
  c.office_hours = r.text("office_hours");
  c.duty_scheme = r.reference("duty_scheme", ctx.exists("duties"), "duties");
  return finish(r, std::move(c));
}

std::optional<Grid> to_grid(FieldReader& r, LoadContext& ctx) {
  Grid g;
  g.id = r.id();
  g.name = r.text("name", true);
  g.order = r.integer("order");
  g.community = r.reference("community", ctx.exists("communities"), "communities", true,
                            ctx.names("communities"));
  g.leader = r.text("leader");
  g.leader_phone = r.phone("leader_phone");
  g.worker = r.text("worker");
  g.worker_phone = r.phone("worker_phone");
  return finish(r, std::move(g));
}

std::optional<Building> to_building(FieldReader& r, LoadContext& ctx) {
  Building b;
  b.id = r.id();
  b.name = r.text("name", true);
  b.order = r.integer("order");
  b.community = r.reference("community", ctx.exists("communities"), "communities", true,
                            ctx.names("communities"));
  b.grid = r.reference("grid", ctx.exists("grids"), "grids", false, ctx.names("grids"));
  if (auto grid_at = ctx.grids.find(b.grid); grid_at != ctx.grids.end() && !b.community.empty()) {
    const Grid& grid = ctx.content.grids[grid_at->second];
    if (grid.community != b.community) {
      r.invalid(
          "grid", b.grid,
          say("属于社区“" + grid.community + "”，不属于“" + b.community +
                  "”：请核对这栋楼的社区或网格",
              "belongs to community \"" + grid.community + "\", not \"" + b.community + "\""));
    }
  }
  b.address = r.text("address");
  b.units = r.count("units");
  b.households = r.count("households");
  b.property = r.text("property");
  b.property_phone = r.phone("property_phone");
  b.status = r.one_of("status", {"在用", "拆除", "合并"});
  return finish(r, std::move(b));
}

}  // namespace hgj
