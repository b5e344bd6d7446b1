#include "persistence/alerts.h"
#include "domain/result_macros.h"

#include <soci/soci.h>

#include "persistence/journal.h"
#include "persistence/sql_types.h"

namespace estate::persistence {

Result<std::vector<AlertRecipient>> SqlAlertLedger::recipients() {
  return db_->read<std::vector<AlertRecipient>>(
      [](soci::session& s) -> Result<std::vector<AlertRecipient>> {
        std::vector<AlertRecipient> out;
        soci::rowset<soci::row> rows =
            (s.prepare << "SELECT name, role, email FROM users WHERE disabled = 0 AND email IS "
                          "NOT NULL AND email <> '' ORDER BY name");
        for (const soci::row& r : rows) {
          out.push_back({r.get<std::string>(0), stored_enum<Role>(r.get<std::string>(1), "users.role"),
                         r.get<std::string>(2)});
        }
        return out;
      });
}

Result<std::optional<std::string>> SqlAlertLedger::email_of(const std::string& user) {
  return db_->read<std::optional<std::string>>(
      [&](soci::session& s) -> Result<std::optional<std::string>> {
        std::string email;
        soci::indicator ind = soci::i_null;
        s << "SELECT email FROM users WHERE name = :n", soci::use(user), soci::into(email, ind);
        if (!s.got_data() || ind == soci::i_null || email.empty()) return std::optional<std::string>();
        return std::optional<std::string>(email);
      });
}

Status SqlAlertLedger::set_email(const std::string& user, const std::string& email,
                                 const Actor& actor) {
  if (!email.empty()) {
    if (Status valid = validate_email(email); !valid.ok()) return valid;
  }
  auto done = db_->write<bool>(actor.name, [&](WriteTransaction& tx) -> Result<bool> {
    std::int64_t id = 0;
    std::string before;
    soci::indicator before_ind = soci::i_null;
    tx.session() << "SELECT id, email FROM users WHERE name = :n", soci::use(user), soci::into(id),
        soci::into(before, before_ind);
    if (!tx.session().got_data()) return Error::not_found("there is no user " + user);
    soci::indicator ind = email.empty() ? soci::i_null : soci::i_ok;
    const std::string at = to_sql_instant(tx.at());
    tx.session() << "UPDATE users SET email = :e, updated_at = :u WHERE id = :id",
        soci::use(email, ind), soci::use(at), soci::use(id);
    auto shown = [&](const std::string& e, bool none) {
      return nlohmann::json{{"name", user}, {"email", none ? nlohmann::json() : nlohmann::json(e)}};
    };
    tx.journal("update", "user", id, shown(before, before_ind == soci::i_null), shown(email, email.empty()));
    return true;
  });
  RETURN_IF_ERROR(done);
  return {};
}

Result<std::set<std::string>> SqlAlertLedger::acknowledged() {
  return db_->read<std::set<std::string>>([](soci::session& s) -> Result<std::set<std::string>> {
    std::set<std::string> out;
    soci::rowset<std::string> rows = (s.prepare << "SELECT event_key FROM alert_acks");
    for (const std::string& k : rows) out.insert(k);
    return out;
  });
}

Result<std::set<std::string>> SqlAlertLedger::acknowledged_by(Instant at) {
  const std::string until = to_sql_instant(at);
  return db_->read<std::set<std::string>>([&](soci::session& s) -> Result<std::set<std::string>> {
    std::set<std::string> out;
    soci::rowset<std::string> rows =
        (s.prepare << "SELECT event_key FROM alert_acks WHERE acknowledged_at <= :a", soci::use(until));
    for (const std::string& k : rows) out.insert(k);
    return out;
  });
}

Result<std::size_t> SqlAlertLedger::deliver(
    const std::string& user, const std::vector<AlertClaim>& claims,
    const std::function<Status(const std::vector<AlertClaim>& kept,
                               const std::map<std::string, std::string>& tokens)>& send) {
  bool nothing = false;
  auto sent = db_->write<std::size_t>("alerts", [&](WriteTransaction& tx) -> Result<std::size_t> {
    nothing = false;
    soci::session& s = tx.session();
    std::vector<AlertClaim> kept;
    for (const AlertClaim& c : claims) {
      int taken = 0;
      s << "SELECT COUNT(*) FROM alert_deliveries WHERE event_key = :e AND lead_days = :l AND "
           "user_name = :u",
          soci::use(c.event_key), soci::use(c.lead_days), soci::use(user), soci::into(taken);
      if (taken == 0) kept.push_back(c);
    }
    if (kept.empty()) {
      nothing = true;
      return Error::conflict("nothing to send");  // rolls back the empty transaction
    }
    const std::string at = to_sql_instant(tx.at());
    nlohmann::json items = nlohmann::json::array();
    for (const AlertClaim& c : kept) items.push_back({{"event", c.event_key}, {"lead_days", c.lead_days}});
    const std::string items_text = items.dump();
    s << "INSERT INTO alert_digests (user_name, sent_at, items) VALUES (:u, :a, :i)", soci::use(user),
        soci::use(at), soci::use(items_text);
    long long digest = 0;
    s.get_last_insert_id("alert_digests", digest);
    std::map<std::string, std::string> tokens;
    for (const AlertClaim& c : kept) {
      std::int64_t id = digest;
      s << "INSERT INTO alert_deliveries (event_key, lead_days, user_name, digest_id) VALUES "
           "(:e, :l, :u, :d)",
          soci::use(c.event_key), soci::use(c.lead_days), soci::use(user), soci::use(id);
      if (tokens.count(c.event_key)) continue;
      std::string token;
      try {
        token = random_hex(32);
      } catch (const std::exception& e) {
        return Error::internal(e.what());
      }
      const std::string hash = sha256_hex(token);
      s << "INSERT INTO alert_tokens (token_hash, event_key) VALUES (:h, :e)", soci::use(hash),
          soci::use(c.event_key);
      tokens[c.event_key] = token;
    }
    tx.journal("create", "alert_digest", digest, nullptr,
               {{"id", digest}, {"user", user}, {"sent_at", format_instant(tx.at())}, {"items", items}});
    // Sent while the claim is held: a second process waits at the journal head and then finds
    // these rows. If the commit after a successful send fails, the next run sends again (at
    // least once); a failed send leaves nothing claimed.
    if (Status s2 = send(kept, tokens); !s2.ok()) return s2.error();
    return kept.size();
  });
  if (!sent.ok() && nothing) return std::size_t{0};
  return sent;
}

namespace {

// Records `key` as acknowledged in `tx` unless it is already: true when this recorded it.
bool record_ack(WriteTransaction& tx, const std::string& key) {
  soci::session& s = tx.session();
  int done = 0;
  s << "SELECT COUNT(*) FROM alert_acks WHERE event_key = :e", soci::use(key), soci::into(done);
  if (done > 0) return false;
  const std::string at = to_sql_instant(tx.at());
  s << "INSERT INTO alert_acks (event_key, acknowledged_at) VALUES (:e, :a)", soci::use(key),
      soci::use(at);
  tx.journal("create", "alert_ack", 0, nullptr,
             {{"event", key}, {"acknowledged_at", format_instant(tx.at())}});
  return true;
}

}  // namespace

Result<std::optional<std::string>> SqlAlertLedger::acknowledge(const std::string& token) {
  const std::string hash = sha256_hex(token);
  return db_->write<std::optional<std::string>>(
      "alert-link", [&](WriteTransaction& tx) -> Result<std::optional<std::string>> {
        soci::session& s = tx.session();
        std::string key;
        s << "SELECT event_key FROM alert_tokens WHERE token_hash = :h", soci::use(hash), soci::into(key);
        if (!s.got_data()) return std::optional<std::string>();
        record_ack(tx, key);
        return std::optional<std::string>(key);
      });
}

Result<bool> SqlAlertLedger::acknowledge_event(const std::string& event_key, const Actor& actor) {
  return db_->write<bool>(actor.name, [&](WriteTransaction& tx) -> Result<bool> {
    return record_ack(tx, event_key);
  });
}

}  // namespace estate::persistence
