// The language an answer is written in (issue 25, "Complete 中文"): English, or Traditional
// Chinese as used in Taiwan. Chosen by a request's Accept-Language (RFC 9110 §12.5.4): the
// preferred range (highest q, then first listed) that names one of them — "zh", "zh-TW",
// "zh-HK", "zh-MO" or "zh-Hant…" for 中文, "en…" or "*" for English; ranges with q=0 and others
// (zh-CN, zh-Hans, fr) are passed over; none → English, as before languages were chosen.
// Thread-safety: pure functions.
#pragma once

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

namespace estate {

enum class Language { en, zh };

inline Language language_of(const std::optional<std::string>& accept_language) {
  if (!accept_language) return Language::en;
  struct Range {
    std::string tag;
    double q;
  };
  std::vector<Range> ranges;
  std::string all = *accept_language;
  std::transform(all.begin(), all.end(), all.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::size_t start = 0;
  while (start <= all.size()) {
    const std::size_t end = std::min(all.find(',', start), all.size());
    std::string element = all.substr(start, end - start);
    start = end + 1;
    double q = 1;
    if (auto semi = element.find(';'); semi != std::string::npos) {
      const auto at = element.find("q=", semi);
      if (at != std::string::npos) {
        try {
          q = std::stod(element.substr(at + 2));
        } catch (...) {
          q = 0;
        }
      }
      element = element.substr(0, semi);
    }
    element.erase(std::remove_if(element.begin(), element.end(),
                                 [](unsigned char c) { return std::isspace(c) != 0; }),
                  element.end());
    if (!element.empty() && q > 0) ranges.push_back({element, q});
  }
  std::stable_sort(ranges.begin(), ranges.end(),
                   [](const Range& a, const Range& b) { return a.q > b.q; });
  for (const Range& r : ranges) {
    const std::string& t = r.tag;
    if (t == "zh" || t == "zh-tw" || t == "zh-hk" || t == "zh-mo" || t.rfind("zh-hant", 0) == 0)
      return Language::zh;
    if (t == "en" || t.rfind("en-", 0) == 0 || t == "*") return Language::en;
  }
  return Language::en;
}

}  // namespace estate
