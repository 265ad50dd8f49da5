#include "studio/ledger_import.h"

#include <sys/stat.h>
#include <toml++/toml.h>

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "diff/publication.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "studio/import_files.h"
#include "studio/import_preview.h"
#include "studio/import_target.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

// A staged import's folder:
//   <token>/upload.xlsx|csv   the bytes as uploaded
//   <token>/import.toml       what accept needs: names, the content version, the error count
//   <token>/content/          the content folder with the upload in place
constexpr std::string_view manifest_name = "import.toml";

// The previews this process made, by staging folder; the folder is the truth, this only
// saves loading the content twice more when the page asks again.
std::mutex cache_mutex;
std::map<std::string, ImportPreview> cache;

// One accept at a time in this process: two browsers accepting at once would otherwise
// both pass the version check before either writes.
std::mutex accept_mutex;

fs::path upload_file(const fs::path& folder, UploadKind kind) {
  return folder / (kind == UploadKind::xlsx ? "upload.xlsx" : "upload.csv");
}

std::string gone_message() {
  return say("这次导入已经找不到了（可能已经导入、取消，或暂存被清理了）：请重新上传文件",
             "this import can no longer be found (accepted, cancelled, or its staging folder was "
             "removed); upload the file again");
}

void write_manifest(const fs::path& folder, const ImportPreview& p) {
  toml::array superseded;
  for (const std::string& file : p.superseded) superseded.push_back(file);
  const toml::table manifest{{"upload_name", p.upload_name},
                             {"kind", p.kind == UploadKind::xlsx ? "xlsx" : "csv"},
                             {"target", p.target},
                             {"superseded", superseded},
                             {"content_version", p.content_version},
                             {"errors", static_cast<int64_t>(p.errors)}};
  std::ofstream out(folder / manifest_name, std::ios::binary | std::ios::trunc);
  out << manifest << '\n';
  if (!out.flush())
    throw ImportError(say("写不了导入的暂存文件", "cannot write the import's staging file"));
}

struct Manifest {
  std::string upload_name, target, content_version;
  UploadKind kind = UploadKind::xlsx;
  std::vector<std::string> superseded;
  std::int64_t errors = 0;
};

// A file name in the content folder itself, as plan_import makes them.
bool plain_name(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos &&
         name.find('\\') == std::string::npos && name != ".." && !name.starts_with(".");
}

std::optional<Manifest> read_manifest(const fs::path& folder) {
  toml::table t;
  try {
    t = toml::parse_file((folder / manifest_name).string());
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
  Manifest m;
  m.upload_name = t["upload_name"].value_or(std::string());
  m.kind = t["kind"].value_or(std::string()) == "csv" ? UploadKind::csv : UploadKind::xlsx;
  m.target = t["target"].value_or(std::string());
  m.content_version = t["content_version"].value_or(std::string());
  m.errors = t["errors"].value_or(std::int64_t{-1});
  if (const toml::array* list = t["superseded"].as_array()) {
    for (const toml::node& node : *list) m.superseded.push_back(node.value_or(std::string()));
  }
  if (!plain_name(m.target) || m.errors < 0 || m.content_version.empty() ||
      !std::all_of(m.superseded.begin(), m.superseded.end(), plain_name)) {
    return std::nullopt;
  }
  return m;
}

fs::path token_folder(const fs::path& staging_root, std::string_view token) {
  if (!is_import_token(token)) throw ImportError(gone_message());
  return staging_root / std::string(token);
}

// Stages the upload in `folder` (made, or made again): the copy, the plan, the preview.
ImportPreview stage_into(const fs::path& content_dir, const fs::path& folder,
                         const std::string& token, const CheckedUpload& upload,
                         std::string_view bytes) {
  ImportPreview preview;
  preview.token = token;
  preview.upload_name = upload.name;
  preview.kind = upload.kind;
  const fs::path uploaded = upload_file(folder, upload.kind);
  if (!fs::exists(uploaded)) {
    std::ofstream out(uploaded, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush())
      throw ImportError(say("写不了导入的暂存文件", "cannot write the import's staging file"));
  }
  const ImportPlan plan = plan_import(content_dir, uploaded, upload);
  if (!plan.error.empty()) throw ImportError(plan.error);
  preview.collections = plan.collections;
  preview.target = plan.target;
  preview.replaces = plan.replaces;
  preview.superseded = plan.superseded;
  preview.notes = plan.notes;

  const fs::path staged = folder / "content";
  fs::remove_all(staged);
  preview.content_version = content_version(content_dir);
  stage_content_copy(content_dir, staged);
  if (content_version(content_dir) != preview.content_version)
    throw ImportError(
        say("内容文件夹正在被修改，没有生成预览：请稍等一下再上传",
            "the content folder changed while the preview was made; upload again in a moment"));
  // The staged files may be hard links to the content's own: removed, never written through.
  fs::remove(staged / plan.target);
  fs::copy_file(uploaded, staged / plan.target);
  for (const std::string& file : plan.superseded) fs::remove(staged / file);
  fill_preview(preview, content_dir, staged);
  write_manifest(folder, preview);
  return preview;
}

AcceptResult accept_staged(const fs::path& content_dir, const fs::path& staging_root,
                           std::string_view token, const AcceptOptions& options);

// Whether `staging` is in `content_dir` other than under a hidden folder (which no copy,
// load or version reads): the staging copy would then copy itself.
bool staging_in_content(const fs::path& content_dir, const fs::path& staging) {
  std::error_code ec;
  const fs::path relative =
      fs::weakly_canonical(staging, ec).lexically_relative(fs::weakly_canonical(content_dir, ec));
  if (relative.empty() || *relative.begin() == "..") return false;
  return std::none_of(relative.begin(), relative.end(), [](const fs::path& part) {
    return part.string().starts_with(".") && part != "." && part != "..";
  });
}

}  // namespace

ImportPreview stage_import(const fs::path& content_dir, std::string_view filename,
                           std::string_view bytes, const fs::path& staging_root) {
  const CheckedUpload upload = check_upload(filename, bytes);
  if (!upload.ok()) throw ImportError(upload.error);
  std::error_code ec;
  if (staging_in_content(content_dir, staging_root))
    throw ImportError(say("导入的暂存文件夹不能放在内容文件夹里（隐藏文件夹除外）",
                          "the import staging folder may not be inside the content folder (except "
                          "in a hidden folder)"));
  if (!fs::is_directory(content_dir, ec) || !fs::is_regular_file(content_dir / "site.toml", ec))
    throw ImportError(say("内容文件夹里没有 site.toml，不能导入",
                          "the content folder has no site.toml; nothing can be imported"));
  fs::create_directories(staging_root, ec);
  ::chmod(staging_root.c_str(), 0700);  // the staged ledgers hold private columns
  std::string token;
  fs::path folder;
  do {
    token = import_token();
    folder = staging_root / token;
  } while (!fs::create_directory(folder, ec) && !ec);
  if (ec)
    throw ImportError(say("建不了导入的暂存文件夹：", "cannot make the import's staging folder: ") +
                      ec.message());
  try {
    ImportPreview preview = stage_into(content_dir, folder, token, upload, bytes);
    const std::lock_guard lock(cache_mutex);
    cache[folder.string()] = preview;
    return preview;
  } catch (const ImportError&) {
    fs::remove_all(folder, ec);
    throw;
  } catch (const std::exception& e) {
    fs::remove_all(folder, ec);
    throw ImportError(say("导入的预览没有做成：", "the import could not be previewed: ") +
                      e.what());
  }
}

ImportPreview restage_import(const fs::path& content_dir, const fs::path& staging_root,
                             std::string_view token) {
  {
    const std::lock_guard lock(cache_mutex);
    cache.erase(token_folder(staging_root, token).string());
  }
  return staged_preview(content_dir, staging_root, token);
}

ImportPreview staged_preview(const fs::path& content_dir, const fs::path& staging_root,
                             std::string_view token) {
  const fs::path folder = token_folder(staging_root, token);
  std::error_code ec;
  const std::optional<Manifest> manifest =
      fs::is_directory(folder, ec) ? read_manifest(folder) : std::nullopt;
  if (!manifest) throw ImportError(gone_message());
  {
    const std::lock_guard lock(cache_mutex);
    if (auto it = cache.find(folder.string()); it != cache.end()) return it->second;
  }
  // Staged by a process before this one: staged again, so the preview is of the content now.
  const std::optional<std::string> bytes = read_whole_file(upload_file(folder, manifest->kind));
  if (!bytes) throw ImportError(gone_message());
  const CheckedUpload upload = check_upload(manifest->upload_name, *bytes);
  if (!upload.ok()) throw ImportError(upload.error);
  try {
    ImportPreview preview = stage_into(content_dir, folder, std::string(token), upload, *bytes);
    const std::lock_guard lock(cache_mutex);
    cache[folder.string()] = preview;
    return preview;
  } catch (const ImportError&) {
    throw;
  } catch (const std::exception& e) {
    throw ImportError(say("导入的预览没有做成：", "the import could not be previewed: ") +
                      e.what());
  }
}

AcceptResult accept_import(const fs::path& content_dir, const fs::path& staging_root,
                           std::string_view token, const AcceptOptions& options) {
  try {
    return accept_staged(content_dir, staging_root, token, options);
  } catch (const ImportError&) {
    throw;
  } catch (const std::exception& e) {
    throw ImportError(say("导入没有完成：", "the import did not finish: ") + e.what());
  }
}

namespace {

AcceptResult accept_staged(const fs::path& content_dir, const fs::path& staging_root,
                           std::string_view token, const AcceptOptions& options) {
  const std::lock_guard accepting(accept_mutex);
  const fs::path folder = token_folder(staging_root, token);
  std::error_code ec;
  const std::optional<Manifest> manifest =
      fs::is_directory(folder, ec) ? read_manifest(folder) : std::nullopt;
  if (!manifest) throw ImportError(gone_message());
  if (content_version(content_dir) != manifest->content_version)
    throw ImportError(
        say("内容在预览之后被改过了（可能有人刚导入或修改过），这次没有写入任何东西：请重新上传，看"
            "过新的预览再导入",
            "the content changed after the preview was made (someone imported or edited it "
            "meanwhile); nothing was written: upload again and accept the new preview"));
  if (manifest->errors > 0 && !options.allow_errors) {
    const std::string n = std::to_string(manifest->errors);
    throw ImportError(
        say("导入后内容会有 " + n + " 个错误，没有导入：请在表格里改好后重新上传",
            "the content would have " + n + (manifest->errors == 1 ? " error" : " errors") +
                " after the import; nothing was written: fix the table and upload it again"));
  }
  const std::optional<std::string> bytes = read_whole_file(upload_file(folder, manifest->kind));
  if (!bytes) throw ImportError(gone_message());
  AcceptResult result;
  if (std::string problem = replace_file_atomically(content_dir / manifest->target, *bytes);
      !problem.empty())
    throw ImportError(problem);
  result.written = manifest->target;
  for (const std::string& file : manifest->superseded) {
    const fs::path path = content_dir / file;
    // remove() takes a link itself away, never what it points to.
    if (fs::exists(fs::symlink_status(path, ec)) && fs::remove(path, ec))
      result.removed.push_back(file);
  }
  discard_import(staging_root, token);
  return result;
}

}  // namespace

void discard_import(const fs::path& staging_root, std::string_view token) {
  if (!is_import_token(token)) return;
  const fs::path folder = staging_root / std::string(token);
  {
    const std::lock_guard lock(cache_mutex);
    cache.erase(folder.string());
  }
  std::error_code ec;
  fs::remove_all(folder, ec);
}

std::size_t discard_stale_imports(const fs::path& staging_root, std::chrono::seconds age) {
  std::vector<std::string> stale;
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (const fs::directory_entry& entry : fs::directory_iterator(staging_root, ec)) {
    const std::string token = entry.path().filename().string();
    // The manifest is written last; without one, the folder's own time (a staging under
    // way now is young, one that died midway grows old).
    fs::file_time_type made = fs::last_write_time(entry.path() / manifest_name, ec);
    if (ec) made = fs::last_write_time(entry.path(), ec);
    const bool old = !ec && now - made > age;
    if (is_import_token(token) && entry.is_directory(ec) && !entry.is_symlink(ec) && old)
      stale.push_back(token);
  }
  for (const std::string& token : stale) discard_import(staging_root, token);
  return stale.size();
}

}  // namespace hgj::studio
