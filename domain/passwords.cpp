#include "domain/passwords.h"

#include <string>
#include <unordered_set>

#include "domain/common_passwords.h"

namespace estate {

namespace {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

const std::unordered_set<std::string_view>& common_passwords() {
  static const std::unordered_set<std::string_view> set = [] {
    std::unordered_set<std::string_view> s;
    for (std::size_t i = 0; i < kCommonPasswordCount; ++i)
      if (*kCommonPasswords[i] != '\0') s.insert(kCommonPasswords[i]);
    return s;
  }();
  return set;
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z');
}

// Each character follows the one before it in `order` (cyclically), or each precedes it.
bool runs_along(const std::string& p, std::string_view order) {
  for (int step : {1, -1}) {
    bool run = true;
    for (std::size_t i = 1; run && i < p.size(); ++i) {
      const auto at = order.find(p[i - 1]);
      if (at == std::string_view::npos) {
        run = false;
        break;
      }
      const std::size_t n = order.size();
      const std::size_t next = step > 0 ? (at + 1) % n : (at + n - 1) % n;
      run = p[i] == order[next];
    }
    if (run) return true;
  }
  return false;
}

}  // namespace

bool is_common_password(std::string_view password) {
  const std::string p = ascii_lower(password);
  const auto& set = common_passwords();
  if (set.count(p)) return true;
  // A common word with digits or symbols around it: "password1234", "!!dragon2026".
  std::size_t b = 0, e = p.size();
  while (b < e && !is_letter(p[b])) ++b;
  while (e > b && !is_letter(p[e - 1])) --e;
  return e - b >= 4 && (b > 0 || e < p.size()) && set.count(std::string_view(p).substr(b, e - b));
}

bool is_trivial_password(std::string_view password) {
  const std::string p = ascii_lower(password);
  if (p.size() < 2) return true;
  // One character, or a unit of up to four, repeated.
  for (std::size_t unit = 1; unit <= 4 && unit < p.size(); ++unit) {
    bool repeats = true;
    for (std::size_t i = unit; repeats && i < p.size(); ++i) repeats = p[i] == p[i - unit];
    if (repeats) return true;
  }
  for (std::string_view order :
       {std::string_view("1234567890"), std::string_view("abcdefghijklmnopqrstuvwxyz"),
        std::string_view("qwertyuiopasdfghjklzxcvbnm"),
        std::string_view("qazwsxedcrfvtgbyhnujmikolp")}) {
    if (runs_along(p, order)) return true;
  }
  return false;
}

}  // namespace estate
