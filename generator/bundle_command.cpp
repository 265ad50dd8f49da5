// `hgj bundle`: load and validate → write the kiosk bundle into a staging folder →
// swap it in for --out. Content errors leave --out exactly as it was.
#include <boost/program_options.hpp>
#include <ostream>

#include "bundle/write_bundle.h"
#include "cli.h"
#include "clock.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "options.h"
#include "publish.h"
#include "signing_key.h"
#include "site/templates/theme.h"
#include "theme_folders.h"

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// "12 files, 345 KB" for the folder just published.
std::string folder_summary(const fs::path& dir) {
  std::size_t files = 0;
  std::uintmax_t bytes = 0;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    bytes += entry.file_size();
  }
  return say(std::to_string(files) + " 个文件、", std::to_string(files) + " files, ") +
         std::to_string((bytes + 512) / 1024) + " KB";
}

}  // namespace

int run_bundle(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string content_dir, out_dir, key_file, theme, themes_dir;
  BundleOptions o;
  bool strict = false, force = false;
  po::options_description options(
      "hgj bundle [options]: the kiosk bundle (manifest.json, bundle.json, images/) into --out");
  options.add_options()("content", po::value(&content_dir)->default_value("content"),
                        "content folder")(
      "out", po::value(&out_dir)->default_value("public/kiosk"),
      "output folder (replaced atomically; a symbolic link is followed and its folder replaced)")(
      "force", po::bool_switch(&force),
      "replace an --out folder hgj did not write (its content is moved to <out>.before-hgj)")(
      "base-url", po::value(&o.base_url),
      "URL building QR codes point under (default: site.toml's base_url)")(
      "strict", po::bool_switch(&strict), "treat warnings as errors (an undecodable photo too)")(
      "theme", po::value(&theme),
      "theme whose strings.toml words the kiosk shows (default: site.toml's)")(
      "themes-dir", po::value(&themes_dir), "where theme names are looked up")(
      "signing-key", po::value(&key_file),
      "sign manifest.json with this key (default: ~/.config/hgj/bundle-signing.key, made if "
      "missing)")("help,h", "show this help");
  po::variables_map vars;
  if (int code = parse_options(args, options, vars, out, err); code >= 0) return code;
  if (int code = check_base_url("bundle", o.base_url, err); code >= 0) return code;

  std::unique_ptr<OutputLock> early;
  if (int code = lock_output_early("bundle", out_dir, err, early); code >= 0) return code;
  {
    // Before anything is built: a bad key leaves the output as it was.
    std::string why;
    o.signing_key = signing_key_for_build(key_file, out, why);
    if (!o.signing_key) {
      err << "hgj bundle: " << why << left_as_it_was(out_dir) << '\n';
      return exit_usage_error;
    }
  }
  DiagnosticSink sink;
  LoadResult loaded = load_content(content_dir, sink);
  const auto refuse = [&](int code) {
    print_diagnostics(err, sink);
    err << "hgj bundle: " << diagnostic_summary(sink) << left_as_it_was(out_dir) << '\n';
    return code;
  };
  if (int code = content_exit_code(loaded, sink, strict); code != exit_ok) return refuse(code);
  try {
    o.now = build_time();
  } catch (const BadSourceDateEpoch& e) {
    err << "hgj bundle: " << e.what() << '\n';
    return exit_usage_error;
  }

  // The kiosk's words, from the theme the site and the print use (theme_folders.h).
  o.strings = site::load_theme_strings(
      theme_folder(theme.empty() ? loaded.content.site.theme : theme, themes_dir, content_dir),
      theme_folder("default", themes_dir, content_dir), sink);
  if (sink.error_count() > 0) return refuse(exit_usage_error);

  const fs::path target(out_dir);
  std::error_code ec;
  const fs::path parent = target.parent_path();
  const bool parent_existed = parent.empty() || fs::exists(parent, ec);
  int code = exit_ok;
  try {
    const std::unique_ptr<OutputLock> lock =
        claim_output({out_dir, force, {{content_dir, say("内容文件夹", "the content folder")}}});
    // The bundle's own manifest marks it as hgj's: it lists every other file there.
    Staging staging(target, Staging::Reuse::no, Staging::Mark::manifest);
    const bool written = write_kiosk_bundle(loaded.content, o, staging.dir(), sink);
    if (!written)
      code = exit_content_error;
    else if (problems_stop(sink, strict))
      code = exit_content_error;
    else
      staging.commit();
  } catch (const OutputRefused& e) {
    if (!parent_existed) fs::remove(parent, ec);
    err << "hgj bundle: " << e.what() << '\n';
    return exit_usage_error;
  } catch (const std::exception& e) {
    sink.error({out_dir, 0, 0}, say("写不了输出：", "cannot write the output: ") + e.what());
    code = exit_usage_error;
  }
  if (code != exit_ok) {
    if (!parent_existed) fs::remove(parent, ec);  // only if we made it and it is empty
    return refuse(code);
  }
  print_diagnostics(err, sink);
  const std::string buildings = std::to_string(loaded.content.buildings.size());
  const std::string stewards = std::to_string(loaded.content.stewards.size());
  out << "hgj bundle: "
      << say(buildings + " 个楼栋、" + stewards + " 位红管家；" + folder_summary(target) + "，在 " +
                 out_dir,
             buildings + " buildings, " + stewards + " stewards; " + folder_summary(target) +
                 " in " + out_dir)
      << '\n';
  return exit_ok;
}

}  // namespace hgj
