#include "fleet/fleet_table.h"

#include <algorithm>
#include <map>

#include "hgj/pairing.h"

namespace hgj {

const char* state_key(ScreenState s) {
  switch (s) {
    case ScreenState::silent:
      return "silent";
    case ScreenState::never:
      return "never";
    case ScreenState::behind:
      return "behind";
    case ScreenState::alive:
      return "alive";
    case ScreenState::unknown:
      return "unknown";
  }
  return "";
}

bool waiting_to_pair(const FleetRow& row) {
  return row.state == ScreenState::unknown && row.status && row.status->state == "pairing";
}

namespace {

int rank(ScreenState s) {
  switch (s) {
    case ScreenState::silent:
    case ScreenState::never:
      return 0;
    case ScreenState::behind:
      return 1;
    case ScreenState::alive:
      return 2;
    case ScreenState::unknown:
      return 3;
  }
  return 3;
}

}  // namespace

FleetTable make_fleet_table(const Content& content, const StatusFolder& folder, Instant published,
                            Instant now, Instant silent_after_seconds) {
  FleetTable t;
  t.now = now;
  t.published = published;
  t.silent_after_seconds = silent_after_seconds;
  t.problems = folder.problems;
  // The newest report per screen id: a screen renamed by its file keeps one row.
  std::map<std::string, const ScreenReport*> latest;
  for (const ScreenReport& s : folder.screens) {
    const ScreenReport*& at = latest[s.screen];
    if (!at || s.sent_at > at->sent_at) at = &s;
  }
  const auto judge = [&](FleetRow& row) {
    if (!row.status) return;
    if (now - row.status->sent_at > silent_after_seconds)
      row.state = ScreenState::silent;
    else if (published > 0 && row.status->bundle_generated_at < published)
      row.state = ScreenState::behind;
    else
      row.state = ScreenState::alive;
  };
  std::vector<std::size_t> position;  // screens.csv's order, for the sort below
  for (const Screen& screen : content.screens) {
    FleetRow row;
    row.screen = screen.id;
    row.building = screen.building;
    row.note = screen.note;
    // The id a screen reports under, or its pairing code as staff wrote it (hgj/pairing.h).
    auto it = latest.find(screen.id);
    if (it == latest.end() && normalize_pairing_code(screen.id))
      it = std::find_if(latest.begin(), latest.end(), [&screen](const auto& entry) {
        return names_screen(screen.id, entry.first);
      });
    if (it != latest.end()) {
      row.status = *it->second;
      row.building_differs =
          !it->second->building.empty() && it->second->building != screen.building;
      latest.erase(it);
    }
    judge(row);
    t.rows.push_back(std::move(row));
  }
  for (const auto& [id, status] : latest) {
    FleetRow row;
    row.screen = id;
    row.building = status->building;
    row.status = *status;
    row.state = ScreenState::unknown;
    t.rows.push_back(std::move(row));
  }
  // Stable: within a group the order above (screens.csv's, then unknown ids) stays.
  std::stable_sort(t.rows.begin(), t.rows.end(), [](const FleetRow& a, const FleetRow& b) {
    if (rank(a.state) != rank(b.state)) return rank(a.state) < rank(b.state);
    if (a.state == ScreenState::never || b.state == ScreenState::never) {
      if (a.state != b.state)
        return b.state == ScreenState::never;  // heard once, then silent: first
      return false;
    }
    if (a.state == ScreenState::silent) return a.status->sent_at < b.status->sent_at;
    return false;
  });
  return t;
}

}  // namespace hgj
