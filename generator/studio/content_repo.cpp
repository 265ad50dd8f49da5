#include "studio/content_repo.h"

#include <ctime>
#include <fstream>
#include <iterator>

#include "hgj/language.h"
#include "studio/content_repo_git.h"
#include "studio/whole_file.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

// Never history: the workbench's own state (accounts, sessions, import settings), the
// lock files Excel and LibreOffice keep beside an open workbook, and hgj's temporaries.
constexpr const char* excluded[] = {".hgj/", "~$*.xlsx", ".~lock.*#", "*.hgj-new"};

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void add_excludes(git_repository* repo) {
  const fs::path info = fs::path(git_repository_commondir(repo)) / "info";
  const fs::path file = info / "exclude";
  const std::string before = read_all(file);
  std::string after = before;
  for (const char* pattern : excluded) {
    const std::string line = pattern;
    if (("\n" + before + "\n").find("\n" + line + "\n") != std::string::npos) continue;
    if (!after.empty() && after.back() != '\n') after += '\n';
    after += line + "\n";
  }
  if (after == before) return;
  fs::create_directories(info);
  write_whole_file(file, after, 0644);
}

git::Repository open_or_init(const fs::path& folder) {
  git_repository* repo = nullptr;
  // NO_SEARCH: a repository further up (an outer one holding the folder) is not ours.
  if (git_repository_open_ext(&repo, folder.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) == 0) {
    git::Repository opened(repo);
    if (git_repository_is_bare(repo))
      throw GitProblem(
          say("内容文件夹 " + folder.string() + " 本身是一个没有工作目录的 git 仓库",
              "the content folder " + folder.string() + " is itself a bare git repository"));
    return opened;
  }
  std::error_code ec;
  if (fs::exists(fs::symlink_status(folder / ".git", ec)))
    throw git_failure("内容文件夹里的 " + (folder / ".git").string() + " 打不开",
                      "cannot open " + (folder / ".git").string() + " in the content folder");
  git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  options.flags = GIT_REPOSITORY_INIT_MKDIR | GIT_REPOSITORY_INIT_NO_REINIT;
  options.initial_head = "main";
  if (git_repository_init_ext(&repo, folder.c_str(), &options) != 0)
    throw git_failure("无法在内容文件夹 " + folder.string() + " 里建立版本记录",
                      "cannot start a version history in the content folder " + folder.string());
  return git::Repository(repo);
}

std::string with_newline(const std::string& message) {
  return !message.empty() && message.back() == '\n' ? message : message + "\n";
}

}  // namespace

GitProblem git_failure(std::string_view zh, std::string_view en) {
  const std::string why = git::last_error();
  return GitProblem(say(zh, en) + (why.empty() ? "" : ": " + why));
}

git::Commit find_commit(git_repository* repo, const std::string& id) {
  const bool hex = id.size() >= 4 && id.size() <= GIT_OID_HEXSZ &&
                   id.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
  git_oid oid;
  git_commit* commit = nullptr;
  const int rc = hex && git_oid_fromstrn(&oid, id.c_str(), id.size()) == 0
                     ? git_commit_lookup_prefix(&commit, repo, &oid, id.size())
                     : GIT_ENOTFOUND;
  if (rc == GIT_EAMBIGUOUS)
    throw GitProblem(
        say("版本号 \"" + id + "\" 太短，对得上不止一个版本",
            "the version id \"" + id + "\" is too short: it matches more than one version"));
  if (rc != 0)
    throw GitProblem(say("内容的历史里没有版本 \"" + id + "\"",
                         "no version \"" + id + "\" in the content's history"));
  return git::Commit(commit);
}

git::Commit head_commit(git_repository* repo) {
  git_oid oid;
  git_commit* commit = nullptr;
  if (git_reference_name_to_id(&oid, repo, "HEAD") != 0 ||
      git_commit_lookup(&commit, repo, &oid) != 0)
    return nullptr;
  return git::Commit(commit);
}

git::Tree commit_tree(const git_commit* commit) {
  git_tree* tree = nullptr;
  if (git_commit_tree(&tree, commit) != 0)
    throw git_failure("读不出一个版本的文件", "cannot read the files of a version");
  return git::Tree(tree);
}

git::Signature signature(const Author& who, std::optional<Instant> at) {
  const std::time_t when = at ? static_cast<std::time_t>(*at) : std::time(nullptr);
  std::tm local{};
  localtime_r(&when, &local);
  const std::string email = who.email.empty() ? who.name + "@hgj.invalid" : who.email;
  git_signature* made = nullptr;
  if (git_signature_new(&made, who.name.c_str(), email.c_str(), when,
                        static_cast<int>(local.tm_gmtoff / 60)) != 0)
    throw git_failure("\"" + who.name + "\" 不能记作版本的作者",
                      "\"" + who.name + "\" cannot be recorded as a version's author");
  return git::Signature(made);
}

std::string make_commit(git_repository* repo, const git_oid& tree_id, const Author& who,
                        const std::string& message, std::optional<Instant> at) {
  const git::Signature sig = signature(who, at);
  git_tree* tree = nullptr;
  if (git_tree_lookup(&tree, repo, &tree_id) != 0)
    throw git_failure("找不到要记录的文件", "cannot find the files to record");
  const git::Tree owned(tree);
  const git::Commit parent = head_commit(repo);
  const git_commit* parents[] = {parent.get()};
  git_oid made;
  if (git_commit_create(&made, repo, "HEAD", sig.get(), sig.get(), nullptr,
                        with_newline(message).c_str(), tree, parent ? 1 : 0, parents) != 0)
    throw git_failure("无法记录内容的新版本", "cannot record the content's new version");
  return git::hex(&made);
}

std::string first_line(const git_commit* commit) {
  const std::string message = git_commit_message(commit);
  return message.substr(0, message.find('\n'));
}

ContentRepo::ContentRepo(const fs::path& content_dir)
    : folder_(fs::absolute(content_dir).lexically_normal()) {
  std::error_code ec;
  if (!fs::is_directory(folder_, ec))
    throw GitProblem(say("内容文件夹 " + content_dir.string() + " 不存在",
                         "the content folder " + content_dir.string() + " does not exist"));
  git_ = std::make_unique<Git>();
  // Objects, index and refs flushed to disk before they are renamed into place: after a
  // power cut HEAD names a whole commit.
  git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
  git_->repo = open_or_init(folder_);
  add_excludes(git_->repo.get());
}

ContentRepo::~ContentRepo() = default;
ContentRepo::ContentRepo(ContentRepo&&) noexcept = default;
ContentRepo& ContentRepo::operator=(ContentRepo&&) noexcept = default;

std::string ContentRepo::head() const {
  git_oid oid;
  if (git_reference_name_to_id(&oid, git_->repo.get(), "HEAD") != 0) return "";
  return git::hex(&oid);
}

std::string ContentRepo::commit_all(const Author& who, const std::string& message,
                                    std::optional<Instant> at) {
  git_repository* repo = git_->repo.get();
  git_index* raw = nullptr;
  if (git_repository_index(&raw, repo) != 0)
    throw git_failure("读不出版本记录的索引", "cannot read the history's index");
  const git::Index index(raw);
  git_oid tree;
  // add_all stages new and changed files (ignoring excluded ones), update_all drops the
  // deleted: together `git add -A`.
  if (git_index_read(index.get(), 0) != 0 ||
      git_index_add_all(index.get(), nullptr, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr) != 0 ||
      git_index_update_all(index.get(), nullptr, nullptr, nullptr) != 0 ||
      git_index_write(index.get()) != 0 || git_index_write_tree(&tree, index.get()) != 0)
    throw git_failure("无法把内容文件夹里的文件记入版本",
                      "cannot record the files of the content folder");
  const git::Commit parent = head_commit(repo);
  if (parent && git_oid_equal(&tree, git_commit_tree_id(parent.get())))
    return git::hex(git_commit_id(parent.get()));
  return make_commit(repo, tree, who, message, at);
}

std::string ContentRepo::commit_outside_changes(std::optional<Instant> at) {
  return commit_all(Author{outside_author, ""}, outside_message, at);
}

void ContentRepo::tag(const std::string& commit, const std::string& name,
                      const std::string& message, const Author& who, std::optional<Instant> at) {
  git_repository* repo = git_->repo.get();
  const git::Commit target = find_commit(repo, commit);
  const git::Signature tagger = signature(who, at);
  git_oid made;
  const int rc =
      git_tag_create(&made, repo, name.c_str(), reinterpret_cast<const git_object*>(target.get()),
                     tagger.get(), with_newline(message).c_str(), 0);
  if (rc == GIT_EEXISTS)
    throw GitProblem(
        say("版本标签 \"" + name + "\" 已经有了", "the tag \"" + name + "\" already exists"));
  if (rc == GIT_EINVALIDSPEC)
    throw GitProblem(
        say("\"" + name + "\" 不能用作版本标签", "\"" + name + "\" cannot be a tag name"));
  if (rc != 0)
    throw git_failure("无法给版本加标签 \"" + name + "\"", "cannot tag a version \"" + name + "\"");
}

}  // namespace hgj::studio
