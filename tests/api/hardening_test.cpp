// The second probe's findings that pure functions close (issue "Hardening, second probe"):
// who may scrape /metrics without a token, and the rules names, passwords and file names are
// held to before anything is stored.
#include <gtest/gtest.h>

#include "api/http/metrics.h"
#include "domain/document.h"
#include "domain/passwords.h"
#include "domain/repository.h"
#include "domain/unicode_text.h"

namespace estate::api {
namespace {

TEST(MetricsAccess, OnlyLoopbackPeersWithoutAToken) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "::ffff:127.0.0.1"})
    EXPECT_TRUE(is_loopback(host)) << host;
  for (const char* host : {"10.0.0.1", "192.168.1.127", "128.0.0.1", "::2", "::ffff:10.0.0.1",
                           "127.0.0.1.evil", "127.a.0.1", "", "localhost"})
    EXPECT_FALSE(is_loopback(host)) << host;
}

std::string normalised(const std::string& name) {
  auto n = normalise_user_name(name);
  return n.ok() ? *n : "refused: " + n.error().fields.at(0).message;
}

TEST(UserNames, SpellingsThatReadAlikeNormaliseToOneName) {
  for (const char* spelling :
       {"alice", "Alice", "ALICE", "alice ", " alice", "\u3000alice", "ali\u200Bce", "alice\u2060",
        "\uFEFFalice", "\uFF41\uFF4C\uFF49\uFF43\uFF45", "\uFF21lice", "ali\u00ADce"})
    EXPECT_EQ(normalised(spelling), "alice") << spelling;
  // Case folding is Unicode's, not ASCII's: ß folds to ss, Greek final sigma to sigma.
  EXPECT_EQ(normalised("Straße"), "strasse");
  EXPECT_EQ(normalised("ΟΔΥΣΣΕΥΣ"), normalised("οδυσσευς"));
  EXPECT_EQ(normalised("林 小明"), "林 小明");
}

TEST(UserNames, ControlCharactersEmptyAndOverlongNamesAreRefused) {
  for (const char* name : {"bob\tby", "bob\nby", "bob\x7F", "", "   ", "\u200B"})
    EXPECT_EQ(normalised(name).rfind("refused: ", 0), 0u) << name;
  EXPECT_EQ(normalised(std::string(101, 'a')).rfind("refused: ", 0), 0u);
  EXPECT_EQ(normalised(std::string(300'000, 'a')).rfind("refused: ", 0), 0u);
  EXPECT_EQ(normalised("\xFF\xFE").rfind("refused: ", 0), 0u);
  EXPECT_EQ(normalised(std::string(100, 'a')), std::string(100, 'a'));
}

TEST(Passwords, TheProbesTrivialPasswordsAndTheirVariantsAreRefused) {
  for (const char* p :
       {"aaaaaaaaaaaa", "password1234", "123456789012", "Password1234", "abcabcabcabc",
        "121212121212", "qwertyuiopas", "210987654321", "zyxwvutsrqpo", "!!dragon2026",
        "iloveyou2026", "ZZZZZZZZZZZZZ", "1qaz2wsx3edc"})
    EXPECT_FALSE(validate_password(p).empty()) << p << " was accepted";
  for (const char* p : {"correct horse battery staple", "Mission-Estate-Sydney-2026",
                        "雪梨館舍購置案第三期預算書", "k7#Vq9!mZp2w"})
    EXPECT_TRUE(validate_password(p).empty()) << p << " was refused";
}

TEST(Passwords, TheListIsZxcvbnsMostCommonFirst) {
  // zxcvbn's list is lower case and most common first: its first and its ten-thousandth.
  EXPECT_TRUE(is_common_password("123456"));
  EXPECT_TRUE(is_common_password("PASSWORD"));
  EXPECT_TRUE(is_common_password("trustno1"));
  EXPECT_FALSE(is_common_password("mission-estate"));
  EXPECT_TRUE(is_trivial_password("1234567890"));
  EXPECT_FALSE(is_trivial_password("1357924680"));
}

TEST(DocumentNames, BidiAndInvisibleCharactersGoAndTheExtensionIsTheBytes) {
  EXPECT_EQ(document_file_name("契約\u202Elmth.pdf", kPdf), "契約lmth.pdf");
  EXPECT_EQ(document_file_name("a\u2066b\u2069\u200B\u200E.pdf", kPdf), "ab.pdf");
  EXPECT_EQ(document_file_name("minutes.html", kPdf), "minutes.html.pdf");
  EXPECT_EQ(document_file_name("SCAN.JPEG", kJpeg), "SCAN.JPEG");
  EXPECT_EQ(document_file_name("scan.jpg", kJpeg), "scan.jpg");
  EXPECT_EQ(document_file_name("scan.png", kJpeg), "scan.png.jpg");
  EXPECT_EQ(document_file_name("book", kXlsx), "book.xlsx");
  EXPECT_EQ(document_file_name("letter.xlsx", kDocx), "letter.xlsx.docx");
  // Idempotent: a name made by it stays as it is.
  EXPECT_EQ(document_file_name(document_file_name("minutes.html", kPdf), kPdf), "minutes.html.pdf");
  EXPECT_EQ(strip_invisible("a\x01"
                            "b\u2028c\xFF"
                            "d"),
            "abcd");
}

}  // namespace
}  // namespace estate::api
