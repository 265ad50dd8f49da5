// The kiosk bundle: the public data a lobby screen shows, as the generator writes it
// (public/kiosk/) and the kiosk reads it. A bundle is a folder:
//   manifest.json  format version, generated_at, and every other file with its SHA-256
//   bundle.json    the data below, public fields only
//   images/…       steward photos (JPEG, ≤ 600 px tall) and WeChat group QR codes
// read_bundle() accepts a folder only when the manifest, every hash and the schema check
// out, so a kiosk never swaps in half a bundle. The format is described in
// docs/kiosk-bundle.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hgj/bundle_signature.h"
#include "hgj/model.h"
#include "hgj/recurrence.h"
#include "hgj/values.h"

namespace hgj {

// Bumped on any change a reader of the previous version would misread.
inline constexpr int bundle_format_version = 1;

// The site-wide settings a kiosk needs.
struct BundleSite {
  std::string title;
  std::string street;
  std::string district;
  std::optional<Phone> hotline;             // display "0570-0000100", digits for tel:
  std::string timezone = default_timezone;  // IANA name; TimeZone::make() it
  std::string language = "zh-CN";
  std::string base_url;     // no trailing slash
  std::string duty_scheme;  // default scheme id, may be empty
  KioskSettings kiosk;
};

struct BundleCommunity {
  std::string id;
  std::string name;
  std::string party_secretary;
  std::string address;
  std::optional<Phone> phone;
  std::string office_hours;
  std::string duty_scheme;  // empty: the site's
};

struct BundleGrid {
  std::string id;
  std::string name;
  std::string community;
  std::string leader;
  std::optional<Phone> leader_phone;
  std::string worker;
  std::optional<Phone> worker_phone;
};

// A closed issue as a lobby may show it. For a private category (邻里纠纷) title and
// resolution are empty and private_category is true. Never a reporter.
struct BundleIssue {
  std::string id;
  std::string category;
  bool private_category = false;
  std::string title;       // empty for private categories
  std::string resolution;  // empty for private categories
  Date closed_on;
  std::string level;          // 楼道 网格 社区 街道, may be empty
  std::string outcome;        // resolved referred duplicate unable
  std::string outcome_label;  // 已解决 已转办 重复 无法解决
  std::string steward;        // id of the steward who handled it, may be empty
  std::string steward_name;   // may be empty
};

struct BundleBuilding {
  std::string id;
  std::string name;
  std::string community;
  std::string grid;  // may be empty
  std::string address;
  int units = 0;       // 0: not given
  int households = 0;  // 0: not given
  std::string property;
  std::optional<Phone> property_phone;
  std::string url;  // the building's page on the site, for the QR code
  // Closed issues of this building, newest 销号 first, at most bundle_recent_issues.
  std::vector<BundleIssue> recent_issues;
};
inline constexpr int bundle_recent_issues = 10;

struct BundleSteward {
  std::string id;  // 编号
  std::string name;
  std::optional<Phone> phone;
  std::string role;
  bool party_member = false;
  std::vector<BuildingRef> buildings;  // with unit ranges
  std::optional<Date> since;
  std::vector<std::string> honors;  // "2018-11 月度服务之星"
  std::string office_hours;
  std::string intro;      // plain text (Markdown stripped), paragraphs separated by "\n\n"
  std::string photo;      // path inside the bundle ("images/steward-HF-001.jpg"), or empty
  std::string wechat_qr;  // path inside the bundle ("images/qr-dpb.png"), or empty
};

struct BundleDutyScheme {
  std::string id;
  std::string title;
  std::vector<DutyGroup> groups;
  std::string intro;  // plain text
};

// Events keep their rule: the kiosk calls next_occurrences(schedule, zone, now, n).
struct BundleEvent {
  std::string id;
  std::string title;
  std::string kind;                // 敲门日 议事会 巡逻 联席会议 活动
  std::vector<std::string> scope;  // community/building ids; empty = whole street
  std::string location;
  Schedule schedule;
  std::string text;  // plain-text description, may be empty
};

struct BundleNotice {
  std::string id;
  std::string title;
  Date date;
  std::optional<Date> expires;
  std::vector<std::string> scope;
  bool pinned = false;
  bool urgent = false;            // 紧急: first, marked
  std::optional<DateTime> start;  // not current before it (the site's local time)
  std::string text;               // plain-text body
};

// Which screen stands where (operator data): a kiosk finds its row by its id or pairing
// code (hgj/pairing.h) and takes its building, night schedule and orientation.
struct BundleScreen {
  std::string id;
  std::string building;
  std::string orientation;  // landscape | portrait | empty
  std::string size;         // "1920x1080" | empty
  std::string night_from;   // "23:00" | empty
  std::string night_until;
  std::string note;
};
// The strings.toml keys a bundle carries for the kiosk.
const std::vector<std::string>& bundle_string_keys();

// Collections are in Content's order: communities, grids, buildings and stewards in the
// readers' order (hgj/order.h), the rest by id, notices by date (newest first).
struct Bundle {
  int format_version = bundle_format_version;
  Instant generated_at = 0;
  BundleSite site;
  std::vector<BundleCommunity> communities;
  std::vector<BundleGrid> grids;
  std::vector<BundleBuilding> buildings;
  std::vector<BundleSteward> stewards;
  std::vector<BundleDutyScheme> duties;
  std::vector<BundleEvent> events;
  std::vector<BundleNotice> notices;
  std::vector<BundleScreen> screens;  // by id
  // The words the kiosk prints (bundle_string_keys()), from the strings.toml of the theme
  // `hgj bundle` resolves, over the default theme's: the street's wording reaches every
  // kiosk with its data, offline. Empty in bundles made before it existed.
  std::map<std::string, std::string> strings;

  // The text of a strings key; empty when the bundle lacks it.
  const std::string& word(const std::string& key) const;

  // Lookups (linear; a bundle holds one street). nullptr when absent.
  const BundleCommunity* community(std::string_view id) const;
  const BundleGrid* grid(std::string_view id) const;
  const BundleBuilding* building(std::string_view id) const;
  const BundleSteward* steward(std::string_view id) const;
  const BundleDutyScheme* duty_scheme(std::string_view id) const;

  // Stewards serving any unit of a building: by the first unit they serve there, then in
  // the bundle's (the readers') order (hgj/order.h).
  std::vector<const BundleSteward*> stewards_of_building(std::string_view building_id) const;
  std::vector<const BundleBuilding*> buildings_of_community(std::string_view community_id) const;
  // Its community's scheme, else the site's; nullptr when neither is set.
  const BundleDutyScheme* duty_scheme_for_building(std::string_view building_id) const;
  // Whether a scope (community/building ids; empty = everywhere) covers a building.
  bool scope_covers(const std::vector<std::string>& scope, const BundleBuilding& b) const;
  std::vector<const BundleEvent*> events_for_building(const BundleBuilding& b) const;
  // Notices covering the building that are current at `at` in `zone` (notice_current,
  // model.h): urgent first, then pinned, then newest first.
  std::vector<const BundleNotice*> notices_for_building(const BundleBuilding& b,
                                                        const TimeZone& zone, Instant at) const;
};

// One file a manifest lists: a relative path with '/' separators inside the bundle.
struct ManifestEntry {
  std::string path;
  std::string sha256;  // 64 lowercase hex digits
  std::uint64_t bytes = 0;
};

struct Manifest {
  int format_version = bundle_format_version;
  Instant generated_at = 0;
  std::string generated_at_iso;      // "2026-11-23T08:00:00Z"
  std::vector<ManifestEntry> files;  // sorted by path
};

// Why a bundle was rejected: a kind for programs and a one-line message for people,
// "bundle.json: site.title: expected a string, got number".
struct BundleError {
  enum class Kind {
    none,
    io,               // a folder or file could not be read
    missing,          // manifest.json or a listed file does not exist
    corrupt,          // not valid JSON (truncated, garbage)
    version,          // format_version is not bundle_format_version
    unsafe_path,      // a listed path is absolute, has "..", or leaves the folder
    hash_mismatch,    // a file's size or SHA-256 differs from the manifest
    schema,           // valid JSON with a missing key or a wrong type
    not_image,        // a file other than bundle.json is not a JPEG or PNG (by its bytes)
    unsigned_bundle,  // manifest.json carries no signature
    unknown_key,      // signed by a key the reader does not trust
    bad_signature,    // the signature does not match the manifest
    too_large,        // a file or the whole bundle is above the reader's caps
  };
  Kind kind = Kind::none;
  std::string message;
  explicit operator bool() const { return kind != Kind::none; }
};

// The file names inside a bundle folder.
inline constexpr const char* bundle_manifest_file = "manifest.json";
inline constexpr const char* bundle_data_file = "bundle.json";
// Beside the manifest, outside it (not signed, not trusted for content): the urgent
// notices a bundle carries, polled by screens far more often than the manifest so an
// urgent notice is on every screen within a minute; a change only makes a screen sync.
inline constexpr const char* bundle_urgent_file = "urgent.json";

// Absolute caps a kiosk puts on a bundle, checked against the manifest's sizes before
// anything is downloaded (and again while downloading: the manifest is signed, the
// server's lengths are not). Measured at city scale (bench/make_dataset --scale 1:
// 5,000 buildings, 10,000 stewards): bundle.json 31 MB, the whole bundle 39 MB; with a
// real 600 px photo (~90 KB) for every steward ~0.93 GB (docs/kiosk-bundle.md).
struct BundleLimits {
  std::uint64_t max_file_bytes = std::uint64_t{128} << 20;  // 4× a city's bundle.json
  std::uint64_t max_total_bytes = std::uint64_t{1} << 30;   // a city with every photo
};

// What a reader trusts: the public keys whose signatures it accepts, whether an
// unsigned manifest is let through (tests, demos: --insecure-unsigned; a manifest signed
// by an unknown key or wrongly is refused even then), and the caps.
struct BundleTrust {
  std::vector<PublicKey> keys;
  bool allow_unsigned = false;
  BundleLimits limits;
};

// The manifest's signature and sizes against `trust`; `manifest_json` is the text
// `manifest` was parsed from. Sets `error` (unsigned_bundle, unknown_key, bad_signature,
// too_large) and returns false when refused.
bool check_manifest_trust(std::string_view manifest_json, const Manifest& manifest,
                          const BundleTrust& trust, BundleError& error);

// Reads and checks a bundle folder: manifest.json (format version; every listed path
// safe, present, of the listed size and SHA-256; bundle.json listed), then bundle.json
// against the schema; every listed file but bundle.json must be a JPEG or PNG by its
// first bytes (and by its name's extension). Files the manifest does not list are
// ignored. On failure returns nullopt and sets `error` / `why`.
// These two do not look at the signature: kiosks pass a BundleTrust (below).
std::optional<Bundle> read_bundle(const std::filesystem::path& dir, BundleError& error);
std::optional<Bundle> read_bundle(const std::filesystem::path& dir, std::string& why);
// The same, and first check_manifest_trust(): what a kiosk shows goes through this.
std::optional<Bundle> read_bundle(const std::filesystem::path& dir, const BundleTrust& trust,
                                  BundleError& error);

// Only the manifest part of read_bundle(): the folder matches its manifest.
bool verify_manifest(const std::filesystem::path& dir, BundleError& error);
bool verify_manifest(const std::filesystem::path& dir, std::string& why);

// The pieces, for syncing over HTTP (fetch manifest.json, then each listed file) and
// for tests. Parsing checks JSON, schema and version; not files.
std::optional<Manifest> parse_manifest(std::string_view json, BundleError& error);
std::optional<Bundle> parse_bundle(std::string_view json, BundleError& error);
// A manifest path is safe when relative, '/'-separated, without "." / ".." / empty
// components, backslashes or NUL, and not manifest.json itself.
bool is_safe_bundle_path(std::string_view path);

// Serialisation, deterministic (sorted keys, two-space indent, trailing newline).
std::string bundle_to_json(const Bundle& bundle);
std::string manifest_to_json(const Manifest& manifest);
// Lists and hashes every file under `dir` except manifest.json and urgent.json, sorted by path.
// Throws std::filesystem::filesystem_error / std::runtime_error on I/O failure.
Manifest make_manifest(const std::filesystem::path& dir, Instant generated_at);

// One urgent notice as urgent.json names it: id, start (DateTime text or "") and
// expires (ISO date or "").
struct UrgentMark {
  std::string id, start, expires;
  bool operator==(const UrgentMark&) const = default;
};
// The urgent notices a bundle carries, in its order.
std::vector<UrgentMark> urgent_marks(const Bundle& bundle);
// urgent.json: {"generated_at": "…Z", "urgent": [{"id", "start", "expires"}…]}.
std::string urgent_to_json(const Bundle& bundle);
// The marks urgent.json names; nullopt when it is not such a document.
std::optional<std::vector<UrgentMark>> parse_urgent(std::string_view text);

// "2026-11-23T08:00:00Z" for an instant (UTC).
std::string iso8601_utc(Instant t);

}  // namespace hgj
