// AlertLedger (domain/alert.h) on SQL: users.email, and alert_digests (one row per message
// sent), alert_deliveries (one row per (event, lead time, user) ever sent, its primary key the
// guarantee of once), alert_tokens (acknowledgement links, kept as SHA-256) and alert_acks.
// Thread-safety: any thread; writers are serialised by the journal head.
#pragma once

#include <memory>

#include "domain/alert.h"
#include "persistence/database.h"

namespace estate::persistence {

class SqlAlertLedger final : public AlertLedger {
 public:
  explicit SqlAlertLedger(std::shared_ptr<Database> db) : db_(std::move(db)) {}
  Result<std::vector<AlertRecipient>> recipients() override;
  Result<std::optional<std::string>> email_of(const std::string& user) override;
  Status set_email(const std::string& user, const std::string& email, const Actor& actor) override;
  Result<std::set<std::string>> acknowledged() override;
  Result<std::set<std::string>> acknowledged_by(Instant at) override;
  Result<std::size_t> deliver(
      const std::string& user, const std::vector<AlertClaim>& claims,
      const std::function<Status(const std::vector<AlertClaim>& kept,
                                 const std::map<std::string, std::string>& tokens)>& send) override;
  Result<std::optional<std::string>> acknowledge(const std::string& token) override;
  Result<bool> acknowledge_event(const std::string& event_key, const Actor& actor) override;

 private:
  std::shared_ptr<Database> db_;
};

}  // namespace estate::persistence
