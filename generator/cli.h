// The `hgj` command line: subcommands, --help, --version and exit codes.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "exit_code.h"

namespace hgj {

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err);

// Subcommands take the arguments after their name.
int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_build(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_print(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_bundle(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_new(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// `hgj keygen [--key FILE] [--force]` (keygen_command.cpp).
int run_keygen(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// `hgj init [DIR]` (init_command.cpp), `hgj export --out FILE.xlsx` (export_command.cpp).
int run_init(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// `hgj diff [--since …] [--json] [--pdf FILE]` (diff_command.cpp).
int run_diff(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// `hgj publish [--to TARGET] [--dry-run]` (publish_command.cpp).
int run_publish(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// `hgj fleet --status DIR [--json] [--out PAGE]` (fleet_command.cpp).
int run_fleet(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// `hgj studio …` (studio_command.cpp).
int run_studio(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_serve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace hgj
