// hgj: the generator's command line. Everything lives in cli.cpp and the stages.
#include <iostream>

#include "cli.h"

#ifdef HGJ_JEMALLOC
// jemalloc reads this when it starts. libvips allocates a fresh buffer for every photo it
// resizes, often above jemalloc's 8 MiB "oversize" threshold, and jemalloc hands such
// blocks back to the kernel as soon as they are freed: every photo paid its page faults
// again. With the threshold off they are reused (a build of 300 phone-size photos: 972,000
// faults → 33,000, −8 %). Huge pages are off: zeroing 2 MiB at a time only paid when this
// VM had them free, and then the load stage took 0.7 s instead of 0.55 (a city's first
// build, bench/run, ext4: medians 4.26 → 4.11 s over six runs each). (Overrides the
// library's weak default; MALLOC_CONF still applies.)
extern "C" {
const char* malloc_conf = "thp:never,oversize_threshold:0";
}
#endif

int main(int argc, char** argv) { return hgj::run_cli(argc, argv, std::cout, std::cerr); }
