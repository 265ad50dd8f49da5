#include "hgj/front_matter.h"

#include "hgj/language.h"

namespace hgj {

namespace {

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  return line == "+++";
}

// The line starting at `pos` (without its newline) and where the next one starts.
std::string_view line_at(std::string_view text, std::size_t pos, std::size_t& next) {
  std::size_t end = text.find('\n', pos);
  if (end == std::string_view::npos) {
    next = text.size();
    return text.substr(pos);
  }
  next = end + 1;
  return text.substr(pos, end - pos);
}

}  // namespace

FrontMatter split_front_matter(std::string_view text) {
  FrontMatter out;
  std::size_t next = 0;
  if (text.empty() || !is_fence(line_at(text, 0, next))) {
    out.error = say("内容文件的第一行必须是 +++（开始 TOML 前言），请在文件开头加上 +++ 这一行",
                    "a content file must start with a +++ line (TOML front matter)");
    out.error_line = 1;
    return out;
  }
  const std::size_t toml_start = next;
  int line = 2;
  for (std::size_t pos = next; pos < text.size(); pos = next, ++line) {
    if (is_fence(line_at(text, pos, next))) {
      out.ok = true;
      out.toml = std::string(text.substr(toml_start, pos - toml_start));
      out.toml_line = 2;
      out.body = std::string(text.substr(next));
      out.body_line = line + 1;
      return out;
    }
  }
  out.error = say("第 1 行开始的前言没有用 +++ 这一行结束：请在前言的最后加上 +++",
                  "the front matter opened on line 1 is never closed with a +++ line");
  out.error_line = 1;
  return out;
}

}  // namespace hgj
