// hgj: the generator's command line. Everything lives in cli.cpp and the stages.
#include <iostream>

#include "cli.h"

#ifdef HGJ_JEMALLOC
// jemalloc reads this when it starts. With "thp:always" it zeroes a recycled block for
// calloc() with memset instead of handing the pages back to the kernel and faulting them
// in again, and it asks for huge pages. libvips callocs a fresh buffer for every photo:
// at city scale this cut page faults from 450,000 to 60,000 and a first build by a
// quarter (bench/run). (Overrides the library's weak default; MALLOC_CONF still applies.)
extern "C" {
const char* malloc_conf = "thp:always";
}
#endif

int main(int argc, char** argv) { return hgj::run_cli(argc, argv, std::cout, std::cerr); }
