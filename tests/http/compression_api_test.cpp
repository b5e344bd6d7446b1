// gzip for text answers end to end (api/http/compression.h), on the demo register: JSON,
// SVG and the web client's files shrink and inflate to the identity bytes; a client without
// Accept-Encoding gets identity; spreadsheets are never compressed; the compressed
// representation has its own strong ETag and If-None-Match / If-Match take either. Prints the
// bytes a first load of sign-in plus dashboard transfers with and without gzip.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <regex>

#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

std::string gunzip(const std::string& bytes) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(8 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

const std::map<std::string, std::string> kGzip = {{"Accept-Encoding", "gzip, deflate, br"}};

class CompressionApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(cli({"seed-demo"}).exit_code, 0);
  }
  // The same GET as identity and as gzip: both 200, the gzip one compressed and smaller, and
  // its body inflating to the identity bytes.
  void same_bytes(const std::string& path, const std::string& who) {
    Answer plain = call("GET", path, who);
    Answer packed = call("GET", path, who, std::nullopt, kGzip);
    ASSERT_EQ(plain.status, 200) << path;
    ASSERT_EQ(packed.status, 200) << path;
    EXPECT_EQ(plain.headers.count("content-encoding"), 0u) << path;
    EXPECT_EQ(plain.headers["vary"], "Accept-Encoding, Accept-Language") << path;
    EXPECT_EQ(packed.headers["content-encoding"], "gzip") << path;
    EXPECT_EQ(packed.headers["vary"], "Accept-Encoding, Accept-Language") << path;
    EXPECT_EQ(packed.headers["content-type"], plain.headers["content-type"]) << path;
    EXPECT_LT(packed.text.size(), plain.text.size() / 2) << path;
    EXPECT_EQ(gunzip(packed.text), plain.text) << path;
  }
};

TEST_P(CompressionApi, TextAnswersShrinkAndInflateToTheIdentityBytes) {
  same_bytes("/api/v1/properties?limit=100", "auditor");
  same_bytes("/api/v1/reports/lease-events?within_days=3650&format=csv", "auditor");
  same_bytes("/api/v1/reports/ownership?trend_from=105&trend_to=115&format=svg", "auditor");
  same_bytes("/web/core.js", "");
  same_bytes("/web/style.css", "");
  same_bytes("/openapi.json", "");
  // Refused gzip, a small answer, a spreadsheet: identity.
  Answer refused = call("GET", "/api/v1/properties?limit=100", "auditor", std::nullopt,
                        {{"Accept-Encoding", "gzip;q=0, identity"}});
  EXPECT_EQ(refused.headers.count("content-encoding"), 0u);
  EXPECT_FALSE(refused.body.is_null());
  Answer small = call("GET", "/healthz", "", std::nullopt, kGzip);
  EXPECT_EQ(small.headers.count("content-encoding"), 0u);
  Answer xlsx = call("GET", "/api/v1/exports/register.xlsx", "auditor", std::nullopt, kGzip);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.headers.count("content-encoding"), 0u);
  EXPECT_EQ(xlsx.text.substr(0, 2), "PK");
}

TEST_P(CompressionApi, TheCompressedFileHasItsOwnStrongTagAndEitherTagIsA304) {
  Answer plain = call("GET", "/web/app.js", "");
  Answer packed = call("GET", "/web/app.js", "", std::nullopt, kGzip);
  const std::string tag = plain.headers["etag"];
  ASSERT_EQ(tag.size(), 66u);
  EXPECT_EQ(packed.headers["etag"], tag.substr(0, 65) + "-gzip\"");
  for (const std::string& held : {tag, packed.headers["etag"]}) {
    auto again = call("GET", "/web/app.js", "", std::nullopt,
                      {{"If-None-Match", held}, {"Accept-Encoding", "gzip"}});
    EXPECT_EQ(again.status, 304) << held;
    EXPECT_EQ(again.headers["etag"], held);
    EXPECT_TRUE(again.text.empty());
  }
}

TEST_P(CompressionApi, AGzipRecordTagIsAValidIfMatch) {
  json office = call("GET", "/api/v1/properties?code=SYD-OFF-1", "facilities").body["items"][0];
  const std::string path = "/api/v1/properties/" + std::to_string(office["id"].get<int>());
  const std::string version = std::to_string(office["version"].get<int>());
  Answer changed = call("PATCH", path, "facilities", json{{"address", "1 York Street, Sydney NSW"}},
                        {{"If-Match", "\"" + version + "-gzip\""}});
  EXPECT_EQ(changed.status, 200) << changed.text;
  Answer stale = call("PATCH", path, "facilities", json{{"address", "2 York Street"}},
                      {{"If-Match", "\"" + version + "-gzip\""}});
  EXPECT_EQ(stale.status, 412) << stale.text;
}

// The words of an SVG chart follow Accept-Language: 中文 for zh-TW, zh-Hant and zh; English
// otherwise. In 中文 no English word is left in its texts (codes, currencies and figures are
// data).
TEST_P(CompressionApi, ChartsAreInTheRequestsLanguage) {
  const std::string rome = std::to_string(
      call("GET", "/api/v1/acquisitions?code=ACQ-ROM-2024", "finance").body["items"][0]["id"].get<int>());
  const std::string zhiyuan = std::to_string(
      call("GET", "/api/v1/projects?code=ZHIYUAN-RENEWAL", "finance").body["items"][0]["id"].get<int>());
  const std::vector<std::pair<std::string, std::string>> charts = {
      {"ownership?trend_from=105&trend_to=115", "各年度自有率"},
      {"lease-vs-buy?acquisition_id=" + rome, "租用或購置"},
      {"earned-value?project_id=" + zhiyuan, "S 曲線"},
      {"rent-forecast", "租金預估（新臺幣）"},
      {"purchase-plan?budget=1200000000.00", "優先購置規劃，資料基準日"}};
  const std::regex texts("<(?:text|title)[^>]*>([^<]*)<");
  const std::regex words("[A-Za-z]{2,}");
  for (const auto& [report, title] : charts) {
    const std::string path = "/api/v1/reports/" + report + (report.find('?') == std::string::npos ? "?" : "&") +
                             "format=svg";
    Answer en = call("GET", path, "finance");
    ASSERT_EQ(en.status, 200) << path << en.text;
    EXPECT_EQ(en.text.find(title), std::string::npos) << path;
    for (const char* lang : {"zh-TW", "zh-Hant", "zh", "zh-TW,zh;q=0.9,en-US;q=0.8"}) {
      Answer zh = call("GET", path, "finance", std::nullopt, {{"Accept-Language", lang}});
      ASSERT_EQ(zh.status, 200) << path;
      EXPECT_NE(zh.text.find(title), std::string::npos) << path << " " << lang;
    }
    Answer zh = call("GET", path, "finance", std::nullopt, {{"Accept-Language", "zh-TW"}});
    for (auto t = std::sregex_iterator(zh.text.begin(), zh.text.end(), texts); t != std::sregex_iterator(); ++t) {
      std::string text = (*t)[1];
      for (auto w = std::sregex_iterator(text.begin(), text.end(), words); w != std::sregex_iterator(); ++w) {
        const std::string word = (*w)[0];
        // Codes (ACQ-ROM-2024), currencies (TWD, NT$) and PV/EV/AC are data: all capitals.
        const bool data = std::all_of(word.begin(), word.end(),
                                      [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
        EXPECT_TRUE(data) << path << ": English \"" << word << "\" in " << text;
      }
    }
    Answer english = call("GET", path, "finance", std::nullopt, {{"Accept-Language", "en-US,zh-TW;q=0.5"}});
    EXPECT_EQ(english.text, en.text) << path;
  }
}

// The figure: what a browser transfers for the sign-in page and the dashboard's first
// load (every file of the client, which app.js imports statically, and the dashboard's reads).
TEST_P(CompressionApi, FirstLoadOfSignInAndDashboardTransfersLessWithGzip) {
  std::vector<std::pair<std::string, std::string>> reads = {
      {"/", ""}, {"/web/style.css", ""}, {"/web/vendor/htm-preact-3.1.1.js", ""}};
  for (const char* module : {"app", "core", "register", "finance", "reports", "audit", "exchange",
                             "issues", "decisions", "approvals", "documents"})
    reads.emplace_back(std::string("/web/") + module + ".js", "");
  for (const char* api : {"/api/v1/session", "/api/v1/reports/ownership",
                          "/api/v1/reports/ownership?trend_from=105&trend_to=115&format=svg",
                          "/api/v1/reports/lease-events?within_days=90", "/api/v1/reports/rent-savings",
                          "/api/v1/reports/budget-execution?fiscal_year=2026", "/api/v1/projects?limit=50",
                          "/api/v1/reports/data-quality",
                          "/api/v1/change-requests?status=pending&decidable=true&limit=500"})
    reads.emplace_back(api, "finance");
  std::size_t identity = 0, compressed = 0;
  for (const auto& [path, who] : reads) {
    Answer plain = call("GET", path, who);
    Answer packed = call("GET", path, who, std::nullopt, kGzip);
    EXPECT_EQ(plain.status, 200) << path;
    identity += plain.text.size();
    compressed += packed.text.size();
  }
  std::cout << "first load of sign-in + dashboard (" << reads.size() << " answers, bodies): "
            << identity << " bytes without gzip, " << compressed << " bytes with gzip\n";
  EXPECT_LT(compressed, identity / 2);
  EXPECT_LT(compressed, 100u * 1000u);
}

ESTATE_API_ON_BOTH_BACKENDS(CompressionApi);

}  // namespace
}  // namespace estate::testing
