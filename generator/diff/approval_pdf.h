// The 审批单: `hgj diff --pdf`'s printable A4 form for the leaders who approve a change
// before it is 公示 — the changes, the reprint list, the content version, and lines for
// 社区书记 and 街道审核 to sign and date. Laid out with the print stage's Pango text.
#pragma once

#include <string>

#include "diff/diff_report.h"
#include "hgj/model.h"
#include "hgj/recurrence.h"

namespace hgj {

// What heads the form: the district and street (红枫街道 · 柯城区), else the site's title.
std::string approval_place(const Site& site);

// The PDF's bytes. `place` heads the form (红枫街道 · 柯城区), `now` dates it. Throws
// std::runtime_error when the fonts or cairo fail.
std::string approval_pdf(const DiffReport& report, const std::string& place, const Date& today,
                         Instant now);

// The PDF's author entry, by which `hgj diff --pdf` knows a file it may replace.
inline constexpr const char* approval_pdf_author = "hgj diff";

}  // namespace hgj
