// Options more than one subcommand registers, defined once: the database's (on the top-level
// command, for every subcommand), the alerts' (serve and alerts run), and a user and a role.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "app/alerts.h"
#include "persistence/database.h"

namespace estate::cli {

struct DatabaseFlags {
  std::string url = "sqlite:var/estate.db";
  std::size_t pool = 4;
  int connect_timeout = 2, io_timeout = 3, acquire_timeout_ms = 2000, write_attempts = 4;
  CLI::Option* io_timeout_option = nullptr;  // set by add_database_options

  bool io_timeout_given() const { return io_timeout_option && io_timeout_option->count() > 0; }
  // The pool's options as given (io_timeout as given, or its default of 3 s).
  persistence::Database::Options options() const;
};

// --db, --db-pool, --db-connect-timeout, --db-timeout, --db-acquire-timeout,
// --db-write-attempts, each also from its ESTATE_DB* variable.
void add_database_options(CLI::App& app, DatabaseFlags& flags);

// --smtp-url, --mail-from, --alert-days, --public-url (and their ESTATE_* variables).
void add_alert_options(CLI::App& command, std::string& smtp_url, app::AlertOptions& options);

// --user (required), with what it means to this command.
void add_user_option(CLI::App& command, std::string& user, const std::string& help);
// --role (required): facilities | finance | auditor | admin.
void add_role_option(CLI::App& command, std::string& role);

}  // namespace estate::cli
