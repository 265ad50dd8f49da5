// Splits a Markdown file into its TOML front matter (between `+++` lines) and body.
#pragma once

#include <string>
#include <string_view>

namespace hgj {

struct FrontMatter {
  bool ok = false;
  std::string toml;   // the text between the +++ lines
  int toml_line = 0;  // file line of the TOML's first line
  std::string body;   // everything after the closing +++ line
  int body_line = 0;  // file line of the body's first line
  std::string error;  // when !ok
  int error_line = 0;
};

// The first line must be `+++` (trailing spaces allowed) and a later line `+++` ends the
// front matter; anything else is an error naming the line.
FrontMatter split_front_matter(std::string_view text);

}  // namespace hgj
