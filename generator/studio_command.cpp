// `hgj studio`: the browser workbench. For now only its accounts (`hgj studio user …`);
// the server joins here.
#include <ostream>

#include "cli.h"
#include "hgj/language.h"
#include "studio/studio_user_command.h"

namespace hgj {

int run_studio(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (!args.empty() && args.front() == "user")
    return studio::run_studio_user({args.begin() + 1, args.end()}, out, err);
  err << "hgj studio: "
      << say("用法：hgj studio user add|passwd|remove|list …（hgj studio user --help 查看说明）",
             "usage: hgj studio user add|passwd|remove|list … (see hgj studio user --help)")
      << '\n';
  return exit_usage_error;
}

}  // namespace hgj
