// Duty schemes (6442, 345 …) and free pages.
#include "converters.h"
#include "hgj/language.h"

namespace hgj {

namespace {

// [[groups]] name = "六大员", items = [...] — only a Markdown file's front matter can hold
// these nested tables.
std::vector<DutyGroup> read_groups(FieldReader& r) {
  std::vector<DutyGroup> groups;
  const Record& record = r.record();
  const toml::array* array = record.table ? (*record.table)["groups"].as_array() : nullptr;
  if (array == nullptr || !array->is_array_of_tables()) {
    if (r.record().get("groups") != nullptr) {
      r.error("groups", say("groups 要写成 TOML 表：[[groups]] name = \"…\" items = [\"…\"]",
                            "groups must be TOML tables: [[groups]] name = \"…\" items = [\"…\"]"));
    } else {
      r.missing("groups");
    }
    return groups;
  }
  for (const toml::node& node : *array) {
    const toml::table& t = *node.as_table();
    DutyGroup group;
    group.name = t["name"].value_or(std::string());
    if (const toml::array* items = t["items"].as_array()) {
      for (const toml::node& item : *items) {
        if (auto text = item.value<std::string>()) group.items.push_back(*text);
      }
    }
    if (group.name.empty() || group.items.empty()) {
      // The front matter starts on the file's second line.
      const int line = static_cast<int>(t.source().begin.line) + 1;
      r.error("groups",
              say("每个 [[groups]] 都要有 name 和 items 列表（第 " + std::to_string(line) + " 行）",
                  "each [[groups]] needs a name and a list of items (line " + std::to_string(line) +
                      ")"));
      continue;
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace

std::optional<DutyScheme> to_duty_scheme(FieldReader& r, LoadContext&) {
  DutyScheme d;
  d.id = r.id();
  d.title = r.text("title", true);
  d.groups = read_groups(r);
  return finish(r, std::move(d));
}

std::optional<Page> to_page(FieldReader& r, LoadContext&) {
  Page p;
  p.id = r.id();
  p.title = r.text("title", true);
  p.order = r.count("order");
  return finish(r, std::move(p));
}

}  // namespace hgj
