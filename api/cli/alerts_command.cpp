// estate-server alerts run: sends the e-mail alerts due today (or --as-of a day) once.
#include <iostream>

#include "api/cli/command.h"
#include "api/cli/options.h"
#include "api/cli/smtp_mailer.h"
#include "app/alerts.h"
#include "domain/result_macros.h"

namespace estate::cli {

namespace {

class AlertsRunCommand final : public Command {
 public:
  void add_options(CLI::App& command) override {
    add_alert_options(command, smtp_url_, options_);
    command.add_option("--as-of", as_of_, "run as of this day (default today, UTC)");
  }

  Result<int> run(persistence::Store& store) override {
    if (smtp_url_.empty()) {
      std::cerr << "estate-server: alerts run needs --smtp-url\n";
      return 2;
    }
    Date today{date::floor<date::days>(now())};
    if (!as_of_.empty()) {
      ASSIGN_OR_RETURN(today, parse_date(as_of_));
    }
    api::SmtpMailer mailer(smtp_url_);
    ASSIGN_OR_RETURN(const app::AlertRun sent, app::run_alerts(store, mailer, options_, today));
    std::cout << "sent " << sent.messages << " message(s) with " << sent.items << " reminder(s)\n";
    return 0;
  }

 private:
  std::string smtp_url_, as_of_;
  app::AlertOptions options_;
};

}  // namespace

std::unique_ptr<Command> alerts_run_command() {
  return std::make_unique<AlertsRunCommand>();
}

}  // namespace estate::cli
