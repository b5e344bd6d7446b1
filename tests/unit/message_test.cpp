// The server's message table (domain/message.h): every code has words in both languages,
// no code is listed twice, and the words put the arguments where the English did.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "domain/message.h"
#include "domain/result.h"

namespace estate {
namespace {

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> out;
  static const std::regex kPlaceholder(R"(\{[0-9]\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kPlaceholder);
       it != std::sregex_iterator(); ++it)
    out.insert(it->str());
  return out;
}

// The first English word of `text`, or "": a run of three or more ASCII letters (and '_') that
// is not one of the names, codes, media types, headers and values the message quotes as they
// are sent.
std::string latin_word(const std::string& text) {
  static const std::regex kWord("[A-Za-z][A-Za-z_]{2,}");
  static const std::set<std::string> kQuoted = {
      "ASCII", "Australia", "Authorization", "Bearer", "CSRF", "CSV", "ETag", "FALSE",
      "IANA", "ISO", "Idempotency", "JSON", "Key", "Match", "NFC", "POST", "RFC", "Sydney",
      "TRUE", "TWD", "Token", "UTF", "Unicode", "XLSX", "YYYY", "application", "as_of",
      "csrf_token", "csv", "false", "fiscal_year", "json", "merge", "newest", "oldest",
      "patch", "properties", "sheet", "stage", "stages", "svg", "text", "token", "trend_from",
      "true", "xlsx"};
  const std::string t = text;
  for (auto it = std::sregex_iterator(t.begin(), t.end(), kWord); it != std::sregex_iterator();
       ++it)
    if (!kQuoted.count(it->str())) return it->str();
  return "";
}

TEST(MessageTable, EveryCodeHasBothLanguagesAndIsListedOnce) {
  std::set<std::string> names;
  std::set<int> ids;
  for (const MessageTableEntry& e : message_table()) {
    EXPECT_TRUE(names.insert(e.code).second) << e.code << " is listed twice";
    EXPECT_TRUE(ids.insert(static_cast<int>(e.id)).second) << e.code << "'s id is listed twice";
    EXPECT_STRNE(e.en, "") << e.code;
    EXPECT_STRNE(e.zh, "") << e.code;
    EXPECT_STREQ(code_name(e.id), e.code);
    // snake_case: what a client switches on.
    EXPECT_TRUE(std::regex_match(std::string(e.code), std::regex("[a-z][a-z0-9_]*"))) << e.code;
  }
  // Every enumerator has its entry: the enum's codes are numbered from 0 without gaps, so the
  // table holds each one when it holds as many distinct ids as the last one plus one.
  ASSERT_FALSE(message_table().empty());
  int last = -1;
  for (const MessageTableEntry& e : message_table()) last = std::max(last, static_cast<int>(e.id));
  EXPECT_EQ(static_cast<int>(ids.size()), last + 1);
  EXPECT_EQ(ids.count(static_cast<int>(MessageCode::in_the_future)), 1u);
}

TEST(MessageTable, ChineseKeepsTheArgumentsAndIsChinese) {
  for (const MessageTableEntry& e : message_table()) {
    if (e.id == MessageCode::untranslated) continue;
    const auto en = placeholders(e.en), zh = placeholders(e.zh);
    // The Chinese may leave out an argument that is an English word (a record kind), never
    // name one the English lacks.
    for (const std::string& p : zh) EXPECT_TRUE(en.count(p)) << e.code << " " << p;
    EXPECT_NE(std::string(e.zh), std::string(e.en)) << e.code << " is not translated";
    EXPECT_EQ(latin_word(e.zh), "") << e.code << ": " << e.zh;
  }
}

TEST(MessageTable, RendersArgumentsAsGivenInEitherLanguage) {
  const Message m{MessageCode::integer_out_of_range, {"1", "500"}};
  EXPECT_EQ(render(m, Language::en), "must be an integer from 1 to 500");
  EXPECT_EQ(render(m, Language::zh), "必須是 1 至 500 的整數");
  const Message end = MessageCode::end_before_start;
  EXPECT_EQ(render(end, Language::en), "must not be before start");
  EXPECT_EQ(render(end, Language::zh), "不可早於起租日");
  // Text outside the table is shown as it is, under the code "untranslated".
  const Message free_text = std::string("cannot listen on 1.2.3.4:80");
  EXPECT_STREQ(code_name(free_text.code), "untranslated");
  EXPECT_EQ(render(free_text, Language::zh), "cannot listen on 1.2.3.4:80");
}

TEST(MessageTable, AnErrorKeepsItsEnglishWordsAndItsCode) {
  const Error e = Error::invalid({MessageCode::record_invalid, {"lease"}},
                                 {{"end", MessageCode::end_before_start}});
  EXPECT_EQ(e.message, "the lease is not valid");
  EXPECT_EQ(e.what.code, MessageCode::record_invalid);
  ASSERT_EQ(e.fields.size(), 1u);
  EXPECT_EQ(e.fields[0].message, "must not be before start");
  EXPECT_STREQ(code_name(e.fields[0].what.code), "end_before_start");
}

}  // namespace
}  // namespace estate
