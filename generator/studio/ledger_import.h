// The workbench's 导入台账 (issue #23, page 2): an uploaded .xlsx or .csv previewed before
// anything is written, then accepted into the content folder.
//
// stage_import copies the content folder under staging_root/<token>/content with the upload
// in place, loads it as `hgj check` would, and says what the import does: the file it
// writes and the ones it supersedes, every row of the upload beside its problems, the
// whole content's problems afterwards, unknown columns, and what changes (`hgj diff`'s
// lines and reprint list). accept_import later writes that same upload, atomically, if the
// content is still the version the preview was made from.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "diff/diff_report.h"
#include "hgj/diagnostics.h"
#include "studio/upload_check.h"

namespace hgj::studio {

// A problem found by loading the content with the upload in place. Diagnostics name files
// relative to the content folder: 台账.xlsx[红管家], stewards.csv.
struct ImportProblem {
  Diagnostic diagnostic;  // where: {file, line (Excel row or CSV line), column}
  std::string heading;  // 台账.xlsx[红管家]!C7: 错误：电话“1380000”…  (format_heading)
  std::string text;     // heading, excerpt and caret (format_diagnostic)
};

struct PreviewRow {
  int line = 0;                    // the Excel row or the CSV line the row starts on
  std::vector<std::string> cells;  // private columns' cells are left empty
  std::vector<ImportProblem> problems;
};

// A field a column could be mapped to (site.toml's [columns.<collection>]).
struct FieldChoice {
  std::string key;    // name
  std::string label;  // 姓名
};

struct UnknownColumn {
  std::string header;                // as written in the upload, trimmed
  int column = 0;                    // 1-based
  std::vector<FieldChoice> choices;  // the collection's fields no other column names
};

struct PreviewTable {
  std::string collection;  // stewards
  std::string path;        // 台账.xlsx[红管家] or stewards.csv
  std::vector<std::string> header;
  std::vector<bool> private_columns;    // by column: `private_`/`_` headers, cells not shown
  std::vector<PreviewRow> rows;         // every row after the header, blank ones left out
  std::vector<ImportProblem> problems;  // of the table as a whole or its header row
  std::vector<UnknownColumn> unknown_columns;
};

struct ImportPreview {
  std::string token;        // 32 hex digits: staging_root/<token>
  std::string upload_name;  // 台账.xlsx, as kept
  UploadKind kind = UploadKind::xlsx;
  std::vector<std::string> collections;  // the upload's tables
  std::string target;                    // the content file written: 台账.xlsx
  bool replaces = false;                 // target exists and is replaced
  std::vector<std::string> superseded;   // removed on accept
  std::vector<std::string> notes;        // what staff should know first (Chinese first)
  std::vector<PreviewTable> tables;
  // The whole content with the upload in place, root cause first (DiagnosticSink::sorted).
  std::vector<ImportProblem> problems;
  std::size_t errors = 0, warnings = 0;
  std::size_t errors_before = 0, warnings_before = 0;  // the content as it is now
  // Compared with the content as it is now: `hgj diff`'s sections, in the run's language.
  std::vector<ReportSection> changes;
  std::vector<ReportSection> reprint;
  bool kiosk_changed = false;
  std::string content_version;  // of the content the preview was made from (publication.h)
};

// Thrown for an upload that cannot be previewed (not a spreadsheet, no known table, a
// staging folder that cannot be written): what() is the message, Chinese first.
struct ImportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Stages `bytes`, uploaded as `filename` (check_upload first). Writes only under
// staging_root (made 0700 when missing); never in content_dir.
ImportPreview stage_import(const std::filesystem::path& content_dir, std::string_view filename,
                           std::string_view bytes, const std::filesystem::path& staging_root);

// The preview of a staged import by its token: as stage_import made it when this process
// did; after a restart the staged upload is staged again against the content as it is now
// (same token). Throws ImportError for a token that is malformed or whose folder is gone.
ImportPreview staged_preview(const std::filesystem::path& content_dir,
                             const std::filesystem::path& staging_root, std::string_view token);

// The same upload staged again against the content as it is now (same token): after
// site.toml learnt a column mapping. Throws as staged_preview.
ImportPreview restage_import(const std::filesystem::path& content_dir,
                             const std::filesystem::path& staging_root, std::string_view token);

struct AcceptOptions {
  bool allow_errors = false;  // accept although the result has errors (the lead's call)
};

struct AcceptResult {
  std::string written;               // the content file written: 台账.xlsx
  std::vector<std::string> removed;  // the superseded files removed
};

// Writes the staged upload into content_dir as its preview said and removes the
// superseded files, then the staging folder. Throws ImportError, with nothing written,
// when the token is unknown or gone, the content changed since the preview (its
// content_version differs), or the result has errors and !allow_errors.
AcceptResult accept_import(const std::filesystem::path& content_dir,
                           const std::filesystem::path& staging_root, std::string_view token,
                           const AcceptOptions& options = {});

// Removes a staged import (the staff cancelled it). Unknown tokens are ignored.
void discard_import(const std::filesystem::path& staging_root, std::string_view token);

// Removes the staged imports made more than `age` ago (previews never accepted nor
// cancelled: each holds a copy of the ledgers, private columns and all). Only folders
// named like a token are touched. Returns how many were removed.
std::size_t discard_stale_imports(const std::filesystem::path& staging_root,
                                  std::chrono::seconds age);

}  // namespace hgj::studio
