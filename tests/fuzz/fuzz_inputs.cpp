// A libFuzzer target for what estate-server reads from outside before any rule or database
// sees it: JSON bodies through every decoder, query strings through the parameter readers,
// request lines and header blocks through the framing guard, multipart/form-data bodies, and
// the text forms of money, decimals and dates. A crash, a sanitizer report or a broken round trip is a finding.
// Build and run: infra/fuzz.sh (make fuzz); make test runs it for a bounded time.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/http/http_guard.h"
#include "api/http/json_reader.h"
#include "api/exchange/cell_text.h"
#include "api/exchange/workbook_reader.h"
#include "api/http/multipart.h"
#include "api/routes/register_codec.h"
#include "api/http/routing.h"
#include "domain/calendar.h"
#include "domain/decimal.h"
#include "domain/money.h"

namespace estate::api {
namespace {

// A broken invariant: abort, so libFuzzer keeps the input.
void require(bool holds) {
  if (!holds) __builtin_trap();
}

void decode_everything(const nlohmann::json& body) {
  for (DecodeMode mode : {DecodeMode::create, DecodeMode::replace}) {
    (void)decode_mission(body, mode);
    (void)decode_property(body, mode);
    (void)decode_lease(body, mode);
    (void)decode_acquisition(body, mode);
    (void)decode_fx_rate(body, mode);
    (void)decode_budget_line(body, mode);
    (void)decode_appropriation(body, mode);
    (void)decode_expenditure(body, mode);
    (void)decode_commitment(body, mode);
    (void)decode_project(body, mode);
    (void)decode_progress(body, mode, ProjectId(1));
  }
  (void)decode_stage_move(body);
  (void)read_only_fields(body, {"stages"});
}

// "a=1&b=2" into a request's query, decoded as the server decodes it.
HttpRequest with_query(std::string_view text) {
  HttpRequest r;
  while (!text.empty()) {
    auto amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    auto eq = pair.find('=');
    r.query[percent_decode(std::string(pair.substr(0, eq)))] =
        eq == std::string_view::npos ? "" : percent_decode(std::string(pair.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    text.remove_prefix(amp + 1);
  }
  return r;
}

void read_query(std::string_view text) {
  HttpRequest r = with_query(text);
  (void)page_params(r);
  (void)instant_param(r, "as_of");
  (void)instant_param(r, "from", DayEdge::start);
  (void)id_param(r, "acquisition_id");
  Validator v;
  (void)fiscal_year_param(r, "fiscal_year", v);
  (void)allow_only(r, {"as_of", "limit", "cursor"});
}

void read_values(const std::string& text) {
  for (const char* code : {"TWD", "JPY", "AUD"}) {
    auto m = Money::parse(text, *Currency::of(code));
    if (m.ok()) {
      auto again = Money::parse(m->amount_string(), m->currency());
      require(again.ok() && *again == *m);
    }
  }
  for (int scale : {0, 2, 6, 9}) {
    auto d = Decimal::parse(text, scale);
    if (d.ok()) require(Decimal::parse(d->to_string(), scale).ok());
  }
  if (auto day = parse_date(text); day.ok()) require(format_date(*day) == text);
}

}  // namespace
}  // namespace estate::api

// An import's readers: the text as a CSV sheet and as an XLSX workbook (bounded as the server
// bounds them), and every cell read as every column kind; a date read back must format as a
// real date, and an amount must be plain decimal text.
void read_spreadsheet(const std::string& text) {
  using namespace estate::exchange;
  const ReadLimits limits{1 << 20, 1000};
  std::vector<Sheet> sheets;
  if (auto csv = read_csv(text, "missions", limits); csv.ok()) sheets.push_back(*csv);
  if (auto book = read_xlsx(text, limits); book.ok()) {
    for (Sheet& s : book->sheets) sheets.push_back(std::move(s));
  }
  for (const Sheet& s : sheets) {
    for (const SheetRow& r : s.rows) {
      for (const SheetCell& c : r.cells) {
        (void)cell_text(c);
        (void)cell_integer(c);
        if (auto d = cell_date(c, false); d.ok() && !estate::parse_date(estate::format_date(*d)).ok()) {
          __builtin_trap();
        }
        if (auto n = cell_decimal(c); n.ok() && n->find_first_not_of("-0123456789.") != std::string::npos) {
          __builtin_trap();
        }
      }
    }
  }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace estate::api;
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto body = parse_json_body(text);
  if (body.ok()) decode_everything(*body);
  read_query(text);
  read_values(text);
  const auto crlf = text.find("\r\n");
  (void)check_request_line(std::string_view(text).substr(0, crlf));
  if (crlf != std::string::npos) (void)check_headers(std::string_view(text).substr(crlf + 2), 1 << 20);
  // A document upload's framing: the boundary from a Content-Type, then the parts.
  (void)multipart_boundary(text.substr(0, crlf));
  if (auto parts = parse_multipart(text, "b"); parts.ok() && parts->size() > kMaxParts) __builtin_trap();
  read_spreadsheet(text);
  return 0;
}
