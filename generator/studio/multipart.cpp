#include "studio/multipart.h"

#include <algorithm>
#include <optional>

#include "hgj/language.h"

namespace hgj::studio {

namespace {

constexpr std::string_view crlf = "\r\n";

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) {
             return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
           };
           return lower(x) == lower(y);
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// RFC 2046 bchars: what a boundary may be made of (a space only inside, never last).
bool boundary_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

MultipartResult failure(const std::string& zh, const std::string& en) {
  MultipartResult result;
  result.error = say("上传的表单读不了：" + zh, "the uploaded form cannot be read: " + en);
  return result;
}

// `type; key=value; key="quoted value"`: the leading token and its parameters, keys in
// lower case. A quoted value ends at the next quote: browsers send a file name's quotes
// as %22 and its backslashes (a Windows path) as they are, so `\` escapes nothing.
struct HeaderValue {
  std::string type;
  std::vector<std::pair<std::string, std::string>> params;
  bool ok = true;
};

HeaderValue parse_header_value(std::string_view text) {
  HeaderValue out;
  const std::size_t semicolon = text.find(';');
  out.type = std::string(trim(text.substr(0, semicolon)));
  std::size_t at = semicolon == std::string_view::npos ? text.size() : semicolon + 1;
  while (at < text.size()) {
    const std::size_t equals = text.find('=', at);
    if (equals == std::string_view::npos) {
      out.ok = !trim(text.substr(at)).empty() ? false : out.ok;
      break;
    }
    std::string key(trim(text.substr(at, equals - at)));
    std::transform(key.begin(), key.end(), key.begin(), [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    std::size_t v = equals + 1;
    while (v < text.size() && (text[v] == ' ' || text[v] == '\t')) ++v;
    std::string value;
    if (v < text.size() && text[v] == '"') {
      const std::size_t close = text.find('"', v + 1);
      if (close == std::string_view::npos) {
        out.ok = false;
        break;
      }
      value = std::string(text.substr(v + 1, close - v - 1));
      at = close + 1;
      while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
      if (at < text.size() && text[at] != ';') {
        out.ok = false;
        break;
      }
    } else {
      const std::size_t end = std::min(text.find(';', v), text.size());
      value = std::string(trim(text.substr(v, end - v)));
      at = end;
    }
    if (at < text.size()) ++at;  // the ';'
    if (key.empty() || std::any_of(out.params.begin(), out.params.end(),
                                   [&](const auto& p) { return p.first == key; })) {
      out.ok = false;
      break;
    }
    out.params.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

const std::string* param(const HeaderValue& value, std::string_view key) {
  for (const auto& [k, v] : value.params) {
    if (k == key) return &v;
  }
  return nullptr;
}

// One part's header block (without the blank line that ends it) into `part`; an error
// message, or empty.
std::string read_part_headers(std::string_view block, FormPart& part) {
  bool disposition = false, type = false;
  part.content_type = "text/plain";
  // Checked before any header is read: a folded line continues the one above it.
  if (block.starts_with(' ') || block.starts_with('\t') ||
      block.find("\r\n ") != std::string_view::npos ||
      block.find("\r\n\t") != std::string_view::npos)
    return say("分段的表头折行了（已废弃的写法）", "a part's header is folded (obsolete)");
  while (!block.empty()) {
    const std::size_t end = std::min(block.find(crlf), block.size());
    const std::string_view line = block.substr(0, end);
    block.remove_prefix(std::min(end + 2, block.size()));
    if (line.find_first_of("\r\n") != std::string_view::npos)
      return say("分段的表头里有单独的换行符", "a part's header has a bare line break");
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
      return say(
          "分段的表头“" + std::string(line.substr(0, 60)) + "”不是“名称: 值”",
          "a part's header \"" + std::string(line.substr(0, 60)) + "\" is not \"Name: value\"");
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "Content-Disposition")) {
      if (disposition)
        return say("一个分段有两个 Content-Disposition",
                   "a part has two Content-Disposition headers");
      disposition = true;
      const HeaderValue parsed = parse_header_value(value);
      if (!parsed.ok || !iequals(parsed.type, "form-data"))
        return say("分段的 Content-Disposition 不是 form-data",
                   "a part's Content-Disposition is not form-data");
      const std::string* field = param(parsed, "name");
      if (field == nullptr || field->empty())
        return say("分段的 Content-Disposition 没有 name",
                   "a part's Content-Disposition has no name");
      part.name = *field;
      if (const std::string* file = param(parsed, "filename")) {
        part.filename = *file;
        part.has_filename = true;
      }
    } else if (iequals(name, "Content-Type")) {
      if (type) return say("一个分段有两个 Content-Type", "a part has two Content-Type headers");
      type = true;
      part.content_type = std::string(value);
    }
  }
  if (!disposition)
    return say("分段没有 Content-Disposition", "a part has no Content-Disposition header");
  return {};
}

}  // namespace

const FormPart* MultipartResult::find(std::string_view name) const {
  for (const FormPart& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

std::string form_boundary(std::string_view content_type) {
  const HeaderValue parsed = parse_header_value(content_type);
  if (!parsed.ok || !iequals(parsed.type, "multipart/form-data")) return {};
  const std::string* boundary = param(parsed, "boundary");
  if (boundary == nullptr || boundary->empty() || boundary->size() > 70 ||
      boundary->back() == ' ' || !std::all_of(boundary->begin(), boundary->end(), boundary_char)) {
    return {};
  }
  return *boundary;
}

MultipartResult parse_multipart(std::string_view content_type, std::string_view body,
                                const MultipartLimits& limits) {
  const std::string boundary = form_boundary(content_type);
  if (boundary.empty())
    return failure("它不是带分隔线（boundary）的 multipart/form-data",
                   "it is not multipart/form-data with a valid boundary");
  const std::string delimiter = "--" + boundary;
  if (!body.starts_with(delimiter))
    return failure("开头不是分隔线", "it does not start with its boundary");
  const std::string next = std::string(crlf) + delimiter;
  const std::string_view truncated_zh = "没有结束的分隔线，上传可能中断了，请重新上传";
  const std::string_view truncated_en =
      "its closing boundary is missing; the upload may have been cut short";
  MultipartResult result;
  std::size_t at = delimiter.size();
  for (;;) {
    if (body.substr(at, 2) == "--") break;  // the close delimiter; what follows is epilogue
    while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;  // transport padding
    if (at >= body.size()) return failure(std::string(truncated_zh), std::string(truncated_en));
    if (body.substr(at, 2) != crlf)
      return failure("分隔线后面不是换行（CRLF）", "a boundary is not followed by CRLF");
    at += 2;
    if (result.parts.size() == limits.max_parts)
      return failure("分段超过 " + std::to_string(limits.max_parts) + " 个",
                     "it has more than " + std::to_string(limits.max_parts) + " parts");
    FormPart part;
    std::size_t data = 0;
    if (body.substr(at, 2) == crlf) {
      data = at + 2;  // no headers at all: reported below as no Content-Disposition
    } else {
      const std::string_view window = body.substr(at, limits.max_header_bytes + 4);
      const std::size_t end = window.find("\r\n\r\n");
      if (end == std::string_view::npos || end > limits.max_header_bytes) {
        if (window.size() < limits.max_header_bytes + 4)
          return failure(std::string(truncated_zh), std::string(truncated_en));
        return failure(
            "分段的表头超过 " + std::to_string(limits.max_header_bytes) + " 字节",
            "a part's header is over " + std::to_string(limits.max_header_bytes) + " bytes");
      }
      if (std::string problem = read_part_headers(window.substr(0, end), part); !problem.empty())
        return failure(problem, problem);
      data = at + end + 4;
    }
    if (data == at + 2) {
      const std::string problem = read_part_headers({}, part);
      return failure(problem, problem);
    }
    const std::size_t close = body.find(next, data);
    if (close == std::string_view::npos)
      return failure(std::string(truncated_zh), std::string(truncated_en));
    part.data = std::string(body.substr(data, close - data));
    result.parts.push_back(std::move(part));
    at = close + next.size();
  }
  if (result.parts.empty()) return failure("里面没有任何内容", "it holds no parts");
  return result;
}

}  // namespace hgj::studio
