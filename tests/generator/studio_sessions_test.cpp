#include <doctest/doctest.h>

#include <random>
#include <set>
#include <string>

#include "../temp_folder.h"
#include "studio/sessions.h"

namespace hgj::studio {

using namespace std::chrono_literals;

namespace {

const SessionTime t0 = SessionTime(std::chrono::seconds(1796000000));

bool is_base64url(const std::string& text) {
  return text.find_first_not_of(
             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
         std::string::npos;
}

}  // namespace

TEST_CASE(
    "a new session has a random 256-bit id and a separate CSRF token, and is found by its id") {
  Sessions sessions;
  const Session a = sessions.create("wang", 1, t0);
  const Session b = sessions.create("wang", 1, t0);
  CHECK(a.id.size() == 43);
  CHECK(is_base64url(a.id));
  CHECK(a.csrf_token.size() == 43);
  CHECK(is_base64url(a.csrf_token));
  CHECK(std::set<std::string>{a.id, a.csrf_token, b.id, b.csrf_token}.size() == 4);
  const std::optional<Session> found = sessions.find(a.id, t0 + 1min);
  REQUIRE(found);
  CHECK(found->user == "wang");
  CHECK(found->csrf_token == a.csrf_token);
  CHECK(found->last_seen == t0 + 1min);
  CHECK(!sessions.find(a.id.substr(0, 42), t0));
  CHECK(!sessions.find(a.id + "x", t0));
  CHECK(!sessions.find("", t0));
  CHECK(!sessions.find(a.csrf_token, t0));
}

TEST_CASE("a session ends after 2 hours idle") {
  Sessions sessions;
  const Session s = sessions.create("wang", 1, t0);
  CHECK(sessions.find(s.id, t0 + 2h - 1s));  // and seen again now
  CHECK(sessions.find(s.id, t0 + 4h - 2s));
  CHECK(!sessions.find(s.id, t0 + 6h - 2s));
  CHECK(sessions.size() == 0);  // forgotten, not only refused
  CHECK(!sessions.find(s.id, t0 + 4h - 2s));
}

TEST_CASE("a session ends 12 hours after it began however busy it is") {
  Sessions sessions;
  const Session s = sessions.create("wang", 1, t0);
  for (auto at = t0 + 1h; at < t0 + 12h; at += 1h) CHECK(sessions.find(s.id, at));
  CHECK(sessions.find(s.id, t0 + 12h - 1s));
  CHECK(!sessions.find(s.id, t0 + 12h));
  // A clock set back before the session began does not revive or extend anything.
  const Session later = sessions.create("wang", 1, t0);
  CHECK(!sessions.find(later.id, t0 - 1s));
}

TEST_CASE("ending one session, or all of a user's") {
  Sessions sessions;
  const Session a = sessions.create("wang", 1, t0);
  const Session b = sessions.create("wang", 1, t0);
  const Session c = sessions.create("li", 1, t0);
  sessions.end(a.id);
  CHECK(!sessions.find(a.id, t0));
  CHECK(sessions.find(b.id, t0));
  const Session d = sessions.create("wang", 1, t0);
  CHECK(sessions.end_all_for("wang") == 2);
  CHECK(!sessions.find(b.id, t0));
  CHECK(!sessions.find(d.id, t0));
  CHECK(sessions.find(c.id, t0));
  CHECK(sessions.end_all_for("nobody") == 0);
}

TEST_CASE("sessions are bounded: beyond capacity the expired go first, then the idlest") {
  Sessions sessions(3);
  const Session old = sessions.create("a", 1, t0);
  const Session idle = sessions.create("b", 1, t0 + 3h);
  const Session busy = sessions.create("c", 1, t0 + 3h);
  CHECK(sessions.find(busy.id, t0 + 4h));
  const Session d = sessions.create("d", 1, t0 + 4h);  // `old` has expired: it makes room
  CHECK(sessions.size() == 3);
  CHECK(sessions.find(idle.id, t0 + 4h + 1s));
  CHECK(sessions.find(busy.id, t0 + 4h + 1s));
  const Session e =
      sessions.create("e", 1, t0 + 4h + 2s);  // none expired: `d`, unseen since t0 + 4h, goes
  CHECK(sessions.size() == 3);
  CHECK(!sessions.find(d.id, t0 + 4h + 3s));
  CHECK(sessions.find(idle.id, t0 + 4h + 3s));
  CHECK(sessions.find(e.id, t0 + 4h + 3s));
  CHECK(!sessions.find(old.id, t0 + 4h + 3s));
}

TEST_CASE(
    "a session's user is the one in users.json now: removed or with a new password, it is gone") {
  const testing::TempFolder root;
  UserStore store(root.path());
  store.add("wang", Role::editor, {"tianping"}, "first password", 1796000000);
  Sessions sessions;
  const Session s = sessions.create("wang", store.find("wang")->password_version, t0);
  CHECK(session_user(s, store)->communities == std::vector<std::string>{"tianping"});
  store.set_communities("wang", {});
  CHECK(session_user(s, store)->communities.empty());  // changes apply at once
  store.set_password("wang", "second password");
  CHECK(!session_user(s, store));
  const Session again = sessions.create("wang", store.find("wang")->password_version, t0);
  CHECK(session_user(again, store));
  store.remove("wang");
  CHECK(!session_user(again, store));
}

TEST_CASE("tokens compare in constant time and only when equal") {
  CHECK(tokens_equal("abc", "abc"));
  CHECK(!tokens_equal("abc", "abd"));
  CHECK(!tokens_equal("abc", "ab"));
  CHECK(tokens_equal("", ""));
  Sessions sessions;
  const Session s = sessions.create("wang", 1, t0);
  CHECK(csrf_ok(s, s.csrf_token));
  CHECK(!csrf_ok(s, s.id));
  CHECK(!csrf_ok(s, ""));
  CHECK(!csrf_ok(Session{}, ""));  // a session without a token accepts none
}

TEST_CASE("the session cookie: HttpOnly, SameSite=Strict, Secure behind TLS") {
  CHECK(session_cookie("abc", false) == "hgj_session=abc; Path=/; HttpOnly; SameSite=Strict");
  CHECK(session_cookie("abc", true) ==
        "hgj_session=abc; Path=/; HttpOnly; SameSite=Strict; Secure");
  CHECK(session_cookie_cleared(false) ==
        "hgj_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  CHECK(session_cookie_cleared(true) ==
        "hgj_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
}

TEST_CASE("cookie values are read from real Cookie headers, and garbage gives nothing") {
  CHECK(cookie_value("hgj_session=abc", "hgj_session") == "abc");
  CHECK(cookie_value("theme=dark; hgj_session=abc; lang=zh", "hgj_session") == "abc");
  CHECK(cookie_value("theme=dark;hgj_session=abc", "hgj_session") == "abc");
  CHECK(cookie_value("  hgj_session = abc  ;", "hgj_session") == "abc");
  CHECK(cookie_value("\thgj_session=abc\t", "hgj_session") == "abc");
  CHECK(cookie_value("hgj_session=\"abc\"", "hgj_session") == "abc");
  CHECK(cookie_value("hgj_session=a=b", "hgj_session") == "a=b");
  CHECK(cookie_value("hgj_session=first; hgj_session=second", "hgj_session") == "first");
  CHECK(cookie_value("hgj_session=", "hgj_session") == "");
  CHECK(cookie_value("hgj_session=; other=1", "hgj_session") == "");
  CHECK(!cookie_value("", "hgj_session"));
  CHECK(!cookie_value(";;; ;", "hgj_session"));
  CHECK(!cookie_value("hgj_session", "hgj_session"));
  CHECK(!cookie_value("xhgj_session=abc", "hgj_session"));
  CHECK(!cookie_value("hgj_sessionx=abc", "hgj_session"));
  CHECK(!cookie_value("HGJ_SESSION=abc", "hgj_session"));
  CHECK(!cookie_value("hgj_session=a b", "hgj_session"));
  CHECK(!cookie_value("hgj_session=\"abc", "hgj_session"));
  CHECK(!cookie_value("hgj_session=ab\"c", "hgj_session"));
  CHECK(!cookie_value("hgj_session=a,b", "hgj_session"));
  CHECK(!cookie_value("hgj_session=a\\b", "hgj_session"));
  CHECK(!cookie_value(std::string("hgj_session=a\0b", 15), "hgj_session"));
  CHECK(!cookie_value("hgj_session=a\x01", "hgj_session"));
  CHECK(!cookie_value("hgj_session=\xe7\x8e\x8b", "hgj_session"));
  CHECK(!cookie_value("hgj_session=\"\"\"", "hgj_session"));
  CHECK(cookie_value("hgj_session=\"\"", "hgj_session") == "");
  CHECK(cookie_value("=abc; hgj_session=x", "hgj_session") == "x");
  CHECK(!cookie_value("=abc", ""));  // an empty name is never a cookie
  // Random bytes: never a crash, and a value found is made of cookie octets only.
  std::mt19937 random(23);
  for (int round = 0; round < 20000; ++round) {
    std::string header(random() % 64, '\0');
    for (char& c : header) c = "hgj_session=; \"\t\x01\xff,a"[random() % 19];
    const std::optional<std::string> value = cookie_value(header, "hgj_session");
    if (value) CHECK(value->find_first_of(" \";,\t\x01\xff") == std::string::npos);
  }
}

}  // namespace hgj::studio
