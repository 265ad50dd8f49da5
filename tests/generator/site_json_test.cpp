// The site's JSON files are written field by field (site/pages/json_writer.h); these tests pin
// that the bytes are what nlohmann's json::dump makes of the same records.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "hgj/loader.h"
#include "site/pages/feeds.h"
#include "site/pages/json_writer.h"
#include "site/pages/search_key.h"
#include "site/pages/site_index.h"
#include "site/pages/urls.h"

using namespace hgj;
using namespace hgj::site;
using json = nlohmann::json;

namespace {

std::string dumped(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Text that needs every kind of escaping, and bytes that are not UTF-8.
const std::vector<std::string> awkward = {
    "",
    "plain",
    "红管家 王建国",
    "say \"hi\"",
    "back\\slash",
    "tab\there\nnew line\r",
    std::string("nul\0byte", 8),
    "\x01\x1f\x7f",
    "bad \xff byte",
    "cut \xe7\xba",
    "/slash/",
    "emoji 😀",
    "\b\f\x0b\x1e",
    "overlong \xc0\xaf and \xe0\x80\xaf",
    "surrogate \xed\xa0\x80",
    "past U+10FFFF \xf4\x90\x80\x80",
    "lone continuation \x80 and \xbf",
};

// The JSON files as they were made before json_writer.h: one nlohmann object per record.
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json phone_or_null(const std::optional<Phone>& p) { return p ? json(p->display) : json(nullptr); }

template <typename Range, typename Item>
std::string reference_array(const Range& range, Item item) {
  std::string out = "[";
  for (const auto& x : range) {
    if (out.size() > 1) out += ',';
    out += dumped(item(x));
  }
  return out + "]\n";
}

std::string reference_stewards(const SiteIndex& s) {
  return reference_array(s.content->stewards, [](const Steward& st) {
    json buildings = json::array();
    for (const BuildingRef& ref : st.buildings) {
      json b = {{"building", ref.building}};
      if (!ref.whole_building()) b["units"] = {ref.first_unit, ref.last_unit};
      buildings.push_back(std::move(b));
    }
    return json{{"id", st.id},
                {"name", st.name},
                {"phone", phone_or_null(st.phone)},
                {"party_member", st.party_member},
                {"role", text_or_null(st.role)},
                {"buildings", std::move(buildings)},
                {"since", st.since ? json(st.since->iso()) : json(nullptr)},
                {"honors", st.honors},
                {"office_hours", text_or_null(st.office_hours)},
                {"url", steward_path(st.id)}};
  });
}

std::string reference_buildings(const SiteIndex& s) {
  return reference_array(s.content->buildings, [&s](const Building& b) {
    json stewards = json::array();
    for (const Steward* st : s.content->stewards_of_building(b.id)) stewards.push_back(st->id);
    return json{{"id", b.id},
                {"name", b.name},
                {"community", b.community},
                {"grid", text_or_null(b.grid)},
                {"address", text_or_null(b.address)},
                {"units", b.units > 0 ? json(b.units) : json(nullptr)},
                {"households", b.households > 0 ? json(b.households) : json(nullptr)},
                {"property", text_or_null(b.property)},
                {"property_phone", phone_or_null(b.property_phone)},
                {"stewards", std::move(stewards)},
                {"url", building_path(b.id)}};
  });
}

std::string reference_issues(const SiteIndex& s) {
  return reference_array(s.content->issues, [&s](const Issue& issue) {
    json steps = json::object();
    for (int i = 0; i < step_count; ++i) {
      if (issue.steps[i]) steps[step_key(static_cast<Step>(i))] = issue.steps[i]->iso();
    }
    const int page = s.issue_page(issue);
    json j = {{"id", issue.id},
              {"category", issue.category},
              {"building", issue.building},
              {"steps", std::move(steps)},
              {"level", text_or_null(issue.level)},
              {"outcome", outcome_key(issue.outcome)},
              {"handled_by", text_or_null(issue.handled_by)},
              {"satisfaction", text_or_null(issue.satisfaction)},
              {"reopened", issue.reopened},
              {"url", building_path(issue.building, page) + "#" + issue_anchor(issue.id)}};
    if (!s.content->site.is_private_category(issue.category)) {
      j["title"] = text_or_null(issue.title);
      j["resolution"] = text_or_null(issue.resolution);
    }
    return j;
  });
}

std::string reference_search(const SiteIndex& s) {
  return reference_array(s.content->buildings, [&s](const Building& b) {
    const Community* c = s.content->community(b.community);
    return json{{"n", b.name},
                {"c", c ? c->name : b.community},
                {"a", b.address},
                {"k", search_haystack(b.name, b.address, c ? c->name : b.community)},
                {"u", building_path(b.id)}};
  });
}

}  // namespace

TEST_CASE("JsonWriter writes what json::dump writes, escaping and bad UTF-8 included") {
  for (const std::string& text : awkward) {
    CAPTURE(text);
    std::string out;
    JsonWriter w(out);
    w.begin_object().key("a").string(text).key("b").string_or_null(text).key("c").begin_array();
    w.string(text).number(-12).number(0).boolean(true).boolean(false).null();
    w.begin_object().end_object().begin_array().end_array().end_array();
    w.key("d").begin_object().key("x").number(1234567890123LL).end_object().end_object();
    const json expected = {
        {"a", text},
        {"b", text.empty() ? json(nullptr) : json(text)},
        {"c", {text, -12, 0, true, false, nullptr, json::object(), json::array()}},
        {"d", {{"x", 1234567890123LL}}}};
    CHECK(out == dumped(expected));
  }
}

TEST_CASE("the site's JSON files are byte for byte what nlohmann objects made of them") {
  DiagnosticSink sink;
  LoadResult loaded = load_content(std::string(HGJ_SOURCE_DIR) + "/content", sink);
  REQUIRE(sink.error_count() == 0);
  Content& c = loaded.content;
  REQUIRE(c.issues.size() > 2);
  REQUIRE(c.stewards.size() > 2);
  // Awkward text in every kind of field, on top of the demo's own.
  for (std::size_t i = 0; i < awkward.size(); ++i) {
    Issue& issue = c.issues[i % c.issues.size()];
    (i % 2 ? issue.title : issue.resolution) = awkward[i];
    issue.satisfaction = awkward[(i + 1) % awkward.size()];
    issue.reopened = static_cast<int>(i);
    Steward& st = c.stewards[i % c.stewards.size()];
    st.role = awkward[i];
    st.honors.push_back(awkward[i]);
    Building& b = c.buildings[i % c.buildings.size()];
    b.address = awkward[i];
    b.property = awkward[(i + 2) % awkward.size()];
  }
  c.issues[1].steps[0].reset();  // a record without its first step
  const SiteIndex index = assemble(c, 1795000000, *TimeZone::make("Asia/Shanghai"), "");
  bool any_private = false;
  for (const Issue& issue : c.issues) any_private |= c.site.is_private_category(issue.category);
  CHECK(any_private);  // private issues leave out their title and resolution

  CHECK(stewards_json(index) == reference_stewards(index));
  CHECK(buildings_json(index) == reference_buildings(index));
  CHECK(issues_json(index) == reference_issues(index));
  CHECK(search_json(index) == reference_search(index));
  CHECK(json::parse(issues_json(index)).size() == c.issues.size());
}
