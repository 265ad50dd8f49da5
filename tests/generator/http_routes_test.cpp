#include <doctest/doctest.h>

#include "../language_scope.h"
#include "http/routes.h"

using namespace hgj;
using namespace hgj::http;

namespace {

Handler answer(std::string what) {
  return [what](const Request&) { return Response{200, "text/plain", what, {}}; };
}

Request request(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.target = r.path;
  return r;
}

}  // namespace

TEST_CASE("routes: an exact path beats a prefix, the longest prefix wins, HEAD takes GET") {
  Routes routes;
  routes.get("/*", answer("files"));
  routes.get("/__hgj/wait", answer("wait"));
  routes.get("/api/*", answer("api"));
  routes.add("POST", "/api/upload", answer("upload"));
  CHECK(routes.dispatch(request("GET", "/")).body == "files");
  CHECK(routes.dispatch(request("GET", "/building/dpb-03/")).body == "files");
  CHECK(routes.dispatch(request("GET", "/__hgj/wait")).body == "wait");
  CHECK(routes.dispatch(request("HEAD", "/__hgj/wait")).body == "wait");
  CHECK(routes.dispatch(request("GET", "/__hgj/waiting")).body == "files");
  CHECK(routes.dispatch(request("GET", "/api/x")).body == "api");
  CHECK(routes.dispatch(request("POST", "/api/upload")).body == "upload");
}

TEST_CASE("routes: a known path with another method is 405 with Allow; an unknown one 404") {
  LanguageScope zh(Language::zh);
  Routes routes;
  routes.get("/status", answer("status"));
  routes.add("POST", "/upload", answer("upload"));
  routes.get("/upload", answer("form"));
  const Response post = routes.dispatch(request("POST", "/status"));
  CHECK(post.status == 405);
  CHECK(post.body == "不支持这种请求方法\n");
  REQUIRE(post.headers.size() == 1);
  CHECK(post.headers[0] == std::pair<std::string, std::string>("Allow", "GET, HEAD"));
  const Response put = routes.dispatch(request("PUT", "/upload"));
  CHECK(put.status == 405);
  CHECK(put.headers[0].second == "POST, GET, HEAD");
  const Response missing = routes.dispatch(request("GET", "/nowhere"));
  CHECK(missing.status == 404);
  CHECK(missing.body == "找不到这个页面\n");
}
