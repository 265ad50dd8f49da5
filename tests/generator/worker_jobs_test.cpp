// --jobs reaches the run's one worker pool (hgj/parallel.h) in every command that takes
// it, before anything is loaded: the pool's own tests show it runs that many workers.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "build_site.h"
#include "cli.h"
#include "hgj/diagnostics.h"
#include "hgj/parallel.h"

namespace hgj {

namespace fs = std::filesystem;

TEST_CASE("--jobs sets the worker pool of hgj build and hgj print") {
  const fs::path work = fs::temp_directory_path() / "hgj_worker_jobs_test";
  fs::remove_all(work);
  fs::create_directories(work);
  const std::string missing = (work / "no-content").string();
  std::ostringstream out, err;

  set_worker_threads(0);
  CHECK(run_print({"--content", missing, "--out", (work / "print").string(), "--jobs", "1"}, out,
                  err) != 0);
  CHECK(worker_threads() == 1);
  CHECK(run_print({"--content", missing, "--out", (work / "print").string(), "-j", "3"}, out,
                  err) != 0);
  CHECK(worker_threads() == 3);

  BuildOptions o;
  o.content_dir = missing;
  o.out_dir = (work / "public").string();
  o.jobs = 1;
  DiagnosticSink sink;
  CHECK(build_site(o, sink, err).exit_code != 0);
  CHECK(worker_threads() == 1);

  set_worker_threads(0);
  fs::remove_all(work);
}

}  // namespace hgj
