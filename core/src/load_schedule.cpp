// Events (敲门日, 议事会 …) and notices: what happens when, and for whom.
#include "converters.h"
#include "hgj/language.h"

namespace hgj {

std::vector<std::string> read_scope(FieldReader& r, const LoadContext& ctx) {
  std::vector<std::string> scope;
  for (const std::string& id : r.list("scope", true)) {
    if (ctx.has(ctx.communities, "communities", id) || ctx.has(ctx.buildings, "buildings", id)) {
      scope.push_back(id);
    } else if (!r.fold_into("communities") && !r.fold_into("buildings")) {
      r.invalid("scope", id,
                say("不是已有的社区或楼栋编号：请写社区表或楼栋表里已有的编号",
                    "is not a known community or building"));
    }
  }
  return scope;
}

namespace {

void read_schedule(FieldReader& r, Schedule& s) {
  s.date = r.date("date");
  if (const std::string rule = r.text("rule"); !rule.empty()) {
    Parsed<EventRule> parsed = parse_event_rule(rule);
    if (!parsed) r.invalid("rule", rule, parsed.error);
    s.rule = parsed.value;
  }
  if (const std::string time = r.text("time"); !time.empty()) {
    Parsed<TimeRange> parsed = parse_time_range(time);
    if (!parsed) r.invalid("time", time, parsed.error);
    s.time = parsed.value;
  }
  s.from = r.date("from");
  s.until = r.date("until");
  const bool has_date = r.value("date") != nullptr;
  const bool has_rule = r.value("rule") != nullptr;
  if (has_date && has_rule) {
    r.error("rule", say("活动要么写" + r.label("date") + "（一次），要么写" + r.label("rule") +
                            "（重复），不能两个都写：请删掉其中一个",
                        "an event has either " + r.label("date") + " or " + r.label("rule") +
                            ", not both"));
  } else if (!has_date && !has_rule && r.ok()) {
    r.error("id", say("活动要写" + r.label("date") + "（一次，例如 2026-03-14）或" +
                          r.label("rule") + "（重复，例如 weekly:tue 每周二）",
                      "an event needs " + r.label("date") + " (once) or " + r.label("rule") +
                          " (repeating, e.g. weekly:tue)"));
  }
  if (s.from && s.until && *s.until < *s.from) {
    r.invalid("until", r.value("until")->text,
              say("早于" + r.label("from") + " " + s.from->iso() + "：结束日期要在开始日期之后",
                  "is before " + r.label("from") + " " + s.from->iso()));
  }
}

}  // namespace

std::optional<Event> to_event(FieldReader& r, LoadContext& ctx) {
  Event e;
  e.id = r.id();
  e.title = r.text("title", true);
  e.kind = r.one_of("kind", event_kinds());
  if (e.kind.empty()) e.kind = "活动";
  e.scope = read_scope(r, ctx);
  e.location = r.text("location");
  read_schedule(r, e.schedule);
  return finish(r, std::move(e));
}

std::optional<Notice> to_notice(FieldReader& r, LoadContext& ctx) {
  Notice n;
  n.id = r.id();
  n.title = r.text("title", true);
  const std::optional<Date> date = r.date("date", true);
  n.expires = r.date("expires");
  if (date && n.expires && *n.expires < *date) {
    r.invalid("expires", r.value("expires")->text,
              say("早于" + r.label("date") + " " + date->iso() + "：截止日期要在发布日期之后",
                  "is before " + r.label("date") + " " + date->iso()));
  }
  n.start = r.date_time("start");
  if (n.start && n.expires && n.start->date > *n.expires) {
    r.invalid("start", r.value("start")->text,
              say("晚于" + r.label("expires") + " " + n.expires->iso() +
                      "：通知还没开始就过期了，请核对开始时间或截止日期",
                  "is after " + r.label("expires") + " " + n.expires->iso() +
                      ": the notice would expire before it starts"));
  }
  n.scope = read_scope(r, ctx);
  n.pinned = r.boolean("pinned", false);
  n.urgent = r.boolean("urgent", false);
  if (n.urgent && !n.expires) {
    // An urgent notice takes over every screen in its scope: without an end it would
    // cover them until someone remembers to take it down.
    r.warning("urgent", say("紧急通知没有" + r.label("expires") +
                                "：它会一直占满范围内每块触摸屏的整个屏幕，"
                                "直到有人删掉它或改成不紧急。请写上" +
                                r.label("expires"),
                            "an urgent notice without " + r.label("expires") +
                                " covers every screen in its scope "
                                "until someone removes it or marks it not urgent; give it " +
                                r.label("expires")));
  }
  n.body = r.record().body;
  n.where = r.record().where;
  if (!r.ok() || !date) return std::nullopt;
  n.date = *date;
  return n;
}

}  // namespace hgj
