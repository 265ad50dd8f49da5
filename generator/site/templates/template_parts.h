// A page template cut into runs of whole lines, for rendering a page twice from data
// that differs in a few names only (a page and its elder/ copy differ in `res` and
// `elder`, page_jobs.h): a run that uses none of them comes out the same both times, so
// the second rendering copies it instead of rendering it again. And a run that reads
// nothing but what all pages share (the site, the strings) and where the page stands
// comes out the same on every page at that depth: TemplateSet renders it once for each.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace hgj::site {

struct TemplatePart {
  std::string text;
  bool varies = true;   // a tag in it may read one of the `varying` names
  bool shared = false;  // every tag in it reads one of the `shared` names
};

// `tmpl` (partials inlined) cut after the line breaks that stand outside every section,
// each run of lines marked whether a tag in it names one of `varying` (the whole name or
// the first part of a dotted one), is `.` outside every section, or is a partial; and
// whether every tag in it but comments names one of `shared` or is `.` inside a section
// (which then is one of theirs), so that it reads nothing else wherever it stands. kainjow
// decides line by line whether to write or drop a line (one with a section tag that
// renders blank), and after a line break outside every section it has just done so: the
// parts rendered one after another write what `tmpl` writes. One varying part, not
// shared, when the tags cannot be read (an unclosed tag or section, a delimiter change).
std::vector<TemplatePart> template_parts(const std::string& tmpl,
                                         const std::set<std::string>& varying,
                                         const std::set<std::string>& shared = {});

}  // namespace hgj::site
