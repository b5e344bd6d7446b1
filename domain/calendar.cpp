#include "domain/calendar.h"

#include <cstdio>

namespace estate {

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

Result<Date> parse_date_at(std::string_view s, std::size_t pos) {
  int y = 0, m = 0, d = 0;
  if (!digits(s, pos, 4, y) || s.size() < pos + 10 || s[pos + 4] != '-' ||
      !digits(s, pos + 5, 2, m) || s[pos + 7] != '-' || !digits(s, pos + 8, 2, d)) {
    return Error::invalid(MessageCode::not_a_date);
  }
  Date date{date::year{y}, date::month{static_cast<unsigned>(m)},
            date::day{static_cast<unsigned>(d)}};
  if (y < 1 || !date.ok()) return Error::invalid(MessageCode::not_a_calendar_day);
  return date;
}

}  // namespace

Result<Date> parse_date(std::string_view text) {
  if (text.size() != 10) return Error::invalid(MessageCode::not_a_date);
  return parse_date_at(text, 0);
}

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buf;
}

Result<Instant> parse_instant(std::string_view s) {
  auto bad = [] { return Error::invalid(MessageCode::not_an_instant); };
  if (s.size() < 20) return bad();
  auto day = parse_date_at(s, 0);
  if (!day.ok()) return day.error();
  int hh = 0, mm = 0, ss = 0;
  if ((s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, hh) || s[13] != ':' ||
      !digits(s, 14, 2, mm) || s[16] != ':' || !digits(s, 17, 2, ss)) {
    return bad();
  }
  if (hh > 23 || mm > 59 || ss > 59) return Error::invalid(MessageCode::not_a_time_of_day);
  std::size_t i = 19;
  std::int64_t micros = 0;
  if (i < s.size() && s[i] == '.') {
    std::size_t start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    std::size_t n = i - start;
    if (n == 0) return bad();
    if (n > 6) return Error::invalid(MessageCode::too_many_second_digits);
    int frac = 0;
    digits(s, start, n, frac);
    micros = frac;
    for (std::size_t k = n; k < 6; ++k) micros *= 10;
  }
  int offset_minutes = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int oh = 0, om = 0;
    if (!digits(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' ||
        !digits(s, i + 4, 2, om) || oh > 23 || om > 59) {
      return bad();
    }
    offset_minutes = (s[i] == '-' ? -1 : 1) * (oh * 60 + om);
    i += 6;
  } else {
    return bad();
  }
  if (i != s.size()) return bad();
  Instant t = date::sys_days(*day) + std::chrono::hours(hh) + std::chrono::minutes(mm) +
              std::chrono::seconds(ss) + std::chrono::microseconds(micros) -
              std::chrono::minutes(offset_minutes);
  return t;
}

namespace {

// "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" written digit by digit: this runs for every timestamp of
// every record sent, where date::format's stream machinery cost a tenth of a list request.
std::string format_instant_digits(Instant t, bool fraction) {
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd(day);
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return date::format("%FT%TZ", t);  // outside RFC 3339's range
  const auto in_day = t - day;
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(in_day).count();
  const auto secs = micros / 1000000;
  char buf[32];
  auto put = [&buf](std::size_t at, long value, std::size_t width) {
    for (std::size_t k = width; k-- > 0; value /= 10)
      buf[at + k] = static_cast<char>('0' + value % 10);
  };
  put(0, year, 4);
  buf[4] = '-';
  put(5, static_cast<unsigned>(ymd.month()), 2);
  buf[7] = '-';
  put(8, static_cast<unsigned>(ymd.day()), 2);
  buf[10] = 'T';
  put(11, secs / 3600, 2);
  buf[13] = ':';
  put(14, secs / 60 % 60, 2);
  buf[16] = ':';
  put(17, secs % 60, 2);
  std::size_t n = 19;
  if (fraction) {
    buf[n++] = '.';
    put(n, micros % 1000000, 6);
    n += 6;
  }
  buf[n++] = 'Z';
  return std::string(buf, n);
}

}  // namespace

std::string format_instant(Instant t) {
  return format_instant_digits(t, date::floor<std::chrono::seconds>(t) != t);
}

std::string format_instant_fixed(Instant t) {
  return format_instant_digits(t, true);
}

Instant now() {
  return date::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
}

Instant end_of_day_utc(Date d) {
  return date::sys_days(d) + date::days(1) - std::chrono::microseconds(1);
}

int days_in_year(date::year y) {
  return y.is_leap() ? 366 : 365;
}

Result<FiscalYear> FiscalYear::from_roc(int roc_year) {
  if (roc_year < 1 || roc_year > 9999 - kRocOffset) {
    return Error::invalid(MessageCode::not_roc_fiscal_year);
  }
  return FiscalYear(roc_year + kRocOffset);
}

Result<FiscalYear> FiscalYear::from_ad(int gregorian_year) {
  if (gregorian_year <= kRocOffset || gregorian_year > 9999) {
    return Error::invalid(MessageCode::not_gregorian_fiscal_year);
  }
  return FiscalYear(gregorian_year);
}

Result<FiscalYear> FiscalYear::from_either(int year) {
  if (year >= 1 && year <= 999) return from_roc(year);
  if (year > kRocOffset && year <= 9999) return from_ad(year);
  return Error::invalid(MessageCode::not_a_fiscal_year);
}

FiscalYear FiscalYear::containing(Date d) {
  return FiscalYear(int(d.year()));
}

Date FiscalYear::first_day() const {
  return date::year{ad_} / date::January / 1;
}
Date FiscalYear::last_day() const {
  return date::year{ad_} / date::December / 31;
}

std::string FiscalYear::label() const {
  return std::to_string(roc()) + " (" + std::to_string(ad_) + ")";
}

}  // namespace estate
