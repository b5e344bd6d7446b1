#include "persistence/accounts.h"

#include <sodium.h>
#include <soci/soci.h>

#include <mutex>

#include "domain/validation.h"
#include "persistence/journal.h"
#include "persistence/sql_types.h"

namespace estate::persistence {

namespace {

// Argon2id at OWASP's recommended minimum for interactive sign-in: 2 passes over 19 MiB.
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19u << 20;

// Once per process; sodium_init may be called again, it is idempotent.
bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

Result<std::string> hash_password(const std::string& password) {
  if (!sodium_ready()) return Error::internal("libsodium did not initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), kOpsLimit, kMemLimit) != 0) {
    return Error::internal("not enough memory to hash a password");
  }
  return std::string(out);
}

bool password_matches(const std::string& hash, const std::string& password) {
  return sodium_ready() &&
         crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// A hash of a password nobody has, checked for unknown names so that a wrong name takes about
// as long as a wrong password.
const std::string& decoy_hash() {
  static const std::string hash = [] {
    auto h = hash_password("not a password anyone has: " + std::to_string(randombytes_random()));
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

nlohmann::json user_json(const std::string& user, const std::string& role, bool disabled) {
  return {{"user", user}, {"role", role}, {"disabled", disabled}};
}

}  // namespace

SqlAccounts::SqlAccounts(std::shared_ptr<Database> db) : db_(std::move(db)) {}

Status SqlAccounts::create_user(const std::string& user, Role role, const std::string& password,
                                const Actor& actor) {
  Validator v;
  v.text("user", user);
  v.merge(validate_password(password));
  if (Status s = v.finish("the user is not valid"); !s.ok()) return s;
  auto hash = hash_password(password);
  if (!hash.ok()) return hash.error();
  auto done = db_->write<bool>(actor.name, [&](WriteTransaction& tx) -> Result<bool> {
    int taken = 0;
    tx.session() << "SELECT COUNT(*) FROM users WHERE name = :n", soci::use(user),
        soci::into(taken);
    if (taken > 0) return Error::conflict("there is already a user " + user);
    const std::string role_name(to_string(role)), at = to_sql_instant(tx.at());
    tx.session() << "INSERT INTO users (name, role, password_hash, disabled, created_at, "
                    "updated_at) VALUES (:n, :r, :h, 0, :c, :u)",
        soci::use(user), soci::use(role_name), soci::use(*hash), soci::use(at), soci::use(at);
    long long id = 0;
    tx.session().get_last_insert_id("users", id);
    tx.journal("create", "user", id, nullptr, user_json(user, role_name, false));
    return true;
  });
  if (!done.ok()) return done.error();
  return {};
}

Status SqlAccounts::change_user(const std::string& user, const Actor& actor, const char* action,
                                const std::optional<std::string>& new_hash) {
  auto done = db_->write<bool>(actor.name, [&](WriteTransaction& tx) -> Result<bool> {
    std::int64_t id = 0;
    std::string role;
    int disabled = 0;
    tx.session() << "SELECT id, role, disabled FROM users WHERE name = :n", soci::use(user),
        soci::into(id), soci::into(role), soci::into(disabled);
    if (!tx.session().got_data()) return Error::not_found("there is no user " + user);
    const std::string at = to_sql_instant(tx.at());
    const int now_disabled = new_hash ? 0 : 1;
    if (new_hash) {
      tx.session() << "UPDATE users SET password_hash = :h, disabled = 0, updated_at = :u "
                      "WHERE id = :id",
          soci::use(*new_hash), soci::use(at), soci::use(id);
    } else {
      tx.session() << "UPDATE users SET disabled = 1, updated_at = :u WHERE id = :id",
          soci::use(at), soci::use(id);
    }
    tx.session() << "UPDATE sessions SET revoked_at = :a WHERE user_name = :n AND "
                    "revoked_at IS NULL",
        soci::use(at), soci::use(user);
    tx.journal(action, "user", id, user_json(user, role, disabled != 0),
               user_json(user, role, now_disabled != 0));
    return true;
  });
  if (!done.ok()) return done.error();
  return {};
}

Status SqlAccounts::disable_user(const std::string& user, const Actor& actor) {
  return change_user(user, actor, "disable", std::nullopt);
}

Status SqlAccounts::reset_password(const std::string& user, const std::string& password,
                                   const Actor& actor) {
  Validator v;
  v.merge(validate_password(password));
  if (Status s = v.finish("the password is not valid"); !s.ok()) return s;
  auto hash = hash_password(password);
  if (!hash.ok()) return hash.error();
  return change_user(user, actor, "reset-password", *hash);
}

Result<SignInOutcome> SqlAccounts::sign_in(const std::string& user, const std::string& password,
                                           const SessionPolicy& policy) {
  const Instant now = estate::now();
  // A locked name is refused before any password is checked.
  auto locked = db_->read<std::optional<std::chrono::seconds>>(
      [&](soci::session& s) -> Result<std::optional<std::chrono::seconds>> {
        std::string until;
        soci::indicator until_ind = soci::i_null;
        s << "SELECT locked_until FROM sign_in_failures WHERE name = :n", soci::use(user),
            soci::into(until, until_ind);
        if (!s.got_data() || until_ind != soci::i_ok) return std::optional<std::chrono::seconds>();
        const Instant end = from_sql_instant(until);
        if (!(now < end)) return std::optional<std::chrono::seconds>();
        return std::optional<std::chrono::seconds>(
            std::chrono::ceil<std::chrono::seconds>(end - now));
      });
  if (!locked.ok()) return locked.error();
  if (*locked) return SignInOutcome{std::nullopt, "", *locked};

  struct Found {
    std::string role, hash;
    bool disabled = false;
  };
  auto found = db_->read<std::optional<Found>>([&](soci::session& s) -> Result<std::optional<Found>> {
    Found f;
    int disabled = 0;
    s << "SELECT role, password_hash, disabled FROM users WHERE name = :n", soci::use(user),
        soci::into(f.role), soci::into(f.hash), soci::into(disabled);
    if (!s.got_data()) return std::optional<Found>();
    f.disabled = disabled != 0;
    return std::optional<Found>(f);
  });
  if (!found.ok()) return found.error();
  // The hash is checked for an unknown or disabled user too, against a decoy.
  const bool known = *found && !(*found)->disabled;
  const bool right = password_matches(known ? (*found)->hash : decoy_hash(), password) && known;
  if (!right) {
    auto lockout = record_failure(user, now, policy);
    if (!lockout.ok()) return lockout.error();
    return SignInOutcome{std::nullopt, "", *lockout};
  }

  SignedIn session{user, stored_enum<Role>((*found)->role, "users.role"), random_hex(32),
                   now + policy.absolute};
  const std::string secret = random_hex(32);
  Status opened = db_->with_session([&](soci::session& s) -> Status {
    const std::string hash = sha256_hex(secret), at = to_sql_instant(now),
                      expires = to_sql_instant(session.expires_at);
    soci::transaction tr(s);
    s << "DELETE FROM sign_in_failures WHERE name = :n", soci::use(user);
    s << "INSERT INTO sessions (token_hash, user_name, role, csrf_token, created_at, "
         "last_seen_at, expires_at) VALUES (:h, :u, :r, :c, :a, :l, :e)",
        soci::use(hash), soci::use(user), soci::use((*found)->role), soci::use(session.csrf_token),
        soci::use(at), soci::use(at), soci::use(expires);
    tr.commit();
    return {};
  });
  if (!opened.ok()) return opened.error();
  return SignInOutcome{session, secret, std::nullopt};
}

Result<std::optional<std::chrono::seconds>> SqlAccounts::record_failure(
    const std::string& user, Instant now, const SessionPolicy& policy) {
  std::optional<std::chrono::seconds> locked_for;
  Status s = db_->with_session([&](soci::session& s) -> Status {
    soci::transaction tr(s);
    int failures = 0;
    std::string first;
    s << "SELECT failures, first_at FROM sign_in_failures WHERE name = :n", soci::use(user),
        soci::into(failures), soci::into(first);
    const bool counting = s.got_data() && now - from_sql_instant(first) < policy.window;
    failures = counting ? failures + 1 : 1;
    const std::string first_at = counting ? first : to_sql_instant(now);
    std::string until = to_sql_instant(now + policy.lockout);
    soci::indicator until_ind = failures >= policy.max_failures ? soci::i_ok : soci::i_null;
    if (until_ind == soci::i_ok) locked_for = std::chrono::seconds(policy.lockout);
    s << "DELETE FROM sign_in_failures WHERE name = :n", soci::use(user);
    s << "INSERT INTO sign_in_failures (name, failures, first_at, locked_until) "
         "VALUES (:n, :f, :a, :u)",
        soci::use(user), soci::use(failures), soci::use(first_at), soci::use(until, until_ind);
    tr.commit();
    return {};
  });
  if (!s.ok()) return s.error();
  return locked_for;
}

Result<std::optional<SignedIn>> SqlAccounts::session(const std::string& secret,
                                                     const SessionPolicy& policy) {
  const Instant now = estate::now();
  const std::string hash = sha256_hex(secret);
  std::optional<SignedIn> out;
  Status s = db_->with_session([&](soci::session& s) -> Status {
    std::string user, role, csrf, last_seen, expires, revoked;
    soci::indicator revoked_ind = soci::i_null;
    s << "SELECT user_name, role, csrf_token, last_seen_at, expires_at, revoked_at FROM "
         "sessions WHERE token_hash = :h",
        soci::use(hash), soci::into(user), soci::into(role), soci::into(csrf),
        soci::into(last_seen), soci::into(expires), soci::into(revoked, revoked_ind);
    if (!s.got_data() || revoked_ind == soci::i_ok) return {};
    const Instant seen = from_sql_instant(last_seen), end = from_sql_instant(expires);
    if (!(now < end) || !(now - seen < policy.idle)) return {};
    // The idle clock moves at most once a minute, so most requests only read.
    if (now - seen >= std::chrono::minutes(1)) {
      const std::string at = to_sql_instant(now);
      s << "UPDATE sessions SET last_seen_at = :a WHERE token_hash = :h", soci::use(at),
          soci::use(hash);
    }
    out = SignedIn{user, stored_enum<Role>(role, "sessions.role"), csrf, end};
    return {};
  });
  if (!s.ok()) return s.error();
  return out;
}

Status SqlAccounts::sign_out(const std::string& secret) {
  const std::string hash = sha256_hex(secret), at = to_sql_instant(estate::now());
  return db_->with_session([&](soci::session& s) -> Status {
    s << "UPDATE sessions SET revoked_at = :a WHERE token_hash = :h AND revoked_at IS NULL",
        soci::use(at), soci::use(hash);
    return {};
  });
}

Result<std::optional<Role>> SqlAccounts::role_of(const std::string& user) {
  return db_->read<std::optional<Role>>([&](soci::session& s) -> Result<std::optional<Role>> {
    std::string role;
    s << "SELECT role FROM users WHERE name = :n AND disabled = 0", soci::use(user),
        soci::into(role);
    if (!s.got_data()) {
      s << "SELECT role FROM api_tokens WHERE user_name = :n AND revoked_at IS NULL "
           "ORDER BY id DESC LIMIT 1",
          soci::use(user), soci::into(role);
      if (!s.got_data()) return std::optional<Role>();
    }
    return parse_enum<Role>(role);
  });
}

}  // namespace estate::persistence
