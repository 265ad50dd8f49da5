// Issues: the six-step record of a problem a steward took up.
#include "converters.h"
#include "hgj/language.h"

namespace hgj {

namespace {

std::optional<Outcome> parse_outcome(const std::string& text) {
  static const std::pair<const char*, Outcome> forms[] = {
      {"resolved", Outcome::resolved},   {"已解决", Outcome::resolved},
      {"referred", Outcome::referred},   {"已转办", Outcome::referred},
      {"duplicate", Outcome::duplicate}, {"重复", Outcome::duplicate},
      {"unable", Outcome::unable},       {"无法解决", Outcome::unable},
  };
  for (const auto& [form, outcome] : forms) {
    if (text == form) return outcome;
  }
  return std::nullopt;
}

// Step dates are read in order; one earlier than the step before it is an error.
void read_steps(FieldReader& r, Issue& issue) {
  const std::optional<Date>* previous = nullptr;
  Step previous_step = Step::found;
  bool any = false;
  for (int i = 0; i < step_count; ++i) {
    const Step step = static_cast<Step>(i);
    const std::string key = step_key(step);
    issue.steps[i] = r.date(key);
    if (!issue.steps[i]) continue;
    any = true;
    if (previous != nullptr && *issue.steps[i] < **previous) {
      const std::string before = r.label(step_key(previous_step));
      r.invalid(key, r.value(key)->text,
                say("早于" + before + " " + (*previous)->iso() + "：各步日期要按先后顺序，请核对",
                    "is before " + before + " " + (*previous)->iso()));
    }
    previous = &issue.steps[i];
    previous_step = step;
  }
  if (!any && r.ok()) {
    r.error("id", say("问题至少要填一个步骤的日期（" + r.label("found_on") + " … " +
                          r.label("closed_on") + "），例如巡查发现的那一天",
                      "an issue needs at least one step date (" + r.label("found_on") + " … " +
                          r.label("closed_on") + ")"));
  }
}

}  // namespace

std::optional<Issue> to_issue(FieldReader& r, LoadContext& ctx) {
  const Site& site = ctx.content.site;
  Issue issue;
  issue.id = r.id();
  issue.title = r.text("title", true);
  issue.category = r.one_of("category", site.categories, true);
  issue.building =
      r.reference("building", ctx.exists("buildings"), "buildings", true, ctx.names("buildings"));
  read_steps(r, issue);
  issue.level = r.one_of("level", issue_levels());
  issue.handled_by =
      r.reference("handled_by", ctx.exists("stewards"), "stewards", false, ctx.names("stewards"));
  issue.resolution = r.text("resolution");
  issue.satisfaction = r.one_of("satisfaction", satisfaction_values());
  if (const std::string outcome = r.text("outcome"); !outcome.empty()) {
    if (auto parsed = parse_outcome(outcome)) {
      issue.outcome = *parsed;
    } else {
      r.invalid(
          "outcome", outcome,
          say("不在可选的值里：请写 已解决、已转办、重复 或 无法解决",
              "is not one of: resolved 已解决, referred 已转办, duplicate 重复, unable 无法解决"));
    }
  } else if (issue.closed()) {
    issue.outcome = Outcome::resolved;
  }
  issue.reopened = r.count("reopened");
  return finish(r, std::move(issue));
}

}  // namespace hgj
