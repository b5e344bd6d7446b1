// The command line of estate-server as a table of subcommands (commands.cpp): each entry names
// a subcommand, says what it does, and holds a Command that registers its options and runs it.
// main() parses, asks the chosen Command to prepare, opens the database with the shared
// options (options.h) and runs it. Thread-safety: the command line runs on one thread.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "persistence/database.h"
#include "persistence/store.h"

namespace estate::cli {

// The actor of every write the operator commands make.
inline const Actor kOperator{"operator"};

// Prints "estate-server: <message>" and one line per field error on stderr; returns the exit
// code for `e`: 3 when the database cannot be reached, 1 otherwise.
int fail(const Error& e);

class Command {
 public:
  virtual ~Command() = default;
  // Registers this command's options on `command`; their values land in the Command.
  virtual void add_options(CLI::App& command) = 0;
  // After parsing, before the database is opened: an exit code ends the run there (2 for an
  // option that parsed but means nothing); nullopt goes on.
  virtual std::optional<int> prepare() { return std::nullopt; }
  // The database options this command runs with; `io_timeout_given` says whether
  // --db-timeout (or ESTATE_DB_TIMEOUT) was set. By default, operator commands (migrate,
  // seeding a large register) may run long statements: 600 s unless given.
  virtual void tune(persistence::Database::Options& db, bool io_timeout_given) const {
    if (!io_timeout_given) db.io_timeout = std::chrono::seconds(600);
  }
  // Runs the command and returns its exit code; an Error is reported by fail().
  virtual Result<int> run(persistence::Store& store) = 0;
};

// One subcommand: `group` is the command it sits under ("" at the top); an entry without a
// Command is a group, which requires one of its subcommands.
struct Entry {
  std::string group, name, help;
  std::unique_ptr<Command> command;
};

// Every subcommand, in the order `estate-server --help` lists them.
std::vector<Entry> command_table();

// The commands, by theme: serve_command.cpp, alerts_command.cpp, database_commands.cpp,
// account_commands.cpp, import_command.cpp.
std::unique_ptr<Command> serve_command();
std::unique_ptr<Command> alerts_run_command();
std::unique_ptr<Command> migrate_command();
std::unique_ptr<Command> seed_demo_command();
std::unique_ptr<Command> seed_synthetic_command();
std::unique_ptr<Command> journal_verify_command();
std::unique_ptr<Command> token_create_command();
std::unique_ptr<Command> token_revoke_command();
std::unique_ptr<Command> user_create_command();
std::unique_ptr<Command> user_set_email_command();
std::unique_ptr<Command> user_disable_command();
std::unique_ptr<Command> user_reset_password_command();
std::unique_ptr<Command> calendar_create_command();
std::unique_ptr<Command> calendar_revoke_command();
std::unique_ptr<Command> import_command();

}  // namespace estate::cli
