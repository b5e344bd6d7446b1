#include "api/http/routing.h"

#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include "api/http/problem.h"

namespace estate::api {

std::optional<std::string> HttpRequest::header(const std::string& name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::string dump_json(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Reply error_reply(const Error& error) {
  // The client gets no internals (problem() hides them); the operator's log gets them all.
  if (error.kind == ErrorKind::internal || error.kind == ErrorKind::unavailable ||
      error.kind == ErrorKind::aborted) {
    spdlog::error("{{\"msg\":\"request failed\",\"kind\":\"{}\",\"why\":{}}}",
                  to_string(error.kind), dump_json(error.message));
  }
  Reply r;
  r.status = http_status(error.kind);
  r.problem = problem_text(error);
  r.body = problem(r.status, *r.problem);
  return r;
}

Reply problem_reply(int status, Message detail, std::vector<FieldError> errors) {
  Reply r;
  r.status = status;
  r.problem = ProblemText{std::move(detail), std::move(errors)};
  r.body = problem(status, *r.problem);
  return r;
}

void render_problem(Reply& reply, Language language) {
  if (reply.problem && language != Language::en)
    reply.body = problem(reply.status, *reply.problem, language);
}

std::string media_type(const std::string& content_type) {
  std::string t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(t.begin());
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t;
}

std::string percent_decode(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::optional<std::string> cookie(const HttpRequest& request, const std::string& name) {
  const auto header = request.header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest(*header);
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    std::string_view pair = rest.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

Reply run_handler(const Handler& handler, const HttpRequest& request) {
  Result<Reply> r = handler(request);
  return r.ok() ? std::move(*r) : error_reply(r.error());
}

Status allow_only(const HttpRequest& request, const std::vector<std::string>& allowed) {
  Validator v;
  for (const auto& [name, value] : request.query) {
    bool known = false;
    for (const std::string& a : allowed) known = known || a == name;
    if (!known) {
      std::string list;
      for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
      v.add(name, {MessageCode::not_a_query_parameter, {list}});
    }
  }
  return v.finish(MessageCode::query_unknown_parameters);
}

namespace {

// Cursors are opaque to clients: base64url of "after:<id>", so nobody builds them by hand and
// the encoding can change without breaking anyone who treats them as tokens.
std::string encode_cursor(std::int64_t id) {
  std::string plain = "after:" + std::to_string(id);
  std::string out(4 * ((plain.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(plain.data()),
                          static_cast<int>(plain.size()));
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

std::optional<std::int64_t> decode_cursor(std::string text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  for (char& c : text) {
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
    else if (!std::isalnum(static_cast<unsigned char>(c)))
      return std::nullopt;
  }
  while (text.size() % 4) text += '=';
  std::string plain(text.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(plain.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  plain.resize(static_cast<std::size_t>(n));
  while (!plain.empty() && plain.back() == '\0') plain.pop_back();
  if (plain.rfind("after:", 0) != 0) return std::nullopt;
  std::string digits = plain.substr(6);
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  for (char c : digits)
    if (c < '0' || c > '9') return std::nullopt;
  return std::stoll(digits);
}

std::optional<std::int64_t> positive_integer(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  std::int64_t n = std::stoll(text);
  if (n <= 0) return std::nullopt;
  return n;
}

}  // namespace

Result<PageParams> page_params(const HttpRequest& request) {
  PageParams p;
  Validator v;
  if (auto it = request.query.find("limit"); it != request.query.end()) {
    auto n = positive_integer(it->second);
    if (!n || *n > 500)
      v.add("limit", MessageCode::limit_range);
    else
      p.limit = static_cast<std::size_t>(*n);
  }
  if (auto it = request.query.find("cursor"); it != request.query.end()) {
    auto after = decode_cursor(it->second);
    if (!after)
      v.add("cursor", MessageCode::not_our_cursor);
    else
      p.after = *after;
  }
  if (Status s = v.finish(MessageCode::paging_invalid); !s.ok()) return s.error();
  return p;
}

nlohmann::json next_cursor(std::optional<std::int64_t> last) {
  return last ? nlohmann::json(encode_cursor(*last)) : nlohmann::json();
}

Result<std::optional<Instant>> instant_param(const HttpRequest& request, const std::string& name,
                                             DayEdge edge) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::optional<Instant>();
  const std::string& text = it->second;
  if (text.size() == 10) {
    auto d = parse_date(text);
    if (!d.ok()) return Error::invalid_field(name, d.error().what);
    Instant start{date::sys_days(*d)};
    return std::optional<Instant>(edge == DayEdge::start ? start : end_of_day_utc(*d));
  }
  auto t = parse_instant(text);
  if (!t.ok()) {
    return Error::invalid_field(name, MessageCode::not_a_date_or_instant);
  }
  return std::optional<Instant>(*t);
}

Result<std::optional<std::int64_t>> id_param(const HttpRequest& request, const std::string& name) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::optional<std::int64_t>();
  auto n = positive_integer(it->second);
  if (!n) return Error::invalid_field(name, MessageCode::not_positive_integer_id);
  return std::optional<std::int64_t>(*n);
}

Result<std::int64_t> path_id(const HttpRequest& request, const std::string& name) {
  auto it = request.params.find(name);
  auto n = it == request.params.end() ? std::nullopt : positive_integer(it->second);
  if (!n) return Error::not_found({MessageCode::no_record_at, {request.path}});
  return *n;
}

std::optional<FiscalYear> fiscal_year_param(const HttpRequest& request, const std::string& name,
                                            Validator& v) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  const std::string& text = it->second;
  bool digits = !text.empty() && text.size() <= 4;
  for (char c : text) digits = digits && c >= '0' && c <= '9';
  auto fy =
      digits ? FiscalYear::from_either(std::stoi(text)) : Result<FiscalYear>(Error::invalid(""));
  if (!fy.ok()) {
    v.add(name, MessageCode::not_fiscal_year_either);
    return std::nullopt;
  }
  return *fy;
}

}  // namespace estate::api
