#include <doctest/doctest.h>
#include <sodium.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "../language_scope.h"
#include "../temp_folder.h"
#include "studio/accounts.h"

namespace hgj::studio {

using testing::slurp;
using testing::TempFolder;

namespace {

unsigned mode_of(const std::filesystem::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

std::string what_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const AccountError& e) {
    return e.what();
  }
  return "(no AccountError)";
}

constexpr std::int64_t created = 1796000000;

}  // namespace

TEST_CASE("user names: 1 to 32 letters, digits, Chinese characters or . _ - ·") {
  for (const char* good : {"王芳", "wang.fang_1-x", "阿依古丽·买买提", "a", "Zhang3"})
    CHECK_MESSAGE(user_name_problem(good).empty(), good);
  std::string thirty_two, thirty_three;
  for (int i = 0; i < 32; ++i) thirty_two += "张";
  thirty_three = thirty_two + "张";
  CHECK(user_name_problem(thirty_two).empty());
  const std::string rule =
      "a user name is 1 to 32 Chinese characters, letters, digits or . _ - ·, not starting with . "
      "- or ·";
  for (const std::string& bad :
       {std::string(), thirty_three, std::string("wang fang"), std::string("wang\tfang"),
        std::string("a\nb"), std::string("-x"), std::string(".hidden"), std::string("王芳!"),
        std::string("a/b"), std::string("\xff"), std::string("\xc0\xaf"), std::string("\xe7\x8e"),
        std::string("😀"), std::string("a\0b", 3)})
    CHECK_MESSAGE(user_name_problem(bad) == rule, bad);
  const LanguageScope chinese(Language::zh);
  CHECK(user_name_problem("a b") ==
        "用户名只能用 1 到 32 个汉字、英文字母、数字或 . _ - ·，不能以 . - · 开头");
}

TEST_CASE("passwords: at least 8 characters, not the name, said why in Chinese") {
  const LanguageScope chinese(Language::zh);
  CHECK(password_problem("wang", "1234567") ==
        "密码太短：至少要 8 个字符，短密码几分钟就能被试出来");
  CHECK(password_problem("wang", "12345678").empty());
  CHECK(password_problem("wang", "红管家社区工作台").empty());  // 8 characters, 24 bytes
  CHECK(password_problem("wangfang", "wangfang") == "密码不能和用户名一样");
  CHECK(password_problem("wang", std::string(1025, 'x')) == "密码太长：最多 1024 个字节");
  CHECK(password_problem("wang", "\xff\xff\xff\xff\xff\xff\xff\xff") ==
        "密码不是有效的 UTF-8 文字");
}

TEST_CASE("roles: only publishers publish, editors edit their communities or all") {
  User editor{"wang", Role::editor, {"tianping", "laodong"}, "", created, 1};
  User everywhere{"li", Role::editor, {}, "", created, 1};
  User publisher{"zhao", Role::publisher, {}, "", created, 1};
  CHECK(!can_publish(editor));
  CHECK(!can_publish(everywhere));
  CHECK(can_publish(publisher));
  CHECK(can_edit(editor, "tianping"));
  CHECK(!can_edit(editor, "dongfeng"));
  CHECK(can_edit(everywhere, "dongfeng"));
  CHECK(parse_role("editor") == Role::editor);
  CHECK(parse_role("publisher") == Role::publisher);
  CHECK(!parse_role("admin"));
  CHECK(role_name(Role::publisher) == "publisher");
}

TEST_CASE(
    "a user added is found, listed and verified by password; the file is 0600 and holds no "
    "password") {
  const TempFolder root;
  const auto state = root.path() / "state";
  UserStore store(state);
  CHECK(store.list().empty());
  CHECK(!std::filesystem::exists(state));  // reading makes nothing
  const User added =
      store.add("王芳", Role::editor, {"tianping"}, "correct horse battery", created);
  CHECK(added.password_hash.starts_with("$argon2id$"));
  CHECK(mode_of(state) == 0700);
  CHECK(mode_of(store.file()) == 0600);
  const std::string text = slurp(store.file());
  CHECK(text.find("correct horse") == std::string::npos);
  CHECK(text.find("王芳") != std::string::npos);
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(state))
    names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"users.json", "users.json.lock"});  // no temporary left

  const std::optional<User> found = UserStore(state).find("王芳");
  REQUIRE(found);
  CHECK(found->role == Role::editor);
  CHECK(found->communities == std::vector<std::string>{"tianping"});
  CHECK(found->created == created);
  CHECK(found->password_hash == added.password_hash);
  CHECK(store.verify("王芳", "correct horse battery")->name == "王芳");
  CHECK(!store.verify("王芳", "correct horse batter"));
  CHECK(!store.verify("李四", "correct horse battery"));
  CHECK(!store.verify("", "correct horse battery"));
}

TEST_CASE("the password hash uses libsodium's interactive Argon2id limits") {
  const std::string hash = hash_password("correct horse battery");
  CHECK(crypto_pwhash_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0);
}

TEST_CASE("an unknown user name costs as much time as a wrong password") {
  const TempFolder root;
  UserStore store(root.path());
  store.add("wang", Role::editor, {}, "correct horse battery", created);
  // This thread's CPU time, the least of three: what other processes do on the machine
  // barely moves it, unlike the wall clock.
  const auto fastest = [&store](const char* name) {
    const auto cpu_now = [] {
      timespec t{};
      ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
      return std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
    };
    auto best = std::chrono::nanoseconds::max();
    for (int i = 0; i < 3; ++i) {
      const auto start = cpu_now();
      CHECK(!store.verify(name, "wrong password"));
      best =
          std::min(best, std::chrono::duration_cast<std::chrono::nanoseconds>(cpu_now() - start));
    }
    return best;
  };
  const auto wrong = fastest("wang");
  const auto unknown = fastest("nobody");
  const auto malformed = fastest("no body");
  MESSAGE("one Argon2id verification: ",
          std::chrono::duration_cast<std::chrono::milliseconds>(wrong).count(), " ms of CPU");
  // Without the stand-in hash an unknown name costs a file read: a thousand times less.
  CHECK(unknown * 4 > wrong);
  CHECK(malformed * 4 > wrong);
  CHECK(wrong * 4 > unknown);
}

TEST_CASE("a burst of logins holds at most two Argon2id memories at once") {
  const TempFolder root;
  UserStore store(root.path());
  store.add("wang", Role::editor, {}, "correct horse battery", created);
  // In a child process, whose peak memory (ru_maxrss) only this burst can raise.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    (void)store.verify("wang", "warm up");  // the baseline includes one check
    rusage before{};
    ::getrusage(RUSAGE_SELF, &before);
    std::vector<std::thread> logins;
    for (int i = 0; i < 8; ++i)
      logins.emplace_back([&store] { (void)store.verify("wang", "wrong"); });
    for (std::thread& login : logins) login.join();
    rusage after{};
    ::getrusage(RUSAGE_SELF, &after);
    // 64 MiB each: two at once add at most 64 MiB to a baseline that held one; eight
    // would add several hundred.
    const long grown_mib = (after.ru_maxrss - before.ru_maxrss) / 1024;
    ::_exit(grown_mib < 3 * 64 ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("adding a name that exists is refused, also in another case, and changes nothing") {
  const TempFolder root;
  UserStore store(root.path());
  store.add("wang", Role::editor, {}, "correct horse battery", created);
  const std::string before = slurp(store.file());
  const LanguageScope chinese(Language::zh);
  CHECK(what_of([&] { store.add("wang", Role::publisher, {}, "another password", created); }) ==
        "已经有名为“wang”的账户，没有改动它；要改密码用 hgj studio user passwd wang");
  CHECK(what_of([&] { store.add("WANG", Role::publisher, {}, "another password", created); }) ==
        "已经有名为“wang”的账户，没有改动它；要改密码用 hgj studio user passwd wang");
  CHECK(what_of([&] { store.add("li", Role::editor, {}, "short", created); }) ==
        "密码太短：至少要 8 个字符，短密码几分钟就能被试出来");
  CHECK(what_of([&] { store.add("li si", Role::editor, {}, "correct horse battery", created); }) ==
        "“li si”不能作为用户名：用户名只能用 1 到 32 个汉字、英文字母、数字或 . _ - ·，不能以 . - "
        "· 开头");
  // The same refusals before any password is asked (hgj studio user add).
  CHECK(what_of([&] { store.check_new("Wang"); }) ==
        "已经有名为“wang”的账户，没有改动它；要改密码用 hgj studio user passwd wang");
  CHECK(what_of([&] { store.check_new("-wang"); }).starts_with("“-wang”不能作为用户名："));
  CHECK_NOTHROW(store.check_new("li"));
  CHECK(what_of([&] { store.get("li"); }) ==
        "没有名为“li”的账户（hgj studio user list 列出所有账户）");
  CHECK(store.get("wang").name == "wang");
  CHECK(slurp(store.file()) == before);
}

TEST_CASE(
    "a new password replaces the old one and moves the password version; removal forgets the "
    "user") {
  const TempFolder root;
  UserStore store(root.path());
  store.add("wang", Role::editor, {}, "first password", created);
  store.add("li", Role::publisher, {}, "li's password", created);
  store.set_password("wang", "second password");
  CHECK(!store.verify("wang", "first password"));
  CHECK(store.verify("wang", "second password")->password_version == 2);
  store.set_role("wang", Role::publisher);
  store.set_communities("wang", {"tianping"});
  CHECK(store.find("wang")->role == Role::publisher);
  CHECK(store.find("wang")->communities == std::vector<std::string>{"tianping"});
  store.remove("wang");
  CHECK(!store.find("wang"));
  CHECK(store.list().size() == 1);
  CHECK(what_of([&] { store.remove("wang"); }) ==
        "there is no account named \"wang\" (hgj studio user list lists them)");
  CHECK(what_of([&] { store.set_password("zhao", "a good password"); }) ==
        "there is no account named \"zhao\" (hgj studio user list lists them)");
}

TEST_CASE(
    "a users.json that cannot be understood is an error that names it, never an empty store") {
  const TempFolder root;
  UserStore store(root.path());
  const std::string file = store.file().string();
  const LanguageScope chinese(Language::zh);
  root.write("users.json", "{\n  \"users\": [\n    {\"name\": \"wang\",\n");
  CHECK(what_of([&] { store.list(); }) ==
        file + ":4：账户文件已损坏，不是有效的 JSON。没有改动它；请从备份恢复它");
  CHECK(what_of([&] { store.verify("wang", "any password"); }) ==
        file + ":4：账户文件已损坏，不是有效的 JSON。没有改动它；请从备份恢复它");
  // Nothing is written over it, not even by adding someone.
  CHECK(what_of([&] {
          store.add("li", Role::editor, {}, "a good password", created);
        }).starts_with(file + ":4："));
  CHECK(slurp(store.file()) == "{\n  \"users\": [\n    {\"name\": \"wang\",\n");

  root.write("users.json", "[]");
  CHECK(what_of([&] { store.list(); }) ==
        file + "：账户文件里没有 \"users\" 列表。没有改动它；请从备份恢复它");
  root.write("users.json",
             R"({"users": [{"name": "wang", "role": "admin", "password_hash": "$argon2id$x"}]})");
  CHECK(what_of([&] { store.find("wang"); }) ==
        file + "：第 1 个账户的角色不是 editor 或 publisher。没有改动这个文件；请从备份恢复它");
  root.write("users.json",
             R"({"users": [{"name": "wang", "role": "editor", "password_hash": "plain"}]})");
  CHECK(what_of([&] { store.find("wang"); }) ==
        file + "：第 1 个账户的密码哈希缺失或不是 Argon2id。没有改动这个文件；请从备份恢复它");
  root.write("users.json", "");
  CHECK(what_of([&] { store.list(); }) ==
        file + ":1：账户文件已损坏，不是有效的 JSON。没有改动它；请从备份恢复它");
  std::filesystem::remove(store.file());
  std::filesystem::create_directory(store.file());
  CHECK(what_of([&] { store.list(); }) ==
        file + "：读不了账户文件（不是普通文件）。没有改动它；请检查它的权限");
}

}  // namespace hgj::studio
