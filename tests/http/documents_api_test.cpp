// Documents filed on records, end to end on SQLite and MariaDB: byte-for-byte round trips as a
// raw body and as multipart/form-data, a Chinese file name through Content-Disposition, the
// type decided by the bytes, hostile uploads refused, roles, withdrawal, and a tampered chunk
// caught by the journal's verification (HTTP and command line).
#include <gtest/gtest.h>

#include <random>

#include "reports/table.h"
#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

// A PDF header and then every byte value, NULs included, and some random ones.
std::string pdf_bytes(std::size_t size) {
  std::string b = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::mt19937 random(7);
  for (int i = 0; i < 256; ++i) b += static_cast<char>(i);
  while (b.size() < size) b += static_cast<char>(random() & 0xFF);
  b += "\n%%EOF\n";
  return b;
}

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string("\0\0\0\rIHDR", 8) + "pixels";

class DocumentsApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    json m = create("missions", sydney_mission());
    property_ = "/api/v1/properties/" + std::to_string(create("properties", sydney_office(m["id"]))["id"].get<int>());
  }
  Answer raw(const std::string& who, const std::string& bytes, const std::string& type,
             const std::string& query) {
    return call_raw("POST", property_ + "/documents" + query, who, bytes, {{"Content-Type", type}});
  }
  Answer multipart(const std::string& who, const std::string& filename, const std::string& type,
                   const std::string& bytes, const std::string& kind) {
    const std::string boundary = "----estate-test-boundary";
    std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind +
                       "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
                       filename + "\"\r\nContent-Type: " + type + "\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
    return call_raw("POST", property_ + "/documents", who, body,
                    {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  }
  std::string property_;
};

TEST_P(DocumentsApi, FilesAndReturnsTheBytesExactlyWithTheirNameAndHash) {
  const std::string pdf = pdf_bytes(600 * 1024);  // four chunks
  Answer filed = raw("facilities", pdf, "application/pdf", "?filename=title-deed.pdf&kind=deed");
  ASSERT_EQ(filed.status, 201) << filed.text;
  EXPECT_EQ(filed.body["kind"], "deed");
  EXPECT_EQ(filed.body["content_type"], "application/pdf");
  EXPECT_EQ(filed.body["bytes"], pdf.size());
  EXPECT_EQ(filed.body["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(filed.body["uploaded_by"], "test-facilities");
  EXPECT_EQ(filed.body["status"], "filed");
  const std::string one = filed.headers["location"];
  Answer back = call("GET", one + "/content", "auditor");
  ASSERT_EQ(back.status, 200);
  EXPECT_TRUE(back.text == pdf) << "the bytes differ";
  EXPECT_EQ(back.headers["content-type"], "application/pdf");
  EXPECT_EQ(back.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(back.headers["content-disposition"], "attachment; filename=\"title-deed.pdf\"");

  // As a browser sends it, with a Chinese name.
  Answer photo = multipart("facilities", "雪梨辦公室外觀.png", "image/png", kPng, "photo");
  ASSERT_EQ(photo.status, 201) << photo.text;
  EXPECT_EQ(photo.body["name"], "雪梨辦公室外觀.png");
  Answer image = call("GET", photo.headers["location"] + "/content", "finance");
  EXPECT_TRUE(image.text == kPng);
  EXPECT_EQ(image.headers["content-disposition"],
            "attachment; filename=\"_______.png\"; filename*=UTF-8''"
            "%E9%9B%AA%E6%A2%A8%E8%BE%A6%E5%85%AC%E5%AE%A4%E5%A4%96%E8%A7%80.png");

  // A workbook is told from other zips by what it holds.
  auto xlsx = reports::to_xlsx({"appraisal", {"value"}, {{reports::Cell::of("1")}}});
  ASSERT_TRUE(xlsx.ok());
  Answer sheet = raw("facilities", *xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     "?filename=appraisal.xlsx&kind=appraisal");
  ASSERT_EQ(sheet.status, 201) << sheet.text;

  Answer list = call("GET", property_ + "/documents", "auditor");
  ASSERT_EQ(list.body["items"].size(), 3u);
  EXPECT_EQ(list.body["items"][1]["name"], "雪梨辦公室外觀.png");
  // The filing is journalled with its hash.
  Answer journal = call("GET", "/api/v1/journal?entity=document", "auditor");
  EXPECT_EQ(journal.body["items"][0]["after"]["sha256"], filed.body["sha256"]);
}

TEST_P(DocumentsApi, WhatIsNotADocumentOrNotAllowedIsRefusedAndNothingIsFiled) {
  const std::string pdf = pdf_bytes(1000);
  Answer renamed = raw("facilities", pdf, "image/png", "?filename=scan.png");
  EXPECT_EQ(renamed.status, 415) << renamed.text;
  EXPECT_NE(renamed.body["detail"].get<std::string>().find("application/pdf"), std::string::npos);
  EXPECT_EQ(multipart("facilities", "scan.png", "image/png", pdf, "deed").status, 415);
  EXPECT_EQ(raw("facilities", "<html><script>alert(1)</script></html>", "text/html", "?filename=a.html").status, 415);
  Answer empty = raw("facilities", "", "application/pdf", "?filename=empty.pdf");
  ASSERT_EQ(empty.status, 422) << empty.text;
  EXPECT_EQ(empty.body["errors"][0]["field"], "file");
  Answer path = raw("facilities", pdf, "application/pdf", "?filename=..%2F..%2Fetc%2Fpasswd");
  ASSERT_EQ(path.status, 422) << path.text;
  EXPECT_EQ(path.body["errors"][0]["field"], "filename");
  EXPECT_EQ(raw("facilities", pdf, "application/pdf", "?filename=a.pdf&kind=poem").status, 422);
  EXPECT_EQ(raw("facilities", pdf, "application/pdf", "").status, 422);  // no filename
  Answer big = raw("facilities", pdf_bytes(26u << 20), "application/pdf", "?filename=big.pdf");
  EXPECT_EQ(big.status, 413) << big.text.substr(0, 200);
  EXPECT_EQ(multipart("facilities", "a.pdf", "application/pdf", pdf, "deed").status, 201);
  // Roles: finance files on acquisitions and projects, not properties; auditors and admins none.
  EXPECT_EQ(raw("finance", pdf, "application/pdf", "?filename=a.pdf").status, 403);
  EXPECT_EQ(raw("auditor", pdf, "application/pdf", "?filename=a.pdf").status, 403);
  EXPECT_EQ(call("GET", property_ + "/documents", "admin").status, 403);
  EXPECT_EQ(call_raw("POST", "/api/v1/properties/999999/documents?filename=a.pdf", "facilities", pdf,
                     {{"Content-Type", "application/pdf"}}).status, 404);
  EXPECT_EQ(call("GET", property_ + "/documents", "auditor").body["items"].size(), 1u);
}

TEST_P(DocumentsApi, AWithdrawnDocumentIsKeptAndJournalled) {
  Answer filed = raw("facilities", pdf_bytes(2000), "application/pdf", "?filename=old-lease.pdf&kind=lease_contract");
  const std::string one = filed.headers["location"];
  EXPECT_EQ(call("POST", one + "/withdraw", "facilities").status, 428);
  Answer done = call("POST", one + "/withdraw", "facilities", std::nullopt, {{"If-Match", "\"1\""}});
  ASSERT_EQ(done.status, 200) << done.text;
  EXPECT_EQ(done.body["status"], "withdrawn");
  EXPECT_EQ(call("POST", one + "/withdraw", "facilities", std::nullopt, {{"If-Match", "\"1\""}}).status, 412);
  EXPECT_EQ(call("POST", one + "/withdraw", "facilities", std::nullopt, {{"If-Match", "\"2\""}}).status, 409);
  EXPECT_EQ(call("GET", one + "/content", "auditor").status, 200);  // kept
  Answer journal = call("GET", "/api/v1/journal?entity=document&order=newest&limit=1", "auditor");
  EXPECT_EQ(journal.body["items"][0]["before"]["status"], "filed");
  EXPECT_EQ(journal.body["items"][0]["after"]["status"], "withdrawn");
}

TEST_P(DocumentsApi, ATamperedChunkIsCaughtByJournalVerification) {
  Answer filed = raw("facilities", pdf_bytes(500 * 1024), "application/pdf", "?filename=deed.pdf&kind=deed");
  ASSERT_EQ(filed.status, 201);
  EXPECT_EQ(call("GET", "/api/v1/journal/verify", "auditor").body["ok"], true);
  // One base64 quartet of the second chunk replaced: still base64, other bytes.
  const bool mysql = GetParam() == persistence::Backend::mysql;
  sql(std::string("UPDATE document_chunks SET data = ") +
      (mysql ? "CONCAT(SUBSTR(data, 1, 400), 'AAAA', SUBSTR(data, 405))"
             : "SUBSTR(data, 1, 400) || 'AAAA' || SUBSTR(data, 405)") +
      " WHERE seq = 1");
  json v = call("GET", "/api/v1/journal/verify", "auditor").body;
  EXPECT_EQ(v["ok"], false);
  const std::string problem = v["problem"];
  EXPECT_NE(problem.find("document " + std::to_string(filed.body["id"].get<int>())), std::string::npos) << problem;
  auto cli_verify = cli({"journal", "verify"});
  EXPECT_EQ(cli_verify.exit_code, 1);
  EXPECT_NE(cli_verify.out.find("no longer match"), std::string::npos) << cli_verify.out;
}

ESTATE_API_ON_BOTH_BACKENDS(DocumentsApi);

}  // namespace
}  // namespace estate::testing
