#include "studio/accounts.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <semaphore>

#include "hgj/language.h"
#include "studio/state_dir.h"

namespace hgj::studio {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t name_max_characters = 32;
constexpr std::size_t password_min_characters = 8;
constexpr std::size_t password_max_bytes = 1024;

// A hash of 32 random bytes nobody kept, made with the limits hash_password uses, so an
// unknown name costs what a wrong password costs (studio_accounts_test.cpp times both).
constexpr const char* no_ones_hash =
    "$argon2id$v=19$m=65536,t=2,p=1$f9E5sKhVVAG2us6GS8TTtg$lq4oPMpq0MyzUahUjfFu8sC/"
    "HD9AfofQKfjFWRYbIGc";

// Each Argon2id computation holds 64 MiB while it runs: at most two run at once, so a
// burst of logins waits its turn instead of exhausting memory (on two cores more at once
// would not finish sooner).
std::counting_semaphore<> argon2_slots(max_concurrent_password_checks);

class Argon2Slot {
 public:
  Argon2Slot() { argon2_slots.acquire(); }
  ~Argon2Slot() { argon2_slots.release(); }
  Argon2Slot(const Argon2Slot&) = delete;
  Argon2Slot& operator=(const Argon2Slot&) = delete;
};

void init_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw AccountError("libsodium cannot be initialised");
}

// The code points of `text`, or nullopt when it is not UTF-8.
std::optional<std::vector<char32_t>> code_points(std::string_view text) {
  std::vector<char32_t> points;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const int length = byte < 0x80           ? 1
                       : (byte >> 5) == 0x6  ? 2
                       : (byte >> 4) == 0xE  ? 3
                       : (byte >> 3) == 0x1E ? 4
                                             : 0;
    if (length == 0 || i + length > text.size()) return std::nullopt;
    char32_t point = length == 1 ? byte : byte & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next >> 6) != 0x2) return std::nullopt;
      point = (point << 6) | (next & 0x3F);
    }
    // Overlong forms and surrogates would let two spellings name one user.
    const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (point < least[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF))
      return std::nullopt;
    points.push_back(point);
    i += length;
  }
  return points;
}

bool is_cjk_ideograph(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF);
}

bool is_name_character(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-' || c == 0xB7 || is_cjk_ideograph(c);
}

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return lower;
}

std::string system_error_text() { return std::strerror(errno); }

// An exclusive lock on users.json.lock for one read-change-write; released when it ends.
class StoreLock {
 public:
  explicit StoreLock(const fs::path& file) {
    const fs::path lock = file.string() + ".lock";
    fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0)
      throw AccountError(lock.string() + say("：无法加锁（", ": cannot lock it (") +
                         system_error_text() + say("）", ")"));
  }
  ~StoreLock() { ::close(fd_); }
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;

 private:
  int fd_ = -1;
};

// Line of the byte `offset` in `text` (1-based), for a parse error's "file:line:".
std::size_t line_of(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

json to_json(const User& user) {
  return json{{"name", user.name},
              {"role", role_name(user.role)},
              {"communities", user.communities},
              {"password_hash", user.password_hash},
              {"created", user.created},
              {"password_version", user.password_version}};
}

// One entry of users.json, or an AccountError saying which one and what is wrong.
User from_json(const json& entry, std::size_t index, const fs::path& file) {
  const std::string where = file.string() + say("：第 " + std::to_string(index + 1) + " 个账户",
                                                ": account " + std::to_string(index + 1));
  const auto bad = [&where](const std::string& zh, const std::string& en) {
    return AccountError(
        where + say("的" + zh + "。没有改动这个文件；请从备份恢复它",
                    " has " + en + "; the file was left as it is: restore it from a backup"));
  };
  if (!entry.is_object()) throw bad("内容不是对象", "a value that is not an object");
  User user;
  const auto name = entry.find("name");
  if (name == entry.end() || !name->is_string() ||
      !user_name_problem(name->get<std::string>()).empty())
    throw bad("用户名缺失或不合规则", "a missing or invalid name");
  user.name = name->get<std::string>();
  const auto role = entry.find("role");
  const std::optional<Role> parsed = role != entry.end() && role->is_string()
                                         ? parse_role(role->get<std::string>())
                                         : std::nullopt;
  if (!parsed) throw bad("角色不是 editor 或 publisher", "a role other than editor or publisher");
  user.role = *parsed;
  const auto hash = entry.find("password_hash");
  if (hash == entry.end() || !hash->is_string() ||
      !hash->get<std::string>().starts_with("$argon2id$"))
    throw bad("密码哈希缺失或不是 Argon2id", "a missing password hash or one that is not Argon2id");
  user.password_hash = hash->get<std::string>();
  const auto communities = entry.find("communities");
  if (communities != entry.end()) {
    if (!communities->is_array()) throw bad("社区列表不是数组", "communities that are not a list");
    for (const json& id : *communities) {
      if (!id.is_string()) throw bad("社区编号不是文字", "a community id that is not text");
      user.communities.push_back(id.get<std::string>());
    }
  }
  if (const auto created = entry.find("created");
      created != entry.end() && created->is_number_integer())
    user.created = created->get<std::int64_t>();
  if (const auto version = entry.find("password_version");
      version != entry.end() && version->is_number_integer())
    user.password_version = version->get<std::int64_t>();
  return user;
}

}  // namespace

std::string_view role_name(Role role) { return role == Role::publisher ? "publisher" : "editor"; }

std::optional<Role> parse_role(std::string_view text) {
  if (text == "editor") return Role::editor;
  if (text == "publisher") return Role::publisher;
  return std::nullopt;
}

std::string role_label(Role role) {
  return role == Role::publisher ? say("发布人", "publisher") : say("编辑", "editor");
}

std::string user_name_problem(std::string_view name) {
  const std::string rule =
      say("用户名只能用 1 到 32 个汉字、英文字母、数字或 . _ - ·，不能以 . - · 开头",
          "a user name is 1 to 32 Chinese characters, letters, digits or . _ - ·, "
          "not starting with . - or ·");
  const std::optional<std::vector<char32_t>> points = code_points(name);
  if (!points || points->empty() || points->size() > name_max_characters) return rule;
  if (!std::all_of(points->begin(), points->end(), is_name_character)) return rule;
  const char32_t first = points->front();
  if (first == '.' || first == '-' || first == 0xB7) return rule;
  return "";
}

std::string password_problem(std::string_view name, std::string_view password) {
  const std::optional<std::vector<char32_t>> points = code_points(password);
  if (!points) return say("密码不是有效的 UTF-8 文字", "the password is not valid UTF-8 text");
  if (points->size() < password_min_characters)
    return say(
        "密码太短：至少要 8 个字符，短密码几分钟就能被试出来",
        "the password is too short: at least 8 characters, as short ones are guessed in minutes");
  if (password.size() > password_max_bytes)
    return say("密码太长：最多 1024 个字节", "the password is too long: at most 1024 bytes");
  if (password == name) return say("密码不能和用户名一样", "the password cannot be the user name");
  return "";
}

bool can_publish(const User& user) { return user.role == Role::publisher; }

bool can_edit(const User& user, std::string_view community_id) {
  return user.communities.empty() || std::find(user.communities.begin(), user.communities.end(),
                                               community_id) != user.communities.end();
}

std::string hash_password(std::string_view password) {
  init_sodium();
  char hash[crypto_pwhash_STRBYTES];
  const Argon2Slot slot;
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw AccountError(say("内存不足，无法计算密码哈希（需要 64 MiB）",
                           "not enough memory to hash the password (64 MiB needed)"));
  return hash;
}

UserStore::UserStore(fs::path state_dir) : dir_(std::move(state_dir)), file_(dir_ / "users.json") {}

std::vector<User> UserStore::load() const {
  std::error_code ec;
  if (fs::symlink_status(file_, ec).type() == fs::file_type::not_found) return {};
  const auto unreadable = [this](const std::string& why) {
    return AccountError(
        file_.string() + say("：读不了账户文件（", ": cannot read the accounts file (") + why +
        say("）。没有改动它；请检查它的权限", "); it was left as it is: check its permissions"));
  };
  if (!fs::is_regular_file(file_, ec)) throw unreadable(say("不是普通文件", "not a regular file"));
  std::ifstream in(file_, std::ios::binary);
  if (!in) throw unreadable(system_error_text());
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& e) {
    throw AccountError(file_.string() + ":" +
                       std::to_string(line_of(text, e.byte == 0 ? 0 : e.byte - 1)) +
                       say("：账户文件已损坏，不是有效的 JSON。没有改动它；请从备份恢复它",
                           ": the accounts file is damaged, not valid JSON; it was left as it is: "
                           "restore it from a backup"));
  }
  const auto users = document.is_object() ? document.find("users") : document.end();
  if (users == document.end() || !users->is_array())
    throw AccountError(file_.string() +
                       say("：账户文件里没有 \"users\" 列表。没有改动它；请从备份恢复它",
                           ": the accounts file has no \"users\" list; it was left as "
                           "it is: restore it from a backup"));
  std::vector<User> list;
  for (std::size_t i = 0; i < users->size(); ++i) list.push_back(from_json((*users)[i], i, file_));
  return list;
}

void UserStore::save(const std::vector<User>& users) const {
  json document{{"version", 1}, {"users", json::array()}};
  for (const User& user : users) document["users"].push_back(to_json(user));
  const std::string text = document.dump(2) + "\n";
  // Written whole beside the file, flushed, then renamed over it: a crash leaves the old
  // accounts or the new ones, never half of either.
  const fs::path temp = file_.string() + ".tmp-" + std::to_string(::getpid());
  std::string why;
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    why = system_error_text();
  } else {
    // fchmod: a temp file left by a crash keeps its old mode through O_TRUNC.
    if (::fchmod(fd, 0600) != 0 ||
        ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
        ::fsync(fd) != 0)
      why = system_error_text();
    if (::close(fd) != 0 && why.empty()) why = system_error_text();
    if (why.empty() && ::rename(temp.c_str(), file_.c_str()) != 0) why = system_error_text();
  }
  if (why.empty()) {
    const int dir_fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) ::fsync(dir_fd), ::close(dir_fd);
    return;
  }
  ::unlink(temp.c_str());
  throw AccountError(file_.string() +
                     say("：无法写入账户文件（", ": cannot write the accounts file (") + why +
                     say("）。原来的账户没有改动", "); the accounts are as they were"));
}

std::vector<User> UserStore::list() const { return load(); }

std::optional<User> UserStore::find(std::string_view name) const {
  for (User& user : load())
    if (user.name == name) return std::move(user);
  return std::nullopt;
}

namespace {

AccountError unknown_user(std::string_view name) {
  return AccountError(say(
      "没有名为“" + std::string(name) + "”的账户（hgj studio user list 列出所有账户）",
      "there is no account named \"" + std::string(name) + "\" (hgj studio user list lists them)"));
}

// Refuses `name` for a new account: against the rules, or taken by `users` (also in
// another ASCII case, which people would take for the same name).
void check_new_name(const std::string& name, const std::vector<User>& users) {
  if (const std::string problem = user_name_problem(name); !problem.empty())
    throw AccountError("“" + name + "”" + say("不能作为用户名：", " cannot be a user name: ") +
                       problem);
  for (const User& other : users) {
    if (ascii_lower(other.name) == ascii_lower(name))
      throw AccountError(say("已经有名为“" + other.name +
                                 "”的账户，没有改动它；要改密码用 hgj studio user passwd " +
                                 other.name,
                             "there is already an account named \"" + other.name +
                                 "\"; it was left as it is (hgj studio user passwd " + other.name +
                                 " changes its password)"));
  }
}

}  // namespace

void UserStore::check_new(const std::string& name) const { check_new_name(name, load()); }

User UserStore::get(std::string_view name) const {
  std::optional<User> user = find(name);
  if (!user) throw unknown_user(name);
  return std::move(*user);
}

User UserStore::add(const std::string& name, Role role, std::vector<std::string> communities,
                    std::string_view password, std::int64_t now) {
  check_new_name(name, {});
  if (const std::string problem = password_problem(name, password); !problem.empty())
    throw AccountError(problem);
  make_state_dir(dir_);
  User user{name, role, std::move(communities), hash_password(password), now, 1};
  const StoreLock lock(file_);
  std::vector<User> users = load();
  check_new_name(name, users);
  users.push_back(user);
  save(users);
  return user;
}

template <typename Change>
void UserStore::change(std::string_view name, Change&& what) {
  // No accounts file yet: nothing to change, and no state folder made for nothing.
  std::error_code ec;
  if (fs::symlink_status(file_, ec).type() == fs::file_type::not_found) throw unknown_user(name);
  const StoreLock lock(file_);
  std::vector<User> users = load();
  const auto user =
      std::find_if(users.begin(), users.end(), [name](const User& u) { return u.name == name; });
  if (user == users.end()) throw unknown_user(name);
  what(users, user);
  save(users);
}

void UserStore::remove(std::string_view name) {
  change(name,
         [](std::vector<User>& users, std::vector<User>::iterator user) { users.erase(user); });
}

void UserStore::set_password(std::string_view name, std::string_view password) {
  if (const std::string problem = password_problem(name, password); !problem.empty())
    throw AccountError(problem);
  const std::string hash = hash_password(password);
  change(name, [&hash](std::vector<User>&, std::vector<User>::iterator user) {
    user->password_hash = hash;
    ++user->password_version;
  });
}

void UserStore::set_role(std::string_view name, Role role) {
  change(name, [role](std::vector<User>&, std::vector<User>::iterator user) { user->role = role; });
}

void UserStore::set_communities(std::string_view name, std::vector<std::string> communities) {
  change(name, [&communities](std::vector<User>&, std::vector<User>::iterator user) {
    user->communities = std::move(communities);
  });
}

std::optional<User> UserStore::verify(std::string_view name, std::string_view password) const {
  init_sodium();
  std::optional<User> user = user_name_problem(name).empty() ? find(name) : std::nullopt;
  const char* hash = user ? user->password_hash.c_str() : no_ones_hash;
  const Argon2Slot slot;
  const bool matches = crypto_pwhash_str_verify(hash, password.data(), password.size()) == 0;
  if (user && matches) return user;
  return std::nullopt;
}

}  // namespace hgj::studio
