// Theme loading: the input's first part is checked and rendered as a template on its
// own, and cut into parts for the elder/ copy (site/templates/template_parts.h): the parts must
// hold every byte and, rendered one after another, write what the whole writes. Every
// 32nd input also becomes a theme folder over the default theme whose home
// template, head partial and strings.toml are the input's parts (split at "\n===\n"),
// loaded (partials inlined) and rendered. A broken theme must end in diagnostics, never
// a crash. (A whole load parses every default template: too slow for every input.) The
// first part with theme strings written in must render as it does as written.
#include <cstdint>
#include <kainjow/mustache.hpp>
#include <string>

#include "fuzz_content.h"
#include "site/templates/escape.h"
#include "site/templates/inlined_strings.h"
#include "site/templates/template_parts.h"
#include "site/templates/theme.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const hgj::fuzz::fs::path dir = hgj::fuzz::scratch_folder("theme");
  static const hgj::fuzz::fs::path fallback = HGJ_SOURCE_DIR "/themes/default";
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::string_view parts[3];
  for (std::string_view& part : parts) {
    const std::size_t cut = rest.find("\n===\n");
    part = rest.substr(0, cut);
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 5);
  }
  static unsigned runs = 0;
  {
    hgj::DiagnosticSink sink;
    const std::string text(parts[0]);
    if (hgj::site::check_template("home.mustache", text, sink)) {
      kainjow::mustache::data page;
      page["res"] = std::string("../");
      page["elder"] = true;
      page["x"] = kainjow::mustache::data(kainjow::mustache::data::type::list);
      kainjow::mustache::mustache tmpl(text);
      const std::string whole = tmpl.render(page);
      // The same place, other names set: a shared part must not see them.
      kainjow::mustache::data other;
      other["res"] = std::string("../");
      other["elder"] = true;
      other["x"] = std::string("<x>");
      other["y"] = kainjow::mustache::data("res", std::string("y/"));
      other["title"] = true;
      std::string joined, rendered;
      for (const hgj::site::TemplatePart& part : hgj::site::template_parts(
               text, {"res", "elder"}, {"site", "t", "root", "res", "elder"})) {
        joined += part.text;
        kainjow::mustache::mustache piece(part.text);
        const std::string piece_text = piece.render(page);
        rendered += piece_text;
        if (part.shared && piece.is_valid() && piece.render(other) != piece_text) __builtin_trap();
      }
      if (joined != text || (tmpl.is_valid() && rendered != whole)) __builtin_trap();

      // The theme's strings written in (site/templates/inlined_strings.h) render as the tags did.
      static const std::map<std::string, std::string> strings = {
          {"a", "<甲>&'\""}, {"b", "{{x}}"}, {"c", ""}, {"res", "r"}};
      kainjow::mustache::data with_t = page;
      kainjow::mustache::data t;
      for (const auto& [key, value] : strings) t[key] = value;
      with_t["t"] = std::move(t);
      const auto escaped = [](const std::string& s) { return hgj::site::mustache_escape(s); };
      kainjow::mustache::mustache as_written(text),
          inlined(hgj::site::with_strings_inlined(text, strings));
      as_written.set_custom_escape(escaped);
      inlined.set_custom_escape(escaped);
      if (as_written.is_valid()) {
        const std::string expected = as_written.render(with_t);
        if (!inlined.is_valid() || inlined.render(with_t) != expected) __builtin_trap();
      }
    }
    for (const hgj::Diagnostic& d : sink.sorted()) (void)hgj::format_diagnostic(d);
  }
  if (++runs % 32 != 0) return 0;
  hgj::fuzz::fs::remove_all(dir / "t");
  hgj::fuzz::write_file(dir / "t/templates/home.mustache", parts[0]);
  if (!parts[1].empty()) hgj::fuzz::write_file(dir / "t/partials/head.mustache", parts[1]);
  if (!parts[2].empty()) hgj::fuzz::write_file(dir / "t/strings.toml", parts[2]);

  hgj::DiagnosticSink sink;
  const auto theme = hgj::site::Theme::load(dir / "t", fallback, sink);
  for (const hgj::Diagnostic& d : sink.sorted()) (void)hgj::format_diagnostic(d);
  if (theme) {
    hgj::site::TemplateSet set(*theme);
    const hgj::site::MustacheData empty;
    std::string error;
    (void)set.render("home", empty, empty, error);
  }
  return 0;
}
