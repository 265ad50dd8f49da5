// The workbench's accounts: who may log in, with which role and for which communities.
// Kept in <state>/users.json (0600), replaced whole on every change; passwords only as
// Argon2id hashes (libsodium crypto_pwhash_str, interactive limits).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hgj::studio {

// editor: imports and edits the content of their communities. publisher: also publishes.
enum class Role { editor, publisher };

struct User {
  std::string name;
  Role role = Role::editor;
  std::vector<std::string> communities;  // community ids; empty = every community
  std::string password_hash;             // "$argon2id$…"
  std::int64_t created = 0;              // Unix seconds
  // Counts password changes: a session remembers the one it began under and ends when
  // it moves on (session_user, sessions.h), also when `hgj studio user passwd` changed it.
  std::int64_t password_version = 1;
};

// "editor" / "publisher", as typed on the command line and stored in users.json.
std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view text);
// "编辑" / "发布人" (English: the role's name), for people.
std::string role_label(Role role);

// Why `name` cannot be a user name, or "" when it can: 1–32 characters, each an ASCII
// letter or digit, a CJK ideograph, '.', '_', '-' or '·' (names such as 阿依古丽·买买提),
// not starting with '.', '-' or '·'.
std::string user_name_problem(std::string_view name);
// Why `password` is refused for `name`, or "": at least 8 characters, at most 1024 bytes,
// not the user's name.
std::string password_problem(std::string_view name, std::string_view password);

// Only publishers publish; editors edit their communities, an empty list meaning all.
bool can_publish(const User& user);
bool can_edit(const User& user, std::string_view community_id);

// users.json cannot be read or written, or a change is refused (an existing name, an
// unknown user, a weak password). what() is the message for people, Chinese first.
struct AccountError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The accounts in <state_dir>/users.json. Every call reads the file afresh, so the server
// sees what `hgj studio user` changed while it runs; changes hold an exclusive lock on
// users.json.lock while they read, change and replace the file. A missing file is an
// empty store; a file that cannot be read or understood throws AccountError, never
// counts as empty. Safe to share between threads (it holds only the path).
class UserStore {
 public:
  explicit UserStore(std::filesystem::path state_dir);

  const std::filesystem::path& file() const { return file_; }

  std::vector<User> list() const;  // in the order they were added
  std::optional<User> find(std::string_view name) const;
  // As find, but a missing user throws AccountError ("there is no account named …").
  User get(std::string_view name) const;
  // Throws the AccountError add() would throw for `name` (against the rules, or taken),
  // so a command can refuse before asking for a password.
  void check_new(const std::string& name) const;

  // Throws AccountError: a bad name or password, or a name already taken (also when it
  // differs only in ASCII case). `now` is Unix seconds.
  User add(const std::string& name, Role role, std::vector<std::string> communities,
           std::string_view password, std::int64_t now);
  // Throw AccountError when there is no such user.
  void remove(std::string_view name);
  void set_password(std::string_view name, std::string_view password);
  void set_role(std::string_view name, Role role);
  void set_communities(std::string_view name, std::vector<std::string> communities);

  // The user when `password` is theirs. An unknown (or malformed) name costs one Argon2id
  // verification too, against a hash of no one's password, so the time taken does not
  // tell which names exist. Throws AccountError only when users.json cannot be read.
  // Blocks while max_concurrent_password_checks others run.
  std::optional<User> verify(std::string_view name, std::string_view password) const;

 private:
  std::vector<User> load() const;
  void save(const std::vector<User>& users) const;
  template <typename Change>
  void change(std::string_view name, Change&& what);

  std::filesystem::path dir_;
  std::filesystem::path file_;
};

// Password hashes and checks running at once in this process (each holds 64 MiB); more
// wait their turn.
inline constexpr int max_concurrent_password_checks = 2;

// A new Argon2id hash of `password` (crypto_pwhash_str, OPSLIMIT/MEMLIMIT_INTERACTIVE).
// Throws AccountError when libsodium cannot get the memory.
std::string hash_password(std::string_view password);

}  // namespace hgj::studio
