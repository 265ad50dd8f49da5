#include "serve/live_reload.h"

#include <unistd.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "hgj/language.h"
#include "site/templates/escape.h"

namespace hgj::serve {

namespace {

constexpr const char* overlay_id = "hgj-serve-errors";
constexpr const char* overlay_style =
    "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;overflow:auto;"
    "margin:0;padding:16px;background:#7f1d1d;color:#fff;font:16px/1.5 sans-serif;"
    "box-shadow:0 -4px 16px rgba(0,0,0,.4)";
constexpr const char* overlay_pre_style =
    "margin:8px 0 0;white-space:pre-wrap;overflow-wrap:anywhere;font:15px/1.4 monospace";
// The excerpt and its caret line: never wrapped, scrolled together.
constexpr const char* excerpt_style =
    "display:block;white-space:pre;overflow-x:auto;margin:2px 0 6px 2ch";

// The bytes of `excerpt` before display column `caret` (terminal cells, as the loader
// counted them), padded with spaces past its end.
std::string before_caret(const std::string& excerpt, int caret) {
  std::size_t at = 0;
  while (at < excerpt.size()) {
    std::size_t next = at + 1;
    while (next < excerpt.size() && (static_cast<unsigned char>(excerpt[next]) & 0xC0) == 0x80)
      ++next;
    if (display_width(std::string_view(excerpt).substr(0, next)) > caret) break;
    at = next;
  }
  std::string prefix = excerpt.substr(0, at);
  const int short_by = caret - display_width(prefix);
  if (at == excerpt.size() && short_by > 0) prefix.append(static_cast<std::size_t>(short_by), ' ');
  return prefix;
}

std::string problem_html(const Diagnostic& d) {
  std::string out = "<span style=\"display:block\">" + site::xml_escape(format_heading(d));
  if (!d.excerpt.empty()) {
    out += std::string("<span data-hgj-excerpt style=\"") + excerpt_style + "\">" +
           site::xml_escape(d.excerpt);
    if (d.caret >= 0) {
      out += "\n<span style=\"visibility:hidden\">" +
             site::xml_escape(before_caret(d.excerpt, d.caret)) +
             "</span><span data-hgj-caret>^</span>";
    }
    out += "</span>";
  }
  if (d.folded > 0) {
    const std::string n = std::to_string(d.folded);
    out +=
        "<span style=\"display:block;margin-left:2ch\">" +
        site::xml_escape(say("另有 " + n + " 处引用因此无法核对，改好上面这一处后再运行一次",
                             n + (d.folded == 1 ? " more reference" : " more references") +
                                 " could not be checked because of this; fix it and run again")) +
        "</span>";
  }
  return out + "</span>";
}

// Where the last "</body>" starts (any case), or the end of the page.
std::size_t body_end(const std::string& html) {
  std::string lowered = html;
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t at = lowered.rfind("</body>");
  return at == std::string::npos ? html.size() : at;
}

}  // namespace

std::string overlay_html(const BuildState& s) {
  std::string problems;
  for (const Diagnostic& d : s.problems) problems += problem_html(d);
  return std::string("<div id=\"") + overlay_id + "\" role=\"alert\" lang=\"" + say("zh-CN", "en") +
         "\" style=\"" + overlay_style + "\"><strong>" +
         site::xml_escape(
             say("hgj serve：内容有错误，这里仍是上一次成功的构建。改好后页面会自动刷新。",
                 "hgj serve: the content has errors; this is still the last good build. "
                 "The page reloads once they are fixed.")) +
         "</strong><pre style=\"" + overlay_pre_style + "\">" + problems + "</pre></div>";
}

LiveReload::LiveReload()
    : session_(std::to_string(::getpid()) + "-" +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count())) {}

void LiveReload::finished(bool ok, std::vector<Diagnostic> diagnostics) {
  {
    std::lock_guard lock(mutex_);
    ++state_.build;
    if (ok) {
      state_.served = state_.build;
      state_.errors.clear();
      state_.problems.clear();
    } else {
      state_.errors.clear();
      for (const Diagnostic& d : diagnostics) state_.errors.push_back(format_diagnostic(d));
      state_.problems = std::move(diagnostics);
    }
  }
  changed_.notify_all();
}

BuildState LiveReload::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

BuildState LiveReload::wait(long known, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return stopped_ || state_.build != known; });
  return state_;
}

void LiveReload::stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  changed_.notify_all();
}

std::string LiveReload::json(const BuildState& s) const {
  nlohmann::json j = {
      {"session", session_}, {"build", s.build},
      {"served", s.served},  {"ok", s.errors.empty()},
      {"errors", s.errors},  {"overlay", s.errors.empty() ? std::string() : overlay_html(s)}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string LiveReload::inject(const std::string& html) const {
  const BuildState s = state();
  std::string added;
  if (!s.errors.empty()) added += overlay_html(s);
  added += "<script src=\"/__hgj/live.js\" data-build=\"" + std::to_string(s.build) +
           "\" data-served=\"" + std::to_string(s.served) + "\" data-session=\"" + session_ +
           "\"></script>";
  std::string out = html;
  out.insert(body_end(out), added);
  return out;
}

const std::string& LiveReload::script() {
  static const std::string js =
      std::string(
          R"JS(// hgj serve: reload when a newer build is served; show a failed build's messages.
(function () {
  var me = document.currentScript;
  var build = me.getAttribute('data-build');
  var served = me.getAttribute('data-served');
  var session = me.getAttribute('data-session');
  // The overlay comes made from the server (serve/live_reload.h: overlay_html).
  function overlay(s) {
    var box = document.getElementById(')JS") +
      overlay_id + R"JS(');
    if (box) box.parentNode.removeChild(box);
    if (s.errors.length) document.body.insertAdjacentHTML('beforeend', s.overlay);
    carets();
  }
  // A long source line scrolls so that its caret shows (a phone is narrow).
  function carets() {
    var marks = document.querySelectorAll('#)JS" +
      overlay_id + R"JS( [data-hgj-caret]');
    for (var i = 0; i < marks.length; i++) {
      var line = marks[i].parentNode;
      var left = marks[i].offsetLeft - line.offsetLeft;
      if (left > line.clientWidth - 24) line.scrollLeft = left - line.clientWidth / 2;
    }
  }
  function poll(delay) {
    setTimeout(function () {
      fetch('/__hgj/wait?v=' + build, { cache: 'no-store' })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (s.session !== session || String(s.served) !== served) { location.reload(); return; }
          build = String(s.build);
          overlay(s);
          poll(0);
        })
        .catch(function () { poll(1000); });
    }, delay);
  }
  carets();
  poll(0);
})();
)JS";
  return js;
}

}  // namespace hgj::serve
