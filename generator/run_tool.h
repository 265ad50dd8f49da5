// Runs another program (rsync, rclone) and collects what it prints: hgj publish leaves
// transfers to the tools made for them and only reads their reports.
#pragma once

#include <string>
#include <vector>

namespace hgj {

struct ToolRun {
  int exit_code = 0;   // the program's exit status; 128+N when killed by signal N
  bool found = true;   // false: the program is not installed (exit_code is then 127)
  std::string output;  // standard output
  std::string errors;  // standard error
};

// Runs argv[0] (looked up on PATH) with argv, stdin from /dev/null, and waits for it.
ToolRun run_tool(const std::vector<std::string>& argv);

}  // namespace hgj
