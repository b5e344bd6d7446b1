// estate-server serve: the HTTP service, with the e-mail alerts on a schedule when an SMTP
// relay is given; stops on SIGINT or SIGTERM.
#include <pthread.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <csignal>
#include <iostream>
#include <mutex>
#include <thread>

#include "api/cli/command.h"
#include "api/cli/options.h"
#include "api/cli/smtp_mailer.h"
#include "api/http/server.h"
#include "app/alerts.h"
#include "domain/decimal.h"
#include "domain/result_macros.h"
#include "persistence/migrations.h"

namespace estate::cli {

namespace {

// What serve sends by e-mail, and how often (no smtp_url: nothing).
struct AlertSchedule {
  std::string smtp_url;
  app::AlertOptions options;
  std::chrono::minutes every{60};
};

// Runs the alerts every `schedule.every` until `stop` is set (first run one minute after start).
void run_alert_schedule(persistence::Store& store, const AlertSchedule& schedule, std::mutex& lock,
                        std::condition_variable& wake, const bool& stop) {
  api::SmtpMailer mailer(schedule.smtp_url);
  std::unique_lock<std::mutex> held(lock);
  for (auto wait = std::chrono::minutes(1);; wait = schedule.every) {
    if (wake.wait_for(held, wait, [&] { return stop; })) return;
    held.unlock();
    auto run =
        app::run_alerts(store, mailer, schedule.options, Date{date::floor<date::days>(now())});
    if (run.ok()) {
      spdlog::info("{{\"msg\":\"alerts\",\"messages\":{},\"reminders\":{}}}", run->messages,
                   run->items);
    } else {
      spdlog::warn("{{\"msg\":\"alerts failed\",\"error\":{}}}",
                   nlohmann::json(run.error().message).dump());
    }
    held.lock();
  }
}

Result<int> run_serve(persistence::Store& store, const api::ServerOptions& options,
                      const AlertSchedule& alerts) {
  if (store.db->backend() == persistence::Backend::sqlite) {
    // The embedded database is the server's own: bring its schema up to date at start.
    RETURN_IF_ERROR(persistence::migrate(*store.db));
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
  RETURN_IF_ERROR(server.start());
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

class ServeCommand final : public Command {
 public:
  void add_options(CLI::App& command) override {
    command.add_option("--listen", options_.listen, "host:port to listen on (port 0: any free)")
        ->envname("ESTATE_LISTEN");
    command.add_option("--threads", options_.reactor_threads, "HTTP reactor threads")
        ->envname("ESTATE_THREADS")
        ->check(CLI::Range(1, 64));
    command.add_option("--workers", options_.worker_threads, "threads doing database work")
        ->envname("ESTATE_WORKERS")
        ->check(CLI::Range(1, 256));
    command
        .add_option("--max-queue", options_.max_queued,
                    "requests that may wait for a worker before the server answers 503")
        ->envname("ESTATE_MAX_QUEUE")
        ->check(CLI::Range(1, 1000000));
    command
        .add_option("--report-workers", options_.report_threads,
                    "threads of the report lane (reports queue there, not before register work)")
        ->envname("ESTATE_REPORT_WORKERS")
        ->check(CLI::Range(1, 64));
    command
        .add_option("--report-queue", options_.report_queue,
                    "reports that may wait for the report lane before the server answers 503")
        ->envname("ESTATE_REPORT_QUEUE")
        ->check(CLI::Range(1, 100000));
    command
        .add_option(
            "--sign-in-workers", options_.sign_in_threads,
            "threads of the sign-in lane (Argon2id, 19 MiB each; never before register work)")
        ->envname("ESTATE_SIGN_IN_WORKERS")
        ->check(CLI::Range(1, 64));
    command
        .add_option("--sign-in-queue", options_.sign_in_queue,
                    "sign-ins that may wait for the sign-in lane before the server answers 503")
        ->envname("ESTATE_SIGN_IN_QUEUE")
        ->check(CLI::Range(1, 100000));
    command
        .add_option("--verify-workers", options_.verify_threads,
                    "threads of the journal verification lane")
        ->envname("ESTATE_VERIFY_WORKERS")
        ->check(CLI::Range(1, 64));
    command
        .add_option("--verify-queue", options_.verify_queue,
                    "verifications that may wait for their lane before the server answers 503")
        ->envname("ESTATE_VERIFY_QUEUE")
        ->check(CLI::Range(1, 100000));
    command
        .add_option("--max-bodies-in-flight", options_.max_bodies_in_flight,
                    "request bodies received at once; more are answered 503 before being read")
        ->envname("ESTATE_MAX_BODIES_IN_FLIGHT")
        ->check(CLI::Range(1, 100000));
    command
        .add_option("--max-body-mb-in-flight", body_mb_in_flight_,
                    "MiB the request bodies received at once may announce in all (at least the "
                    "largest one body)")
        ->envname("ESTATE_MAX_BODY_MB_IN_FLIGHT")
        ->check(CLI::Range(1, 65536));
    command
        .add_option("--header-timeout", header_timeout_,
                    "seconds a request's line and headers may take to arrive")
        ->envname("ESTATE_HEADER_TIMEOUT")
        ->check(CLI::Range(1, 3600));
    command
        .add_option("--body-timeout", body_timeout_,
                    "seconds a request's whole body may take to arrive")
        ->envname("ESTATE_BODY_TIMEOUT")
        ->check(CLI::Range(1, 3600));
    command
        .add_option("--report-max-rows", options_.report_max_rows,
                    "rows one report answer may have before it is refused with 422")
        ->envname("ESTATE_REPORT_MAX_ROWS")
        ->check(CLI::Range(1, 10000000));
    command
        .add_option("--session-idle-minutes", session_idle_,
                    "minutes a sign-in session may go unused before it ends")
        ->envname("ESTATE_SESSION_IDLE_MINUTES")
        ->check(CLI::Range(1, 24 * 60));
    command
        .add_option("--session-hours", session_hours_, "hours after sign-in a session ends anyway")
        ->envname("ESTATE_SESSION_HOURS")
        ->check(CLI::Range(1, 24 * 7));
    command
        .add_flag("--cookie-secure", options_.cookie_secure,
                  "mark the session cookie Secure (when served over TLS)")
        ->envname("ESTATE_COOKIE_SECURE");
    command
        .add_option("--web-dir", options_.web_dir,
                    "serve the web client from this folder (web/) instead of the built-in copy")
        ->envname("ESTATE_WEB_DIR")
        ->check(CLI::ExistingDirectory);
    command
        .add_option("--calendar-alarms", options_.calendar_alarm_days,
                    "days before each lease event that calendar feeds remind (e.g. 30,7)")
        ->envname("ESTATE_CALENDAR_ALARMS")
        ->delimiter(',')
        ->check(CLI::Range(0, 3650));
    command
        .add_option("--max-document-mb", max_document_mb_,
                    "largest document (deed, contract, appraisal) filed on a record, MiB")
        ->envname("ESTATE_MAX_DOCUMENT_MB")
        ->check(CLI::Range(1, 512));
    command.add_option("--max-body", options_.max_body_bytes, "largest request accepted, bytes")
        ->envname("ESTATE_MAX_BODY")
        ->check(CLI::Range(1024, 64 << 20));

    command
        .add_option("--metrics-token", options_.metrics_token,
                    "if set, /metrics answers only to 'Authorization: Bearer <this>'")
        ->envname("ESTATE_METRICS_TOKEN");

    command
        .add_option("--answer-cache-mb", answer_cache_mb_,
                    "MiB of register answers kept until the next write (0: no cache)")
        ->envname("ESTATE_ANSWER_CACHE_MB")
        ->check(CLI::Range(0, 4096));

    command
        .add_option("--approval-rent-pct", approval_rent_pct_,
                    "a lease rent rise of more than this percentage needs a finance approval")
        ->envname("ESTATE_APPROVAL_RENT_PCT");
    command
        .add_option("--approval-amount", approval_amount_,
                    "an expenditure or commitment above this TWD amount needs another finance "
                    "user's approval")
        ->envname("ESTATE_APPROVAL_AMOUNT");
    command
        .add_flag("--no-approvals", no_approvals_,
                  "apply sensitive changes at once, without a second person (README: Four eyes)")
        ->envname("ESTATE_NO_APPROVALS");

    // E-mail alerts: here on a schedule, or `alerts run` once (for a timer).
    add_alert_options(command, smtp_url_, alert_options_);
    command
        .add_option("--alerts-every-minutes", alerts_every_minutes_,
                    "how often serve sends what is due (with --smtp-url)")
        ->envname("ESTATE_ALERTS_EVERY_MINUTES")
        ->check(CLI::Range(1, 7 * 24 * 60));
    command
        .add_option("--max-import-mb", max_import_mb_,
                    "largest file POST /api/v1/imports takes, MiB")
        ->envname("ESTATE_MAX_IMPORT_MB")
        ->check(CLI::Range(1, 512));
    command.add_option("--import-max-rows", options_.max_import_rows, "rows one import may hold")
        ->envname("ESTATE_IMPORT_MAX_ROWS")
        ->check(CLI::Range(1, 10'000'000));
    command
        .add_option("--import-max-unzipped-mb", import_unzipped_mb_,
                    "MiB an imported workbook may unzip to (a zip bomb stops there)")
        ->envname("ESTATE_IMPORT_MAX_UNZIPPED_MB")
        ->check(CLI::Range(1, 4096));
  }

  std::optional<int> prepare() override {
    auto pct = Decimal::parse(approval_rent_pct_, 2);
    auto amount = Money::parse(approval_amount_, Currency::twd());
    if (!pct.ok() || pct->units() < 0 || pct->units() > 100000) {
      std::cerr << "estate-server: --approval-rent-pct must be a percentage from 0 to 1000 "
                   "with at most 2 decimals\n";
      return 2;
    }
    if (!amount.ok() || amount->is_negative()) {
      std::cerr << "estate-server: --approval-amount must be a TWD amount such as 10000000.00\n";
      return 2;
    }
    options_.approvals = ApprovalPolicy{!no_approvals_, pct->units(), *amount};
    if (alert_options_.lead_days.empty()) {
      std::cerr << "estate-server: --alert-days needs at least one lead time\n";
      return 2;
    }
    options_.answer_cache_bytes = answer_cache_mb_ << 20;
    options_.max_document_bytes = max_document_mb_ << 20;
    options_.max_import_bytes = max_import_mb_ << 20;
    options_.max_import_unzipped_bytes = import_unzipped_mb_ << 20;
    options_.max_body_bytes_in_flight = body_mb_in_flight_ << 20;
    options_.header_timeout = std::chrono::seconds(header_timeout_);
    options_.body_timeout = std::chrono::seconds(body_timeout_);
    options_.sessions.idle = std::chrono::minutes(session_idle_);
    options_.sessions.absolute = std::chrono::hours(session_hours_);
    return std::nullopt;
  }

  // Serving: a connection for every thread that may hold one, and 3 s for one statement
  // unless --db-timeout says otherwise.
  void tune(persistence::Database::Options& db, bool) const override {
    db.pool_size = std::max(db.pool_size, options_.worker_threads + options_.report_threads +
                                              options_.sign_in_threads + options_.verify_threads);
  }

  Result<int> run(persistence::Store& store) override {
    return run_serve(
        store, options_,
        AlertSchedule{smtp_url_, alert_options_, std::chrono::minutes(alerts_every_minutes_)});
  }

 private:
  api::ServerOptions options_;
  std::size_t body_mb_in_flight_ = 64;
  int header_timeout_ = 10, body_timeout_ = 20;
  int session_idle_ = 30, session_hours_ = 12;
  std::size_t max_document_mb_ = 25;
  std::size_t answer_cache_mb_ = 16;
  std::string approval_rent_pct_ = "10", approval_amount_ = "10000000.00";
  bool no_approvals_ = false;
  std::string smtp_url_;
  app::AlertOptions alert_options_;
  int alerts_every_minutes_ = 60;
  // The default is the server's own (README "Bringing spreadsheets in": the memory bound).
  std::size_t max_import_mb_ = api::ServerOptions{}.max_import_bytes >> 20, import_unzipped_mb_ = 64;
};

}  // namespace

std::unique_ptr<Command> serve_command() {
  return std::make_unique<ServeCommand>();
}

}  // namespace estate::cli
