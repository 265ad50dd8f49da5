// Hosting in mainland China: a public site shows its ICP 备案号 and 公安备案号 in every
// footer, linked to the filing sites. Which hosts count as public and what each number
// links to are decided here, for the loader's warning and the site's footer alike.
#pragma once

#include <string>
#include <string_view>

namespace hgj {

// The MIIT filing site every ICP 备案号 links to.
inline constexpr std::string_view icp_filing_url = "https://beian.miit.gov.cn/";

// The digits of a 公安备案号 ("浙公网安备 33010202000001号" → "33010202000001"): the longest
// run of ASCII digits; empty when there is none.
std::string police_filing_code(std::string_view filing);
// The MPS page of that number: https://beian.mps.gov.cn/#/query/webSearch?code=<digits>.
std::string police_filing_url(std::string_view filing);

// "hgj.example.cn" from "https://hgj.example.cn:8080/sub"; lower case, no port.
std::string url_host(std::string_view url);
// Whether visitors reach `host` over the public internet: not localhost, a loopback,
// private or link-local address, a LAN name (.local, .lan, .internal, .intranet, .home,
// .localhost, one label without dots) or a documentation name (.test, .example,
// .invalid, or any name with a label "example": example.org, hgj.example.cn). An empty
// host is not public.
bool is_public_host(std::string_view host);

}  // namespace hgj
