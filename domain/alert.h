// E-mail alerts (DESIGN.md "Alerts by e-mail"): who receives them, and the ledger of what was
// sent, kept in the database so that no (event, lead time, user) is ever sent twice — across
// runs, restarts and replicas — and of which events someone acknowledged. app/alerts.h decides
// what is due and writes the digests; this is the port that remembers.
// Thread-safety: implementations may be called from any thread and from several processes.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/enums.h"
#include "domain/repository.h"
#include "domain/result.h"

namespace estate {

struct AlertRecipient {
  std::string user;
  Role role = Role::auditor;
  std::string email;
};

// One reminder of one event at one lead time (days before it; 0 for a pending request).
struct AlertClaim {
  std::string event_key;  // "lease:7:expiry:2026-12-31", "change_request:3"
  int lead_days = 0;
  bool operator<(const AlertClaim& o) const {
    return std::tie(event_key, lead_days) < std::tie(o.event_key, o.lead_days);
  }
};

// An e-mail address: 3–254 characters, one '@' with text either side, no spaces or controls.
// Errors name `field`.
Status validate_email(const std::string& email, const std::string& field = "email");

class AlertLedger {
 public:
  virtual ~AlertLedger() = default;
  // Enabled users who have an e-mail address, by name.
  virtual Result<std::vector<AlertRecipient>> recipients() = 0;
  // The e-mail address of `user`, nullopt when they have none (or there is no such user).
  virtual Result<std::optional<std::string>> email_of(const std::string& user) = 0;
  // Sets a user's e-mail address (empty: none). not_found for an unknown user; journalled.
  virtual Status set_email(const std::string& user, const std::string& email,
                           const Actor& actor) = 0;
  // The event keys someone acknowledged.
  virtual Result<std::set<std::string>> acknowledged() = 0;
  // The event keys acknowledged at or before `at` (the register as known then).
  virtual Result<std::set<std::string>> acknowledged_by(Instant at) = 0;
  // In one transaction (writers are serialised by the journal head, on every process): keeps
  // those of `claims` nobody has claimed for `user`, records them with one digest (journalled
  // as entity "alert_digest"), issues an acknowledgement token per event kept, and calls `send`
  // with what was kept and the tokens (event key → token). Commits when `send` succeeds; writes
  // nothing when it fails (the next run sends it again) or when nothing was kept (`send` is then
  // not called). Returns how many claims were kept and sent.
  virtual Result<std::size_t> deliver(
      const std::string& user, const std::vector<AlertClaim>& claims,
      const std::function<Status(const std::vector<AlertClaim>& kept,
                                 const std::map<std::string, std::string>& tokens)>& send) = 0;
  // Acknowledges the event `token` names (no further reminders of it to anyone): its key, or
  // nullopt for an unknown token. Journalled.
  virtual Result<std::optional<std::string>> acknowledge(const std::string& token) = 0;
  // Acknowledges the event `event_key` for the signed-in `actor` — the same record the link
  // writes, so nobody is reminded of it again. True when this call recorded it, false when it
  // was acknowledged already (nothing written). Journalled under the actor.
  virtual Result<bool> acknowledge_event(const std::string& event_key, const Actor& actor) = 0;
};

}  // namespace estate
