#include "serve/live_reload.h"

#include <unistd.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "site/escape.h"

namespace hgj::serve {

namespace {

constexpr const char* overlay_id = "hgj-serve-errors";
constexpr const char* overlay_style =
    "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;overflow:auto;"
    "margin:0;padding:16px;background:#7f1d1d;color:#fff;font:16px/1.5 sans-serif;"
    "box-shadow:0 -4px 16px rgba(0,0,0,.4)";
constexpr const char* overlay_pre_style = "margin:8px 0 0;white-space:pre-wrap;font:15px/1.4 monospace";
constexpr const char* overlay_heading = "hgj serve：内容有错误，这里仍是上一次成功的构建。改好后页面会自动刷新。";

std::string overlay_html(const BuildState& s) {
  std::string messages;
  for (const std::string& e : s.errors) messages += (messages.empty() ? "" : "\n") + site::xml_escape(e);
  return std::string("<div id=\"") + overlay_id + "\" role=\"alert\" style=\"" + overlay_style + "\"><strong>" +
         overlay_heading + "</strong><pre style=\"" + overlay_pre_style + "\">" + messages + "</pre></div>";
}

// Where the last "</body>" starts (any case), or the end of the page.
std::size_t body_end(const std::string& html) {
  std::string lowered = html;
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t at = lowered.rfind("</body>");
  return at == std::string::npos ? html.size() : at;
}

}  // namespace

LiveReload::LiveReload()
    : session_(std::to_string(::getpid()) + "-" +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count())) {}

void LiveReload::finished(bool ok, std::vector<std::string> diagnostics) {
  {
    std::lock_guard lock(mutex_);
    ++state_.build;
    if (ok) {
      state_.served = state_.build;
      state_.errors.clear();
    } else {
      state_.errors = std::move(diagnostics);
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
  nlohmann::json j = {{"session", session_},
                      {"build", s.build},
                      {"served", s.served},
                      {"ok", s.errors.empty()},
                      {"errors", s.errors}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string LiveReload::inject(const std::string& html) const {
  const BuildState s = state();
  std::string added;
  if (!s.errors.empty()) added += overlay_html(s);
  added += "<script src=\"/__hgj/live.js\" data-build=\"" + std::to_string(s.build) + "\" data-served=\"" +
           std::to_string(s.served) + "\" data-session=\"" + session_ + "\"></script>";
  std::string out = html;
  out.insert(body_end(out), added);
  return out;
}

const std::string& LiveReload::script() {
  static const std::string js = std::string(R"JS(// hgj serve: reload when a newer build is served; show a failed build's messages.
(function () {
  var me = document.currentScript;
  var build = me.getAttribute('data-build');
  var served = me.getAttribute('data-served');
  var session = me.getAttribute('data-session');
  function overlay(errors) {
    var box = document.getElementById(')JS") + overlay_id + R"JS(');
    if (!errors.length) { if (box) box.parentNode.removeChild(box); return; }
    if (!box) {
      box = document.createElement('div');
      box.id = ')JS" + overlay_id + R"JS(';
      box.setAttribute('role', 'alert');
      box.style.cssText = ')JS" + overlay_style + R"JS(';
      document.body.appendChild(box);
    }
    var heading = document.createElement('strong');
    heading.textContent = ')JS" + overlay_heading + R"JS(';
    var pre = document.createElement('pre');
    pre.style.cssText = ')JS" + overlay_pre_style + R"JS(';
    pre.textContent = errors.join('\n');
    box.textContent = '';
    box.appendChild(heading);
    box.appendChild(pre);
  }
  function poll(delay) {
    setTimeout(function () {
      fetch('/__hgj/wait?v=' + build, { cache: 'no-store' })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (s.session !== session || String(s.served) !== served) { location.reload(); return; }
          build = String(s.build);
          overlay(s.errors);
          poll(0);
        })
        .catch(function () { poll(1000); });
    }, delay);
  }
  poll(0);
})();
)JS";
  return js;
}

}  // namespace hgj::serve
