// A fixture for end-to-end API tests: a migrated throwaway database on the test's backend, one
// token per role issued through the real command line, and a real estate-server process on an
// ephemeral loopback port. Requests are described as a client following API.md would make
// them, with JSON bodies written out literally.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/test_database.h"

namespace estate::testing {

inline const std::string kServer = ESTATE_SERVER_PATH;

// What the server answered: the status, headers (lower-case names) and the parsed body (null
// when empty or not JSON).
struct Answer {
  int status = 0;
  std::map<std::string, std::string> headers;
  nlohmann::json body;
  std::string text;
};

class ApiTest : public ::testing::TestWithParam<persistence::Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The server's flags beyond --db and --listen. Suites about something other than four eyes
  // run without approvals, so their deletes, stage moves and large amounts apply at once as
  // they test them; the four-eyes suites (approvals_api_test.cpp) keep the default rules.
  virtual std::vector<std::string> server_flags() const { return {"--no-approvals"}; }
  // Issues a token for `user` with `role`, known to call() as `who`.
  void add_token(const std::string& who, const std::string& user, const std::string& role);

  // A request as `who` ("facilities", "finance", "auditor", "admin", or "" for no token).
  Answer call(const std::string& method, const std::string& path, const std::string& who,
              const std::optional<nlohmann::json>& body = std::nullopt,
              std::map<std::string, std::string> headers = {});
  // A request with a raw body (for malformed JSON and wrong content types).
  Answer call_raw(const std::string& method, const std::string& path, const std::string& who,
                  const std::string& body, std::map<std::string, std::string> headers);
  Answer call_on(std::uint16_t port, const std::string& method, const std::string& path,
                 const std::string& who, const std::string& body,
                 std::map<std::string, std::string> headers);

  CommandResult cli(std::vector<std::string> args);
  // Runs one SQL statement directly on the test database (for tampering).
  void sql(const std::string& statement);

  // POSTs and expects 201; returns the record.
  nlohmann::json create(const std::string& collection, const nlohmann::json& body);

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, std::string> tokens_;
  std::string log_;
};

// Request bodies as API.md shows them: the Sydney mission, its office with a tenure history,
// and the office lease.
nlohmann::json sydney_mission();
nlohmann::json sydney_office(std::int64_t mission_id);
nlohmann::json sydney_lease(std::int64_t property_id);

#define ESTATE_API_ON_BOTH_BACKENDS(Suite) ESTATE_INSTANTIATE_ON_BOTH_BACKENDS(Suite)

}  // namespace estate::testing
