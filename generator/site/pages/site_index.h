// The assemble stage of `hgj build`: what the site's pages need beyond the content
// model, computed once before rendering — issue lists sorted newest first and split into
// pages, category slugs, monthly logs, current notices, each event's next occurrence.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "hgj/model.h"
#include "hgj/recurrence.h"

namespace hgj::site {

struct SiteIndex {
  const Content* content = nullptr;
  Instant now = 0;
  Date today;
  int minute = 0;  // of the day, in the site's time zone
  TimeZone zone;
  std::string base_url;       // no trailing slash
  bool print_boards = false;  // the build writes print/boards/<building>.{pdf,html}

  // The site's categories, then any an issue uses that the list lacks; slugs c01, c02 …
  std::vector<std::string> categories;
  std::map<std::string, std::string> category_slugs;
  std::map<std::string, std::vector<const Issue*>> issues_by_category;  // newest first
  std::map<std::string, std::vector<const Issue*>> issues_by_building;  // newest first
  // The page of its building's history each issue is on, by its place in content->issues
  // (a vector, not a table by id: every issue row reads it).
  std::vector<int> issue_pages;
  // community id → YYYY-MM → issues first seen that month (oldest first).
  std::map<std::string, std::map<std::string, std::vector<const Issue*>>> community_months;
  // current (notice_current, model.h); urgent first, then pinned, then newest
  std::vector<const Notice*> current_notices;
  std::map<std::string, std::optional<Occurrence>> next_occurrence;  // by event id
  // Events that will happen again, soonest next occurrence first (ties by id).
  std::vector<const Event*> upcoming;
  // building id → the soonest 敲门日 covering it, as {occurrence, event's index in
  // content.events} (the earlier event wins a tie). Steward cards name it.
  std::unordered_map<std::string, std::pair<Occurrence, std::size_t>> next_knock;

  const std::string& slug_of(const std::string& category) const;
  // The page of its building's history that lists `issue` (one of content->issues), or 0
  // for an issue from elsewhere.
  int issue_page(const Issue& issue) const;
  bool notice_current(const Notice& n) const {
    return hgj::notice_current(n.start, n.expires, today, minute);
  }
  // Whether its start (if any) has come: one still ahead is on no page, list or feed.
  bool notice_started(const Notice& n) const {
    return hgj::notice_current(n.start, std::nullopt, today, minute);
  }
  // Past its expiry day: listed among past notices (one not yet started is nowhere).
  bool notice_expired(const Notice& n) const { return n.expires && *n.expires < today; }
};

// Newest first: by the first step date, later first; ties by id.
bool issue_newer(const Issue* a, const Issue* b);

SiteIndex assemble(const Content& content, Instant now, const TimeZone& zone,
                   const std::string& base_url);

}  // namespace hgj::site
