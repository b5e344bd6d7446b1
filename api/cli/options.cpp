#include "api/cli/options.h"

namespace estate::cli {

persistence::Database::Options DatabaseFlags::options() const {
  persistence::Database::Options o;
  o.pool_size = pool;
  o.connect_timeout = std::chrono::seconds(connect_timeout);
  o.io_timeout = std::chrono::seconds(io_timeout);
  o.acquire_timeout = std::chrono::milliseconds(acquire_timeout_ms);
  o.write_attempts = write_attempts;
  return o;
}

void add_database_options(CLI::App& app, DatabaseFlags& flags) {
  app.add_option("--db", flags.url, "database URL: sqlite:PATH or mysql://user:pass@host:port/db")
      ->envname("ESTATE_DB");
  app.add_option("--db-pool", flags.pool, "database connections in the pool")
      ->envname("ESTATE_DB_POOL")
      ->check(CLI::Range(1, 256));
  app.add_option("--db-connect-timeout", flags.connect_timeout, "seconds to connect to MariaDB")
      ->envname("ESTATE_DB_CONNECT_TIMEOUT")
      ->check(CLI::Range(1, 600));
  flags.io_timeout_option =
      app.add_option("--db-timeout", flags.io_timeout,
                     "seconds one database read or write may take (MariaDB socket timeouts, "
                     "SQLite lock wait); default 3 when serving, 600 for the other commands")
          ->envname("ESTATE_DB_TIMEOUT")
          ->check(CLI::Range(1, 3600));
  app.add_option("--db-acquire-timeout", flags.acquire_timeout_ms,
                 "milliseconds a request waits for a free database connection")
      ->envname("ESTATE_DB_ACQUIRE_TIMEOUT")
      ->check(CLI::Range(1, 600000));
  app.add_option("--db-write-attempts", flags.write_attempts,
                 "runs of a write the database aborts (deadlock, certification) before 503")
      ->envname("ESTATE_DB_WRITE_ATTEMPTS")
      ->check(CLI::Range(1, 20));
}

void add_alert_options(CLI::App& command, std::string& smtp_url, app::AlertOptions& options) {
  command.add_option("--smtp-url", smtp_url, "the SMTP relay, smtp://host:port (none: no mail)")
      ->envname("ESTATE_SMTP_URL");
  command.add_option("--mail-from", options.mail_from, "the alerts' sender address")
      ->envname("ESTATE_MAIL_FROM");
  command
      .add_option("--alert-days", options.lead_days,
                  "lead times: days before a lease event its reminders go out")
      ->envname("ESTATE_ALERT_DAYS")
      ->delimiter(',')
      ->check(CLI::Range(0, 3650));
  command
      .add_option("--public-url", options.public_url,
                  "the web client's address, for the links in the messages")
      ->envname("ESTATE_PUBLIC_URL");
}

void add_user_option(CLI::App& command, std::string& user, const std::string& help) {
  command.add_option("--user", user, help)->required();
}

void add_role_option(CLI::App& command, std::string& role) {
  command.add_option("--role", role, "facilities | finance | auditor | admin")
      ->required()
      ->check(CLI::IsMember({"facilities", "finance", "auditor", "admin"}));
}

}  // namespace estate::cli
