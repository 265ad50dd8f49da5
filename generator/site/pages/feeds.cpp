#include "site/pages/feeds.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>

#include "site/pages/json_writer.h"
#include "site/pages/markdown.h"
#include "site/pages/page_data.h"
#include "site/pages/search_key.h"
#include "site/pages/stats.h"
#include "site/pages/urls.h"
#include "site/templates/escape.h"

namespace hgj::site {

namespace {

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

// A compact JSON array of the records in `range`, each written by write(w, x), and a
// newline. Room for the whole array is reserved once the first records show their size:
// growing a 40 MB string by doubling touches three times its size in fresh memory, and
// fresh pages are what costs on these machines; reserved, it is touched once.
template <typename Range, typename Write>
std::string json_array(const Range& range, Write write) {
  constexpr std::size_t sample = 64;
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  std::size_t done = 0;
  for (const auto& x : range) {
    write(w, x);
    if (++done == sample) out.reserve(out.size() / sample * std::size(range) * 3 / 2 + 64);
  }
  w.end_array();
  out += '\n';
  return out;
}

void phone_or_null(JsonWriter& w, const std::optional<Phone>& p) {
  if (p) {
    w.string(p->display);
  } else {
    w.null();
  }
}

// A count, or null when it is not known (zero).
void count_or_null(JsonWriter& w, int n) {
  if (n > 0) {
    w.number(n);
  } else {
    w.null();
  }
}

// The steps in the order of their keys, as a JSON object sorts them.
const std::vector<Step>& steps_by_key() {
  static const std::vector<Step> steps = [] {
    std::vector<Step> all;
    for (int i = 0; i < step_count; ++i) all.push_back(static_cast<Step>(i));
    std::sort(all.begin(), all.end(), [](Step a, Step b) { return step_key(a) < step_key(b); });
    return all;
  }();
  return steps;
}

}  // namespace

std::string atom_feed(const SiteIndex& s, const std::string& feed_title) {
  const Content& c = *s.content;
  const std::string home = absolute_url(s.base_url, notices_path());
  std::string updated = s.content->notices.empty()
                            ? rfc3339(s, s.today)
                            : rfc3339(s, c.notices.front().date);  // notices are newest first
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + xml_escape(c.site.language) +
         "\">\n";
  out += "<title>" + xml_escape(feed_title) + "</title>\n";
  out += "<id>" + xml_escape(home) + "</id>\n";
  out += "<link rel=\"self\" href=\"" + xml_escape(absolute_url(s.base_url, "notices.atom")) +
         "\"/>\n";
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(home) + "\"/>\n";
  out += "<updated>" + updated + "</updated>\n";
  out += "<author><name>" + xml_escape(c.site.street.empty() ? c.site.title : c.site.street) +
         "</name></author>\n";
  for (const Notice& n : c.notices) {
    if (!s.notice_started(n)) continue;  // published when it starts, not before
    const std::string url = absolute_url(s.base_url, notice_path(n.id));
    out += "<entry>\n";
    out += "<title>" + xml_escape(n.title) + "</title>\n";
    out += "<id>" + xml_escape(url) + "</id>\n";
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(url) + "\"/>\n";
    out += "<published>" + rfc3339(s, n.date) + "</published>\n";
    out += "<updated>" + rfc3339(s, n.date) + "</updated>\n";
    out +=
        "<summary>" + xml_escape(utf8_prefix(markdown_to_text(n.body.text), 600)) + "</summary>\n";
    out += "<content type=\"html\">" + xml_escape(body_html(n.body)) + "</content>\n";
    out += "</entry>\n";
  }
  out += "</feed>\n";
  return out;
}

std::string sitemap_xml(const SiteIndex& s, const std::vector<std::string>& paths) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
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

// The records' keys are written in sorted order, as json::dump has them (json_writer.h).
std::string stewards_json(const SiteIndex& s) {
  return json_array(s.content->stewards, [](JsonWriter& w, const Steward& st) {
    w.begin_object().key("buildings").begin_array();
    for (const BuildingRef& ref : st.buildings) {
      w.begin_object().key("building").string(ref.building);
      if (!ref.whole_building())
        w.key("units").begin_array().number(ref.first_unit).number(ref.last_unit).end_array();
      w.end_object();
    }
    w.end_array().key("honors").begin_array();
    for (const std::string& honor : st.honors) w.string(honor);
    w.end_array().key("id").string(st.id).key("name").string(st.name);
    w.key("office_hours").string_or_null(st.office_hours);
    w.key("party_member").boolean(st.party_member).key("phone");
    phone_or_null(w, st.phone);
    w.key("role").string_or_null(st.role);
    w.key("since").string_or_null(st.since ? st.since->iso()
                                           : std::string());  // never empty when set
    w.key("url").string(steward_path(st.id)).end_object();
  });
}

std::string buildings_json(const SiteIndex& s) {
  return json_array(s.content->buildings, [&s](JsonWriter& w, const Building& b) {
    w.begin_object().key("address").string_or_null(b.address).key("community").string(b.community);
    w.key("grid").string_or_null(b.grid).key("households");
    count_or_null(w, b.households);
    w.key("id").string(b.id).key("name").string(b.name).key("property").string_or_null(b.property);
    w.key("property_phone");
    phone_or_null(w, b.property_phone);
    w.key("stewards").begin_array();
    for (const Steward* st : s.content->stewards_of_building(b.id)) w.string(st->id);
    w.end_array().key("units");
    count_or_null(w, b.units);
    w.key("url").string(building_path(b.id)).end_object();
  });
}

std::string issues_json(const SiteIndex& s) {
  return json_array(s.content->issues, [&s](JsonWriter& w, const Issue& issue) {
    const bool shown = !s.content->site.is_private_category(issue.category);
    w.begin_object().key("building").string(issue.building).key("category").string(issue.category);
    // One who left is not named here (the pages say 原红管家): handled_by names a steward
    // in stewards.json or nobody.
    const bool serving = s.content->steward(issue.handled_by) != nullptr;
    w.key("handled_by").string_or_null(serving ? issue.handled_by : std::string());
    w.key("id").string(issue.id);
    w.key("level").string_or_null(issue.level).key("outcome").string(outcome_key(issue.outcome));
    w.key("reopened").number(issue.reopened);
    if (shown) w.key("resolution").string_or_null(issue.resolution);
    w.key("satisfaction").string_or_null(issue.satisfaction).key("steps").begin_object();
    for (Step step : steps_by_key()) {
      if (issue.step(step)) w.key(step_key(step)).string(issue.step(step)->iso());
    }
    w.end_object();
    if (shown) w.key("title").string_or_null(issue.title);
    // An issue of a building pulled down or merged has no page of its own to point to.
    if (s.content->building(issue.building) != nullptr) {
      w.key("url").string(building_path(issue.building, std::max(1, s.issue_page(issue))) + "#" +
                          issue_anchor(issue.id));
    } else {
      w.key("url").null();
    }
    w.end_object();
  });
}

std::string search_json(const SiteIndex& s) {
  return json_array(s.content->buildings, [&s](JsonWriter& w, const Building& b) {
    const Community* c = s.content->community(b.community);
    const std::string& community = c ? c->name : b.community;
    w.begin_object().key("a").string(b.address).key("c").string(community);
    w.key("k").string(search_haystack(b.name, b.address, community));
    w.key("n").string(b.name).key("u").string(building_path(b.id)).end_object();
  });
}

}  // namespace hgj::site
