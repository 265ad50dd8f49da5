#include "hgj/diagnostics.h"

#include <doctest/doctest.h>

#include <sstream>
#include <thread>
#include <vector>

using namespace hgj;

TEST_CASE("a diagnostic prints as file:line:col: severity: message with a caret") {
  Diagnostic d;
  d.where = {"content/stewards.csv", 7, 3};
  d.message = "电话 \"1380000\" is not a valid phone number";
  d.excerpt = "s7,王芳,1380000";
  d.caret = 10;
  CHECK(format_heading(d) ==
        "content/stewards.csv:7:3: error: 电话 \"1380000\" is not a valid phone number");
  CHECK(format_diagnostic(d) ==
        "content/stewards.csv:7:3: error: 电话 \"1380000\" is not a valid phone number\n"
        "    s7,王芳,1380000\n"
        "              ^");
}

TEST_CASE("a diagnostic without line or column prints just the file") {
  Diagnostic d;
  d.where.file = "content/site.toml";
  d.severity = Severity::warning;
  d.message = "odd";
  CHECK(format_diagnostic(d) == "content/site.toml: warning: odd");
  d.where.line = 4;
  CHECK(format_diagnostic(d) == "content/site.toml:4: warning: odd");
}

TEST_CASE("display width counts Chinese characters as two cells") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("王芳") == 4);
  CHECK(display_width("s7,王芳,") == 8);
  CHECK(display_width("（全角）") == 8);
}

TEST_CASE("the sink counts by severity and sorts by place, keeping insertion order for ties") {
  DiagnosticSink sink;
  sink.error({"b.csv", 2, 1}, "second file");
  sink.warning({"a.csv", 9, 1}, "later line");
  sink.error({"a.csv", 3, 4}, "first");
  sink.error({"a.csv", 3, 4}, "first again");
  CHECK(sink.error_count() == 3);
  CHECK(sink.warning_count() == 1);
  const auto sorted = sink.sorted();
  REQUIRE(sorted.size() == 4);
  CHECK(sorted[0].message == "first");
  CHECK(sorted[1].message == "first again");
  CHECK(sorted[2].message == "later line");
  CHECK(sorted[3].message == "second file");
  std::ostringstream out;
  print_diagnostics(out, sink);
  CHECK(out.str().find("b.csv:2:1: error: second file\n") != std::string::npos);
}

TEST_CASE("the sink takes diagnostics from several threads") {
  DiagnosticSink sink;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&sink, t] {
      for (int i = 0; i < 250; ++i) sink.error({"f", t * 1000 + i, 1}, "x");
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(sink.error_count() == 1000);
}
