// A minimal blocking HTTP/1.1 client for end-to-end tests: one request per connection to a
// loopback port, the whole response read until the server closes.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace estate::testing {

struct HttpResponse {
  int status = 0;                              // 0 when the connection failed
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

HttpResponse http_request(std::uint16_t port, const std::string& method, const std::string& path,
                          const std::map<std::string, std::string>& headers = {},
                          const std::string& body = "");

// Sends `request` as it is (for malformed framing) and reads the answer.
HttpResponse http_raw(std::uint16_t port, const std::string& request);

inline HttpResponse http_get(std::uint16_t port, const std::string& path) {
  return http_request(port, "GET", path);
}

}  // namespace estate::testing
