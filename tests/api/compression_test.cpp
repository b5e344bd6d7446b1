// gzip for text answers (api/http/compression.h): what Accept-Encoding allows it, which
// types are compressed, the -gzip ETag, and a body that inflates back to the same bytes.
#include <gtest/gtest.h>
#include <zlib.h>

#include "api/http/compression.h"

namespace estate::api {
namespace {

std::string gunzip(const std::string& bytes) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST(Gzip, AcceptEncodingAllowsItUnlessRefused) {
  for (const char* yes : {"gzip", "gzip, deflate, br", "br;q=1.0, GZIP;q=0.5", "*", "x-gzip",
                          "deflate, *;q=0.1", " gzip ;q=1"})
    EXPECT_TRUE(accepts_gzip(std::string(yes))) << yes;
  for (const char* no : {"", "identity", "br, deflate", "gzip;q=0", "gzip; q=0.000", "*;q=0",
                         "*, gzip;q=0", "gzipped"})
    EXPECT_FALSE(accepts_gzip(std::string(no))) << no;
  EXPECT_FALSE(accepts_gzip(std::nullopt));
}

TEST(Gzip, TextIsCompressedAndSpreadsheetsPdfsAndImagesAreNot) {
  for (const char* text : {"application/json", "application/problem+json", "text/csv; charset=utf-8",
                           "image/svg+xml", "text/html; charset=utf-8", "text/javascript; charset=utf-8",
                           "text/css; charset=utf-8", "text/calendar; charset=utf-8"})
    EXPECT_TRUE(compressible_type(text)) << text;
  for (const char* binary : {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             "application/pdf", "image/png", "image/jpeg", "application/octet-stream"})
    EXPECT_FALSE(compressible_type(binary)) << binary;
}

TEST(Gzip, TheBodyInflatesToTheIdentityBytesAndIsSmaller) {
  std::string json = "[";
  for (int i = 0; i < 200; ++i) json += R"({"code": "SYD-OFF-)" + std::to_string(i) + R"(", "name_zh": "駐雪梨辦事處辦公館舍"},)";
  json += "{}]";
  const std::string packed = gzip(json);
  EXPECT_LT(packed.size(), json.size() / 4);
  EXPECT_EQ(gunzip(packed), json);
  EXPECT_EQ(gunzip(gzip("")), "");
  // Compressed once per strong ETag: the same reference again.
  const std::string& once = gzip_once("\"abc\"", json);
  EXPECT_EQ(&once, &gzip_once("\"abc\"", "other bytes are not compressed again"));
  EXPECT_EQ(gunzip(once), json);
}

TEST(Gzip, TheCompressedRepresentationHasItsOwnStrongTag) {
  EXPECT_EQ(gzip_etag("\"3\""), "\"3-gzip\"");
  EXPECT_EQ(identity_etag("\"3-gzip\""), "\"3\"");
  EXPECT_EQ(identity_etag("\"3\""), "\"3\"");
  EXPECT_EQ(identity_etag("\"-gzip\""), "\"-gzip\"");
  EXPECT_EQ(gzip_etag("3"), "3");
}

}  // namespace
}  // namespace estate::api
