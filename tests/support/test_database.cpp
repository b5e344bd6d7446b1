#include "tests/support/test_database.h"

#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace estate::testing {

using persistence::Backend;

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}();
  return std::to_string(::getpid()) + "_" + std::to_string(salt % 100000) + "_" +
         std::to_string(++counter);
}

std::string soci_connect(const persistence::DatabaseUrl& u, const std::string& db) {
  return "db=" + db + " user=" + u.user + " password=" + u.password + " host=" + u.host +
         " port=" + std::to_string(u.port) + " charset=utf8mb4";
}
}  // namespace

const char* backend_name(Backend backend) {
  return backend == Backend::sqlite ? "sqlite" : "mysql";
}

bool backend_available(Backend backend) {
  return backend == Backend::sqlite || !env("ESTATE_TEST_MYSQL_URL").empty();
}

bool backend_required(Backend backend) {
  return backend == Backend::mysql && env("ESTATE_TEST_REQUIRE_MYSQL") == "1";
}

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
  if (backend == Backend::sqlite) {
    folder_ =
        (std::filesystem::temp_directory_path() / ("estate_test_" + unique_suffix())).string();
    std::filesystem::create_directories(folder_);
    url_ = "sqlite:" + folder_ + "/estate.db";
    return;
  }
  auto base = persistence::DatabaseUrl::parse(env("ESTATE_TEST_MYSQL_URL"));
  if (!base.ok()) throw std::runtime_error("bad ESTATE_TEST_MYSQL_URL");
  mysql_name_ = "estate_t_" + unique_suffix();
  soci::session admin(*soci::factory_mysql(), soci_connect(*base, base->database));
  admin << "CREATE DATABASE " + mysql_name_ + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
  url_ = "mysql://" + base->user + ":" + base->password + "@" + base->host + ":" +
         std::to_string(base->port) + "/" + mysql_name_;
  folder_ = (std::filesystem::temp_directory_path() / ("estate_test_" + mysql_name_)).string();
  std::filesystem::create_directories(folder_);
}

TestDatabase::~TestDatabase() {
  try {
    if (backend_ == Backend::mysql) {
      auto base = persistence::DatabaseUrl::parse(env("ESTATE_TEST_MYSQL_URL"));
      soci::session admin(*soci::factory_mysql(), soci_connect(*base, base->database));
      admin << "DROP DATABASE IF EXISTS " + mysql_name_;
    }
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
  } catch (...) {
    // Best effort: a leftover test database is harmless and goes with the throwaway server.
  }
}

}  // namespace estate::testing
