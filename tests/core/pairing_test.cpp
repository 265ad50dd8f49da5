#include "hgj/pairing.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace hgj;

TEST_CASE("a screen's pairing code is six characters worked out from its id") {
  // Pinned: a screen's code must not change with an hgj upgrade, or every paired screen
  // would fall back to pairing. (Python: sha256("hgj-kiosk pairing code\n" + id), the
  // first 8 bytes big-endian, six base-31 digits from the lowest.)
  CHECK(pairing_code("0123456789abcdef0123456789abcdef") == "TDMKU3");
  CHECK(pairing_code("lobby-3") == "XY6W5A");
  CHECK(pairing_code("lobby-3") == pairing_code("lobby-3"));
  CHECK(pairing_code("") == "");
}

TEST_CASE("pairing codes use no character read as another") {
  std::set<std::string> codes;
  for (int i = 0; i < 2000; ++i) {
    const std::string code = pairing_code("screen-" + std::to_string(i));
    REQUIRE(code.size() == 6);
    for (const char c : std::string("0O1IL")) CHECK(code.find(c) == std::string::npos);
    codes.insert(code);
  }
  CHECK(codes.size() == 2000);  // 31^6 codes: a street's screens do not share one
}

TEST_CASE("a pairing code is shown as two groups of three") {
  CHECK(pairing_code_display("K7Q4M2") == "K7Q-4M2");
  CHECK(pairing_code_display("") == "");
  CHECK(pairing_code_display("dpb-03-a") == "dpb-03-a");
}

TEST_CASE("a pairing code is read with or without the dash, in either case, full-width") {
  CHECK(normalize_pairing_code("K7Q-4M2") == "K7Q4M2");
  CHECK(normalize_pairing_code("k7q4m2") == "K7Q4M2");
  CHECK(normalize_pairing_code(" k7q 4m2 ") == "K7Q4M2");
  CHECK(normalize_pairing_code("Ｋ７Ｑ－４Ｍ２") == "K7Q4M2");
  CHECK_FALSE(normalize_pairing_code("K7Q-4M0"));   // 0 is never in a code
  CHECK_FALSE(normalize_pairing_code("K7Q-4M"));    // too short
  CHECK_FALSE(normalize_pairing_code("K7Q-4M22"));  // too long
  CHECK_FALSE(normalize_pairing_code("dpb-03-a"));
  CHECK_FALSE(normalize_pairing_code(""));
}

TEST_CASE("a screens.csv id names a screen by its id or by its pairing code") {
  const std::string id = "0123456789abcdef0123456789abcdef";
  CHECK(names_screen("TDM-KU3", id));
  CHECK(names_screen("tdmku3", id));
  CHECK(names_screen("0123456789ABCDEF0123456789ABCDEF", id));
  CHECK(names_screen("lobby-3", "lobby-3"));
  CHECK(names_screen("XY6-W5A", "lobby-3"));
  CHECK_FALSE(names_screen("TDM-KU4", id));
  CHECK_FALSE(names_screen("", id));
  CHECK_FALSE(names_screen("TDMKU3", ""));
}
