// Accounts (domain/repository.h) on SQL: users with Argon2id password hashes (libsodium's
// crypto_pwhash_str at 2 passes over 19 MiB), sessions keyed by the SHA-256 of their secret,
// and per-name failure counts that lock a name after repeated wrong passwords. User names are
// stored and compared as they normalise (domain/unicode_text.h); failures are counted under a
// SHA-256 of the normalised name, each attempt before its password is checked, so at most
// max_failures passwords are checked per window however many arrive at once, and counts are
// purged once they can no longer lock anyone out. User changes
// are journalled; sessions and failures are bookkeeping, written outside the journal.
// Thread-safety: any thread; the database serialises what must be.
#pragma once

#include <memory>

#include "domain/repository.h"
#include "persistence/database.h"

namespace estate::persistence {

// Passwords checked against a hash (Argon2id) by this process, ever (for /metrics and tests).
std::uint64_t password_checks();

// Revokes every live calendar feed of `user` as part of `tx`, each journalled; how many were
// live. A user's feeds end when the user is disabled or their tokens are revoked.
int revoke_calendar_feeds(WriteTransaction& tx, const std::string& user);

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
  // Counts a sign-in attempt under `key` (failure_key) before its password is checked; how
  // long the name is locked for when it may not be checked at all.
  Result<std::optional<std::chrono::seconds>> count_attempt(const std::string& key, Instant now,
                                                            const SessionPolicy& policy);
  // After a wrong password: locks the name once max_failures attempts are counted; for how
  // long, if it is locked.
  Result<std::optional<std::chrono::seconds>> conclude_failure(const std::string& key,
                                                               Instant now,
                                                               const SessionPolicy& policy);
  std::shared_ptr<Database> db_;
};

}  // namespace estate::persistence
