// A test's language for its own duration: the suite runs in English (test_main.cpp), and
// a test that pins Chinese, or switches, leaves the language as it found it.
#pragma once

#include "hgj/language.h"

namespace hgj {

class LanguageScope {
 public:
  explicit LanguageScope(Language language) : before_(current_language()) {
    set_language(language);
  }
  ~LanguageScope() { set_language(before_); }
  LanguageScope(const LanguageScope&) = delete;
  LanguageScope& operator=(const LanguageScope&) = delete;

 private:
  Language before_;
};

}  // namespace hgj
