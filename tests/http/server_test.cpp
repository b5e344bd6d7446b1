// End to end: the real estate-server binary on an ephemeral loopback port, on SQLite and on
// MariaDB, driven over HTTP and through its command line.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/test_database.h"

namespace estate::testing {
namespace {

const std::string kServer = ESTATE_SERVER_PATH;

class ServerTest : public ::testing::TestWithParam<persistence::Backend> {
 protected:
  void SetUp() override {
    ESTATE_REQUIRE_BACKEND(GetParam());
    database_ = std::make_unique<TestDatabase>(GetParam());
    log_ = database_->folder() + "/server.log";
  }
  CommandResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", database_->url()});
    return run_command(kServer, args);
  }
  std::unique_ptr<ServerProcess> start_server() {
    auto server = std::make_unique<ServerProcess>(kServer, database_->url(), log_);
    EXPECT_NE(server->port(), 0) << "server did not start; see " << log_;
    return server;
  }
  std::unique_ptr<TestDatabase> database_;
  std::string log_;
};

TEST_P(ServerTest, MigrateSeedAndServeAnswerHealthAndReadiness) {
  ASSERT_EQ(cli({"migrate"}).exit_code, 0);
  auto seeded = cli({"seed-demo"});
  ASSERT_EQ(seeded.exit_code, 0);
  EXPECT_NE(seeded.out.find("seeded 14 missions"), std::string::npos) << seeded.out;
  // Seeding only ever fills an empty register.
  EXPECT_NE(cli({"seed-demo"}).out.find("nothing seeded"), std::string::npos);

  auto server = start_server();
  auto health = http_get(server->port(), "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(nlohmann::json::parse(health.body)["status"], "ok");
  auto ready = http_get(server->port(), "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(nlohmann::json::parse(ready.body)["database"], backend_name(GetParam()));
  EXPECT_EQ(server->stop(SIGTERM), 0);
}

TEST_P(ServerTest, UnknownRouteIsAProblemDocument) {
  ASSERT_EQ(cli({"migrate"}).exit_code, 0);
  auto server = start_server();
  auto r = http_request(server->port(), "GET", "/api/v1/nowhere", {{"X-Request-Id", "test-42"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.headers["content-type"], "application/problem+json");
  EXPECT_EQ(r.headers["x-request-id"], "test-42");
  auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["status"], 404);
  EXPECT_TRUE(body.contains("type") && body.contains("title") && body.contains("detail"));
  EXPECT_TRUE(body["errors"].is_array());
}

TEST_P(ServerTest, WhatTheHttpLibraryWouldAnswerByItselfIsAProblemDocumentToo) {
  // The probe got "500 stoull", "500 basic_string::_M_create", plain-text 405 and 413, and
  // "400 Encountered invalid HTTP version" from Pistache itself.
  ASSERT_EQ(cli({"migrate"}).exit_code, 0);
  auto server = start_server();
  const std::string post = "POST /api/v1/missions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
  struct Case {
    std::string bytes;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {post + "Content-Length: 99999999999999999999999\r\n\r\n{}", 400, "Content-Length"},
      {post + "Content-Length: -5\r\n\r\n{}", 400, "Content-Length"},
      {post + "Content-Length: abc\r\n\r\n{}", 400, "Content-Length"},
      {post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400, "Content-Length"},
      {post + "Content-Length: 9999999\r\n\r\n{}", 413, "body"},
      {post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 411, "Transfer-Encoding"},
      {"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 505, "version"},
      {"GARBAGE\r\n\r\n", 400, "request-line"},
      {"BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 501, "method"},
      {"GET /healthz HTTP/1.1\r\nno colon here\r\n\r\n", 400, "headers"},
      {"GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n", 414, "request-line"},
      {"GET /healthz HTTP/1.1\r\nX-Big: " + std::string(60000, 'b') + "\r\n\r\n", 431, "headers"},
  };
  for (const Case& c : cases) {
    auto r = http_raw(server->port(), c.bytes);
    EXPECT_EQ(r.status, c.status) << c.bytes.substr(0, 80) << " → " << r.body;
    EXPECT_EQ(r.headers["content-type"], "application/problem+json") << c.bytes.substr(0, 80);
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << r.body;
    EXPECT_EQ(body["errors"][0]["field"], c.field) << r.body;
  }
  // A method the path does not take: 405 with Allow, as a problem document.
  auto put = http_request(server->port(), "PUT", "/api/v1/missions/1");
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(put.headers["allow"], "GET, PATCH, DELETE");
  EXPECT_EQ(put.headers["content-type"], "application/problem+json");
  EXPECT_EQ(http_request(server->port(), "PUT", "/api/v1/nowhere").status, 404);
  // The server is still well after all of that.
  EXPECT_EQ(http_get(server->port(), "/healthz").status, 200);
}

TEST_P(ServerTest, TheWebClientIsServedWithItsPolicyAndNothingOutsideItsFiles) {
  ASSERT_EQ(cli({"migrate"}).exit_code, 0);
  auto server = start_server();
  auto page = http_get(server->port(), "/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(page.headers["content-security-policy"].find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(page.headers["content-security-policy"].find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(page.headers["referrer-policy"], "same-origin");
  EXPECT_EQ(page.headers["cache-control"], "no-cache");
  // A strong ETag: the same bytes again are a 304 with no body.
  const std::string etag = page.headers["etag"];
  ASSERT_EQ(etag.size(), 66u) << etag;
  auto again = http_request(server->port(), "GET", "/", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  auto module = http_get(server->port(), "/web/app.js");
  EXPECT_EQ(module.status, 200);
  EXPECT_EQ(module.headers["content-type"], "text/javascript; charset=utf-8");
  // Nothing but the client's own files: no way out of the folder, no made-up names.
  for (const char* path : {"/web/../web/app.js", "/web/%2e%2e/etc/passwd", "/web/vendor/..%2fapp.js",
                           "/web/nope.js", "/web/app.js%00.html"}) {
    auto r = http_raw(server->port(), std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(r.status, 404) << path;
  }
}

// --web-dir serves regular files inside its folder and nothing else: no dotfiles or
// dot-folders, nothing a symlink leads to outside it; a symlink to a file inside is fine.
TEST_P(ServerTest, AWebFolderServesOnlyRegularFilesInsideIt) {
  namespace fs = std::filesystem;
  ASSERT_EQ(cli({"migrate"}).exit_code, 0);
  const fs::path root = fs::path(database_->folder()) / "web", outside = fs::path(database_->folder()) / "outside";
  fs::create_directories(root / ".git");
  fs::create_directories(root / "sub");
  fs::create_directories(outside);
  auto write = [](const fs::path& p, const std::string& text) { std::ofstream(p) << text; };
  write(root / "index.html", "<!doctype html><title>t</title>");
  write(root / "app.js", "export {};");
  write(root / ".env", "SECRET=1");
  write(root / ".git" / "config", "[core]");
  write(outside / "secret.js", "export const secret = 1;");
  fs::create_symlink(outside / "secret.js", root / "leak.js");
  fs::create_directory_symlink(outside, root / "out");
  fs::create_symlink(root / "app.js", root / "alias.js");
  ServerProcess server(kServer, database_->url(), log_, {"--web-dir", root.string()});
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(http_get(server.port(), "/").status, 200);
  EXPECT_EQ(http_get(server.port(), "/web/app.js").status, 200);
  EXPECT_EQ(http_get(server.port(), "/web/alias.js").status, 200);
  for (const char* path : {"/web/.env", "/web/.git/config", "/web/leak.js", "/web/out/secret.js",
                           "/web/sub", "/web/sub/"}) {
    auto r = http_raw(server.port(), std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("export const secret"), std::string::npos) << path;
  }
}

TEST_P(ServerTest, StopsCleanlyOnSigintWhileServing) {
  ASSERT_EQ(cli({"migrate"}).exit_code, 0);
  auto server = start_server();
  std::atomic<bool> done{false};
  std::thread load([&] {
    while (!done) http_get(server->port(), "/readyz");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(server->stop(SIGINT), 0);
  done = true;
  load.join();
}

TEST_P(ServerTest, TokenCreatePrintsOnlyTheTokenAndJournalVerifies) {
  ASSERT_EQ(cli({"migrate"}).exit_code, 0);
  auto created = cli({"token", "create", "--user", "alice", "--role", "auditor"});
  ASSERT_EQ(created.exit_code, 0);
  EXPECT_TRUE(std::regex_match(created.out, std::regex("[0-9a-f]{64}\n"))) << created.out;
  auto refused = cli({"token", "create", "--user", "bob", "--role", "emperor"});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_EQ(refused.out, "");
  auto verified = cli({"journal", "verify"});
  EXPECT_EQ(verified.exit_code, 0);
  EXPECT_NE(verified.out.find("journal ok: 1 entries"), std::string::npos) << verified.out;
}

// The value of one sample line `series` (metric name with its labels) in a Prometheus text
// answer, or -1 when the series is not there.
double sample_value(const std::string& text, const std::string& series) {
  auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + series.size() + 2));
}

// Runs `promtool check metrics` on `text`; its exit code, or -1 when promtool is missing.
int promtool_check(const std::string& text, const std::string& folder) {
  if (std::system("command -v promtool >/dev/null 2>&1") != 0) return -1;
  const std::string file = folder + "/metrics.txt";
  FILE* f = std::fopen(file.c_str(), "w");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  int status =
      std::system(("promtool check metrics < '" + file + "' >'" + file + ".out' 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_P(ServerTest, MetricsPassPromtoolAndARequestMovesItsCounter) {
  ASSERT_EQ(cli({"migrate"}).exit_code, 0);
  auto token = cli({"token", "create", "--user", "metrics-reader", "--role", "auditor"}).out;
  token.pop_back();
  auto server = start_server();
  const std::string series =
      "estate_http_requests_total{method=\"GET\",route=\"/api/v1/missions/{id}\",status=\"4xx\"}";
  auto before = http_get(server->port(), "/metrics");
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.headers["content-type"].rfind("text/plain; version=0.0.4", 0), 0u);
  const double n0 = std::max(0.0, sample_value(before.body, series));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/missions/99",
                           {{"Authorization", "Bearer " + token}})
                  .status,
              404);
  }
  auto after = http_get(server->port(), "/metrics");
  ASSERT_EQ(after.status, 200);
  // By route template, not raw path: three requests for /missions/99 are one series.
  EXPECT_EQ(sample_value(after.body, series), n0 + 3) << after.body;
  EXPECT_EQ(after.body.find("/api/v1/missions/99"), std::string::npos);
  EXPECT_GE(sample_value(after.body, "estate_db_pool_connections"), 1);
  EXPECT_EQ(sample_value(after.body, "estate_journal_entries"), 1);  // the token's entry
  EXPECT_GT(sample_value(after.body, "process_resident_memory_bytes"), 0);
  EXPECT_GT(sample_value(after.body, "process_start_time_seconds"), 1.7e9);
  EXPECT_NE(after.body.find("estate_build_info{version=\""), std::string::npos);
  // The version, and nothing of how the binary was built.
  EXPECT_EQ(after.body.find("compiler"), std::string::npos);
  EXPECT_EQ(after.body.find("build_type"), std::string::npos);
  EXPECT_NE(after.body.find("estate_http_request_duration_seconds_bucket{method=\"GET\","
                            "route=\"/api/v1/missions/{id}\",status=\"4xx\",le=\"+Inf\"}"),
            std::string::npos);

  int checked = promtool_check(after.body, database_->folder());
  const char* required = std::getenv("ESTATE_TEST_REQUIRE_TOOLS");
  if (checked == -1 && !(required && std::string(required) == "1")) {
    GTEST_SKIP() << "promtool is not installed (Debian package prometheus)";
  }
  EXPECT_EQ(checked, 0) << "promtool check metrics failed; see " << database_->folder()
                        << "/metrics.txt.out";
}

TEST_P(ServerTest, ARevokedTokenStopsWorkingWithinOneSecondAcrossProcesses) {
  // The server remembers a verified token for up to a second; the revocation comes from
  // another process (the command line), which that memory cannot see.
  ASSERT_EQ(cli({"migrate"}).exit_code, 0);
  auto token = cli({"token", "create", "--user", "leaver", "--role", "auditor"}).out;
  token.pop_back();
  auto server = start_server();
  auto get = [&] {
    return http_request(server->port(), "GET", "/api/v1/missions",
                        {{"Authorization", "Bearer " + token}})
        .status;
  };
  ASSERT_EQ(get(), 200);
  ASSERT_EQ(get(), 200);  // now remembered
  ASSERT_EQ(cli({"token", "revoke", "--user", "leaver"}).exit_code, 0);
  const auto revoked = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::milliseconds(1050));
  EXPECT_EQ(get(), 401)
      << "still accepted "
      << std::chrono::duration<double>(std::chrono::steady_clock::now() - revoked).count()
      << " s after revocation";
}

TEST_P(ServerTest, MetricsTokenGuardsMetricsWhenSet) {
  ASSERT_EQ(cli({"migrate"}).exit_code, 0);
  ServerProcess server(kServer, database_->url(), log_, {"--metrics-token", "scrape-secret"});
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(http_get(server.port(), "/metrics").status, 401);
  EXPECT_EQ(
      http_request(server.port(), "GET", "/metrics", {{"Authorization", "Bearer wrong"}}).status,
      401);
  EXPECT_EQ(
      http_request(server.port(), "GET", "/metrics", {{"Authorization", "Bearer scrape-secret"}})
          .status,
      200);
}

ESTATE_INSTANTIATE_ON_BOTH_BACKENDS(ServerTest);

TEST(ServerWithoutDatabase, ReadinessFailsButLivenessHolds) {
  // Nothing listens on port 1: the database is unreachable, the server still starts.
  ServerProcess server(kServer, "mysql://estate:x@127.0.0.1:1/estate", "");
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(http_get(server.port(), "/healthz").status, 200);
  auto ready = http_get(server.port(), "/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.headers["content-type"], "application/problem+json");
  EXPECT_EQ(server.stop(SIGTERM), 0);
}

TEST(CommandLine, BadDatabaseUrlIsAClearError) {
  auto r = run_command(kServer, {"--db", "postgres://x@y/z", "migrate"});
  EXPECT_EQ(r.exit_code, 1);
}

}  // namespace
}  // namespace estate::testing
