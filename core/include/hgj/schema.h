// The fields of each collection: English key, Chinese column labels and whether it is
// required. CSV headers and TOML keys are matched against these; anything else is
// either private (`private_`/`_` prefix) or unknown.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hgj {

// The longest a field may be before `hgj check` warns, in characters (code points, as
// staff count them: 王建国 is 3), sized so the text fits a board and a lobby screen.
// 0: no limit (ids, dates and references are checked by their own rules).
// Listed for staff in docs/content.md.
using CharLimit = std::size_t;

// The longest Markdown body read, in bytes: far above any real page (the demo's longest
// is 1.6 KB), and low enough that Debian's cmark 0.30.2, quadratic on inputs such as
// "![[]()" repeated (CVE-2023-22486), converts the worst body known in 0.14 s, where
// 480 KB took 38-61 s. A longer body is an error, and no parser sees it.
inline constexpr std::size_t max_body_bytes = 64 * 1024;

struct FieldSpec {
  std::string key;                  // found_on
  std::vector<std::string> labels;  // 巡查日期 (the first is used in messages)
  CharLimit max_chars = 0;
};

struct CollectionSpec {
  std::string name;      // stewards: the folder content/stewards/ and table stewards.csv
  std::string singular;  // steward, used in English messages ("is not a known steward")
  std::string chinese;   // 红管家, what Chinese messages call one of them
  std::vector<FieldSpec> fields;
  CharLimit body_max_chars = 0;  // the Markdown body, where a board or screen shows it

  // The spec's field for a CSV header or TOML key (English key case-insensitively, or
  // a Chinese label), or nullptr.
  const FieldSpec* find(std::string_view header) const;
  const FieldSpec& field(std::string_view key) const;  // REQUIRES: key exists
};

// Every collection, in loading order (each may refer only to earlier ones).
const std::vector<CollectionSpec>& collection_specs();
const CollectionSpec& collection_spec(std::string_view name);
// Their names, in that order.
std::vector<std::string> collection_names();

// The sheet name a staff ledger gives the collection's table (社区, 网格, 楼栋, 红管家,
// 问题台账, 屏幕), or empty for a collection kept in Markdown files. A workbook's sheet is
// read as the collection's table under this name or the English one.
std::string_view ledger_sheet_name(std::string_view collection);

// `private_身份证号`, `_举报人`: loaded for validation only, never published.
bool is_private_field(std::string_view key);

}  // namespace hgj
