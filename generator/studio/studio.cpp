#include "studio/studio.h"

#include <sodium.h>

#include <ostream>

#include "diff/publication.h"
#include "hgj/language.h"
#include "studio/form.h"
#include "studio/pages.h"

namespace hgj::studio {

namespace {

std::string random_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char b : bytes) {
    hex += digits[b >> 4];
    hex += digits[b & 15];
  }
  return hex;
}

bool same_token(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// A change must come from a page of this workbench: a browser names the page's origin,
// and another site's page (cross-site request forgery) names its own.
bool same_origin(const http::Request& request) {
  const std::string_view origin = request.header("origin");
  if (origin.empty() || origin == "null") return origin.empty();
  const std::string_view host = request.header("host");
  const std::size_t scheme = origin.find("://");
  return scheme != std::string_view::npos && origin.substr(scheme + 3) == host;
}

// The CSRF token a change carries: a form field, or the query of a multipart upload's
// action (its body is read only by the page that takes the upload).
std::string token_of(const http::Request& request) {
  if (request.header("content-type").starts_with("application/x-www-form-urlencoded")) {
    const std::string token = Form(request.body).get("csrf");
    if (!token.empty()) return token;
  }
  return Form(request.query).get("csrf");
}

}  // namespace

Studio::Studio(StudioOptions options, std::ostream& log)
    : options_(std::move(options)),
      log_(log),
      local_token_(random_token()),
      users_(options_.state_dir) {}

Studio::~Studio() = default;

std::unique_ptr<Studio::Loaded> Studio::load() const {
  auto loaded = std::make_unique<Loaded>();
  loaded->result = load_content(options_.content_dir, loaded->sink);
  return loaded;
}

std::string Studio::content_head() const { return content_version(options_.content_dir); }

Frame Studio::frame(std::string title, Tab tab, const Visitor& visitor) const {
  DiagnosticSink ignored;
  const std::optional<Site> site = load_site_settings(options_.content_dir, ignored);
  return Frame{std::move(title), tab, site ? site->title : std::string(), &visitor};
}

bool Studio::unchanged_since(const std::string& form_base) const {
  return form_base == content_head();
}

http::Response Studio::conflict(const Visitor& visitor) const {
  return message_page(
      409, frame({}, Tab::none, visitor), say("内容已经被改动过", "The content has changed"),
      say("在你打开这个页面之后，内容文件夹被别人（或别的窗口）改动过。为了不覆盖别人的修改，"
          "这次什么也没有改动。请重新打开页面，看过最新的内容后再操作一次。",
          "The content folder changed after this page was opened. So that no one's change is "
          "overwritten, nothing was changed. Open the page again, look at the latest content, "
          "then try once more."));
}

std::optional<Visitor> Studio::visitor_of(const http::Request& request) {
  if (!options_.accounts) return Visitor{options_.local_user, false, true, {}, local_token_};
  const std::optional<std::string> id = cookie_value(request.header("cookie"), session_cookie_name);
  if (!id) return std::nullopt;
  const std::optional<Session> session = sessions_.find(*id, SessionClock::now());
  if (!session) return std::nullopt;
  // Read afresh: a removed account or a changed password ends the session at once, and
  // a new role or community list applies to the next request.
  const std::optional<User> user = session_user(*session, users_);
  if (!user) {
    sessions_.end(*id);
    return std::nullopt;
  }
  return Visitor{user->name, true, can_publish(*user), user->communities, session->csrf_token};
}

namespace {

// Who is trying to sign in, for counting failures: the socket's address, or the one the
// nginx on this machine names (X-Real-IP) when the request comes through it.
std::string client_address(const http::Request& request) {
  const std::string_view forwarded = request.header("x-real-ip");
  const bool local = request.remote.starts_with("127.") || request.remote == "::1";
  return local && !forwarded.empty() ? std::string(forwarded) : request.remote;
}

http::Response redirect(const std::string& location) {
  http::Response r{303, "text/plain; charset=utf-8", "", {{"Location", location}}};
  add_security_headers(r);
  return r;
}

}  // namespace

http::Response Studio::login_page(const std::string& name, const std::string& problem,
                                  int status) const {
  std::string body;
  if (!problem.empty()) body += "<p class=\"notice bad\" role=\"alert\">" + h(problem) + "</p>\n";
  body +=
      "<form method=\"post\" action=\"/login\">\n<p><label for=\"name\">" + say("用户名", "Name") +
      "</label><br><input id=\"name\" name=\"name\" autocomplete=\"username\" required value=\"" +
      h(name) + "\"></p>\n<p><label for=\"password\">" + say("密码", "Password") +
      "</label><br><input id=\"password\" name=\"password\" type=\"password\" "
      "autocomplete=\"current-password\" required></p>\n<div class=\"actions\"><button>" +
      say("登录", "Sign in") + "</button></div>\n</form>\n<p>" +
      say("忘了密码？请街道的管理员用 hgj studio user passwd 重设。",
          "Forgot the password? The street's administrator resets it with hgj studio user "
          "passwd.") +
      "</p>\n";
  DiagnosticSink ignored;
  const std::optional<Site> site = load_site_settings(options_.content_dir, ignored);
  return page_response(
      status, Frame{say("登录", "Sign in"), Tab::none, site ? site->title : std::string(), nullptr},
      body);
}

http::Response Studio::login(const http::Request& request) {
  if (!same_origin(request))
    return login_page({}, say("请从登录页登录。", "Sign in from the sign-in page."), 403);
  const Form form(request.body);
  const std::string name = form.get("name"), password = form.get("password");
  const std::string address = client_address(request);
  const auto now = std::chrono::system_clock::now();
  if (const std::chrono::seconds wait = throttle_.wait(name, address, now); wait.count() > 0)
    return login_page(name, throttle_message(wait), 429);
  std::optional<User> user;
  try {
    user = users_.verify(name, password);
  } catch (const AccountError& e) {
    return login_page(name, e.what(), 500);
  }
  if (!user) {
    throttle_.failed(name, address, now);
    log_ << "hgj studio: " << say("登录失败：", "failed sign-in: ") << name << " (" << address
         << ")" << std::endl;
    return login_page(name, say("用户名或密码不对。", "Wrong name or password."), 401);
  }
  throttle_.succeeded(name);
  const Session session = sessions_.create(user->name, user->password_version, now);
  http::Response r = redirect("/");
  r.headers.emplace_back("Set-Cookie", session_cookie(session.id, options_.secure_cookies));
  return r;
}

http::Response Studio::logout(const http::Request& request) {
  if (const std::optional<std::string> id =
          cookie_value(request.header("cookie"), session_cookie_name))
    sessions_.end(*id);
  http::Response r = redirect("/login");
  r.headers.emplace_back("Set-Cookie", session_cookie_cleared(options_.secure_cookies));
  return r;
}

void Studio::page(http::Routes& routes, const std::string& method, const std::string& path,
                  Handler handler) {
  routes.add(
      method, path, [this, method, handler = std::move(handler)](const http::Request& request) {
        const std::optional<Visitor> visitor = visitor_of(request);
        if (!visitor) {
          http::Response r{303, "text/plain; charset=utf-8", "", {{"Location", "/login"}}};
          add_security_headers(r);
          return r;
        }
        if (method == "POST" &&
            (!same_origin(request) || !same_token(token_of(request), visitor->csrf))) {
          return message_page(
              403, frame({}, Tab::none, *visitor),
              say("请从工作台的页面操作", "Use the workbench's pages"),
              say("这个请求不是从工作台的页面发出的（缺少或带错了页面校验码），为安全起见没有执行。"
                  "请回到工作台，重新打开页面再操作。",
                  "This request did not come from a workbench page (its page token is missing or "
                  "wrong), so it was not carried out. Open the page again and retry."));
        }
        return handler(request, *visitor);
      });
}

void Studio::add_routes(http::Routes& routes) {
  routes.get("/studio.css", [](const http::Request&) {
    http::Response r{200, "text/css; charset=utf-8", std::string(studio_css()), {}};
    add_security_headers(r);
    return r;
  });
  routes.get("/login", [this](const http::Request& r) {
    return visitor_of(r) ? redirect("/") : login_page({}, {}, 200);
  });
  routes.add("POST", "/login", [this](const http::Request& r) {
    return options_.accounts ? login(r) : redirect("/");
  });
  page(routes, "POST", "/logout",
       [this](const http::Request& r, const Visitor&) { return logout(r); });
  page(routes, "GET", "/",
       [this](const http::Request&, const Visitor& v) { return overview_page(*this, v); });
  page(routes, "GET", "/import",
       [this](const http::Request&, const Visitor& v) { return import_page(*this, v); });
  page(routes, "POST", "/import",
       [this](const http::Request& r, const Visitor& v) { return import_upload(*this, r, v); });
  page(routes, "GET", "/import/preview", [this](const http::Request& r, const Visitor& v) {
    return import_preview_page(*this, r, v);
  });
  page(routes, "POST", "/import/columns",
       [this](const http::Request& r, const Visitor& v) { return import_columns(*this, r, v); });
  page(routes, "POST", "/import/accept",
       [this](const http::Request& r, const Visitor& v) { return import_accept(*this, r, v); });
  page(routes, "POST", "/import/discard",
       [this](const http::Request& r, const Visitor& v) { return import_discard(*this, r, v); });
  page(routes, "GET", "/check",
       [this](const http::Request&, const Visitor& v) { return check_page(*this, v); });
  page(routes, "GET", "/source",
       [this](const http::Request& r, const Visitor& v) { return source_page(*this, r, v); });
  page(routes, "GET", "/changes",
       [this](const http::Request&, const Visitor& v) { return changes_page(*this, v); });
  page(routes, "GET", "/changes/approval.pdf",
       [this](const http::Request&, const Visitor& v) { return approval_download(*this, v); });
  page(routes, "GET", "/publish",
       [this](const http::Request&, const Visitor& v) { return publish_page(*this, v); });
  page(routes, "POST", "/publish",
       [this](const http::Request& r, const Visitor& v) { return publish_now(*this, r, v); });
  page(routes, "GET", "/publish/reprint.pdf",
       [this](const http::Request&, const Visitor& v) { return reprint_download(*this, v); });
  page(routes, "GET", "/print",
       [this](const http::Request&, const Visitor& v) { return print_page(*this, v); });
  page(routes, "GET", "/print/download",
       [this](const http::Request& r, const Visitor& v) { return print_download(*this, r, v); });
  page(routes, "GET", "/history",
       [this](const http::Request&, const Visitor& v) { return history_page(*this, v); });
  page(routes, "POST", "/history/restore",
       [this](const http::Request& r, const Visitor& v) { return history_restore(*this, r, v); });
  page(routes, "GET", "/preview",
       [this](const http::Request&, const Visitor& v) { return preview_page(*this, v); });
  page(routes, "GET", "/preview/*",
       [this](const http::Request& r, const Visitor& v) { return preview_file(*this, r, v); });
  page(routes, "GET", "/fleet",
       [this](const http::Request&, const Visitor& v) { return fleet_page(*this, v); });
  page(routes, "POST", "/fleet/pair",
       [this](const http::Request& r, const Visitor& v) { return fleet_pair(*this, r, v); });
  page(routes, "GET", "/fleet/screenshot",
       [this](const http::Request& r, const Visitor& v) { return fleet_screenshot(*this, r, v); });
  page(routes, "POST", "/fleet/ask",
       [this](const http::Request& r, const Visitor& v) { return fleet_ask(*this, r, v); });
}

}  // namespace hgj::studio
