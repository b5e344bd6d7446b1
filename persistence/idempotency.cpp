#include "persistence/idempotency.h"
#include "domain/result_macros.h"

#include <soci/soci.h>

namespace estate::persistence {

Result<StoredResponse> create_once(Database& db, const std::string& actor,
                                   const IdempotencyKey& key,
                                   const std::function<Result<StoredResponse>(UnitOfWork&)>& create) {
  return db.write<StoredResponse>(actor, [&](WriteTransaction& tx) -> Result<StoredResponse> {
    soci::session& s = tx.session();
    std::string horizon =
        format_instant_fixed(tx.at() - std::chrono::hours(24 * kIdempotencyKeyDays));
    s << "DELETE FROM idempotency_keys WHERE created_at < :horizon", soci::use(horizon);

    std::string hash, location, body;
    int status = 0;
    s << "SELECT request_hash, status, location, body FROM idempotency_keys "
         "WHERE scope = :scope AND idem_key = :k",
        soci::use(key.scope), soci::use(key.key), soci::into(hash), soci::into(status),
        soci::into(location), soci::into(body);
    if (s.got_data()) {
      if (hash != key.request_hash) {
        return Error::conflict("Idempotency-Key " + key.key +
                               " was already used for a different request");
      }
      return StoredResponse{status, location, nlohmann::json::parse(body), true};
    }
    ASSIGN_OR_RETURN(StoredResponse created, create(tx));
    std::string text = created.body.dump();
    std::string at = format_instant_fixed(tx.at());
    s << "INSERT INTO idempotency_keys (scope, idem_key, request_hash, status, location, body, "
         "created_at) VALUES (:scope, :k, :h, :st, :loc, :body, :at)",
        soci::use(key.scope), soci::use(key.key), soci::use(key.request_hash),
        soci::use(created.status), soci::use(created.location), soci::use(text), soci::use(at);
    return created;
  });
}

}  // namespace estate::persistence
