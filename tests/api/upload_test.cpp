// What a document upload is read with, before any database: the multipart/form-data reader
// and its refusals, which request lines may carry a document-sized body, and the type a
// document's bytes are.
#include <gtest/gtest.h>

#include "api/http/http_guard.h"
#include "api/http/multipart.h"
#include "api/routes/document_routes.h"

namespace estate::api {
namespace {

const std::string kCrlf = "\r\n";

std::string part(const std::string& disposition, const std::string& data) {
  return "--b" + kCrlf + "Content-Disposition: form-data; " + disposition + kCrlf + kCrlf + data + kCrlf;
}

TEST(Multipart, ReadsTheBoundaryOnlyFromMultipartFormData) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----x1"), "----x1");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; boundary=\"a b\""), "a b");
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary="));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')));
  EXPECT_FALSE(multipart_boundary("application/pdf; boundary=b"));
}

TEST(Multipart, ReadsPartsWithTheirNamesAsBrowsersSendThem) {
  const std::string body = part("name=\"kind\"", "deed") +
                           "--b\r\nContent-Disposition: form-data; name=\"file\"; "
                           "filename=\"\xE5\x9C\xB0\xE5\xA5\x91 %22x%22.pdf\"\r\n"
                           "Content-Type: Application/PDF\r\n\r\n" +
                           std::string("%PDF-\0\r\n--b--\r\n", 14);
  auto parts = parse_multipart(body, "b");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "kind");
  EXPECT_EQ((*parts)[0].data, "deed");
  EXPECT_FALSE((*parts)[0].filename);
  EXPECT_EQ((*parts)[1].filename, "\xE5\x9C\xB0\xE5\xA5\x91 \"x\".pdf");
  EXPECT_EQ((*parts)[1].content_type, "application/pdf");
  EXPECT_EQ((*parts)[1].data, std::string("%PDF-\0", 6));  // bytes, NUL included
  const std::string star = part("name=\"file\"; filename*=UTF-8''%E5%9C%B0.pdf", "x") + "--b--";
  auto encoded = parse_multipart(star, "b");
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ((*encoded)[0].filename, "\xE5\x9C\xB0.pdf");
}

TEST(Multipart, RefusesWhatIsNotWellFramedNamingTheBody) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"no boundary at all", "hello"},
      {"a boundary line without CRLF", "--bX"},
      {"headers that never end", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n"},
      {"no Content-Disposition", "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--"},
      {"a header line without a colon", "--b\r\nnonsense\r\n\r\nx\r\n--b--"},
      {"a part that never ends", part("name=\"a\"", "x").substr(0, 40)},
      {"filename* in another charset", part("name=\"f\"; filename*=ISO-8859-1''a.pdf", "x") + "--b--"},
  };
  for (const auto& [what, body] : bad) {
    auto parsed = parse_multipart(body, "b");
    ASSERT_FALSE(parsed.ok()) << what;
    EXPECT_EQ(parsed.error().kind, ErrorKind::invalid) << what;
    ASSERT_FALSE(parsed.error().fields.empty()) << what;
    EXPECT_EQ(parsed.error().fields[0].field, "body") << what;
  }
  std::string many;
  for (std::size_t i = 0; i <= kMaxParts; ++i) many += part("name=\"p\"", "x");
  EXPECT_FALSE(parse_multipart(many + "--b--", "b").ok());
}

TEST(Upload, OnlyADocumentFilingMayAnnounceADocumentSizedBody) {
  EXPECT_TRUE(is_upload("POST /api/v1/properties/7/documents HTTP/1.1"));
  EXPECT_TRUE(is_upload("POST /api/v1/leases/3/documents?filename=a.pdf&kind=deed HTTP/1.1"));
  EXPECT_FALSE(is_upload("GET /api/v1/properties/7/documents HTTP/1.1"));
  EXPECT_TRUE(is_upload("POST /api/v1/report-issues/verify HTTP/1.1"));  // any issued file
  EXPECT_FALSE(is_upload("POST /api/v1/report-issues HTTP/1.1"));
  EXPECT_FALSE(is_upload("POST /api/v1/missions HTTP/1.1"));
  EXPECT_FALSE(is_upload("POST /api/v1/properties/7/documents/1/withdraw HTTP/1.1"));
  EXPECT_FALSE(is_upload("POST /documents HTTP/1.1"));
  EXPECT_FALSE(is_upload("POST /api/v1/missions?x=/documents HTTP/1.1"));
}

TEST(Upload, ADocumentsTypeIsWhatItsBytesAre) {
  EXPECT_EQ(sniff_document_type("%PDF-1.7\n"), "application/pdf");
  EXPECT_EQ(sniff_document_type(std::string("\x89PNG\r\n\x1a\n", 8)), "image/png");
  EXPECT_EQ(sniff_document_type("\xFF\xD8\xFF\xE0"), "image/jpeg");
  EXPECT_FALSE(sniff_document_type("<html></html>"));
  EXPECT_FALSE(sniff_document_type("%PD"));
  EXPECT_FALSE(sniff_document_type(std::string("PK\x03\x04", 4) + "not really a zip"));
  EXPECT_FALSE(sniff_document_type(""));
}

}  // namespace
}  // namespace estate::api
