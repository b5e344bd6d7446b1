// Throwaway databases for tests, on either backend. SQLite: a file in a fresh temporary
// folder. MariaDB: a fresh database on the server named by ESTATE_TEST_MYSQL_URL (started by
// infra/mariadb.sh in `make test`), dropped again afterwards.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "persistence/database.h"

namespace estate::testing {

const char* backend_name(persistence::Backend backend);

// True when tests for `backend` can run. For MariaDB that needs ESTATE_TEST_MYSQL_URL.
bool backend_available(persistence::Backend backend);
// True when a missing MariaDB must fail the tests instead of skipping them
// (ESTATE_TEST_REQUIRE_MYSQL=1, set by `make test`).
bool backend_required(persistence::Backend backend);

class TestDatabase {
 public:
  // A new empty database. Precondition: backend_available(backend).
  explicit TestDatabase(persistence::Backend backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& folder() const { return folder_; }

 private:
  persistence::Backend backend_;
  std::string url_, folder_, mysql_name_;
};

// In a fixture's SetUp: skip (or fail, when required) if `backend` is not available.
#define ESTATE_REQUIRE_BACKEND(backend)                                                   \
  do {                                                                                    \
    if (!::estate::testing::backend_available(backend)) {                                 \
      if (::estate::testing::backend_required(backend)) {                                 \
        FAIL() << "ESTATE_TEST_REQUIRE_MYSQL is set but ESTATE_TEST_MYSQL_URL is not";    \
      }                                                                                   \
      GTEST_SKIP() << "no MariaDB for tests: set ESTATE_TEST_MYSQL_URL (make test does)"; \
    }                                                                                     \
  } while (0)

// Names a test case after its backend parameter: ".../sqlite", ".../mysql".
inline std::string backend_param_name(const ::testing::TestParamInfo<persistence::Backend>& info) {
  return backend_name(info.param);
}

// Runs a TEST_P suite whose parameter is the backend once on SQLite and once on MariaDB.
#define ESTATE_INSTANTIATE_ON_BOTH_BACKENDS(Suite)                                   \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                          \
                           ::testing::Values(::estate::persistence::Backend::sqlite, \
                                             ::estate::persistence::Backend::mysql), \
                           ::estate::testing::backend_param_name)

}  // namespace estate::testing

namespace estate::persistence {
// How GoogleTest prints a Backend parameter in test names and failures ("sqlite", "mysql").
inline void PrintTo(Backend backend, std::ostream* os) {
  *os << (backend == Backend::sqlite ? "sqlite" : "mysql");
}
}  // namespace estate::persistence
