// End to end: the real estate-server binary on an ephemeral loopback port, on SQLite and on
// MariaDB, driven over HTTP and through its command line.
#include <gtest/gtest.h>

#include <csignal>
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
