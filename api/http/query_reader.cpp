#include "api/http/query_reader.h"

namespace estate::api {

QueryReader::QueryReader(const HttpRequest& request) : request_(request) {
  if (request.known_query) {
    if (Status s = allow_only(request, *request.known_query); !s.ok()) errors_.merge(s.error().fields);
  }
}

bool QueryReader::has(const std::string& name) const {
  return request_.query.count(name) > 0;
}

std::optional<std::string> QueryReader::text(const std::string& name, std::size_t max_chars) {
  auto it = request_.query.find(name);
  if (it == request_.query.end()) return std::nullopt;
  errors_.text(name, it->second, max_chars);
  return it->second;
}

std::optional<std::string> QueryReader::code(const std::string& name) {
  auto it = request_.query.find(name);
  if (it == request_.query.end()) return std::nullopt;
  errors_.code(name, it->second);
  return it->second;
}

std::optional<std::int64_t> QueryReader::integer(const std::string& name, std::int64_t min,
                                                 std::int64_t max) {
  auto it = request_.query.find(name);
  if (it == request_.query.end()) return std::nullopt;
  const std::string& text = it->second;
  bool ok = !text.empty() && text.size() <= 18;
  for (std::size_t i = 0; i < text.size(); ++i)
    ok = ok && ((text[i] >= '0' && text[i] <= '9') || (i == 0 && text[i] == '-' && text.size() > 1));
  const std::int64_t n = ok ? std::stoll(text) : 0;
  if (!ok || n < min || n > max) {
    errors_.add(name, {MessageCode::integer_out_of_range, {std::to_string(min), std::to_string(max)}});
    return std::nullopt;
  }
  return n;
}

std::optional<std::int64_t> QueryReader::raw_id(const std::string& name) {
  auto id = id_param(request_, name);
  if (!id.ok()) {
    errors_.merge(id.error().fields);
    return std::nullopt;
  }
  return *id;
}

std::optional<Decimal> QueryReader::decimal(const std::string& name, int scale,
                                            std::int64_t min_units, std::int64_t max_units,
                                            const Message& range) {
  auto it = request_.query.find(name);
  if (it == request_.query.end()) return std::nullopt;
  auto d = Decimal::parse(it->second, scale);
  if (!d.ok()) {
    errors_.add(name, d.error().what);
    return std::nullopt;
  }
  const std::int64_t units = d->rescale(scale)->units();
  if (units < min_units || units > max_units) {
    errors_.add(name, range);
    return std::nullopt;
  }
  return Decimal::from_units(units, scale);
}

std::optional<Currency> QueryReader::currency(const std::string& name) {
  auto it = request_.query.find(name);
  if (it == request_.query.end()) return std::nullopt;
  auto c = Currency::of(it->second);
  if (!c.ok()) {
    errors_.add(name, c.error().what);
    return std::nullopt;
  }
  return *c;
}

std::optional<Date> QueryReader::date(const std::string& name) {
  auto it = request_.query.find(name);
  if (it == request_.query.end()) return std::nullopt;
  auto d = parse_date(it->second);
  if (!d.ok()) {
    errors_.add(name, d.error().what);
    return std::nullopt;
  }
  return *d;
}

std::optional<Instant> QueryReader::instant(const std::string& name, DayEdge edge) {
  auto t = instant_param(request_, name, edge);
  if (!t.ok()) {
    errors_.merge(t.error().fields);
    return std::nullopt;
  }
  return *t;
}

std::optional<Date> QueryReader::day_within(const std::string& name, Date earliest, Date latest,
                                            const std::string& years_ahead) {
  auto t = instant(name);
  if (!t) return std::nullopt;
  const Date day{date::floor<date::days>(*t)};
  if (day < earliest || latest < day) {
    errors_.add(name, {MessageCode::as_of_range,
                       {format_date(earliest), format_date(latest), years_ahead}});
    return std::nullopt;
  }
  return day;
}

std::optional<FiscalYear> QueryReader::fiscal_year(const std::string& name) {
  return fiscal_year_param(request_, name, errors_);
}

PageParams QueryReader::page() {
  auto p = page_params(request_);
  if (!p.ok()) {
    errors_.merge(p.error().fields);
    return PageParams{};
  }
  return *p;
}

void QueryReader::require(const std::string& name) {
  if (!has(name)) errors_.add(name, MessageCode::required);
}

Status QueryReader::finish(Message what) const {
  return errors_.finish(std::move(what));
}

}  // namespace estate::api
