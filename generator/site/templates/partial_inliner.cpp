#include "site/templates/partial_inliner.h"

#include <algorithm>

#include "site/templates/theme.h"

namespace hgj::site {

namespace {

struct PartialTag {
  std::size_t begin, end;  // the whole {{> name}} tag
  std::string name;
};

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The {{> partial}} tags of a template (default delimiters).
std::vector<PartialTag> partial_tags(const std::string& text) {
  std::vector<PartialTag> tags;
  for (std::size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at)) {
    const std::size_t close = text.find("}}", at + 2);
    if (close == std::string::npos) break;
    const std::string inner = trimmed(text.substr(at + 2, close - at - 2));
    if (!inner.empty() && inner[0] == '>') {
      tags.push_back({at, close + 2, trimmed(inner.substr(1))});
    }
    at = close + 2;
  }
  return tags;
}

}  // namespace

std::string PartialInliner::inline_partials(const std::string& text, const std::string& file,
                                            const std::string& keep) {
  std::string out;
  std::size_t from = 0;
  for (const PartialTag& tag : partial_tags(text)) {
    out.append(text, from, tag.begin - from);
    from = tag.end;
    auto it = partials_.find(tag.name);
    const bool fresh = reported_.insert({file, tag.begin}).second;
    if (it == partials_.end()) {
      if (!fresh) continue;
      report_in_template(sink_, file, text, tag.begin, "unknown partial \"" + tag.name + "\"");
    } else if (std::find(chain_.begin(), chain_.end(), tag.name) != chain_.end()) {
      if (!fresh) continue;
      report_in_template(sink_, file, text, tag.begin,
                         "partial \"" + tag.name + "\" includes itself");
    } else if (chain_.size() >= max_depth) {
      if (!fresh) continue;
      report_in_template(sink_, file, text, tag.begin,
                         "partial \"" + tag.name + "\" nests too deep");
    } else if (!keep.empty() && tag.name == keep) {
      out.append(text, tag.begin, tag.end - tag.begin);
    } else {
      out += inline_partial(tag.name, keep);
    }
  }
  out.append(text, from, std::string::npos);
  return out;
}

std::string PartialInliner::inline_partial(const std::string& name) {
  return inline_partial(name, {});
}

std::string PartialInliner::inline_partial(const std::string& name, const std::string& keep) {
  chain_.push_back(name);
  const auto file = files_.find(name);
  std::string out =
      inline_partials(partials_.at(name), file == files_.end() ? name : file->second, keep);
  chain_.pop_back();
  return out;
}

}  // namespace hgj::site
