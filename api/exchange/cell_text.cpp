#include "api/exchange/cell_text.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "reports/table.h"

namespace estate::exchange {

namespace {

Error cell_error(Message what) { return Error::invalid(std::move(what)); }

bool is_digits(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Spaces, tabs, no-break spaces (U+00A0) and ideographic spaces (U+3000) at either end.
std::string trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  auto space_at = [&](std::size_t i, bool from_end) -> std::size_t {
    const std::string_view v(s);
    auto ends = [&](std::string_view p) {
      return from_end ? (i >= p.size() && v.substr(i - p.size(), p.size()) == p)
                      : v.substr(i, p.size()) == p;
    };
    for (std::string_view p : {std::string_view(" "), std::string_view("\t"),
                               std::string_view("\r"), std::string_view("\n"),
                               std::string_view("\xC2\xA0"), std::string_view("\xE3\x80\x80")}) {
      if (ends(p)) return p.size();
    }
    return 0;
  };
  while (b < e) {
    std::size_t n = space_at(b, false);
    if (!n) break;
    b += n;
  }
  while (e > b) {
    std::size_t n = space_at(e, true);
    if (!n) break;
    e -= n;
  }
  return s.substr(b, e - b);
}

Result<std::string> value_text(const SheetCell& cell) {
  switch (cell.kind) {
    case SheetCell::Kind::formula:
      return cell_error(MessageCode::cell_formula);
    case SheetCell::Kind::error:
      return cell_error({MessageCode::cell_spreadsheet_error, {cell.value()}});
    case SheetCell::Kind::boolean:
      return cell_error(MessageCode::cell_boolean);
    default:
      // A ' in front of =, +, -, @, TAB or CR is how exports keep text from running as a
      // formula (reports/table.h); the register's text is what follows it.
      return reports::strip_formula_guard(trim(cell.value()));
  }
}

// A number cell holds a binary double, written as decimal text by whatever saved the file:
// Excel writes the shortest text that reads back as the same double ("0.566"), other
// writers up to 17 digits ("0.5659999999999999"). Both mean the number with the fewest
// significant digits that is that double — what the person typed and Excel shows — so the
// text is first brought to that shortest form. The double is only compared, never computed
// with.
std::string shortest_form(const std::string& stored) {
  char* end = nullptr;
  const double value = std::strtod(stored.c_str(), &end);
  if (end == stored.c_str() || *end != '\0' || !std::isfinite(value)) return stored;
  char buffer[40];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    if (std::strtod(buffer, nullptr) == value) return buffer;
  }
  return stored;
}

// A number cell's stored text ("1234.5", "-1.5E+3", "4E-05") as plain decimal text.
Result<std::string> expand_number(const std::string& stored_text) {
  const std::string stored = shortest_form(stored_text);
  std::string s = stored, sign;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    if (s[0] == '-') sign = "-";
    s = s.substr(1);
  }
  long exponent = 0;
  if (auto e = s.find_first_of("eE"); e != std::string::npos) {
    const std::string exp_text = s.substr(e + 1);
    s = s.substr(0, e);
    std::string digits = exp_text;
    bool negative = false;
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
      negative = digits[0] == '-';
      digits = digits.substr(1);
    }
    if (!is_digits(digits) || digits.size() > 3) return cell_error(MessageCode::cell_not_a_number);
    exponent = std::stol(digits) * (negative ? -1 : 1);
  }
  std::string int_part = s, frac_part;
  if (auto dot = s.find('.'); dot != std::string::npos) {
    int_part = s.substr(0, dot);
    frac_part = s.substr(dot + 1);
  }
  if (int_part.empty()) int_part = "0";
  if (!is_digits(int_part) || (!frac_part.empty() && !is_digits(frac_part))) {
    return cell_error(MessageCode::cell_not_a_number);
  }
  std::string digits = int_part + frac_part;
  long point = static_cast<long>(int_part.size()) + exponent;  // digits before the point
  if (point > 40 || point < -40) return cell_error(MessageCode::cell_number_out_of_range);
  if (point <= 0) {
    digits.insert(0, static_cast<std::size_t>(-point), '0');
    point = 0;
  }
  if (static_cast<std::size_t>(point) > digits.size()) {
    digits.append(static_cast<std::size_t>(point) - digits.size(), '0');
  }
  std::string whole = digits.substr(0, static_cast<std::size_t>(point));
  std::string fraction = digits.substr(static_cast<std::size_t>(point));
  while (whole.size() > 1 && whole[0] == '0') whole.erase(0, 1);
  if (whole.empty()) whole = "0";
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = whole + (fraction.empty() ? "" : "." + fraction);
  return (out == "0" ? "" : sign) + out;
}

Result<Date> ymd(long y, long m, long d) {
  date::year_month_day value{date::year{static_cast<int>(y)}, date::month{static_cast<unsigned>(m)},
                             date::day{static_cast<unsigned>(d)}};
  if (m < 1 || m > 12 || d < 1 || d > 31 || !value.ok()) return cell_error(MessageCode::cell_not_a_real_date);
  return Date{value};
}

}  // namespace

Result<std::string> cell_text(const SheetCell& cell) {
  auto text = value_text(cell);
  if (!text.ok()) return text.error();
  if (cell.kind == SheetCell::Kind::number) return expand_number(*text);
  return *text;
}

Result<Date> parse_date_text(const std::string& raw) {
  const std::string text = trim(raw);
  std::size_t first = text.find_first_of("-/.");
  if (first == std::string::npos) return cell_error(MessageCode::cell_not_a_date);
  const char sep = text[first];
  std::size_t second = text.find(sep, first + 1);
  if (second == std::string::npos || text.find_first_of("-/.", second + 1) != std::string::npos ||
      text.find_first_of("-/.", first + 1) != second) {
    return cell_error(MessageCode::cell_not_a_date);
  }
  const std::string y = text.substr(0, first), m = text.substr(first + 1, second - first - 1),
                    d = text.substr(second + 1);
  if (!is_digits(y) || !is_digits(m) || !is_digits(d) || y.size() > 4 || m.size() > 2 ||
      d.size() > 2) {
    return cell_error(MessageCode::cell_date_order);
  }
  long year = std::stol(y);
  if (y.size() == 4) {
    // AD
  } else if (y.size() <= 3 && year >= 1) {
    year += FiscalYear::kRocOffset;  // 民國 year
  } else {
    return cell_error({MessageCode::cell_date_year_digits, {std::to_string(y.size())}});
  }
  auto date = ymd(year, std::stol(m), std::stol(d));
  if (!date.ok()) return cell_error({MessageCode::cell_not_a_real_date_text, {text}});
  return date;
}

Result<Date> cell_date(const SheetCell& cell, bool date1904) {
  auto text = value_text(cell);
  if (!text.ok()) return text.error();
  if (cell.kind != SheetCell::Kind::number) return parse_date_text(*text);
  auto plain = expand_number(*text);
  if (!plain.ok()) return plain.error();
  if (plain->find('.') != std::string::npos) {
    return cell_error(MessageCode::cell_date_with_time);
  }
  if (!is_digits(*plain) || plain->size() > 6) return cell_error(MessageCode::cell_not_a_serial);
  const long serial = std::stol(*plain);
  // The 1900 system counts 1900-02-29, which never was: serials from 61 (1900-03-01) on
  // are days after 1899-12-30. The 1904 system counts from 1904-01-01.
  if (!date1904 && serial < 61) return cell_error(MessageCode::cell_serial_before_1900);
  const date::sys_days base = date1904 ? date::sys_days{date::year{1904} / 1 / 1}
                                       : date::sys_days{date::year{1899} / 12 / 30};
  const date::year_month_day out{base + date::days{serial}};
  if (out.year() > date::year{9999}) return cell_error(MessageCode::cell_serial_out_of_range);
  return Date{out};
}

Result<std::string> parse_decimal_text(const std::string& raw) {
  std::string text = trim(raw);
  std::string sign;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    if (text[0] == '-') sign = "-";
    text = trim(text.substr(1));
  }
  std::string whole = text, fraction;
  bool has_point = false;
  if (auto dot = text.find('.'); dot != std::string::npos) {
    has_point = true;
    whole = text.substr(0, dot);
    fraction = text.substr(dot + 1);
  }
  if (whole.find(',') != std::string::npos) {
    // Thousands separators: groups of exactly three after the first.
    std::string digits;
    std::size_t start = 0;
    bool first = true;
    for (;;) {
      const std::size_t comma = whole.find(',', start);
      const std::string group = whole.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!is_digits(group) || group.size() > 3 || (!first && group.size() != 3) ||
          (first && group.empty())) {
        return cell_error(MessageCode::cell_bad_thousands);
      }
      digits += group;
      first = false;
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    whole = digits;
  }
  if (!is_digits(whole) || (has_point && !is_digits(fraction))) {
    return cell_error(MessageCode::cell_not_a_number_hint);
  }
  return sign + whole + (has_point ? "." + fraction : "");
}

Result<std::string> cell_decimal(const SheetCell& cell) {
  auto text = value_text(cell);
  if (!text.ok()) return text.error();
  if (cell.kind == SheetCell::Kind::number) return expand_number(*text);
  return parse_decimal_text(*text);
}

Result<std::int64_t> cell_integer(const SheetCell& cell) {
  auto text = cell_decimal(cell);
  if (!text.ok()) return text.error();
  std::string t = *text;
  if (t.find('.') != std::string::npos) {
    // "12.0" from a number cell is twelve; "12.5" is not a whole number.
    std::string fraction = t.substr(t.find('.') + 1);
    if (fraction.find_first_not_of('0') != std::string::npos) return cell_error(MessageCode::cell_not_whole);
    t = t.substr(0, t.find('.'));
  }
  const bool negative = !t.empty() && t[0] == '-';
  std::string digits = negative ? t.substr(1) : t;
  if (!is_digits(digits) || digits.size() > 15) return cell_error(MessageCode::cell_not_whole);
  const std::int64_t n = std::stoll(digits);
  return negative ? -n : n;
}

}  // namespace estate::exchange
