// The table of estate-server's subcommands: name, help and Command, in --help's order.
#include <iostream>

#include "api/cli/command.h"

namespace estate::cli {

int fail(const Error& e) {
  std::cerr << "estate-server: " << e.message << "\n";
  for (const FieldError& f : e.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return e.kind == ErrorKind::unavailable ? 3 : 1;
}

std::vector<Entry> command_table() {
  std::vector<Entry> t;
  auto add = [&t](std::string group, std::string name, std::string help,
                  std::unique_ptr<Command> command) {
    t.push_back(Entry{std::move(group), std::move(name), std::move(help), std::move(command)});
  };
  add("", "serve", "run the HTTP service", serve_command());
  add("", "alerts", "e-mail alerts", nullptr);
  add("alerts", "run", "send what is due, once, and exit", alerts_run_command());
  add("", "migrate", "bring the database schema up to date", migrate_command());
  add("", "seed-demo", "load the demo register into an empty database", seed_demo_command());
  add("", "seed-synthetic",
      "load a deterministic synthetic register (for benchmarks) into an empty database",
      seed_synthetic_command());
  add("", "token", "manage access tokens", nullptr);
  add("token", "create", "issue a token; prints it alone on stdout", token_create_command());
  add("token", "revoke", "revoke every token of a user", token_revoke_command());
  add("", "user", "manage the people who sign in to the web client", nullptr);
  add("user", "create",
      "add a user; the password is read from standard input, or --generate prints one",
      user_create_command());
  add("user", "set-email", "set (or, with --email \"\", clear) a user's e-mail address",
      user_set_email_command());
  add("user", "disable", "stop a user signing in and end their sessions", user_disable_command());
  add("user", "reset-password",
      "set a new password (standard input, or --generate) and end sessions",
      user_reset_password_command());
  add("", "calendar", "manage users' calendar feeds of lease events", nullptr);
  add("calendar", "create",
      "make a feed address for a user; prints /calendar/<secret>.ics alone on stdout",
      calendar_create_command());
  add("calendar", "revoke", "revoke every feed of a user", calendar_revoke_command());
  add("", "import",
      "import register records from an XLSX workbook or a CSV sheet; prints the report",
      import_command());
  add("", "journal", "inspect the change journal", nullptr);
  add("journal", "verify", "check the journal's hash chain", journal_verify_command());
  return t;
}

}  // namespace estate::cli
