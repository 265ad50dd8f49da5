// Parsing bundle.json and manifest.json against the schema in docs/kiosk-bundle.md.
// Every complaint names the file and the JSON path of the offending value, e.g.
//   bundle.json: stewards[2].phone.digits: expected a string, got number
// The first problem wins: a kiosk logs one line and keeps its last good bundle.
#include <nlohmann/json.hpp>

#include "hgj/bundle.h"

namespace hgj {

namespace {

using json = nlohmann::json;

std::string describe(const json& value) {
  if (value.is_number_integer() || value.is_number_unsigned()) return "integer";
  if (value.is_number_float()) return "number";
  return value.type_name();
}

// Reads the keys of one JSON object, recording the first schema problem in `error`.
// After a problem every accessor returns a default, so callers read on and check
// failed() once.
class Reader {
 public:
  Reader(const json& object, std::string path, std::string file, BundleError& error)
      : object_(object), path_(std::move(path)), file_(std::move(file)), error_(error) {}

  bool failed() const { return static_cast<bool>(error_); }

  void fail(const std::string& key, const std::string& problem) {
    if (failed()) return;
    error_.kind = BundleError::Kind::schema;
    error_.message = file_ + ": " + where(key) + ": " + problem;
  }

  std::string where(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
  }

  // The value of a required key of the given kind, or nullptr (problem recorded).
  const json* get(const std::string& key, json::value_t kind, const char* wanted, bool nullable) {
    if (failed()) return nullptr;
    auto it = object_.find(key);
    if (it == object_.end()) {
      fail(key, "missing");
      return nullptr;
    }
    if (nullable && it->is_null()) return nullptr;
    const bool matches = kind == json::value_t::number_integer
                             ? (it->is_number_integer() || it->is_number_unsigned())
                             : it->type() == kind;
    if (!matches) {
      fail(key, std::string("expected ") + wanted + (nullable ? " or null" : "") + ", got " +
                    describe(*it));
      return nullptr;
    }
    return &*it;
  }

  std::string str(const std::string& key) {
    const json* v = get(key, json::value_t::string, "a string", false);
    return v ? v->get<std::string>() : std::string();
  }
  // Absent (when allowed) or null: nullopt.
  std::optional<std::string> opt_str(const std::string& key, bool may_be_absent = false) {
    if (may_be_absent && !object_.contains(key)) return std::nullopt;
    const json* v = get(key, json::value_t::string, "a string", true);
    if (!v) return std::nullopt;
    return v->get<std::string>();
  }
  std::int64_t integer(const std::string& key) {
    const json* v = get(key, json::value_t::number_integer, "an integer", false);
    return v ? v->get<std::int64_t>() : 0;
  }
  int count(const std::string& key) {
    const std::int64_t n = integer(key);
    if (n < 0 || n > 1'000'000)
      fail(key, "expected a count from 0 to 1000000, got " + std::to_string(n));
    return failed() ? 0 : static_cast<int>(n);
  }
  bool boolean(const std::string& key) {
    const json* v = get(key, json::value_t::boolean, "true or false", false);
    return v && v->get<bool>();
  }
  // Keys a bundle gained later (docs/kiosk-bundle.md): a bundle written before them still reads.
  bool has(const std::string& key) const { return object_.contains(key); }
  const json* array(const std::string& key) {
    return get(key, json::value_t::array, "an array", false);
  }
  const json* object(const std::string& key) {
    return get(key, json::value_t::object, "an object", false);
  }
  const json* opt_object(const std::string& key) {
    return get(key, json::value_t::object, "an object", true);
  }

  std::vector<std::string> strings(const std::string& key) {
    std::vector<std::string> items;
    const json* list = array(key);
    if (!list) return items;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& item = (*list)[i];
      if (!item.is_string()) {
        fail(key + "[" + std::to_string(i) + "]", "expected a string, got " + describe(item));
        return {};
      }
      items.push_back(item.get<std::string>());
    }
    return items;
  }

  Date date(const std::string& key) {
    const std::string text = str(key);
    if (failed()) return {};
    return checked_date(key, text);
  }
  std::optional<Date> opt_date(const std::string& key) {
    const std::optional<std::string> text = opt_str(key);
    if (!text || failed()) return std::nullopt;
    return checked_date(key, *text);
  }

  std::string id(const std::string& key) {
    std::string text = str(key);
    if (!failed() && !is_valid_id(text)) fail(key, "\"" + text + "\" is not a valid id");
    return text;
  }

  // A phone object {display, digits} or null.
  std::optional<Phone> phone(const std::string& key) {
    const json* v = opt_object(key);
    if (!v) return std::nullopt;
    Reader inner(*v, where(key), file_, error_);
    Phone p;
    p.display = inner.str("display");
    p.digits = inner.str("digits");
    if (!failed() && p.digits.empty()) inner.fail("digits", "is empty");
    if (failed()) return std::nullopt;
    return p;
  }

  // Each element of an array of objects, with a Reader for it.
  template <class T, class Fn>
  std::vector<T> each(const std::string& key, Fn&& read_one) {
    std::vector<T> items;
    const json* list = array(key);
    if (!list) return items;
    for (std::size_t i = 0; i < list->size() && !failed(); ++i) {
      const json& item = (*list)[i];
      const std::string item_path = where(key) + "[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        error_.kind = BundleError::Kind::schema;
        error_.message = file_ + ": " + item_path + ": expected an object, got " + describe(item);
        return {};
      }
      Reader inner(item, item_path, file_, error_);
      items.push_back(read_one(inner));
    }
    return items;
  }

  const std::string& file() const { return file_; }
  BundleError& error() { return error_; }

 private:
  Date checked_date(const std::string& key, const std::string& text) {
    Parsed<Date> d = parse_date(text);
    if (!d) {
      fail(key, "\"" + text + "\" " + d.error);
      return {};
    }
    return *d.value;
  }

  const json& object_;
  std::string path_;
  std::string file_;
  BundleError& error_;
};

// JSON syntax and the format version, common to both files.
std::optional<json> parse_document(std::string_view text, const std::string& file,
                                   BundleError& error) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error …";
    // a number too large for a double is out_of_range, not parse_error (found by fuzzing).
    std::string what = e.what();
    if (auto at = what.find("parse error at "); at != std::string::npos)
      what = what.substr(at + 15);
    else if (auto close = what.find("] "); close != std::string::npos)
      what = what.substr(close + 2);
    error = {BundleError::Kind::corrupt,
             file + ": not valid JSON (truncated or damaged?): " + what};
    return std::nullopt;
  }
  if (!doc.is_object()) {
    error = {BundleError::Kind::schema, file + ": expected a JSON object, got " + describe(doc)};
    return std::nullopt;
  }
  Reader top(doc, "", file, error);
  const std::int64_t version = top.integer("format_version");
  if (top.failed()) return std::nullopt;
  if (version != bundle_format_version) {
    error = {BundleError::Kind::version, file + ": format_version " + std::to_string(version) +
                                             ", this reader understands " +
                                             std::to_string(bundle_format_version)};
    return std::nullopt;
  }
  return doc;
}

BundleSite read_site(Reader& r) {
  BundleSite s;
  s.title = r.str("title");
  s.street = r.str("street");
  s.district = r.str("district");
  s.hotline = r.phone("hotline");
  s.timezone = r.str("timezone");
  s.language = r.str("language");
  s.base_url = r.str("base_url");
  s.duty_scheme = r.str("duty_scheme");
  if (const json* k = r.object("kiosk")) {
    Reader kr(*k, r.where("kiosk"), r.file(), r.error());
    s.kiosk.slide_seconds = kr.count("slide_seconds");
    s.kiosk.idle_seconds = kr.count("idle_seconds");
    s.kiosk.night_from = kr.str("night_from");
    s.kiosk.night_until = kr.str("night_until");
    s.kiosk.night_mode = kr.str("night_mode");
  }
  if (!r.failed() && !TimeZone::make(s.timezone))
    r.fail("timezone", "\"" + s.timezone + "\" is not a known time zone");
  return s;
}

BundleCommunity read_community(Reader& r) {
  BundleCommunity c;
  c.id = r.id("id");
  c.name = r.str("name");
  c.party_secretary = r.str("party_secretary");
  c.address = r.str("address");
  c.phone = r.phone("phone");
  c.office_hours = r.str("office_hours");
  c.duty_scheme = r.str("duty_scheme");
  return c;
}

BundleGrid read_grid(Reader& r) {
  BundleGrid g;
  g.id = r.id("id");
  g.name = r.str("name");
  g.community = r.str("community");
  g.leader = r.str("leader");
  g.leader_phone = r.phone("leader_phone");
  g.worker = r.str("worker");
  g.worker_phone = r.phone("worker_phone");
  return g;
}

BundleIssue read_issue(Reader& r) {
  BundleIssue i;
  i.id = r.id("id");
  i.category = r.str("category");
  i.private_category = r.boolean("private");
  // Private categories carry neither key; others carry both.
  if (!i.private_category) {
    i.title = r.str("title");
    i.resolution = r.str("resolution");
  }
  i.closed_on = r.date("closed_on");
  i.level = r.str("level");
  i.outcome = r.str("outcome");
  i.outcome_label = r.str("outcome_label");
  i.steward = r.str("steward");
  i.steward_name = r.str("steward_name");
  return i;
}

BundleBuilding read_building(Reader& r) {
  BundleBuilding b;
  b.id = r.id("id");
  b.name = r.str("name");
  b.community = r.str("community");
  b.grid = r.str("grid");
  b.address = r.str("address");
  b.units = r.count("units");
  b.households = r.count("households");
  b.property = r.str("property");
  b.property_phone = r.phone("property_phone");
  b.url = r.str("url");
  b.recent_issues = r.each<BundleIssue>("recent_issues", read_issue);
  return b;
}

BuildingRef read_building_ref(Reader& r) {
  BuildingRef ref;
  ref.building = r.id("building");
  ref.first_unit = r.count("first_unit");
  ref.last_unit = r.count("last_unit");
  if (!r.failed() && ref.last_unit < ref.first_unit) r.fail("last_unit", "is before first_unit");
  return ref;
}

BundleSteward read_steward(Reader& r) {
  BundleSteward s;
  s.id = r.id("id");
  s.name = r.str("name");
  s.phone = r.phone("phone");
  s.role = r.str("role");
  s.party_member = r.boolean("party_member");
  s.buildings = r.each<BuildingRef>("buildings", read_building_ref);
  s.since = r.opt_date("since");
  s.honors = r.strings("honors");
  s.office_hours = r.str("office_hours");
  s.intro = r.str("intro");
  s.photo = r.opt_str("photo").value_or("");
  s.wechat_qr = r.opt_str("wechat_qr").value_or("");
  if (!r.failed() && !s.photo.empty() && !is_safe_bundle_path(s.photo))
    r.fail("photo", "\"" + s.photo + "\" is not a path inside the bundle");
  if (!r.failed() && !s.wechat_qr.empty() && !is_safe_bundle_path(s.wechat_qr))
    r.fail("wechat_qr", "\"" + s.wechat_qr + "\" is not a path inside the bundle");
  return s;
}

DutyGroup read_duty_group(Reader& r) {
  DutyGroup g;
  g.name = r.str("name");
  g.items = r.strings("items");
  return g;
}

BundleDutyScheme read_duty_scheme(Reader& r) {
  BundleDutyScheme d;
  d.id = r.id("id");
  d.title = r.str("title");
  d.groups = r.each<DutyGroup>("groups", read_duty_group);
  d.intro = r.str("intro");
  return d;
}

Schedule read_schedule(Reader& r) {
  Schedule s;
  s.date = r.opt_date("date");
  if (std::optional<std::string> rule = r.opt_str("rule"); rule && !r.failed()) {
    Parsed<EventRule> parsed = parse_event_rule(*rule);
    if (parsed)
      s.rule = parsed.value;
    else
      r.fail("rule", "\"" + *rule + "\" " + parsed.error);
  }
  if (std::optional<std::string> time = r.opt_str("time"); time && !r.failed()) {
    Parsed<TimeRange> parsed = parse_time_range(*time);
    if (parsed)
      s.time = parsed.value;
    else
      r.fail("time", "\"" + *time + "\" " + parsed.error);
  }
  s.from = r.opt_date("from");
  s.until = r.opt_date("until");
  if (!r.failed() && s.date.has_value() == s.rule.has_value())
    r.fail("date", "exactly one of date and rule must be set");
  return s;
}

BundleEvent read_event(Reader& r) {
  BundleEvent e;
  e.id = r.id("id");
  e.title = r.str("title");
  e.kind = r.str("kind");
  e.scope = r.strings("scope");
  e.location = r.str("location");
  e.schedule = read_schedule(r);
  e.text = r.str("text");
  return e;
}

BundleNotice read_notice(Reader& r) {
  BundleNotice n;
  n.id = r.id("id");
  n.title = r.str("title");
  n.date = r.date("date");
  n.expires = r.opt_date("expires");
  n.scope = r.strings("scope");
  n.pinned = r.boolean("pinned");
  if (r.has("urgent")) n.urgent = r.boolean("urgent");
  if (std::optional<std::string> start = r.opt_str("start", true); start && !r.failed()) {
    Parsed<DateTime> parsed = parse_date_time(*start);
    if (parsed) {
      n.start = parsed.value;
    } else {
      r.fail("start", "\"" + *start + "\" is not a date or a date and time");
    }
  }
  n.text = r.str("text");
  return n;
}

BundleScreen read_screen(Reader& r) {
  BundleScreen s;
  s.id = r.id("id");
  s.building = r.id("building");
  s.orientation = r.opt_str("orientation").value_or("");
  if (!r.failed() && !s.orientation.empty() && s.orientation != "landscape" &&
      s.orientation != "portrait")
    r.fail("orientation", "\"" + s.orientation + "\" is not landscape or portrait");
  s.size = r.opt_str("size").value_or("");
  s.night_from = r.opt_str("night_from").value_or("");
  s.night_until = r.opt_str("night_until").value_or("");
  for (const std::string* clock : {&s.night_from, &s.night_until}) {
    if (!r.failed() && !clock->empty() && !parse_clock(*clock))
      r.fail(clock == &s.night_from ? "night_from" : "night_until",
             "\"" + *clock + "\" is not a time like 23:00");
  }
  s.note = r.str("note");
  return s;
}

ManifestEntry read_manifest_entry(Reader& r) {
  ManifestEntry e;
  e.path = r.str("path");
  e.sha256 = r.str("sha256");
  const std::int64_t bytes = r.integer("bytes");
  if (r.failed()) return e;
  if (bytes < 0) r.fail("bytes", "is negative");
  e.bytes = static_cast<std::uint64_t>(bytes);
  const bool hex =
      e.sha256.size() == 64 && e.sha256.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!hex) r.fail("sha256", "\"" + e.sha256 + "\" is not 64 lowercase hex digits");
  return e;
}

}  // namespace

bool is_safe_bundle_path(std::string_view path) {
  if (path.empty() || path.size() > 255 || path.front() == '/') return false;
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos ||
      path.find(':') != std::string_view::npos)
    return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return path != bundle_manifest_file;
}

std::optional<Manifest> parse_manifest(std::string_view text, BundleError& error) {
  error = {};
  const std::string file = bundle_manifest_file;
  std::optional<json> doc = parse_document(text, file, error);
  if (!doc) return std::nullopt;
  Reader r(*doc, "", file, error);
  Manifest m;
  m.format_version = static_cast<int>(r.integer("format_version"));
  m.generated_at = r.integer("generated_at");
  m.generated_at_iso = r.str("generated_at_iso");
  m.files = r.each<ManifestEntry>("files", read_manifest_entry);
  if (r.failed()) return std::nullopt;
  for (std::size_t i = 0; i < m.files.size(); ++i) {
    const std::string& path = m.files[i].path;
    if (!is_safe_bundle_path(path)) {
      error = {BundleError::Kind::unsafe_path,
               file + ": files[" + std::to_string(i) + "].path \"" + path +
                   "\" is not a plain relative path inside the bundle folder"};
      return std::nullopt;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (m.files[j].path == path) {
        error = {BundleError::Kind::schema,
                 file + ": files[" + std::to_string(i) + "].path \"" + path + "\" is listed twice"};
        return std::nullopt;
      }
    }
  }
  return m;
}

std::optional<Bundle> parse_bundle(std::string_view text, BundleError& error) {
  error = {};
  const std::string file = bundle_data_file;
  std::optional<json> doc = parse_document(text, file, error);
  if (!doc) return std::nullopt;
  Reader r(*doc, "", file, error);
  Bundle b;
  b.format_version = static_cast<int>(r.integer("format_version"));
  b.generated_at = r.integer("generated_at");
  if (const json* site = r.object("site")) {
    Reader sr(*site, "site", file, error);
    b.site = read_site(sr);
  }
  b.communities = r.each<BundleCommunity>("communities", read_community);
  b.grids = r.each<BundleGrid>("grids", read_grid);
  b.buildings = r.each<BundleBuilding>("buildings", read_building);
  b.stewards = r.each<BundleSteward>("stewards", read_steward);
  b.duties = r.each<BundleDutyScheme>("duties", read_duty_scheme);
  b.events = r.each<BundleEvent>("events", read_event);
  b.notices = r.each<BundleNotice>("notices", read_notice);
  if (r.has("screens")) b.screens = r.each<BundleScreen>("screens", read_screen);
  // Optional: bundles made before the kiosk's words came from the theme have none.
  if (doc->contains("strings")) {
    if (const json* strings = r.object("strings")) {
      for (const auto& [key, value] : strings->items()) {
        if (!value.is_string()) {
          r.fail("strings." + key, "expected a string, got " + describe(value));
          break;
        }
        b.strings[key] = value.get<std::string>();
      }
    }
  }
  if (r.failed()) return std::nullopt;
  return b;
}

}  // namespace hgj
