// `hgj keygen`: makes the street's bundle signing key where `hgj build` looks for it and
// prints what a screen needs. An existing key is kept unless --force, and even then it
// is kept as <key>.old: a lost key means touching every screen again.
#include <boost/program_options.hpp>
#include <ostream>

#include "cli.h"
#include "hgj/language.h"
#include "options.h"
#include "signing_key.h"

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

void print_public_key(std::ostream& out, const SigningKey& key, const fs::path& file) {
  const fs::path pub = public_key_path_for(file);
  out << say("公钥 ", "public key ") << pub.string() << ":\n"
      << "  " << public_key_line(key.public_key) << '\n'
      << say("把它复制到每台触摸屏的 /etc/hgj-kiosk/trusted-keys/ 里（或写进 kiosk.toml 的 "
             "trusted_keys，或用 --trusted-key FILE 指定）；见 docs/kiosk.md。\n",
             "On every kiosk, copy it to /etc/hgj-kiosk/trusted-keys/ (or list it in kiosk.toml's "
             "trusted_keys, or pass --trusted-key FILE); see docs/kiosk.md.\n");
}

// Moves `file` aside to `file.old` (replacing an older .old), if it exists.
void keep_old(const fs::path& file) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(file, ec))) fs::rename(file, fs::path(file.string() + ".old"));
}

}  // namespace

int run_keygen(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string key_file;
  po::options_description options(
      "hgj keygen [options]: make the street's kiosk bundle signing key and print its public key");
  options.add_options()(
      "key", po::value(&key_file),
      "secret key file (default: $HGJ_SIGNING_KEY, else ~/.config/hgj/bundle-signing.key); "
      "the public key goes beside it as .pub")(
      "force", "make a new key even if one exists (the old one is kept as .old)")("help,h",
                                                                                  "show this help");
  po::variables_map vars;
  if (int code = parse_options(args, options, vars, out, err); code >= 0) return code;
  const fs::path file = key_file.empty() ? default_signing_key_path() : fs::path(key_file);
  const bool force = vars.count("force") > 0;

  std::error_code ec;
  try {
    if (fs::exists(fs::symlink_status(file, ec)) && !force) {
      std::string why;
      const std::optional<SigningKey> key = read_secret_key(file, why);
      if (!key) {
        err << "hgj keygen: " << why
            << say("；加 --force 生成新密钥（这个文件改名为 .old 保留）",
                   "; --force makes a new key (this file is kept as .old)")
            << '\n';
        return exit_usage_error;
      }
      out << "hgj keygen: "
          << say("保留 " + file.string() + " 里已有的密钥 " + key->public_key.id +
                     "（加 --force 生成新的）",
                 "kept the existing key " + key->public_key.id + " in " + file.string() +
                     " (--force makes a new one)")
          << '\n';
      print_public_key(out, *key, file);
      return exit_ok;
    }
    if (force) {
      keep_old(file);
      keep_old(public_key_path_for(file));
    }
    bool made = false;
    const SigningKey key = create_signing_key(file, made);
    out << "hgj keygen: "
        << say((made ? "已在 " : "另一个进程已在 ") + file.string() + " 生成签名密钥 " +
                   key.public_key.id,
               std::string(made ? "made" : "another process made") + " the bundle signing key " +
                   key.public_key.id + " in " + file.string())
        << '\n';
    print_public_key(out, key, file);
  } catch (const std::exception& e) {
    err << "hgj keygen: " << e.what() << '\n';
    return exit_usage_error;
  }
  return exit_ok;
}

}  // namespace hgj
