// Where an uploaded ledger goes in the content folder: which collections it holds (by its
// sheet names, its file name, or its header, as the loader recognises them) and which
// file it replaces — the content's workbook holding those sheets, the CSV of that
// collection — or the new file it becomes, with the files it supersedes (the same table
// in another form, which would otherwise be read twice).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "hgj/record.h"
#include "studio/upload_check.h"

namespace hgj::studio {

struct ImportPlan {
  std::vector<std::string> collections;  // the upload's tables: stewards, issues …
  std::string target;                    // in the content folder: 台账.xlsx, stewards.csv
  bool replaces = false;                 // target is an existing file
  std::vector<std::string> superseded;   // files removed when the import is accepted
  std::vector<std::string> notes;        // what the staff should know (Chinese first)
  std::string error;                     // the upload holds no table hgj reads
};

// The collection whose fields most headers of `header` name (site.toml's `columns`
// first, then the labels), among those whose id column is there; empty when none or two
// tie.
std::string collection_of_header(const CsvRow& header,
                                 const std::map<std::string, ColumnMap>& columns);

// A table file of the content folder and the collections the loader reads from it.
struct Existing {
  std::string file;  // its name in the content folder
  std::vector<std::string> collections;
  bool named = false;  // named after its one collection
};

// Every .csv and .xlsx file directly in the content folder that holds a table hgj reads,
// by name.
std::vector<Existing> existing_tables(const std::filesystem::path& content_dir);

// The plan for `upload`, whose bytes are in `upload_file`. Reads the content folder,
// never writes it.
ImportPlan plan_import(const std::filesystem::path& content_dir,
                       const std::filesystem::path& upload_file, const CheckedUpload& upload);

// site.toml's [columns.<collection>] tables (what the loader reads; not checked here).
std::map<std::string, ColumnMap> site_columns(const std::filesystem::path& content_dir);

}  // namespace hgj::studio
