#include "diff/diff_report.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "hgj/language.h"

namespace hgj {

namespace {

using nlohmann::ordered_json;
using Kind = EntityChange::Kind;

std::string who(const EntityChange& c) {
  return c.name.empty() || c.name == c.id ? c.id : c.name + say("（", " (") + c.id + say("）", ")");
}

std::string value_text(const std::string& v) { return v.empty() ? say("（空）", "(empty)") : v; }

std::string field_text(const FieldChange& f) {
  if (f.text) return f.label + say(" 已修改", " changed");
  return f.label + " " + value_text(f.before) + " → " + value_text(f.after);
}

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string measure(const std::string& collection) {
  if (collection == "stewards") return say(" 人", "");
  if (collection == "notices") return say(" 条", "");
  return say(" 个", "");
}

std::string line_of(const EntityChange& c) {
  const std::string noun = collection_noun(c.collection);
  switch (c.kind) {
    case Kind::added:
      return say("新增", "new ") + noun + " " + who(c);
    case Kind::removed:
      return say("删除", "removed ") + noun + " " + who(c);
    case Kind::retired: {
      std::string line = noun + " " + who(c) + say("", " ") + c.status;
      if (!c.status_date.empty())
        line += say("（离任日期 ", " (on ") + c.status_date + say("）", ")");
      return line;
    }
    case Kind::changed: {
      std::vector<std::string> fields;
      for (const FieldChange& f : c.fields) fields.push_back(field_text(f));
      return noun + " " + who(c) + say("：", ": ") + joined(fields, say("；", "; "));
    }
  }
  return {};
}

std::string issues_line(const IssueCounts& n) {
  std::vector<std::string> parts;
  if (n.added > 0) parts.push_back("+" + std::to_string(n.added) + say(" 条", ""));
  if (n.removed > 0) parts.push_back("−" + std::to_string(n.removed) + say(" 条", ""));
  if (n.closed > 0)
    parts.push_back(say("销号 ", "closed ") + std::to_string(n.closed) + say(" 条", ""));
  if (n.changed > 0)
    parts.push_back(say("更新 ", "updated ") + std::to_string(n.changed) + say(" 条", ""));
  return say("问题台账 ", "issues ") + joined(parts, say("，", ", "));
}

// Additions of one collection in a row are told together: 新增红管家 3 人：…
std::vector<std::string> lines_of(const std::vector<EntityChange>& changes) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < changes.size();) {
    std::size_t j = i;
    while (j < changes.size() && changes[j].kind == Kind::added && changes[i].kind == Kind::added &&
           changes[j].collection == changes[i].collection)
      ++j;
    if (j - i > 1) {
      std::vector<std::string> names;
      for (std::size_t k = i; k < j; ++k) names.push_back(who(changes[k]));
      lines.push_back(say("新增", "new ") + collection_noun(changes[i].collection) + " " +
                      std::to_string(j - i) + measure(changes[i].collection) + say("：", ": ") +
                      joined(names, say("、", ", ")));
      i = j;
    } else {
      lines.push_back(line_of(changes[i]));
      ++i;
    }
  }
  return lines;
}

std::string item_text(const ReprintItem& item) {
  std::string s = item.name + say("（", " (") + item.building;
  if (item.why == ReprintItem::Why::added) s += say("，新楼栋", ", new building");
  return s + say("）", ")");
}

// Items by community, in the order they come.
std::vector<std::string> by_community(const std::vector<ReprintItem>& items, bool removed) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const ReprintItem& item : items) {
    if ((item.why == ReprintItem::Why::removed) != removed) continue;
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first == item.community_name; });
    if (it == groups.end()) it = groups.insert(groups.end(), {item.community_name, {}});
    it->second.push_back(item_text(item));
  }
  std::vector<std::string> lines;
  for (const auto& g : groups)
    lines.push_back(g.first + say("：", ": ") + joined(g.second, say("、", ", ")));
  return lines;
}

std::size_t count(const std::vector<ReprintItem>& items, bool removed) {
  return static_cast<std::size_t>(std::count_if(
      items.begin(), items.end(),
      [&](const ReprintItem& i) { return (i.why == ReprintItem::Why::removed) == removed; }));
}

ordered_json version_json(const VersionInfo& v) {
  ordered_json j{{"kind", v.kind}, {"ref", v.ref}, {"content_version", v.content_version}};
  j["git_commit"] = v.git_commit.empty() ? ordered_json(nullptr) : ordered_json(v.git_commit);
  j["published_at"] = v.published_at.empty() ? ordered_json(nullptr) : ordered_json(v.published_at);
  return j;
}

const char* kind_key(Kind k) {
  switch (k) {
    case Kind::added:
      return "added";
    case Kind::removed:
      return "removed";
    case Kind::retired:
      return "retired";
    case Kind::changed:
      return "changed";
  }
  return "";
}

}  // namespace

std::string VersionInfo::describe() const {
  std::string what;
  if (kind == "publication") {
    what = say("上次发布 ", "the last publication of ") + ref + say("（", " (") + published_at +
           say("，", ", ");
  } else if (kind == "git") {
    what = say("git 版本 ", "git revision ") + ref + say("（", " (") + git_commit.substr(0, 12) +
           say("，", ", ");
  } else {
    what = say("内容文件夹 ", "the content folder ") + ref + say("（", " (");
  }
  return what + say("内容版本 ", "content version ") + content_version + say("）", ")");
}

std::vector<ReportSection> change_sections(const ContentDiff& diff) {
  std::vector<ReportSection> sections;
  for (const CommunityChanges& g : diff.groups) {
    ReportSection s;
    s.heading = g.id.empty() ? g.name + say("（全街道）", " (street-wide)") : g.name;
    s.lines = lines_of(g.changes);
    if (!g.issues.empty()) s.lines.push_back(issues_line(g.issues));
    sections.push_back(std::move(s));
  }
  return sections;
}

std::vector<ReportSection> reprint_sections(const Reprint& r) {
  std::vector<ReportSection> sections;
  const auto add = [&](std::string heading, std::vector<std::string> lines) {
    if (lines.empty()) lines.push_back(say("无", "none"));
    sections.push_back({std::move(heading), std::move(lines)});
  };
  add(say("需重印的公示牌（", "Notice boards to reprint (") +
          std::to_string(count(r.boards, false)) + say("）", ")"),
      by_community(r.boards, false));
  add(say("需重印的联户卡（", "Contact card sheets to reprint (") +
          std::to_string(count(r.cards, false)) + say("）", ")"),
      by_community(r.cards, false));
  if (count(r.boards, true) > 0)
    add(say("需撤下的公示牌（楼栋已不在用）", "Boards to take down (buildings no longer in use)"),
        by_community(r.boards, true));
  add(say("楼道自助屏", "Lobby kiosks"),
      {r.kiosk_changed() ? say("数据有变化：发布后自助屏会自动更新",
                               "the data changes: kiosks update after publishing")
                         : say("数据没有变化", "the data does not change")});
  return sections;
}

std::string report_text(const DiffReport& report) {
  std::string out = say("对比：", "Comparing: ") + report.after.describe() + "\n" +
                    say("基准：", "With: ") + report.before.describe() + "\n\n";
  if (report.changes.empty()) out += say("内容没有变化。\n", "Nothing changed.\n");
  for (const ReportSection& s : change_sections(report.changes)) {
    out += say("【", "[") + s.heading + say("】", "]") + "\n";
    for (const std::string& line : s.lines) out += "  · " + line + "\n";
  }
  out += "\n";
  for (const ReportSection& s : reprint_sections(report.reprint)) {
    out += s.heading + "\n";
    for (const std::string& line : s.lines) out += "  " + line + "\n";
  }
  return out;
}

std::string report_json(const DiffReport& report) {
  ordered_json changes = ordered_json::array();
  for (const CommunityChanges& g : report.changes.groups) {
    ordered_json items = ordered_json::array();
    for (const EntityChange& c : g.changes) {
      ordered_json item{{"collection", c.collection},
                        {"change", kind_key(c.kind)},
                        {"id", c.id},
                        {"name", c.name}};
      if (c.kind == Kind::retired) {
        item["status"] = c.status;
        item["date"] = c.status_date.empty() ? ordered_json(nullptr) : ordered_json(c.status_date);
      }
      if (c.kind == Kind::changed) {
        ordered_json fields = ordered_json::array();
        for (const FieldChange& f : c.fields) {
          ordered_json field{{"key", f.key}, {"label", f.label}};
          if (f.text) {
            field["text"] = true;
          } else {
            field["before"] = f.before;
            field["after"] = f.after;
          }
          fields.push_back(std::move(field));
        }
        item["fields"] = std::move(fields);
      }
      items.push_back(std::move(item));
    }
    changes.push_back({{"community", g.id.empty() ? ordered_json(nullptr) : ordered_json(g.id)},
                       {"name", g.name},
                       {"items", std::move(items)},
                       {"issues",
                        {{"added", g.issues.added},
                         {"removed", g.issues.removed},
                         {"closed", g.issues.closed},
                         {"changed", g.issues.changed}}}});
  }
  const Reprint& r = report.reprint;
  ordered_json j{
      {"format", 1},
      {"before", version_json(report.before)},
      {"after", version_json(report.after)},
      {"changes", std::move(changes)},
      {"reprint",
       {{"boards", reprint_items_json(r.boards)}, {"cards", reprint_items_json(r.cards)}}},
      {"kiosk",
       {{"changed", r.kiosk_changed()}, {"before", r.kiosk_before}, {"after", r.kiosk_after}}}};
  return j.dump(2) + "\n";
}

}  // namespace hgj
