#include "cli.h"

#include <iterator>
#include <optional>
#include <ostream>

#include "hgj/language.h"

namespace hgj {

namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>&, std::ostream&, std::ostream&);
};

const Command commands[] = {
    {"init", "a new street's content folder: commented site.toml, Excel ledger 台账.xlsx", run_init},
    {"check", "load and validate the content folder, report every problem", run_check},
    {"build", "build the website (and print, kiosk stages) into public/", run_build},
    {"print", "notice boards and contact cards as PDF into public/print/", run_print},
    {"bundle", "the kiosk bundle (data, images, manifest) into public/kiosk/", run_bundle},
    {"new", "a commented skeleton: new community|grid|building|steward|issue|event|notice|duty ID", run_new},
    {"export", "the content's tables as one Excel workbook: export --out FILE.xlsx", run_export},
    {"diff", "what changed since the last publication, which boards and cards to reprint", run_diff},
    {"serve", "build, serve on 127.0.0.1, rebuild and reload pages on every change", run_serve},
    {"publish", "send the built site where it is served (a folder, SSH, rclone)", run_publish},
    {"keygen", "make the street's kiosk bundle signing key, print its public key", run_keygen},
};

void print_usage(std::ostream& out) {
  out << "hgj " HGJ_VERSION
         " — 红管家: stewards' site, notice boards and kiosk bundle\n\n"
         "Usage: hgj <command> [options]      (hgj <command> --help for its options)\n\n"
         "Commands:\n";
  for (const Command& c : commands)
    out << "  " << c.name << std::string(10 - std::string(c.name).size(), ' ') << c.summary << '\n';
  out << "\nExit codes:\n"
         "  0  success\n"
         "  1  the content has errors (with --strict, warnings count too)\n"
         "  2  usage error, or a folder or file could not be read or written\n"
         "\nMessages are in Chinese; --lang en (or an English locale, LANG=en_US.UTF-8) for "
         "English.\n";
}

// Takes `--lang zh|en` (or `--lang=…`) out of the arguments wherever it stands, so every
// command speaks the chosen language without each declaring the option. Without it the
// locale decides (language_from_environment). False after a usage error, printed.
bool take_language_option(std::vector<std::string>& args, std::ostream& err) {
  Language language = language_from_environment();
  for (auto it = args.begin(); it != args.end();) {
    std::string value;
    if (*it == "--lang") {
      if (std::next(it) == args.end()) {
        err << "hgj: --lang 需要一个值：zh 或 en (--lang needs a value: zh or en)\n";
        return false;
      }
      value = *std::next(it);
      it = args.erase(it, std::next(it, 2));
    } else if (it->starts_with("--lang=")) {
      value = it->substr(7);
      it = args.erase(it);
    } else {
      ++it;
      continue;
    }
    const std::optional<Language> chosen = parse_language(value);
    if (!chosen) {
      err << "hgj: --lang \"" << value << "\" 无法识别，可用 zh 或 en (unknown language: use zh or en)\n";
      return false;
    }
    language = *chosen;
  }
  set_language(language);
  return true;
}

}  // namespace

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!take_language_option(args, err)) return exit_usage_error;
  if (args.empty()) {
    print_usage(err);
    return exit_usage_error;
  }
  const std::string& first = args.front();
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage(out);
    return exit_ok;
  }
  if (first == "--version" || first == "-V") {
    out << "hgj " HGJ_VERSION "\n";
    return exit_ok;
  }
  for (const Command& c : commands) {
    if (first == c.name) return c.run({args.begin() + 1, args.end()}, out, err);
  }
  err << "hgj: unknown command \"" << first << "\" (see hgj --help)\n";
  return exit_usage_error;
}

}  // namespace hgj
