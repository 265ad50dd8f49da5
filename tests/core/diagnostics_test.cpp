#include "hgj/diagnostics.h"

#include <doctest/doctest.h>

#include <sstream>
#include <thread>
#include <vector>

#include "hgj/language.h"

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

TEST_CASE("in Chinese, the heading says 错误 and 警告") {
  Diagnostic d;
  d.where = {"content/stewards.csv", 7, 3};
  d.message = "电话“1380000”不是有效的电话号码";
  set_language(Language::zh);
  CHECK(format_heading(d) == "content/stewards.csv:7:3: 错误：电话“1380000”不是有效的电话号码");
  d.severity = Severity::warning;
  CHECK(format_heading(d) == "content/stewards.csv:7:3: 警告：电话“1380000”不是有效的电话号码");
  set_language(Language::en);
}

TEST_CASE("follow-on problems fold into the root cause, which is printed first") {
  DiagnosticSink sink;
  sink.error({"content/issues.csv", 2, 5}, "a bad date");
  CHECK_FALSE(sink.fold("collection:stewards"));  // no cause yet: report it yourself
  sink.warning({"content/stewards.csv", 0, 0}, "a warning is never a cause");
  CHECK_FALSE(sink.mark_cause("content/stewards.csv", "collection:stewards"));
  sink.error({"content/stewards.csv", 1, 0}, "the header has no id column");
  CHECK(sink.mark_cause("content/stewards.csv", "collection:stewards"));
  CHECK(sink.fold("collection:stewards"));
  CHECK(sink.fold("collection:stewards"));
  CHECK_FALSE(sink.fold("collection:buildings"));
  const std::vector<Diagnostic> sorted = sink.sorted();
  REQUIRE(sorted.size() == 3);
  CHECK(sorted[0].message == "the header has no id column");
  CHECK(sorted[0].folded == 2);
  CHECK(sorted[1].message == "a bad date");
  CHECK(format_diagnostic(sorted[0]) ==
        "content/stewards.csv:1: error: the header has no id column\n"
        "    2 more references could not be checked because of this; fix it and run again");
  set_language(Language::zh);
  CHECK(format_diagnostic(sorted[0]) ==
        "content/stewards.csv:1: 错误：the header has no id column\n"
        "    另有 2 处引用因此无法核对，改好上面这一处后再运行一次");
  set_language(Language::en);
  // Counts are what the error line says: the sink's own counts do not change.
  CHECK(sink.error_count() == 2);
}

TEST_CASE("a workbook's sheet is a place of the workbook for a cause") {
  DiagnosticSink sink;
  sink.error({"content/台账.xlsx[红管家]", 0, 0}, "the sheet is damaged");
  CHECK(sink.mark_cause("content/台账.xlsx", "collection:stewards"));
  CHECK_FALSE(sink.mark_cause("content/台账", "collection:buildings"));
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
