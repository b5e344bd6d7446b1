// estate-server: the Mission Estate service and its operator commands.
//   serve | migrate | seed-demo | token create | token revoke | journal verify
// Every command takes --db URL (or ESTATE_DB); flags override the environment.
#include <pthread.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <openssl/rand.h>
#include <iostream>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "api/cli/demo_data.h"
#include "api/cli/smtp_mailer.h"
#include "app/alerts.h"
#include "domain/decimal.h"
#include "api/exchange/register_import.h"
#include "api/http/server.h"
#include "api/cli/synthetic_data.h"
#include "persistence/journal.h"
#include "persistence/migrations.h"
#include "persistence/store.h"

namespace {

using namespace estate;

int fail(const Error& e) {
  std::cerr << "estate-server: " << e.message << "\n";
  for (const FieldError& f : e.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return e.kind == ErrorKind::unavailable ? 3 : 1;
}

const Actor kOperator{"operator"};

// 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I): about 115 bits.
std::string generated_password() {
  static const std::string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const unsigned limit = 256 - 256 % alphabet.size();  // bytes at or above it would bias
  std::string out;
  while (out.size() < 20) {
    unsigned char b = 0;
    if (RAND_bytes(&b, 1) != 1) throw std::runtime_error("no random bytes");
    if (b < limit) out += alphabet[b % alphabet.size()];
  }
  return out;
}

// What serve sends by e-mail, and how often (no smtp_url: nothing).
struct AlertSchedule {
  std::string smtp_url;
  app::AlertOptions options;
  std::chrono::minutes every{60};
};

// Runs the alerts every `schedule.every` until `stop` is set (first run one minute after start).
void run_alert_schedule(persistence::Store& store, const AlertSchedule& schedule,
                        std::mutex& lock, std::condition_variable& wake, const bool& stop) {
  api::SmtpMailer mailer(schedule.smtp_url);
  std::unique_lock<std::mutex> held(lock);
  for (auto wait = std::chrono::minutes(1);; wait = schedule.every) {
    if (wake.wait_for(held, wait, [&] { return stop; })) return;
    held.unlock();
    auto run = app::run_alerts(store, mailer, schedule.options, Date{date::floor<date::days>(now())});
    if (run.ok()) {
      spdlog::info("{{\"msg\":\"alerts\",\"messages\":{},\"reminders\":{}}}", run->messages, run->items);
    } else {
      spdlog::warn("{{\"msg\":\"alerts failed\",\"error\":{}}}", nlohmann::json(run.error().message).dump());
    }
    held.lock();
  }
}

int run_serve(persistence::Store& store, const api::ServerOptions& options,
              const AlertSchedule& alerts) {
  if (store.db->backend() == persistence::Backend::sqlite) {
    // The embedded database is the server's own: bring its schema up to date at start.
    auto applied = persistence::migrate(*store.db);
    if (!applied.ok()) return fail(applied.error());
  } else {
    auto version = persistence::schema_version(*store.db);
    if (version.ok() && *version < persistence::migrations().back().version) {
      std::cerr << "estate-server: the database schema is at version " << *version
                << "; run 'estate-server migrate' first\n";
      return 1;
    }
  }
  // Block the stop signals in every thread, so that only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  api::HttpServer server(store, options);
  if (Status s = server.start(); !s.ok()) return fail(s.error());
  std::string host = options.listen.substr(0, options.listen.rfind(':'));
  std::cout << "listening on http://" << host << ":" << server.port() << std::endl;
  spdlog::info("{{\"msg\":\"listening\",\"port\":{},\"db\":{}}}", server.port(),
               nlohmann::json(store.db->url().redacted()).dump());

  std::mutex alert_lock;
  std::condition_variable alert_wake;
  bool alert_stop = false;
  std::thread alert_thread;
  if (!alerts.smtp_url.empty()) {
    alert_thread = std::thread(run_alert_schedule, std::ref(store), std::cref(alerts),
                               std::ref(alert_lock), std::ref(alert_wake), std::cref(alert_stop));
  }

  int signal = 0;
  sigwait(&stop_signals, &signal);
  spdlog::info("{{\"msg\":\"stopping\",\"signal\":{}}}", signal);
  if (alert_thread.joinable()) {
    {
      std::lock_guard<std::mutex> held(alert_lock);
      alert_stop = true;
    }
    alert_wake.notify_all();
    alert_thread.join();
  }
  server.stop();
  spdlog::info("{\"msg\":\"stopped\"}");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  auto logger = spdlog::stderr_logger_mt("estate");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%fZ %l %v", spdlog::pattern_time_type::utc);
  spdlog::set_default_logger(logger);

  CLI::App app{"Mission Estate: the register of a foreign ministry's premises and budget"};
  app.require_subcommand(1);
  app.fallthrough();
  std::string db_url = "sqlite:var/estate.db";
  std::size_t pool = 4;
  int connect_timeout = 2, io_timeout = 3, acquire_timeout_ms = 2000, write_attempts = 4;
  app.add_option("--db", db_url, "database URL: sqlite:PATH or mysql://user:pass@host:port/db")
      ->envname("ESTATE_DB");
  app.add_option("--db-pool", pool, "database connections in the pool")
      ->envname("ESTATE_DB_POOL")
      ->check(CLI::Range(1, 256));
  app.add_option("--db-connect-timeout", connect_timeout, "seconds to connect to MariaDB")
      ->envname("ESTATE_DB_CONNECT_TIMEOUT")
      ->check(CLI::Range(1, 600));
  auto* io_option =
      app.add_option("--db-timeout", io_timeout,
                     "seconds one database read or write may take (MariaDB socket timeouts, "
                     "SQLite lock wait); default 3 when serving, 600 for the other commands")
          ->envname("ESTATE_DB_TIMEOUT")
          ->check(CLI::Range(1, 3600));
  app.add_option("--db-acquire-timeout", acquire_timeout_ms,
                 "milliseconds a request waits for a free database connection")
      ->envname("ESTATE_DB_ACQUIRE_TIMEOUT")
      ->check(CLI::Range(1, 600000));
  app.add_option("--db-write-attempts", write_attempts,
                 "runs of a write the database aborts (deadlock, certification) before 503")
      ->envname("ESTATE_DB_WRITE_ATTEMPTS")
      ->check(CLI::Range(1, 20));

  api::ServerOptions serve_options;
  auto* serve = app.add_subcommand("serve", "run the HTTP service");
  serve->add_option("--listen", serve_options.listen, "host:port to listen on (port 0: any free)")
      ->envname("ESTATE_LISTEN");
  serve->add_option("--threads", serve_options.reactor_threads, "HTTP reactor threads")
      ->envname("ESTATE_THREADS")
      ->check(CLI::Range(1, 64));
  serve->add_option("--workers", serve_options.worker_threads, "threads doing database work")
      ->envname("ESTATE_WORKERS")
      ->check(CLI::Range(1, 256));
  serve
      ->add_option("--max-queue", serve_options.max_queued,
                   "requests that may wait for a worker before the server answers 503")
      ->envname("ESTATE_MAX_QUEUE")
      ->check(CLI::Range(1, 1000000));
  serve
      ->add_option("--report-workers", serve_options.report_threads,
                   "threads of the report lane (reports queue there, not before register work)")
      ->envname("ESTATE_REPORT_WORKERS")
      ->check(CLI::Range(1, 64));
  serve
      ->add_option("--report-queue", serve_options.report_queue,
                   "reports that may wait for the report lane before the server answers 503")
      ->envname("ESTATE_REPORT_QUEUE")
      ->check(CLI::Range(1, 100000));
  serve
      ->add_option("--sign-in-workers", serve_options.sign_in_threads,
                   "threads of the sign-in lane (Argon2id, 19 MiB each; never before register work)")
      ->envname("ESTATE_SIGN_IN_WORKERS")
      ->check(CLI::Range(1, 64));
  serve
      ->add_option("--sign-in-queue", serve_options.sign_in_queue,
                   "sign-ins that may wait for the sign-in lane before the server answers 503")
      ->envname("ESTATE_SIGN_IN_QUEUE")
      ->check(CLI::Range(1, 100000));
  serve
      ->add_option("--verify-workers", serve_options.verify_threads,
                   "threads of the journal verification lane")
      ->envname("ESTATE_VERIFY_WORKERS")
      ->check(CLI::Range(1, 64));
  serve
      ->add_option("--verify-queue", serve_options.verify_queue,
                   "verifications that may wait for their lane before the server answers 503")
      ->envname("ESTATE_VERIFY_QUEUE")
      ->check(CLI::Range(1, 100000));
  serve
      ->add_option("--max-bodies-in-flight", serve_options.max_bodies_in_flight,
                   "request bodies received at once; more are answered 503 before being read")
      ->envname("ESTATE_MAX_BODIES_IN_FLIGHT")
      ->check(CLI::Range(1, 100000));
  std::size_t body_mb_in_flight = 64;
  serve
      ->add_option("--max-body-mb-in-flight", body_mb_in_flight,
                   "MiB the request bodies received at once may announce in all (at least the "
                   "largest one body)")
      ->envname("ESTATE_MAX_BODY_MB_IN_FLIGHT")
      ->check(CLI::Range(1, 65536));
  int header_timeout = 10, body_timeout = 20;
  serve
      ->add_option("--header-timeout", header_timeout,
                   "seconds a request's line and headers may take to arrive")
      ->envname("ESTATE_HEADER_TIMEOUT")
      ->check(CLI::Range(1, 3600));
  serve
      ->add_option("--body-timeout", body_timeout,
                   "seconds a request's whole body may take to arrive")
      ->envname("ESTATE_BODY_TIMEOUT")
      ->check(CLI::Range(1, 3600));
  serve
      ->add_option("--report-max-rows", serve_options.report_max_rows,
                   "rows one report answer may have before it is refused with 422")
      ->envname("ESTATE_REPORT_MAX_ROWS")
      ->check(CLI::Range(1, 10000000));
  int session_idle = 30, session_hours = 12;
  serve
      ->add_option("--session-idle-minutes", session_idle,
                   "minutes a sign-in session may go unused before it ends")
      ->envname("ESTATE_SESSION_IDLE_MINUTES")
      ->check(CLI::Range(1, 24 * 60));
  serve
      ->add_option("--session-hours", session_hours, "hours after sign-in a session ends anyway")
      ->envname("ESTATE_SESSION_HOURS")
      ->check(CLI::Range(1, 24 * 7));
  serve->add_flag("--cookie-secure", serve_options.cookie_secure,
                  "mark the session cookie Secure (when served over TLS)")
      ->envname("ESTATE_COOKIE_SECURE");
  serve
      ->add_option("--web-dir", serve_options.web_dir,
                   "serve the web client from this folder (web/) instead of the built-in copy")
      ->envname("ESTATE_WEB_DIR")
      ->check(CLI::ExistingDirectory);
  serve
      ->add_option("--calendar-alarms", serve_options.calendar_alarm_days,
                   "days before each lease event that calendar feeds remind (e.g. 30,7)")
      ->envname("ESTATE_CALENDAR_ALARMS")
      ->delimiter(',')
      ->check(CLI::Range(0, 3650));
  std::size_t max_document_mb = 25;
  serve
      ->add_option("--max-document-mb", max_document_mb,
                   "largest document (deed, contract, appraisal) filed on a record, MiB")
      ->envname("ESTATE_MAX_DOCUMENT_MB")
      ->check(CLI::Range(1, 512));
  serve->add_option("--max-body", serve_options.max_body_bytes, "largest request accepted, bytes")
      ->envname("ESTATE_MAX_BODY")
      ->check(CLI::Range(1024, 64 << 20));

  serve
      ->add_option("--metrics-token", serve_options.metrics_token,
                   "if set, /metrics answers only to 'Authorization: Bearer <this>'")
      ->envname("ESTATE_METRICS_TOKEN");

  std::size_t answer_cache_mb = 16;
  serve
      ->add_option("--answer-cache-mb", answer_cache_mb,
                   "MiB of register answers kept until the next write (0: no cache)")
      ->envname("ESTATE_ANSWER_CACHE_MB")
      ->check(CLI::Range(0, 4096));

  std::string approval_rent_pct = "10", approval_amount = "10000000.00";
  bool no_approvals = false;
  serve
      ->add_option("--approval-rent-pct", approval_rent_pct,
                   "a lease rent rise of more than this percentage needs a finance approval")
      ->envname("ESTATE_APPROVAL_RENT_PCT");
  serve
      ->add_option("--approval-amount", approval_amount,
                   "an expenditure or commitment above this TWD amount needs another finance "
                   "user's approval")
      ->envname("ESTATE_APPROVAL_AMOUNT");
  serve
      ->add_flag("--no-approvals", no_approvals,
                 "apply sensitive changes at once, without a second person (README: Four eyes)")
      ->envname("ESTATE_NO_APPROVALS");

  // E-mail alerts: `serve` on a schedule, or `alerts run` once (for a timer).
  std::string smtp_url;
  app::AlertOptions alert_options;
  int alerts_every_minutes = 60;
  std::string alerts_as_of;
  auto* alerts = app.add_subcommand("alerts", "e-mail alerts");
  alerts->require_subcommand(1);
  auto* alerts_run = alerts->add_subcommand("run", "send what is due, once, and exit");
  for (CLI::App* command : {serve, alerts_run}) {
    command->add_option("--smtp-url", smtp_url, "the SMTP relay, smtp://host:port (none: no mail)")
        ->envname("ESTATE_SMTP_URL");
    command->add_option("--mail-from", alert_options.mail_from, "the alerts' sender address")
        ->envname("ESTATE_MAIL_FROM");
    command->add_option("--alert-days", alert_options.lead_days,
                        "lead times: days before a lease event its reminders go out")
        ->envname("ESTATE_ALERT_DAYS")
        ->delimiter(',')
        ->check(CLI::Range(0, 3650));
    command->add_option("--public-url", alert_options.public_url,
                        "the web client's address, for the links in the messages")
        ->envname("ESTATE_PUBLIC_URL");
  }
  serve->add_option("--alerts-every-minutes", alerts_every_minutes,
                    "how often serve sends what is due (with --smtp-url)")
      ->envname("ESTATE_ALERTS_EVERY_MINUTES")
      ->check(CLI::Range(1, 7 * 24 * 60));
  alerts_run->add_option("--as-of", alerts_as_of, "run as of this day (default today, UTC)");

  auto* migrate = app.add_subcommand("migrate", "bring the database schema up to date");
  auto* seed = app.add_subcommand("seed-demo", "load the demo register into an empty database");
  api::SyntheticOptions synthetic_options;
  auto* synthetic = app.add_subcommand(
      "seed-synthetic",
      "load a deterministic synthetic register (for benchmarks) into an empty database");
  synthetic->add_option("--missions", synthetic_options.missions, "how many missions")
      ->check(CLI::Range(1, 10000));
  synthetic->add_option("--properties", synthetic_options.properties, "how many properties")
      ->check(CLI::Range(0, 1000000));
  synthetic
      ->add_option("--acquisitions", synthetic_options.acquisitions,
                   "how many purchases of leased properties")
      ->check(CLI::Range(0, 1000000));
  synthetic
      ->add_option("--projects", synthetic_options.projects,
                   "how many construction projects (with budget lines and contracts)")
      ->check(CLI::Range(0, 100000));
  synthetic->add_option("--expenditures", synthetic_options.expenditures, "how many expenditures")
      ->check(CLI::Range(0, 10000000));
  synthetic->add_option("--seed", synthetic_options.seed, "the random seed: same seed, same data");

  auto* token = app.add_subcommand("token", "manage access tokens");
  token->require_subcommand(1);
  std::string user, role_name;
  auto* token_create = token->add_subcommand("create", "issue a token; prints it alone on stdout");
  token_create->add_option("--user", user, "who the token is for")->required();
  token_create->add_option("--role", role_name, "facilities | finance | auditor | admin")
      ->required()
      ->check(CLI::IsMember({"facilities", "finance", "auditor", "admin"}));
  auto* token_revoke = token->add_subcommand("revoke", "revoke every token of a user");
  token_revoke->add_option("--user", user, "whose tokens to revoke")->required();

  auto* users = app.add_subcommand("user", "manage the people who sign in to the web client");
  users->require_subcommand(1);
  bool generate = false;
  auto* user_create = users->add_subcommand(
      "create", "add a user; the password is read from standard input, or --generate prints one");
  user_create->add_option("--user", user, "the user name they sign in with")->required();
  user_create->add_option("--role", role_name, "facilities | finance | auditor | admin")
      ->required()
      ->check(CLI::IsMember({"facilities", "finance", "auditor", "admin"}));
  user_create->add_flag("--generate", generate, "make a random password and print it once");
  std::string user_email;
  user_create->add_option("--email", user_email, "their e-mail address, for alerts");
  auto* user_set_email =
      users->add_subcommand("set-email", "set (or, with --email \"\", clear) a user's e-mail address");
  user_set_email->add_option("--user", user, "whose")->required();
  user_set_email->add_option("--email", user_email, "the address alerts go to")->required();
  auto* user_disable =
      users->add_subcommand("disable", "stop a user signing in and end their sessions");
  user_disable->add_option("--user", user, "whom")->required();
  auto* user_reset = users->add_subcommand(
      "reset-password", "set a new password (standard input, or --generate) and end sessions");
  user_reset->add_option("--user", user, "whose")->required();
  user_reset->add_flag("--generate", generate, "make a random password and print it once");

  auto* calendar = app.add_subcommand("calendar", "manage users' calendar feeds of lease events");
  calendar->require_subcommand(1);
  auto* calendar_create = calendar->add_subcommand(
      "create", "make a feed address for a user; prints /calendar/<secret>.ics alone on stdout");
  calendar_create->add_option("--user", user, "whose feed")->required();
  auto* calendar_revoke = calendar->add_subcommand("revoke", "revoke every feed of a user");
  calendar_revoke->add_option("--user", user, "whose feeds")->required();

  auto* import = app.add_subcommand(
      "import", "import register records from an XLSX workbook or a CSV sheet; prints the report");
  std::string import_file, import_sheet;
  bool import_dry_run = false;
  std::size_t import_max_rows = exchange::ReadLimits{}.max_rows, import_max_unzipped_mb = 64;
  import->add_option("file", import_file, "the .xlsx or .csv file")->required()->check(CLI::ExistingFile);
  import->add_option("--sheet", import_sheet,
                     "the sheet a CSV file is; for a workbook, the sheets to import (a,b)");
  import->add_flag("--dry-run", import_dry_run, "check and report, write nothing");
  std::size_t import_changes_from = 0;
  import->add_option("--changes-from", import_changes_from,
                     "list the changes from this one (0 the first; at most 1,000 are listed)");
  import->add_option("--user", user, "who imports (their role decides which sheets)")->required();
  import->add_option("--max-rows", import_max_rows, "rows one import may hold")
      ->envname("ESTATE_IMPORT_MAX_ROWS")
      ->check(CLI::Range(1, 10'000'000));
  import->add_option("--max-unzipped-mb", import_max_unzipped_mb, "MiB a workbook may unzip to")
      ->envname("ESTATE_IMPORT_MAX_UNZIPPED_MB")
      ->check(CLI::Range(1, 4096));
  std::size_t max_import_mb = 8;  // README "Bringing spreadsheets in": the memory bound
  serve
      ->add_option("--max-import-mb", max_import_mb, "largest file POST /api/v1/imports takes, MiB")
      ->envname("ESTATE_MAX_IMPORT_MB")
      ->check(CLI::Range(1, 512));
  serve
      ->add_option("--import-max-rows", serve_options.max_import_rows, "rows one import may hold")
      ->envname("ESTATE_IMPORT_MAX_ROWS")
      ->check(CLI::Range(1, 10'000'000));
  std::size_t serve_unzipped_mb = 64;
  serve
      ->add_option("--import-max-unzipped-mb", serve_unzipped_mb,
                   "MiB an imported workbook may unzip to (a zip bomb stops there)")
      ->envname("ESTATE_IMPORT_MAX_UNZIPPED_MB")
      ->check(CLI::Range(1, 4096));

  auto* journal = app.add_subcommand("journal", "inspect the change journal");
  journal->require_subcommand(1);
  auto* journal_verify = journal->add_subcommand("verify", "check the journal's hash chain");

  CLI11_PARSE(app, argc, argv);

  serve_options.answer_cache_bytes = answer_cache_mb << 20;
  if (*serve) {
    auto pct = Decimal::parse(approval_rent_pct, 2);
    auto amount = Money::parse(approval_amount, Currency::twd());
    if (!pct.ok() || pct->units() < 0 || pct->units() > 100000) {
      std::cerr << "estate-server: --approval-rent-pct must be a percentage from 0 to 1000 "
                   "with at most 2 decimals\n";
      return 2;
    }
    if (!amount.ok() || amount->is_negative()) {
      std::cerr << "estate-server: --approval-amount must be a TWD amount such as 10000000.00\n";
      return 2;
    }
    serve_options.approvals = ApprovalPolicy{!no_approvals, pct->units(), *amount};
    if (alert_options.lead_days.empty()) {
      std::cerr << "estate-server: --alert-days needs at least one lead time\n";
      return 2;
    }
  }
  serve_options.max_document_bytes = max_document_mb << 20;
  serve_options.max_import_bytes = max_import_mb << 20;
  serve_options.max_import_unzipped_bytes = serve_unzipped_mb << 20;
  serve_options.max_body_bytes_in_flight = body_mb_in_flight << 20;
  serve_options.header_timeout = std::chrono::seconds(header_timeout);
  serve_options.body_timeout = std::chrono::seconds(body_timeout);
  serve_options.sessions.idle = std::chrono::minutes(session_idle);
  serve_options.sessions.absolute = std::chrono::hours(session_hours);
  persistence::Database::Options db_options;
  db_options.pool_size =
      *serve ? std::max(pool, serve_options.worker_threads + serve_options.report_threads +
                                  serve_options.sign_in_threads + serve_options.verify_threads)
             : pool;
  db_options.connect_timeout = std::chrono::seconds(connect_timeout);
  // Operator commands (migrate, seeding a large register) run long statements on purpose.
  db_options.io_timeout = std::chrono::seconds(*serve || io_option->count() > 0 ? io_timeout : 600);
  db_options.acquire_timeout = std::chrono::milliseconds(acquire_timeout_ms);
  db_options.write_attempts = write_attempts;
  auto store = persistence::open_store(db_url, db_options);
  if (!store.ok()) return fail(store.error());

  if (*migrate) {
    auto applied = persistence::migrate(*store->db);
    if (!applied.ok()) return fail(applied.error());
    std::cout << "applied " << *applied << " migration(s); schema at version "
              << persistence::migrations().back().version << "\n";
    return 0;
  }
  if (*seed) {
    auto result = api::seed_demo(*store);
    if (!result.ok()) return fail(result.error());
    if (!result->seeded) {
      std::cout << "the register already holds data; nothing seeded\n";
    } else {
      std::cout << "seeded " << result->missions << " missions, " << result->properties
                << " properties, " << result->leases << " leases, " << result->fx_rates
                << " FX rates, " << result->acquisitions << " acquisitions, "
                << result->budget_lines << " budget lines, " << result->appropriations
                << " appropriations, " << result->expenditures << " expenditures, "
                << result->commitments << " commitments, " << result->projects << " project with "
                << result->progress_reports << " progress reports (illustrative demo data)\n";
    }
    return 0;
  }
  if (*synthetic) {
    auto result = api::seed_synthetic(*store, synthetic_options);
    if (!result.ok()) return fail(result.error());
    if (!result->seeded) {
      std::cout << "the register already holds data; nothing seeded\n";
    } else {
      std::cout << "seeded " << result->missions << " missions, " << result->properties
                << " properties, " << result->leases << " leases, " << result->fx_rates
                << " FX rates, " << result->acquisitions << " acquisitions, "
                << result->budget_lines << " budget lines, " << result->appropriations
                << " appropriations, " << result->projects << " projects, "
                << result->progress_reports << " progress reports, " << result->commitments
                << " commitments, " << result->expenditures << " expenditures (synthetic, seed "
                << synthetic_options.seed << ")\n";
    }
    return 0;
  }
  if (*token_create) {
    auto secret = store->tokens->issue(user, *parse_enum<Role>(role_name), kOperator);
    if (!secret.ok()) return fail(secret.error());
    std::cout << *secret << "\n";
    return 0;
  }
  if (*token_revoke) {
    auto n = store->tokens->revoke(user, kOperator);
    if (!n.ok()) return fail(n.error());
    std::cerr << "revoked " << *n << " token(s) of " << user << "\n";
    return 0;
  }
  if (*import) {
    exchange::ImportOptions o;
    o.dry_run = import_dry_run;
    o.changes_from = import_changes_from;
    o.user = user;
    o.limits = {import_max_unzipped_mb << 20, import_max_rows};
    auto role = store->accounts->role_of(user);
    if (!role.ok()) return fail(role.error());
    if (!*role || (**role != Role::facilities && **role != Role::finance)) {
      std::cerr << "error: " << user
                << " is neither an enabled facilities nor finance user nor holds such a token\n";
      return 1;
    }
    o.role = **role;
    if (!import_sheet.empty()) {
      auto sheets = exchange::sheet_list(import_sheet);
      if (!sheets.ok()) return fail(sheets.error());
      o.sheets = *sheets;
    }
    std::ifstream in(import_file, std::ios::binary);
    const std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const bool xlsx = content.rfind("PK\x03\x04", 0) == 0;
    auto report = exchange::import_register(*store, content,
                                            xlsx ? exchange::ImportFormat::xlsx
                                                 : exchange::ImportFormat::csv,
                                            o);
    if (!report.ok()) return fail(report.error());
    std::cout << report->dump(1) << "\n";
    return report->at("error_count").get<std::size_t>() == 0 ? 0 : 1;
  }
  if (*calendar_create) {
    auto secret = store->calendar_feeds->create(user, kOperator);
    if (!secret.ok()) return fail(secret.error());
    std::cout << "/calendar/" << *secret << ".ics\n";
    return 0;
  }
  if (*calendar_revoke) {
    auto n = store->calendar_feeds->revoke(user, kOperator);
    if (!n.ok()) return fail(n.error());
    std::cerr << "revoked " << *n << " calendar feed(s) of " << user << "\n";
    return 0;
  }
  if (*user_create || *user_reset) {
    // The password: generated (and printed, alone, once) or the first line of standard input.
    std::string password;
    if (generate) {
      password = generated_password();
    } else {
      std::getline(std::cin, password);
      if (!password.empty() && password.back() == '\r') password.pop_back();
    }
    if (*user_create && !user_email.empty()) {
      if (Status valid = validate_email(user_email); !valid.ok()) return fail(valid.error());
    }
    Status done = *user_create ? store->accounts->create_user(user, *parse_enum<Role>(role_name),
                                                               password, kOperator)
                               : store->accounts->reset_password(user, password, kOperator);
    if (!done.ok()) return fail(done.error());
    if (*user_create && !user_email.empty()) {
      if (Status set = store->alerts->set_email(user, user_email, kOperator); !set.ok())
        return fail(set.error());
    }
    if (generate) std::cout << password << "\n";
    std::cerr << (*user_create ? "created user " : "reset the password of ") << user << "\n";
    return 0;
  }
  if (*user_set_email) {
    if (Status set = store->alerts->set_email(user, user_email, kOperator); !set.ok())
      return fail(set.error());
    std::cerr << "set the e-mail address of " << user << "\n";
    return 0;
  }
  if (*alerts_run) {
    if (smtp_url.empty()) {
      std::cerr << "estate-server: alerts run needs --smtp-url\n";
      return 2;
    }
    Date today{date::floor<date::days>(now())};
    if (!alerts_as_of.empty()) {
      auto day = parse_date(alerts_as_of);
      if (!day.ok()) return fail(day.error());
      today = *day;
    }
    api::SmtpMailer mailer(smtp_url);
    auto run = app::run_alerts(*store, mailer, alert_options, today);
    if (!run.ok()) return fail(run.error());
    std::cout << "sent " << run->messages << " message(s) with " << run->items << " reminder(s)\n";
    return 0;
  }
  if (*user_disable) {
    if (Status done = store->accounts->disable_user(user, kOperator); !done.ok())
      return fail(done.error());
    std::cerr << "disabled " << user << " and ended their sessions\n";
    return 0;
  }
  if (*journal_verify) {
    auto v = store->journal->verify();  // the hash chain, every document's and every issued report's bytes
    if (!v.ok()) return fail(v.error());
    if (!v->ok) {
      std::cout << "journal broken at entry " << *v->first_bad_seq << ": " << v->problem << "\n";
      return 1;
    }
    std::cout << "journal ok: " << v->entries << " entries, head " << v->head << "\n";
    return 0;
  }
  return run_serve(*store, serve_options,
                   AlertSchedule{smtp_url, alert_options, std::chrono::minutes(alerts_every_minutes)});
}
