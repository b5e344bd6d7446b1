#include "persistence/accounts.h"
#include "domain/result_macros.h"

#include <sodium.h>
#include <soci/soci.h>

#include <atomic>
#include <mutex>

#include "domain/unicode_text.h"
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

std::atomic<std::uint64_t> g_password_checks{0};

bool checked_password(const std::string& hash, const std::string& password) {
  g_password_checks.fetch_add(1, std::memory_order_relaxed);
  return password_matches(hash, password);
}

// The stored name of the user whose name normalises to `name` (itself normalised): the row
// of that name, or one made before names were normalised that means the same; nullopt.
std::optional<std::string> stored_name(soci::session& s, const std::string& name) {
  int exact = 0;
  s << "SELECT COUNT(*) FROM users WHERE name = :n", soci::use(name), soci::into(exact);
  if (exact > 0) return name;
  soci::rowset<std::string> names = (s.prepare << "SELECT name FROM users");
  for (const std::string& existing : names) {
    auto same = normalise_user_name(existing);
    if (same.ok() && *same == name) return existing;
  }
  return std::nullopt;
}

// The key failed sign-ins are counted under: a SHA-256 of the name as it normalises (or as
// sent, if it does not), so a name of any length takes 64 characters and means one person.
std::string failure_key(const std::string& user) {
  auto name = normalise_user_name(user);
  return sha256_hex("sign-in:" + (name.ok() ? *name : user));
}

}  // namespace

std::uint64_t password_checks() { return g_password_checks.load(std::memory_order_relaxed); }

SqlAccounts::SqlAccounts(std::shared_ptr<Database> db) : db_(std::move(db)) {}

Status SqlAccounts::create_user(const std::string& user, Role role, const std::string& password,
                                const Actor& actor) {
  Validator v;
  auto name = normalise_user_name(user);
  if (!name.ok()) v.merge(name.error().fields);
  v.merge(validate_password(password));
  RETURN_IF_ERROR(v.finish(MessageCode::user_invalid));
  ASSIGN_OR_RETURN(std::string hash, hash_password(password));
  auto done = db_->write<bool>(actor.name, [&](WriteTransaction& tx) -> Result<bool> {
    // Names are compared as they normalise: "Alice", "alice " and "ａｌｉｃｅ" are one name.
    if (auto taken = stored_name(tx.session(), *name)) {
      return Error{ErrorKind::conflict,
                   "there is already a user " + *taken,
                   {{"user", "is the name of the user " + *taken + " (names are compared "
                             "without case, width or invisible characters)"}}};
    }
    const std::string role_name(to_string(role)), at = to_sql_instant(tx.at());
    tx.session() << "INSERT INTO users (name, role, password_hash, disabled, created_at, "
                    "updated_at) VALUES (:n, :r, :h, 0, :c, :u)",
        soci::use(*name), soci::use(role_name), soci::use(hash), soci::use(at), soci::use(at);
    long long id = 0;
    tx.session().get_last_insert_id("users", id);
    tx.journal("create", "user", id, nullptr, user_json(*name, role_name, false));
    return true;
  });
  RETURN_IF_ERROR(done);
  return {};
}

Status SqlAccounts::change_user(const std::string& user, const Actor& actor, const char* action,
                                const std::optional<std::string>& new_hash) {
  auto name = normalise_user_name(user);
  if (!name.ok()) return Error::not_found({MessageCode::no_such_user, {user}});
  auto done = db_->write<bool>(actor.name, [&](WriteTransaction& tx) -> Result<bool> {
    const auto stored = stored_name(tx.session(), *name);
    if (!stored) return Error::not_found({MessageCode::no_such_user, {user}});
    const std::string& user = *stored;
    std::int64_t id = 0;
    std::string role;
    int disabled = 0;
    tx.session() << "SELECT id, role, disabled FROM users WHERE name = :n", soci::use(user),
        soci::into(id), soci::into(role), soci::into(disabled);
    if (!tx.session().got_data()) return Error::not_found({MessageCode::no_such_user, {user}});
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
    if (!new_hash) revoke_calendar_feeds(tx, user);  // a disabled user's feeds end with them
    tx.journal(action, "user", id, user_json(user, role, disabled != 0),
               user_json(user, role, now_disabled != 0));
    return true;
  });
  RETURN_IF_ERROR(done);
  return {};
}

Status SqlAccounts::disable_user(const std::string& user, const Actor& actor) {
  return change_user(user, actor, "disable", std::nullopt);
}

Status SqlAccounts::reset_password(const std::string& user, const std::string& password,
                                   const Actor& actor) {
  Validator v;
  v.merge(validate_password(password));
  RETURN_IF_ERROR(v.finish(MessageCode::password_invalid));
  ASSIGN_OR_RETURN(const std::string hash, hash_password(password));
  return change_user(user, actor, "reset-password", hash);
}

Result<SignInOutcome> SqlAccounts::sign_in(const std::string& user, const std::string& password,
                                           const SessionPolicy& policy) {
  const Instant now = estate::now();
  const std::string key = failure_key(user);
  // An attempt is counted before its password is checked, so parallel attempts cannot
  // overtake the lock: a locked name, or one with max_failures attempts counted, is refused
  // unchecked.
  ASSIGN_OR_RETURN(const auto attempt, count_attempt(key, now, policy));
  if (attempt) return SignInOutcome{std::nullopt, "", attempt};

  struct Found {
    std::string name, role, hash;
    bool disabled = false;
  };
  const auto name = normalise_user_name(user);
  auto found = db_->read<std::optional<Found>>([&](soci::session& s) -> Result<std::optional<Found>> {
    if (!name.ok()) return std::optional<Found>();
    const auto stored = stored_name(s, *name);
    if (!stored) return std::optional<Found>();
    Found f;
    f.name = *stored;
    int disabled = 0;
    s << "SELECT role, password_hash, disabled FROM users WHERE name = :n", soci::use(f.name),
        soci::into(f.role), soci::into(f.hash), soci::into(disabled);
    if (!s.got_data()) return std::optional<Found>();
    f.disabled = disabled != 0;
    return std::optional<Found>(f);
  });
  RETURN_IF_ERROR(found);
  // The hash is checked for an unknown or disabled user too, against a decoy.
  const bool known = *found && !(*found)->disabled;
  const bool right = checked_password(known ? (*found)->hash : decoy_hash(), password) && known;
  if (!right) {
    ASSIGN_OR_RETURN(const auto lockout, conclude_failure(key, now, policy));
    return SignInOutcome{std::nullopt, "", lockout};
  }

  SignedIn session{(*found)->name, stored_enum<Role>((*found)->role, "users.role"),
                   random_hex(32), now + policy.absolute};
  const std::string secret = random_hex(32);
  Status opened = db_->with_session([&](soci::session& s) -> Status {
    const std::string hash = sha256_hex(secret), at = to_sql_instant(now),
                      expires = to_sql_instant(session.expires_at);
    soci::transaction tr(s);
    s << "DELETE FROM sign_in_failures WHERE name = :n", soci::use(key);
    s << "INSERT INTO sessions (token_hash, user_name, role, csrf_token, created_at, "
         "last_seen_at, expires_at) VALUES (:h, :u, :r, :c, :a, :l, :e)",
        soci::use(hash), soci::use(session.user), soci::use((*found)->role),
        soci::use(session.csrf_token), soci::use(at), soci::use(at), soci::use(expires);
    tr.commit();
    return {};
  });
  RETURN_IF_ERROR(opened);
  return SignInOutcome{session, secret, std::nullopt};
}

Result<std::optional<std::chrono::seconds>> SqlAccounts::count_attempt(
    const std::string& key, Instant now, const SessionPolicy& policy) {
  using Locked = std::optional<std::chrono::seconds>;
  const std::string at = to_sql_instant(now), window_start = to_sql_instant(now - policy.window);
  const int max = policy.max_failures;
  Locked locked;
  Status s = db_->with_session([&](soci::session& s) -> Status {
    // Counts older than the window and locks that have ended are forgotten, for every name:
    // the table holds only what can still lock someone out.
    s << "DELETE FROM sign_in_failures WHERE (locked_until IS NULL AND first_at < :w) OR "
         "locked_until <= :a",
        soci::use(window_start), soci::use(at);
    for (int tries = 0; tries < 8; ++tries) {
      // One statement each, so attempts in parallel are counted one by one.
      soci::statement counted = (s.prepare << "UPDATE sign_in_failures SET failures = failures + 1 "
                                              "WHERE name = :n AND failures < :m",
                                 soci::use(key), soci::use(max));
      counted.execute(true);
      if (counted.get_affected_rows() > 0) return {};
      std::string until;
      soci::indicator until_ind = soci::i_null;
      int failures = 0;
      s << "SELECT failures, locked_until FROM sign_in_failures WHERE name = :n", soci::use(key),
          soci::into(failures), soci::into(until, until_ind);
      if (s.got_data()) {
        // max_failures attempts counted: locked, or about to be by those being checked.
        const Instant end = until_ind == soci::i_ok ? from_sql_instant(until) : now + policy.lockout;
        locked = std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(end - now));
        return {};
      }
      try {
        s << "INSERT INTO sign_in_failures (name, failures, first_at, locked_until) "
             "VALUES (:n, 1, :a, NULL)",
            soci::use(key), soci::use(at);
        return {};
      } catch (const soci::soci_error&) {
        // Another attempt made the row first: count this one on it.
      }
    }
    return Error::unavailable("sign-in attempts for this name could not be counted; retry");
  });
  RETURN_IF_ERROR(s);
  return locked;
}

Result<std::optional<std::chrono::seconds>> SqlAccounts::conclude_failure(
    const std::string& key, Instant now, const SessionPolicy& policy) {
  std::optional<std::chrono::seconds> locked_for;
  Status s = db_->with_session([&](soci::session& s) -> Status {
    int failures = 0;
    s << "SELECT failures FROM sign_in_failures WHERE name = :n", soci::use(key),
        soci::into(failures);
    if (!s.got_data() || failures < policy.max_failures) return {};
    const std::string until = to_sql_instant(now + policy.lockout);
    s << "UPDATE sign_in_failures SET locked_until = :u WHERE name = :n AND locked_until IS NULL",
        soci::use(until), soci::use(key);
    locked_for = std::chrono::seconds(policy.lockout);
    return {};
  });
  RETURN_IF_ERROR(s);
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
  RETURN_IF_ERROR(s);
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
