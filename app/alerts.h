// E-mail alerts (DESIGN.md "Alerts by e-mail", API.md "E-mail alerts"): one run finds what is
// due — lease events at the lead times (to facilities users) and pending change requests (to
// the users who may decide them) — and sends each user one digest, in 中文 and English, of what
// nobody has sent them before (AlertLedger: once per event, lead time and user, across
// replicas). An event is due at lead time L from the day it is L days or fewer away, so a run
// that missed the day still sends it; an acknowledged event is never sent again.
// Thread-safety: runs may overlap, in one process or many; the ledger keeps them apart.
#pragma once

#include <string>
#include <vector>

#include "domain/alert.h"
#include "persistence/store.h"

namespace estate::app {

// Sends one RFC 5322 message; the SMTP adapter is api/cli/smtp_mailer.h.
class Mailer {
 public:
  virtual ~Mailer() = default;
  // Errors: unavailable when the relay cannot be reached or refuses the message.
  virtual Status send(const std::string& from, const std::string& to,
                      const std::string& message) = 0;
};

struct AlertOptions {
  std::vector<int> lead_days{180, 90, 30, 7};
  std::string public_url = "http://127.0.0.1:8080";  // where the links in the messages point
  std::string mail_from = "estate@localhost";
};

struct AlertRun {
  int messages = 0;  // digests sent
  int items = 0;     // reminders in them
};

// One run as of `today`: every user's digest of what is due and unsent. A user whose digest
// cannot be sent is skipped (and gets it next run); the first such error is returned after the
// others were tried.
Result<AlertRun> run_alerts(persistence::Store& store, Mailer& mailer, const AlertOptions& options,
                            Date today);

// An RFC 5322 message: UTF-8 text, base64 body, RFC 2047 subject.
std::string mail_message(const std::string& from, const std::string& to,
                         const std::string& subject, const std::string& text, Instant at);

}  // namespace estate::app
