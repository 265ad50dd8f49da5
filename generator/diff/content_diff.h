// What changed between two versions of a content folder, as a person reads it: the
// loaded models compared entity by entity and field by field (never the files), grouped
// by community. Only what the site shows is compared: the model holds no private
// (`private_`, `_`) field and no reporter, so no change can name one.
#pragma once

#include <string>
#include <vector>

#include "hgj/model.h"

namespace hgj {

// One field of an entity as the site shows it (a phone grouped, a date as YYYY-MM-DD).
struct FieldChange {
  std::string key;    // phone
  std::string label;  // 电话: the collection spec's first label (hgj/schema.h)
  std::string before, after;
  bool text = false;  // a Markdown body or long text: said to have changed, not quoted
};

struct EntityChange {
  enum class Kind { added, removed, changed, retired };
  Kind kind = Kind::changed;
  std::string collection;  // stewards, buildings, … (schema.h names), or "site"
  std::string id;
  std::string name;
  std::string status;               // retired: 离任, 拆除 or 合并
  std::string status_date;          // retired stewards: 离任日期, may be empty
  std::vector<FieldChange> fields;  // changed: only the fields that differ
};

// The issue ledger's movement in one community: counts only, since an issue row is
// told by its building and dates, never by who reported it.
struct IssueCounts {
  int added = 0;
  int removed = 0;
  int closed = 0;   // 销号 since the earlier version (added ones included)
  int changed = 0;  // other updates to rows that were there
  bool empty() const { return added == 0 && removed == 0 && closed == 0 && changed == 0; }
};

struct CommunityChanges {
  std::string id;    // empty: the whole street (site settings, duty schemes, street-wide items)
  std::string name;  // 天平巷社区, or the street's name
  std::vector<EntityChange> changes;
  IssueCounts issues;
};

struct ContentDiff {
  // The street first, then communities in the readers' order of the newer version
  // (then those only the earlier one has). Groups without changes are left out.
  std::vector<CommunityChanges> groups;
  bool empty() const { return groups.empty(); }
};

ContentDiff diff_content(const Content& before, const Content& after);

// 红管家, 楼栋 …: what one of a collection is called, in the run's language.
std::string collection_noun(const std::string& collection);

}  // namespace hgj
