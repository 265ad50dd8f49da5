// The theme's strings written into a template where it reads them ({{t.key}}), so a
// page does not look each one up, escape it and append it on every render: a fifth of
// the tags of the site's templates, and most of the page chrome.
#pragma once

#include <map>
#include <string>

namespace hgj::site {

// `text` with each value tag that reads t.<key> of a string in `strings` replaced by what
// it renders to when t is `strings` (escaped, unless written raw), as long as nothing
// looks t up first. Unchanged when its tags cannot be read (a delimiter change or an
// unclosed tag); a string holding "{{" stays a tag, as text it would be read as one.
std::string with_strings_inlined(const std::string& text,
                                 const std::map<std::string, std::string>& strings);

}  // namespace hgj::site
