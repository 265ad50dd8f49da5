// site.toml: the street's name, where the site lives and the settings every stage
// shares.
#include "load_site.h"

#include <algorithm>

#include "field_reader.h"
#include "hgj/loader.h"

namespace hgj {

namespace {

const CollectionSpec& site_spec() {
  static const CollectionSpec spec{"site",
                                   "site",
                                   {{"title", {"标题"}},
                                    {"base_url", {}},
                                    {"street", {"街道"}},
                                    {"district", {"区"}},
                                    {"hotline", {"热线"}},
                                    {"language", {}},
                                    {"timezone", {}},
                                    {"theme", {}},
                                    {"duty_scheme", {}},
                                    {"categories", {}},
                                    {"private_categories", {}},
                                    {"print", {}},
                                    {"kiosk", {}}}};
  return spec;
}

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

void read_print(FieldReader& r, const toml::table& table, PrintSettings& print) {
  const toml::table* t = table["print"].as_table();
  if (t == nullptr) return;
  print.paper = (*t)["paper"].value_or(print.paper);
  if (print.paper != "A3" && print.paper != "A4") {
    r.error("print", "[print] paper \"" + print.paper + "\" is not A3 or A4");
  }
}

void read_kiosk(FieldReader& r, const toml::table& table, KioskSettings& kiosk) {
  const toml::table* t = table["kiosk"].as_table();
  if (t == nullptr) return;
  kiosk.slide_seconds = (*t)["slide_seconds"].value_or(kiosk.slide_seconds);
  kiosk.idle_seconds = (*t)["idle_seconds"].value_or(kiosk.idle_seconds);
  kiosk.night_from = (*t)["night_from"].value_or(kiosk.night_from);
  kiosk.night_until = (*t)["night_until"].value_or(kiosk.night_until);
  kiosk.night_mode = (*t)["night_mode"].value_or(kiosk.night_mode);
  if (kiosk.slide_seconds < 3 || kiosk.idle_seconds < 5) {
    r.error("kiosk", "[kiosk] slide_seconds must be at least 3 and idle_seconds at least 5");
  }
  for (const std::string* clock : {&kiosk.night_from, &kiosk.night_until}) {
    if (!clock->empty() && !parse_clock(*clock)) {
      r.error("kiosk", "[kiosk] night hours \"" + *clock + "\" are not a time like 23:00");
    }
  }
  if (kiosk.night_mode != "dim" && kiosk.night_mode != "blank") {
    r.error("kiosk", "[kiosk] night_mode \"" + kiosk.night_mode + "\" is not dim or blank");
  }
}

std::vector<std::string> read_categories(FieldReader& r, const std::string& key,
                                         const std::vector<std::string>& fallback) {
  if (r.value(key) == nullptr) return fallback;
  std::vector<std::string> items = r.list(key, false);
  std::vector<std::string> unique;
  for (const std::string& item : items) {
    if (std::find(unique.begin(), unique.end(), item) != unique.end()) {
      r.error(key, key + " lists \"" + item + "\" twice");
    } else {
      unique.push_back(item);
    }
  }
  return unique;
}

}  // namespace

std::string base_url_problem(std::string_view url) {
  if (url.empty() || url.starts_with("https://") || url.starts_with("http://")) return {};
  return "must start with https:// or http://";
}

std::optional<Site> load_site(const std::string& path, std::string_view bytes,
                              const std::string& content_root,
                              const std::function<bool(const std::string&)>& duty_exists,
                              DiagnosticSink& sink) {
  std::optional<Record> record = record_from_toml_file(site_spec(), path, bytes, sink);
  if (!record) return std::nullopt;
  const ContentPaths paths(content_root);
  FieldReader r(*record, site_spec(), sink, paths);
  Site site;
  site.title = r.text("title", true);
  site.base_url = without_trailing_slash(r.text("base_url", true));
  if (const std::string problem = base_url_problem(site.base_url); !problem.empty()) {
    r.invalid("base_url", site.base_url, problem);
  }
  site.street = r.text("street", true);
  site.district = r.text("district");
  site.hotline = r.phone("hotline");
  if (const std::string v = r.text("language"); !v.empty()) site.language = v;
  if (const std::string v = r.text("timezone"); !v.empty()) {
    if (TimeZone::make(v)) {
      site.timezone = v;
    } else {
      r.invalid("timezone", v, "is not a known time zone (e.g. Asia/Shanghai)");
    }
  }
  if (const std::string v = r.text("theme"); !v.empty()) {
    if (is_valid_id(v)) {
      site.theme = v;
    } else {
      r.invalid("theme", v, "is not a theme folder name");
    }
  }
  site.duty_scheme = r.reference("duty_scheme", duty_exists, "duty scheme");
  site.categories = read_categories(r, "categories", default_categories());
  site.private_categories = read_categories(r, "private_categories", {"邻里纠纷"});
  for (const std::string& c : site.private_categories) {
    if (std::find(site.categories.begin(), site.categories.end(), c) == site.categories.end()) {
      r.invalid("private_categories", c, "is not one of the categories");
    }
  }
  read_print(r, *record->table, site.print);
  read_kiosk(r, *record->table, site.kiosk);
  // Even with errors (already reported) the rest is checked against what was read.
  return site;
}

}  // namespace hgj
