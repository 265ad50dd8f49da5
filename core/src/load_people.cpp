// Stewards: who looks after which building (or which of its units).
#include <algorithm>

#include "converters.h"
#include "hgj/language.h"
#include "hgj/ledger_values.h"

namespace hgj {

namespace {

std::vector<BuildingRef> read_buildings(FieldReader& r, const LoadContext& ctx) {
  std::vector<BuildingRef> refs;
  const Referable* names = ctx.names("buildings");
  for (const std::string& written : r.list("buildings", true)) {
    const std::string item = normalize_width(written);
    Parsed<BuildingRef> ref = parse_building_ref(item);
    // A building's name for the whole building (德坪坝小区2幢), as ledgers write it; a
    // name that is none gets the nearest ones. Ids are ASCII, so other text is a name.
    const bool a_name = std::any_of(item.begin(), item.end(),
                                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (names != nullptr && !ref && (a_name || names->ids_by_name.count(written) != 0)) {
      const std::string id =
          r.resolve("buildings", written, ctx.exists("buildings"), "buildings", names);
      const auto loaded = ctx.buildings.find(id);
      if (loaded != ctx.buildings.end()) refs.push_back({id, 0, 0});
      continue;
    }
    if (!ref) {
      r.invalid("buildings", item, ref.error);
      continue;
    }
    auto found = ctx.buildings.find(ref.value->building);
    if (found == ctx.buildings.end()) {
      if (!ctx.has(ctx.buildings, "buildings", ref.value->building)) {
        r.resolve("buildings", written, ctx.exists("buildings"), "buildings", names);
      }
      continue;
    }
    const Building& b = ctx.content.buildings[found->second];
    if (!b.in_use()) {
      // Not an error: the ledger row is right about the past, and the steward stays.
      r.warning("buildings",
                say(r.label("buildings") + "“" + item + "”已" + b.status +
                        "：这位红管家不再显示在这栋楼上；不再负责的话请从表里删去这栋楼",
                    r.label("buildings") + " \"" + item + "\" is " + b.status +
                        ": the steward is not shown for it"));
      continue;
    }
    if (!ref.value->whole_building() && b.units == 0) {
      const std::string units = r.record().label(collection_spec("buildings").field("units"));
      r.invalid("buildings", item,
                say("写了单元，但" + b.name + "没有填" + units + "：请在楼栋表里填上" + units +
                        "，或只写楼栋编号 " + ref.value->building,
                    "names units but " + b.name + " has no " + units));
      continue;
    }
    if (ref.value->last_unit > b.units) {
      r.invalid(
          "buildings", item,
          say("写到了 " + std::to_string(ref.value->last_unit) + " 单元，但" + b.name + "只有 " +
                  std::to_string(b.units) + " 个单元：请核对单元号或楼栋表里的单元数",
              "names unit " + std::to_string(ref.value->last_unit) + " but " + b.name + " has " +
                  std::to_string(b.units) + " units"));
      continue;
    }
    refs.push_back(*ref.value);
  }
  return refs;
}

// 状态 在任/离任 and 离任日期. A date without 离任, or 离任 without a date, is most
// likely half an edit: warned, and the 状态 decides.
void read_status(FieldReader& r, Steward& s) {
  const std::string status = r.one_of("status", {"在任", "离任"});
  s.left = status == "离任";
  s.left_on = r.date("left_on");
  if (s.left && !s.left_on && r.ok()) {
    r.warning("status", say(r.label("status") + "是 离任，但没有填" + r.label("left_on") +
                                "：请补上离任的日期",
                            r.label("status") + " is 离任 but " + r.label("left_on") +
                                " is not given: add the date the steward left"));
  }
  if (!s.left && s.left_on) {
    r.warning("left_on", say("填了" + r.label("left_on") + "，但" + r.label("status") +
                                 "不是 离任：这位红管家仍会显示；已离任的话请把" +
                                 r.label("status") + "改成 离任",
                             r.label("left_on") + " is given but " + r.label("status") +
                                 " is not 离任: the steward is still shown; set " +
                                 r.label("status") + " to 离任 if they left"));
  }
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
  // 政治面貌 holds 中共党员/群众…, where a 党员 column holds 是/否.
  if (const FieldValue* v = r.value("party_member"); v != nullptr && v->label == "政治面貌") {
    s.party_member = parse_party_status(v->text);
  } else {
    s.party_member = r.boolean("party_member", false);
  }
  s.role = r.text("role");
  s.buildings = read_buildings(r, ctx);
  s.since = r.date("since");
  s.honors = r.list("honors", false);
  s.office_hours = r.text("office_hours");
  read_status(r, s);
  return finish(r, std::move(s));
}

}  // namespace hgj
