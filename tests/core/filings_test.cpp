#include "hgj/filings.h"

#include <doctest/doctest.h>

using namespace hgj;

TEST_CASE("a 公安备案号 links to the MPS page of its digits") {
  CHECK(police_filing_code("浙公网安备 33010202000001号") == "33010202000001");
  CHECK(police_filing_code("京公网安备11010502030143号") == "11010502030143");
  CHECK(police_filing_code("公网安备") == "");
  CHECK(police_filing_url("浙公网安备 33010202000001号") ==
        "https://beian.mps.gov.cn/#/query/webSearch?code=33010202000001");
}

TEST_CASE("url_host takes the host out of a base_url") {
  CHECK(url_host("https://hgj.qingxi.gov.cn") == "hgj.qingxi.gov.cn");
  CHECK(url_host("http://HGJ.Example.CN:8080/street/") == "hgj.example.cn");
  CHECK(url_host("http://[::1]:8080/") == "::1");
  CHECK(url_host("http://user@192.168.1.20/x") == "192.168.1.20");
}

TEST_CASE("only hosts reached over the public internet need the filing numbers") {
  for (const char* host : {"hgj.qingxi.gov.cn", "www.hongfeng.org.cn", "8.8.8.8", "2408:8000::1"}) {
    CAPTURE(host);
    CHECK(is_public_host(host));
  }
  for (const char* host :
       {"", "localhost", "127.0.0.1", "10.1.2.3", "172.16.0.9", "172.31.255.1", "192.168.1.20",
        "169.254.3.3", "::1", "fd00::5", "hgj-server", "jiedao.local", "hgj.lan", "hgj.intranet",
        "example.org", "hgj.example.cn", "site.test"}) {
    CAPTURE(host);
    CHECK_FALSE(is_public_host(host));
  }
  CHECK(is_public_host("172.32.0.1"));
}
