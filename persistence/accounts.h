// Accounts (domain/repository.h) on SQL: users with Argon2id password hashes (libsodium's
// crypto_pwhash_str at 2 passes over 19 MiB), sessions keyed by the SHA-256 of their secret,
// and per-name failure counts that lock a name after repeated wrong passwords. User changes
// are journalled; sessions and failures are bookkeeping, written outside the journal.
// Thread-safety: any thread; the database serialises what must be.
#pragma once

#include <memory>

#include "domain/repository.h"
#include "persistence/database.h"

namespace estate::persistence {

class SqlAccounts final : public Accounts {
 public:
  explicit SqlAccounts(std::shared_ptr<Database> db);

  Status create_user(const std::string& user, Role role, const std::string& password,
                     const Actor& actor) override;
  Status disable_user(const std::string& user, const Actor& actor) override;
  Status reset_password(const std::string& user, const std::string& password,
                        const Actor& actor) override;
  Result<SignInOutcome> sign_in(const std::string& user, const std::string& password,
                                const SessionPolicy& policy) override;
  Result<std::optional<SignedIn>> session(const std::string& secret,
                                          const SessionPolicy& policy) override;
  Status sign_out(const std::string& secret) override;
  Result<std::optional<Role>> role_of(const std::string& user) override;

 private:
  // Disables the user (no new hash) or sets a new hash and enables it; ends their sessions.
  Status change_user(const std::string& user, const Actor& actor, const char* action,
                     const std::optional<std::string>& new_hash);
  // Counts a failed sign-in for `user`; how long the name is now locked for, if it is.
  Result<std::optional<std::chrono::seconds>> record_failure(const std::string& user, Instant now,
                                                             const SessionPolicy& policy);
  std::shared_ptr<Database> db_;
};

}  // namespace estate::persistence
