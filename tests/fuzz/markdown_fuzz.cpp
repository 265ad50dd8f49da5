// A Markdown file with TOML front matter, as every collection folder reads it: the
// bytes go to communities/x.md, …, pages/x.md of a scratch content folder, which is
// loaded and validated; the body is rendered to site HTML and kiosk plain text, and
// the HTML must carry no live markup whatever the body says.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bundle/plain_text.h"
#include "fuzz_content.h"
#include "hgj/front_matter.h"
#include "hgj/loader.h"
#include "site/pages/markdown.h"

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Text is escaped (&lt;), so every '<' starts a tag hgj wrote: none may be a script or
// frame, carry an event handler or point at a javascript:/vbscript: address.
void check_inert(const std::string& html) {
  const std::string l = lower(html);
  for (std::size_t at = l.find('<'); at != std::string::npos; at = l.find('<', at + 1)) {
    const std::string tag = l.substr(at, l.find('>', at) - at);
    bool bad = false;
    for (const char* name : {"<script", "<iframe", "<object", "<embed", "<style", "<svg"}) {
      bad = bad || tag.rfind(name, 0) == 0;
    }
    bad = bad || tag.find("javascript:") != std::string::npos ||
          tag.find("vbscript:") != std::string::npos;
    for (std::size_t on = tag.find(" on"); on != std::string::npos && !bad;
         on = tag.find(" on", on + 1)) {
      std::size_t end = on + 3;
      while (end < tag.size() && std::isalpha(static_cast<unsigned char>(tag[end]))) ++end;
      bad = end > on + 3 && end < tag.size() && tag[end] == '=';
    }
    if (bad) {
      std::fprintf(stderr, "markdown_to_html let a live tag through: %s\n%s\n", tag.c_str(),
                   html.c_str());
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const hgj::fuzz::fs::path content = hgj::fuzz::base_content("markdown");
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const char* folder : {"communities", "grids", "buildings", "stewards", "issues", "events",
                             "notices", "duties", "pages"}) {
    hgj::fuzz::write_file(content / folder / "x.md", bytes);
  }
  hgj::DiagnosticSink sink;
  hgj::load_content(content.string(), sink);
  for (const hgj::Diagnostic& d : sink.sorted()) (void)hgj::format_diagnostic(d);

  const hgj::FrontMatter front = hgj::split_front_matter(bytes);
  const std::string_view body = front.ok ? std::string_view(front.body) : bytes;
  check_inert(hgj::site::markdown_to_html(body));
  (void)hgj::site::markdown_to_text(body);
  (void)hgj::markdown_plain_text(body);
  return 0;
}
