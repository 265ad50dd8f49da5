// Loading a content folder: every collection from Markdown files with TOML front
// matter, a CSV table, or both, merged; then validated (references, dates, enums).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "hgj/csv.h"
#include "hgj/diagnostics.h"
#include "hgj/model.h"
#include "hgj/record.h"

namespace hgj {

struct LoadResult {
  Content content;
  // The folder itself could not be read (missing, not a folder, no site.toml). The
  // sink says why; callers exit 2 rather than 1.
  bool io_error = false;
};

// Reads and validates `content_dir`, reporting every problem to `sink`. The returned
// model holds everything that could be loaded even when there were errors; callers
// must not publish it when sink.error_count() > 0.
LoadResult load_content(const std::string& content_dir, DiagnosticSink& sink);

// One table as staff keep it (a CSV file or a workbook's sheet): its rows as read, before
// any field is typed, private columns included. What `hgj export` writes back out.
struct LedgerTable {
  std::string collection;  // stewards
  std::string path;        // as diagnostics name it: content/台账.xlsx[红管家]
  CsvTable rows;           // rows[0] is the header
  ColumnMap columns;       // site.toml's [columns.<collection>], header → field key
};

struct LedgerTables {
  std::vector<LedgerTable> tables;      // in loading order
  std::vector<std::string> categories;  // site.toml's (the defaults when it has none)
  bool io_error = false;                // as in LoadResult
};

// Every table of `content_dir`, found as load_content finds them. Only problems reading
// the files go to `sink`; checking the values is `hgj check`'s.
LedgerTables read_ledger_tables(const std::string& content_dir, DiagnosticSink& sink);
// site.toml alone, for commands that need only the settings (hgj publish): duty_scheme
// is not checked against duties/. nullopt, reported, when there is none or it is not TOML.
std::optional<Site> load_site_settings(const std::string& content_dir, DiagnosticSink& sink);

// Why `url` cannot be a site's base URL ("must start with https:// or http://"), or
// empty when it can. site.toml's base_url and every --base-url are held to this rule.
std::string base_url_problem(std::string_view url);

}  // namespace hgj
