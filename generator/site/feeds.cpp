#include "site/feeds.h"

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <nlohmann/json.hpp>

#include "site/escape.h"
#include "site/markdown.h"
#include "site/page_data.h"
#include "site/stats.h"
#include "site/urls.h"

namespace hgj::site {

namespace {

using json = nlohmann::json;

// RFC 3339 for local midnight of a date in the site's zone: 2026-11-05T00:00:00+08:00.
std::string rfc3339(const SiteIndex& s, const Date& d) {
  const int offset = s.zone.offset_at(s.zone.to_instant(d, 0)) / 60;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT00:00:00%c%02d:%02d", d.iso().c_str(), offset < 0 ? '-' : '+',
                std::abs(offset) / 60, std::abs(offset) % 60);
  return buf;
}

// At most `max` bytes of UTF-8 text, cut on a character boundary.
std::string utf8_prefix(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  while (max > 0 && (static_cast<unsigned char>(text[max]) & 0xC0) == 0x80) --max;
  return text.substr(0, max) + "…";
}

// A compact JSON array of item(x) for each x, and a newline, one item in memory at a
// time: a city's 100,000 issues as one document tree cost more than writing them out.
//
// Room for the whole array is reserved once the first items show their size: growing a
// 40 MB string by doubling touches three times its size in fresh memory, and fresh
// pages are what costs on these machines; reserved, it is touched once.
template <typename Range, typename Item>
std::string dump_array(const Range& range, Item item) {
  constexpr std::size_t sample = 64;
  std::string out = "[";
  std::size_t done = 0;
  for (const auto& x : range) {
    if (done > 0) out += ',';
    out += item(x).dump(-1, ' ', false, json::error_handler_t::replace);
    if (++done == sample) out.reserve(out.size() / sample * std::size(range) * 3 / 2 + 64);
  }
  out += "]\n";
  return out;
}

json phone_json(const std::optional<Phone>& p) {
  return p ? json(p->display) : json(nullptr);
}

json text_json(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

std::string atom_feed(const SiteIndex& s, const std::string& feed_title) {
  const Content& c = *s.content;
  const std::string home = absolute_url(s.base_url, notices_path());
  std::string updated = s.content->notices.empty()
                            ? rfc3339(s, s.today)
                            : rfc3339(s, c.notices.front().date);  // notices are newest first
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + xml_escape(c.site.language) + "\">\n";
  out += "<title>" + xml_escape(feed_title) + "</title>\n";
  out += "<id>" + xml_escape(home) + "</id>\n";
  out += "<link rel=\"self\" href=\"" + xml_escape(absolute_url(s.base_url, "notices.atom")) + "\"/>\n";
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(home) + "\"/>\n";
  out += "<updated>" + updated + "</updated>\n";
  out += "<author><name>" + xml_escape(c.site.street.empty() ? c.site.title : c.site.street) + "</name></author>\n";
  for (const Notice& n : c.notices) {
    const std::string url = absolute_url(s.base_url, notice_path(n.id));
    out += "<entry>\n";
    out += "<title>" + xml_escape(n.title) + "</title>\n";
    out += "<id>" + xml_escape(url) + "</id>\n";
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(url) + "\"/>\n";
    out += "<published>" + rfc3339(s, n.date) + "</published>\n";
    out += "<updated>" + rfc3339(s, n.date) + "</updated>\n";
    out += "<summary>" + xml_escape(utf8_prefix(markdown_to_text(n.body.text), 600)) + "</summary>\n";
    out += "<content type=\"html\">" + xml_escape(body_html(n.body)) + "</content>\n";
    out += "</entry>\n";
  }
  out += "</feed>\n";
  return out;
}

std::string sitemap_xml(const SiteIndex& s, const std::vector<std::string>& paths) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const std::string& path : paths) {
    out += "<url><loc>" + xml_escape(absolute_url(s.base_url, path)) + "</loc></url>\n";
  }
  out += "</urlset>\n";
  return out;
}

std::string robots_txt(const SiteIndex& s) {
  return "User-agent: *\nAllow: /\nSitemap: " + absolute_url(s.base_url, "sitemap.xml") + "\n";
}

std::string stewards_json(const SiteIndex& s) {
  return dump_array(s.content->stewards, [](const Steward& st) {
    json buildings = json::array();
    for (const BuildingRef& ref : st.buildings) {
      json b = {{"building", ref.building}};
      if (!ref.whole_building()) b["units"] = {ref.first_unit, ref.last_unit};
      buildings.push_back(std::move(b));
    }
    return json{{"id", st.id},
                {"name", st.name},
                {"phone", phone_json(st.phone)},
                {"party_member", st.party_member},
                {"role", text_json(st.role)},
                {"buildings", std::move(buildings)},
                {"since", st.since ? json(st.since->iso()) : json(nullptr)},
                {"honors", st.honors},
                {"office_hours", text_json(st.office_hours)},
                {"url", steward_path(st.id)}};
  });
}

std::string buildings_json(const SiteIndex& s) {
  return dump_array(s.content->buildings, [&s](const Building& b) {
    json stewards = json::array();
    for (const Steward* st : s.content->stewards_of_building(b.id)) stewards.push_back(st->id);
    return json{{"id", b.id},
                {"name", b.name},
                {"community", b.community},
                {"grid", text_json(b.grid)},
                {"address", text_json(b.address)},
                {"units", b.units > 0 ? json(b.units) : json(nullptr)},
                {"households", b.households > 0 ? json(b.households) : json(nullptr)},
                {"property", text_json(b.property)},
                {"property_phone", phone_json(b.property_phone)},
                {"stewards", std::move(stewards)},
                {"url", building_path(b.id)}};
  });
}

std::string issues_json(const SiteIndex& s) {
  return dump_array(s.content->issues, [&s](const Issue& issue) {
    json steps = json::object();
    for (int i = 0; i < step_count; ++i) {
      if (issue.steps[i]) steps[step_key(static_cast<Step>(i))] = issue.steps[i]->iso();
    }
    auto page = s.issue_page.find(issue.id);
    json j = {{"id", issue.id},
              {"category", issue.category},
              {"building", issue.building},
              {"steps", std::move(steps)},
              {"level", text_json(issue.level)},
              {"outcome", outcome_key(issue.outcome)},
              {"handled_by", text_json(issue.handled_by)},
              {"satisfaction", text_json(issue.satisfaction)},
              {"reopened", issue.reopened},
              {"url", building_path(issue.building, page == s.issue_page.end() ? 1 : page->second) +
                          "#" + issue_anchor(issue.id)}};
    if (!s.content->site.is_private_category(issue.category)) {
      j["title"] = text_json(issue.title);
      j["resolution"] = text_json(issue.resolution);
    }
    return j;
  });
}

std::string search_json(const SiteIndex& s) {
  return dump_array(s.content->buildings, [&s](const Building& b) {
    const Community* c = s.content->community(b.community);
    return json{{"n", b.name},
                {"c", c ? c->name : b.community},
                {"a", b.address},
                {"u", building_path(b.id)}};
  });
}

}  // namespace hgj::site
