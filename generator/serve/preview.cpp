#include "serve/preview.h"

#include <charconv>
#include <chrono>
#include <filesystem>
#include <optional>
#include <ostream>

#include "hgj/files.h"
#include "hgj/language.h"
#include "http/files.h"
#include "options.h"
#include "serve/incremental.h"

namespace hgj::serve {

namespace fs = std::filesystem;

namespace {

// Long enough to spare the browser needless requests, short enough for proxies and
// the browser's own timeouts.
constexpr std::chrono::seconds long_poll{25};

std::string read_file(const fs::path& file) {
  std::optional<std::string> bytes = read_whole_file(file);
  if (!bytes) throw std::runtime_error("cannot read " + file.string());
  return std::move(*bytes);
}

bool is_html(const fs::path& file) {
  return file.extension() == ".html" || file.extension() == ".htm";
}

// v=<number> from a query string; -1 (answer at once) when absent or malformed.
long version_in(std::string_view query) {
  for (std::size_t at = 0; at <= query.size();) {
    std::size_t end = query.find('&', at);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(at, end - at);
    if (pair.starts_with("v=")) {
      long v = -1;
      const auto [ptr, ec] = std::from_chars(pair.data() + 2, pair.data() + pair.size(), v);
      return ec == std::errc() && ptr == pair.data() + pair.size() ? v : -1;
    }
    at = end + 1;
  }
  return -1;
}

}  // namespace

Preview::Preview(BuildOptions options, std::ostream& out, std::ostream& err)
    : options_(std::move(options)), out_(out), err_(err) {}

bool Preview::rebuild(const std::vector<fs::path>& changed) {
  const auto started = std::chrono::steady_clock::now();
  DiagnosticSink sink;
  int code;
  try {
    std::optional<BuildReport> quick = update_site(state_, options_, changed, sink);
    if (!quick) {
      // Whatever made this a full build (a CSV with an error, say) is not in the kept
      // state until a full build succeeds and replaces it.
      state_.clean = false;
    }
    code = quick ? quick->exit_code : build_site(options_, sink, err_, &state_).exit_code;
  } catch (const std::exception& e) {
    sink.error({options_.out_dir, 0, 0}, std::string("the build failed: ") + e.what());
    code = 2;
  }
  print_diagnostics(err_, sink);
  const bool ok = code == 0;
  live_.finished(ok, sink.sorted());
  const BuildState s = live_.state();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  if (ok) {
    out_ << "hgj serve: build " << s.build << " done in " << ms.count() << " ms" << std::endl;
  } else {
    out_ << "hgj serve: build " << s.build << " failed (" << diagnostic_summary(sink) << "); "
         << (s.served > 0 ? "still serving build " + std::to_string(s.served)
                          : std::string("nothing to serve yet"))
         << std::endl;
  }
  return ok;
}

void Preview::add_routes(http::Routes& routes) const {
  routes.get("/__hgj/live.js", [](const http::Request&) {
    return http::Response{200, "text/javascript; charset=utf-8", LiveReload::script(), {}};
  });
  routes.get("/__hgj/wait", [this](const http::Request& r) { return wait(r); });
  routes.get("/__hgj/status", [this](const http::Request&) {
    return http::Response{200, "application/json", live_.json(live_.state()), {}};
  });
  routes.get("/*", [this](const http::Request& r) { return file(r); });
}

http::Response Preview::wait(const http::Request& request) const {
  const long known = version_in(request.query);
  const BuildState s =
      known < 0
          ? live_.state()
          : live_.wait(known, std::chrono::duration_cast<std::chrono::milliseconds>(long_poll));
  return {200, "application/json", live_.json(s), {}};
}

http::Response Preview::file(const http::Request& request) const {
  const http::Resolved found = http::resolve_path(options_.out_dir, request.path);
  switch (found.status) {
    case 200:
      break;
    case 301:
      return {301, "text/plain; charset=utf-8", "", {{"Location", found.location}}};
    case 404:
      return live_.state().served == 0 ? no_build_yet() : not_found();
    default:
      return http::text_response(found.status, say("请求的地址有误", "bad request"));
  }
  std::string body = read_file(found.file);
  if (is_html(found.file)) body = live_.inject(body);
  return {200, http::content_type(found.file), std::move(body), {}};
}

http::Response Preview::not_found() const {
  const fs::path page = fs::path(options_.out_dir) / "404.html";
  std::error_code ec;
  if (!fs::is_regular_file(page, ec))
    return http::text_response(404, say("找不到这个页面", "not found"));
  return {404, "text/html; charset=utf-8", live_.inject(read_file(page)), {}};
}

// Before the first good build there is nothing to show but the errors.
http::Response Preview::no_build_yet() const {
  const std::string page =
      "<!DOCTYPE html>\n<html lang=\"" + say("zh-CN", "en") +
      "\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>hgj serve</title></head><body><main><h1>hgj serve</h1><p>" +
      say("还没有成功的构建。改好内容后页面会自动刷新。",
          "No build has succeeded yet. The page reloads once the content is fixed.") +
      "</p></main></body></html>\n";
  return {503, "text/html; charset=utf-8", live_.inject(page), {}};
}

}  // namespace hgj::serve
