#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "hgj/language.h"

// Unit tests pin hgj's English messages: they run in English whatever the locale of the
// machine (tests that pin a Chinese message set the language themselves).
int main(int argc, char** argv) {
  hgj::set_language(hgj::Language::en);
  return doctest::Context(argc, argv).run();
}
