// multipart/form-data bodies (RFC 7578), as a browser posts a file from the workbench's
// 导入台账 page: Boost.Beast reads the HTTP request but has no form parser. Strict and
// bounded: CRLF line ends only, a limited number of parts and header bytes, and a clear
// message instead of a guess for anything else — the body comes from the network.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hgj::studio {

struct FormPart {
  std::string name;           // the form field: upload
  std::string filename;       // as the browser sent it (not checked: upload_check.h)
  bool has_filename = false;  // a file input (filename="" is a file input left empty)
  std::string content_type;   // text/plain when the part says nothing
  std::string data;           // the bytes between the headers and the next delimiter
};

struct MultipartLimits {
  std::size_t max_parts = 16;
  std::size_t max_header_bytes = 8 * 1024;  // one part's header block
};

struct MultipartResult {
  std::vector<FormPart> parts;  // in order; empty when error is set
  std::string error;            // Chinese first (language.h); empty when the body is whole
  bool ok() const { return error.empty(); }
  // The first part named `name`, or nullptr.
  const FormPart* find(std::string_view name) const;
};

// The boundary of a `multipart/form-data; boundary=…` Content-Type header (quoted or
// not), or empty when the header is not one or the boundary breaks RFC 2046 (1-70
// characters of its set).
std::string form_boundary(std::string_view content_type);

// Splits `body` into its parts. Never throws; garbage gives an error.
MultipartResult parse_multipart(std::string_view content_type, std::string_view body,
                                const MultipartLimits& limits = {});

}  // namespace hgj::studio
