// `hgj studio user add|passwd|remove|list`: the workbench's accounts from the command
// line. Passwords are read from standard input (a terminal: asked twice, not shown; a
// pipe: its first line), never from the arguments, which any user can see in `ps`.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace hgj::studio {

// `args` are those after `hgj studio user`. Returns an ExitCode (exit_code.h).
int run_studio_user(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace hgj::studio
