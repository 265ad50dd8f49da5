// Whether an uploaded file may be imported as a ledger: its name (the last part of what
// the browser sent, no path, no control characters) ends in .xlsx or .csv, it is not
// over the size limit, and its bytes are what the name says — a workbook is a zip holding
// xl/workbook.xml, a CSV is text the loader can decode (UTF-8 or GB18030). Anything else
// gets one Chinese-first message naming the file, and nothing is written.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hgj::studio {

// The largest file accepted: a city's issue ledger (100,000 rows) is 9 MB as CSV and 6 MB
// as .xlsx. The server stops reading a request body past this and the form's overhead.
inline constexpr std::size_t max_upload_bytes = std::size_t{20} << 20;

enum class UploadKind { xlsx, csv };

struct CheckedUpload {
  std::string name;  // the file name kept: 台账.xlsx (no folder)
  UploadKind kind = UploadKind::csv;
  std::string error;  // Chinese first; empty when the upload may be imported
  bool ok() const { return error.empty(); }
};

// The file name to keep from `filename` as a browser sent it (old browsers send a whole
// Windows path): its last component after '/', '\' and a drive letter. Empty with `error`
// set for an empty name, "..", control characters or bytes that are not UTF-8.
std::string upload_file_name(std::string_view filename, std::string& error);

CheckedUpload check_upload(std::string_view filename, std::string_view bytes);

}  // namespace hgj::studio
