// A page template cut into runs of whole lines, for rendering a page twice from data
// that differs in a few names only (a page and its elder/ copy differ in `res` and
// `elder`, page_jobs.h): a run that uses none of them comes out the same both times, so
// the second rendering copies it instead of rendering it again.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace hgj::site {

struct TemplatePart {
  std::string text;
  bool varies = true;  // a tag in it may read one of the names
};

// `tmpl` (partials inlined) cut after the line breaks that stand outside every section,
// each run of lines marked whether a tag in it names one of `names` (the whole name or the
// first part of a dotted one), is `.` outside every section, or is a partial. kainjow
// decides line by line whether to write or drop a line (one with a section tag that
// renders blank), and after a line break outside every section it has just done so: the
// parts rendered one after another write what `tmpl` writes. One varying part when the
// tags cannot be read (an unclosed tag or section, a delimiter change).
std::vector<TemplatePart> template_parts(const std::string& tmpl,
                                         const std::set<std::string>& names);

}  // namespace hgj::site
