// Database URLs come from flags and the environment: each malformed one is refused with a
// message naming the `db` setting, and passwords never reach the logs.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "persistence/database.h"
#include "tests/support/test_database.h"  // PrintTo(Backend): one printer in every test file

namespace estate::persistence {
namespace {

TEST(DatabaseUrl, ReadsSqlitePaths) {
  auto u = DatabaseUrl::parse("sqlite:var/estate.db");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->backend, Backend::sqlite);
  EXPECT_EQ(u->path, "var/estate.db");
  EXPECT_EQ(DatabaseUrl::parse("sqlite:///tmp/x.db")->path, "/tmp/x.db");
}

TEST(DatabaseUrl, ReadsMysqlUrlsWithPercentEncodedPasswords) {
  auto u = DatabaseUrl::parse("mysql://estate:p%40ss@127.0.0.1:3307/estate");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->backend, Backend::mysql);
  EXPECT_EQ(u->user, "estate");
  EXPECT_EQ(u->password, "p@ss");
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 3307);
  EXPECT_EQ(u->database, "estate");
  EXPECT_EQ(DatabaseUrl::parse("mysql://u@db/x")->port, 3306);
}

TEST(DatabaseUrl, RedactsThePassword) {
  auto u = DatabaseUrl::parse("mysql://estate:secret@127.0.0.1:3307/estate");
  EXPECT_EQ(u->redacted(), "mysql://estate:***@127.0.0.1:3307/estate");
}

TEST(DatabaseUrl, RefusesMalformedUrlsNamingTheSetting) {
  for (const char* bad : {"", "postgres://u@h/d", "sqlite:", "mysql://127.0.0.1/estate",
                          "mysql://u@h", "mysql://u@h/", "mysql://u@h:0/d", "mysql://u@h:99999/d",
                          "mysql://u@h:33x/d", "mysql://u:it's@h/d", "sqlite:a\"b.db"}) {
    auto u = DatabaseUrl::parse(bad);
    ASSERT_FALSE(u.ok()) << bad;
    EXPECT_EQ(u.error().kind, ErrorKind::invalid) << bad;
    ASSERT_EQ(u.error().fields.size(), 1u) << bad;
    EXPECT_EQ(u.error().fields[0].field, "db") << bad;
  }
}

TEST(SqliteFile, ANewDatabaseFileIsTheOwnersAlone) {
  const auto folder =
      std::filesystem::temp_directory_path() / ("estate-mode-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  const std::string path = (folder / "estate.db").string();
  {
    auto db = Database::open(*DatabaseUrl::parse("sqlite:" + path), Database::Options{});
    ASSERT_TRUE(db.ok()) << db.error().message;
  }
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace estate::persistence
