// Schema migrations: numbered, applied in order, each recorded in `schema_migrations`, so
// running them again is a no-op. The SQL is written once with a few dialect placeholders and
// rendered for SQLite or MariaDB (InnoDB, utf8mb4, so Chinese names round-trip).
// Thread-safety: concurrent callers (two processes) are serialised by a database lock.
#pragma once

#include <string>
#include <vector>

#include "persistence/database.h"

namespace estate::persistence {

struct Migration {
  int version;
  const char* name;
  std::vector<const char*> statements;
};

// All migrations, in order.
const std::vector<Migration>& migrations();

// The statement rendered for `backend` ({ID}, {TABLE}, {TEXT} replaced).
std::string render_sql(const char* statement, Backend backend);

// Applies every migration not yet recorded. Returns how many it applied.
Result<int> migrate(Database& db);

// The highest applied version, 0 for an empty database.
Result<int> schema_version(Database& db);

}  // namespace estate::persistence
