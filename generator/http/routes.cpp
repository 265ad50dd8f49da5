#include "http/routes.h"

#include "hgj/language.h"

namespace hgj::http {

void Routes::add(std::string method, std::string pattern, Handler handler) {
  const bool prefix = pattern.ends_with("/*");
  if (prefix) pattern.pop_back();
  routes_.push_back({std::move(method), std::move(pattern), prefix, std::move(handler)});
}

Response Routes::dispatch(const Request& request) const {
  const std::string method = request.method == "HEAD" ? std::string("GET") : request.method;
  const Route* best = nullptr;
  std::string allowed;
  std::size_t best_length = 0;
  // The most specific path first; among routes for that path, the method decides.
  for (const Route& r : routes_) {
    const bool matches = r.prefix ? request.path.starts_with(r.path) : request.path == r.path;
    if (!matches) continue;
    const std::size_t length = r.path.size() + (r.prefix ? 0 : 1);  // exact beats prefix
    if (length < best_length) continue;
    if (length > best_length) {
      best_length = length;
      best = nullptr;
      allowed.clear();
    }
    allowed += (allowed.empty() ? "" : ", ") + r.method + (r.method == "GET" ? ", HEAD" : "");
    if (r.method == method) best = &r;
  }
  if (best) return best->handler(request);
  if (allowed.empty()) return text_response(404, say("找不到这个页面", "not found"));
  Response refused = text_response(405, say("不支持这种请求方法", "method not allowed"));
  refused.headers.emplace_back("Allow", allowed);
  return refused;
}

}  // namespace hgj::http
