// hgj: the generator's command line. Everything lives in cli.cpp and the stages.
#include <iostream>

#include "cli.h"

int main(int argc, char** argv) { return hgj::run_cli(argc, argv, std::cout, std::cerr); }
