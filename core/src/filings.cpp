#include "hgj/filings.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <vector>

namespace hgj {

std::string police_filing_code(std::string_view filing) {
  std::string best;
  std::string run;
  for (const char c : filing) {
    if (c >= '0' && c <= '9') {
      run += c;
      continue;
    }
    if (run.size() > best.size()) best = run;
    run.clear();
  }
  return run.size() > best.size() ? run : best;
}

std::string police_filing_url(std::string_view filing) {
  return "https://beian.mps.gov.cn/#/query/webSearch?code=" + police_filing_code(filing);
}

std::string url_host(std::string_view url) {
  if (const auto p = url.find("://"); p != std::string_view::npos) url.remove_prefix(p + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (const auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (url.starts_with('[')) {  // [::1]:8080
    url = url.substr(1, url.find(']') - 1);
  } else if (const auto colon = url.find(':'); colon != std::string_view::npos) {
    url = url.substr(0, colon);
  }
  std::string host(url);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

namespace {

std::vector<std::string_view> labels(std::string_view host) {
  std::vector<std::string_view> out;
  while (true) {
    const auto dot = host.find('.');
    out.push_back(host.substr(0, dot));
    if (dot == std::string_view::npos) return out;
    host.remove_prefix(dot + 1);
  }
}

// Four numbers 0–255, or nothing.
bool ipv4(std::string_view host, std::array<int, 4>& octets) {
  const std::vector<std::string_view> parts = labels(host);
  if (parts.size() != 4) return false;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string_view p = parts[i];
    const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), octets[i]);
    if (p.empty() || ec != std::errc() || end != p.data() + p.size() || octets[i] > 255)
      return false;
  }
  return true;
}

bool private_ipv4(const std::array<int, 4>& a) {
  return a[0] == 10 || a[0] == 127 || a[0] == 0 || (a[0] == 172 && a[1] >= 16 && a[1] <= 31) ||
         (a[0] == 192 && a[1] == 168) || (a[0] == 169 && a[1] == 254) ||
         (a[0] == 100 && a[1] >= 64 && a[1] <= 127);  // carrier-grade NAT
}

bool private_ipv6(std::string_view host) {
  return host == "::1" || host.starts_with("fc") || host.starts_with("fd") ||
         host.starts_with("fe80:");
}

}  // namespace

bool is_public_host(std::string_view host) {
  if (host.empty()) return false;
  if (host.find(':') != std::string_view::npos) return !private_ipv6(host);
  std::array<int, 4> octets{};
  if (ipv4(host, octets)) return !private_ipv4(octets);
  const std::vector<std::string_view> parts = labels(host);
  if (parts.size() == 1) return false;  // "localhost", "intranet-server"
  static constexpr std::array<std::string_view, 9> lan_tlds = {
      "local", "lan", "internal", "intranet", "home", "localhost", "test", "example", "invalid"};
  if (std::find(lan_tlds.begin(), lan_tlds.end(), parts.back()) != lan_tlds.end()) return false;
  return std::find(parts.begin(), parts.end(), "example") == parts.end();
}

}  // namespace hgj
