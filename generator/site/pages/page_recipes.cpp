#include "site/pages/page_recipes.h"

#include <algorithm>
#include <charconv>
#include <memory>
#include <string_view>
#include <vector>

#include "hgj/files.h"
#include "hgj/sha256.h"

namespace hgj::site {

namespace fs = std::filesystem;

namespace {

// Recorded in the file and in every recipe: another hgj may render differently.
constexpr std::string_view version = "hgj " HGJ_VERSION;

// kainjow's data offers no way to list an object's keys, and a digest must see every one
// of them; an explicit instantiation may name a private member, so this reads it.
using ObjectMember = std::unique_ptr<kainjow::mustache::basic_object<std::string>> Data::*;
ObjectMember object_member();
template <ObjectMember member>
struct ObjectAccess {
  friend ObjectMember object_member() { return member; }
};
template struct ObjectAccess<&Data::obj_>;

// A field: its length, then its bytes, so no two sequences of fields spell the same.
void field(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out += ':';
  out += text;
}

// The data as one string, every value tagged with its type. False when it holds a
// lambda or a partial, whose effect cannot be digested. (Keys come in the object's own
// order: the same data built the same way lists them the same way; another order only
// costs a render.)
bool serialize(const Data& d, std::string& out) {
  if (d.is_string()) {
    out += 's';
    field(out, d.string_value());
  } else if (d.is_true()) {
    out += 't';
  } else if (d.is_false()) {
    out += 'f';
  } else if (d.is_list()) {
    out += 'l';
    out += std::to_string(d.list_value().size());
    out += ':';
    for (const Data& item : d.list_value()) {
      if (!serialize(item, out)) return false;
    }
  } else if (d.is_object()) {
    const auto& object = d.*object_member();
    out += 'o';
    out += std::to_string(object ? object->size() : 0);
    out += ':';
    if (object) {
      for (const auto& [key, value] : *object) {
        field(out, key);
        if (!serialize(value, out)) return false;
      }
    }
  } else {
    return false;
  }
  return true;
}

std::string digest(std::string_view bytes) { return sha256_hex(bytes).substr(0, 32); }

}  // namespace

PageRecord take_page_record(const fs::path& dir) {
  const fs::path file = dir / page_record_file;
  const std::optional<std::string> text = read_whole_file(file);
  if (!text) return {};
  fs::remove(file);  // before anything in `dir` changes (see the header)
  PageRecord record;
  std::string_view rest = *text;
  const auto line = [&rest]() -> std::optional<std::string_view> {
    const std::size_t end = rest.find('\n');
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view l = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    return l;
  };
  if (line() != version) return {};
  while (!rest.empty()) {
    const std::optional<std::string_view> l = line();
    if (!l || l->size() < 36 || (*l)[32] != ' ') return {};
    PageEntry entry{std::string(l->substr(0, 32)), 0};
    const char* first = l->data() + 33;
    const char* last = l->data() + l->size();
    const auto [end, error] = std::from_chars(first, last, entry.size);
    if (error != std::errc() || end == last || *end != ' ' || end + 1 == last) return {};
    record.emplace(std::string(end + 1, last), std::move(entry));
  }
  return record;
}

std::string page_record_text(const PageRecord& record) {
  std::vector<const PageRecord::value_type*> sorted;
  sorted.reserve(record.size());
  for (const auto& entry : record) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
  std::string text(version);
  text += '\n';
  for (const auto* entry : sorted) {
    text += entry->second.recipe;
    text += ' ';
    text += std::to_string(entry->second.size);
    text += ' ';
    text += entry->first;
    text += '\n';
  }
  return text;
}

PageRecipes::PageRecipes(const Theme& theme, const Data& globals) {
  std::string shared;
  field(shared, version);
  if (!serialize(globals, shared)) shared += "unrecordable";
  // Rows rendered ready-made come from the issue_row partial (ready_rows.h).
  field(shared, theme.issue_row_source());
  for (const std::string& name : theme.template_names()) {
    std::string one = shared;
    field(one, name);
    field(one, theme.source(name));
    templates_[name] = digest(one);
  }
}

std::optional<std::string> PageRecipes::recipe(const std::string& tmpl, const std::string& path,
                                               const Data& page) const {
  thread_local std::string text;
  text.clear();
  field(text, templates_.at(tmpl));
  field(text, path);
  if (!serialize(page, text)) return std::nullopt;
  return digest(text);
}

std::string PageRecipes::elder_recipe(const std::string& page_recipe,
                                      const std::string& elder_path) {
  std::string text;
  field(text, page_recipe);
  field(text, "elder");
  field(text, elder_path);
  return digest(text);
}

}  // namespace hgj::site
