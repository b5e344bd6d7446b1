// Repository ports: how the rest of the service stores and finds register records. The domain
// declares them; persistence/ implements them for SQLite and MariaDB. Every write is one
// transaction that also appends its journal entry, so a record never changes without a trace.
// Thread-safety: implementations may be called from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/acquisition.h"
#include "domain/budget.h"
#include "domain/document.h"
#include "domain/enums.h"
#include "domain/fx_rate.h"
#include "domain/ids.h"
#include "domain/lease.h"
#include "domain/mission.h"
#include "domain/property.h"
#include "domain/report_issue.h"
#include "domain/result.h"

namespace estate {

// Who makes a change; the journal records the name.
struct Actor {
  Actor() = default;
  explicit Actor(std::string name_, std::string via_ = {})
      : name(std::move(name_)), via(std::move(via_)) {}
  std::string name;
  // What the change came through when it was not a single API call, journalled with each
  // entry, e.g. "import 3f9c…" for a bulk import; empty otherwise.
  std::string via;
};

// One open transaction. Every write made with it commits or rolls back with the others, each
// journalled under its actor at one instant. It is handed explicitly to the repository calls
// that take part in it; nothing joins a transaction implicitly.
class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual const std::string& actor() const = 0;
  // Journals every following entry with actor `maker` and approved_by `checker`: the changes
  // an approved change request applies (app/four_eyes.h).
  virtual void journal_approved(const std::string& maker, const std::string& checker) = 0;
};

// Runs work in one transaction: commits when it succeeds, rolls back when it fails or
// throws. A transaction the database aborts (deadlock, lock wait, certification) runs again
// whole, so `work` must not act outside the database. A write cannot start inside another
// on the same thread: pass the UnitOfWork instead (internal error otherwise).
class Transactions {
 public:
  virtual ~Transactions() = default;
  virtual Status run(const Actor& actor, const std::function<Status(UnitOfWork&)>& work) = 0;

  // The same for work that produces a value.
  template <class T>
  Result<T> run_for(const Actor& actor, const std::function<Result<T>(UnitOfWork&)>& work) {
    std::optional<T> out;
    Status s = run(actor, [&](UnitOfWork& w) -> Status {
      auto r = work(w);
      if (!r.ok()) return r.error();
      out = std::move(*r);
      return {};
    });
    if (!s.ok()) return s.error();
    return std::move(*out);
  }
};

// Keyset pagination in id order: items with id > after_id, at most `limit` of them.
struct PageRequest {
  std::size_t limit = 50;
  std::int64_t after_id = 0;
};

template <class T>
struct Page {
  std::vector<T> items;
  // The id to continue after, or nullopt when this page is the last.
  std::optional<std::int64_t> next_after_id;
};

struct MissionFilter {
  std::optional<Region> region;
  std::optional<std::string> code;
};

struct PropertyFilter {
  std::optional<MissionId> mission_id;
  std::optional<Region> region;  // of the property's mission; domestic includes mission-less
  std::optional<PropertyKind> kind;
  std::optional<PropertyStatus> status;
  std::optional<std::string> code;
};

struct LeaseFilter {
  std::optional<PropertyId> property_id;
  std::optional<MissionId> mission_id;
};

struct AcquisitionFilter {
  std::optional<PropertyId> property_id;
  std::optional<AcquisitionStage> stage;
  std::optional<std::string> code;
};

struct FxRateFilter {
  std::optional<Currency> currency;
};

struct BudgetLineFilter {
  std::optional<std::string> code;
};

struct AppropriationFilter {
  std::optional<BudgetLineId> budget_line_id;
  std::optional<FiscalYear> fiscal_year;
};

// Expenditures and commitments: by what they are charged to, and dated (expenditures `on`,
// commitments `signed_on`) from `from` through `to`, inclusive.
struct SpendingFilter {
  std::optional<BudgetLineId> budget_line_id;
  std::optional<ProjectId> project_id;
  std::optional<AcquisitionId> acquisition_id;
  std::optional<Date> from, to;
};

struct ProjectFilter {
  std::optional<std::string> code;
};

struct ProgressFilter {
  std::optional<ProjectId> project_id;
};

template <class Entity, class EntityId, class Filter>
class Repository {
 public:
  virtual ~Repository() = default;

  // Stores a new record: assigns its id, version 1, created_at = updated_at = the write's
  // instant, and journals "create". Errors: invalid when a referenced record does not exist
  // (field named), conflict when the code is taken, unavailable when the database is down.
  virtual Result<Entity> create(const Entity& draft, const Actor& actor) = 0;

  // Replaces record `changed.id` if its stored version is `expected_version`; version + 1,
  // journals `action` ("update", or a named state change such as "stage") with before and
  // after. Errors: not_found, stale (someone changed it first), invalid, conflict as for create.
  virtual Result<Entity> update(const Entity& changed, std::int64_t expected_version,
                                const Actor& actor, const std::string& action) = 0;
  Result<Entity> update(const Entity& changed, std::int64_t expected_version, const Actor& actor) {
    return update(changed, expected_version, actor, "update");
  }

  // Deletes the record if its version is `expected_version`; journals "delete". Errors:
  // not_found, stale, conflict when other records depend on it.
  virtual Status remove(EntityId id, std::int64_t expected_version, const Actor& actor) = 0;

  // The record, or not_found.
  virtual Result<Entity> get(EntityId id) = 0;

  // The same four inside a unit of work: reads see its writes, and every write commits or
  // rolls back with it, journalled under its actor.
  virtual Result<Entity> create(UnitOfWork& work, const Entity& draft) = 0;
  virtual Result<Entity> update(UnitOfWork& work, const Entity& changed,
                                std::int64_t expected_version, const std::string& action) = 0;
  Result<Entity> update(UnitOfWork& work, const Entity& changed, std::int64_t expected_version) {
    return update(work, changed, expected_version, "update");
  }
  virtual Status remove(UnitOfWork& work, EntityId id, std::int64_t expected_version) = 0;
  virtual Result<Entity> get(UnitOfWork& work, EntityId id) = 0;

  // The records with these ids, in id order, in one read; not_found naming the first id that
  // names none.
  virtual Result<std::vector<Entity>> get_many(const std::vector<EntityId>& ids) = 0;

  // Records matching `filter`, in id order, one page at a time.
  virtual Result<Page<Entity>> list(const Filter& filter, const PageRequest& page) = 0;
  // Every record matching `filter`, in id order, read a thousand at a time (for reports and
  // feeds that need them all).
  Result<std::vector<Entity>> list_all(const Filter& filter = {}) {
    std::vector<Entity> out;
    for (PageRequest page{1000, 0};;) {
      auto found = list(filter, page);
      if (!found.ok()) return found.error();
      for (Entity& e : found->items) out.push_back(std::move(e));
      if (!found->next_after_id) return out;
      page.after_id = *found->next_after_id;
    }
  }

  // How many records there are (used to tell an empty register from a seeded one).
  virtual Result<std::int64_t> count() = 0;
};

using MissionRepository = Repository<Mission, MissionId, MissionFilter>;
using PropertyRepository = Repository<Property, PropertyId, PropertyFilter>;
using LeaseRepository = Repository<Lease, LeaseId, LeaseFilter>;
using AcquisitionRepository = Repository<Acquisition, AcquisitionId, AcquisitionFilter>;
using FxRateRepository = Repository<FxRate, FxRateId, FxRateFilter>;
using BudgetLineRepository = Repository<BudgetLine, BudgetLineId, BudgetLineFilter>;
using AppropriationRepository = Repository<Appropriation, AppropriationId, AppropriationFilter>;
using ExpenditureRepository = Repository<Expenditure, ExpenditureId, SpendingFilter>;
using CommitmentRepository = Repository<Commitment, CommitmentId, SpendingFilter>;
using ProjectRepository = Repository<Project, ProjectId, ProjectFilter>;
using ProgressRepository = Repository<ProgressReport, ProgressId, ProgressFilter>;

// An issued access token, as the service sees it after authenticating the bearer.
struct AccessToken {
  std::string user;
  Role role = Role::auditor;
};

// Access tokens: random 256-bit secrets, shown once at creation, stored only as hashes.
// Sums of spending computed where the rows are, so that a report over a year's expenditures
// reads one row per budget line rather than every expenditure.
class SpendingTotals {
 public:
  virtual ~SpendingTotals() = default;
  // Σ amount of the expenditures matching `filter`, in TWD, by budget line id; lines with
  // none are absent. A sum beyond what Money holds is an error, never a wrapped figure.
  virtual Result<std::map<std::int64_t, Money>> expended_by_line(const SpendingFilter& filter) = 0;
};

// How long a token verified live may be trusted without asking the database again.
inline constexpr std::chrono::milliseconds kTokenCacheTtl{1000};

class TokenRepository {
 public:
  virtual ~TokenRepository() = default;
  // A new token for `user` with `role`; returns the secret (64 hex characters). Journalled
  // as entity "token" without the secret or its hash.
  virtual Result<std::string> issue(const std::string& user, Role role, const Actor& actor) = 0;
  // Revokes every live token of `user`, and their calendar feeds with them; returns how many
  // tokens. Journalled.
  virtual Result<int> revoke(const std::string& user, const Actor& actor) = 0;
  // The holder of `secret` if it is a live token, nullopt if unknown or revoked. A token seen
  // live may be remembered for up to one second (kTokenCacheTtl): a revocation, also by
  // another process, takes effect everywhere within that second.
  virtual Result<std::optional<AccessToken>> authenticate(const std::string& secret) = 0;
};

// Calendar feeds: per user, read-only addresses of the lease events whose secret is the
// credential (calendar programs send no headers), stored as its SHA-256 only.
class CalendarFeeds {
 public:
  virtual ~CalendarFeeds() = default;
  // A new feed for `user`; returns its secret (64 hex characters). Journalled as entity
  // "calendar_feed" without the secret or its hash.
  virtual Result<std::string> create(const std::string& user, const Actor& actor) = 0;
  // Revokes every live feed of `user`; returns how many. Journalled.
  virtual Result<int> revoke(const std::string& user, const Actor& actor) = 0;
  // The user whose live feed `secret` is, nullopt if unknown or revoked.
  virtual Result<std::optional<std::string>> owner(const std::string& secret) = 0;
};

// Documents filed on records (property, lease, acquisition, project), with their bytes. Each
// filing and withdrawal is journalled (entity "document") with the document's SHA-256, which
// the journal's verification recomputes from the stored bytes.
class Documents {
 public:
  virtual ~Documents() = default;
  // Files `bytes` on (draft.entity, draft.entity_id), which must exist (not_found otherwise);
  // `draft` gives the name, kind and content type, the rest is set here.
  virtual Result<Document> file(const Document& draft, const std::string& bytes,
                                const Actor& actor) = 0;
  // The documents of one record, oldest first, withdrawn ones included.
  virtual Result<std::vector<Document>> list(const std::string& entity, std::int64_t entity_id) = 0;
  virtual Result<Document> get(std::int64_t id) = 0;
  virtual Result<std::string> content(std::int64_t id) = 0;
  // Withdraws a filed document seen at `expected_version`: stale when it has changed since,
  // conflict when it is already withdrawn. The bytes are kept.
  virtual Result<Document> withdraw(std::int64_t id, std::int64_t expected_version,
                                    const Actor& actor) = 0;
};

// Issued reports (domain/report_issue.h) with their bytes. Each issue is journalled (entity
// "report_issue") with its SHA-256, which the journal's verification recomputes from the
// stored bytes.
class ReportIssues {
 public:
  virtual ~ReportIssues() = default;
  // Stores `bytes` as issued: `draft` gives report, params, format, title, known_at and
  // content type; id, sha256, bytes, issued_by and issued_at are set here.
  virtual Result<ReportIssue> issue(const ReportIssue& draft, const std::string& bytes,
                                    const Actor& actor) = 0;
  // Issues with id > after_id, oldest first, at most page.limit of them.
  virtual Result<Page<ReportIssue>> list(const PageRequest& page) = 0;
  virtual Result<ReportIssue> get(std::int64_t id) = 0;
  // The bytes exactly as issued; internal when they are damaged.
  virtual Result<std::string> content(std::int64_t id) = 0;
  // The first issue whose bytes have this SHA-256, if any.
  virtual Result<std::optional<ReportIssue>> find_by_sha256(const std::string& sha256) = 0;
};

// History, reconstructed from the journal: a record as it stood at an instant, in its API
// JSON form (the journal keeps records that way, so a record's past shape is kept with it).
class History {
 public:
  virtual ~History() = default;
  // The record (entity, id) at `at`: its JSON, or nullopt when it did not exist yet or had
  // been deleted.
  virtual Result<std::optional<nlohmann::json>> record_as_of(const std::string& entity,
                                                             std::int64_t id, Instant at) = 0;
  // Every record of `entity` that existed at `at`, in id order.
  virtual Result<std::vector<nlohmann::json>> records_as_of(const std::string& entity,
                                                            Instant at) = 0;
};

// What a keyed create answered the first time.
struct StoredResponse {
  int status = 201;
  std::string location;
  nlohmann::json body;
  bool replayed = false;  // true when this is the stored answer to an earlier request
};

struct IdempotencyKey {
  std::string scope;         // who is asking, e.g. the token's user
  std::string key;           // the client's Idempotency-Key
  std::string request_hash;  // SHA-256 of method, path and body
};

inline constexpr int kIdempotencyKeyDays = 7;

// Idempotent creation: a client that retries a create with the same key gets the first
// response again instead of a second record. The key, the request's hash and the response are
// stored in the unit of work of the record they describe, so a crash never leaves one
// without the other. Keys are scoped per caller and kept for kIdempotencyKeyDays.
class IdempotentCreates {
 public:
  virtual ~IdempotentCreates() = default;
  // Runs `create` once per (scope, key) in one unit of work and stores its response. Again
  // with the same key and request_hash: the stored response, replayed = true; with another
  // request_hash: conflict. Errors from `create` store nothing (the client may fix the
  // request and retry with the same key).
  virtual Result<StoredResponse> once(
      const Actor& actor, const IdempotencyKey& key,
      const std::function<Result<StoredResponse>(UnitOfWork&)>& create) = 0;
};

// ---- the journal ----

// One change, as the journal keeps it (persistence/journal.h says how it is chained).
struct JournalEntry {
  std::int64_t seq = 0;
  std::string at;  // RFC 3339 UTC, fixed width
  std::string actor;
  std::string via;     // e.g. "import <id>"; empty for a single API call (Actor::via)
  std::string approved_by;  // the checker of an approved change request; empty otherwise
  std::string action;  // create | update | delete | stage | ...
  std::string entity;  // mission | property | lease | token | ...
  std::int64_t entity_id = 0;
  nlohmann::json before;  // null for create
  nlohmann::json after;   // null for delete
  std::string prev_hash;
  std::string hash;
};

// What verifying the chain found.
struct JournalVerification {
  bool ok = true;
  std::int64_t entries = 0;
  std::string head;  // hash of the last entry (kGenesisHash when empty)
  std::optional<std::int64_t> first_bad_seq;
  std::string problem;  // what is wrong at first_bad_seq, for the operator
};

// Which journal entries to list; every set field narrows the result. `from` and `to` are
// inclusive instants.
struct JournalQuery {
  std::optional<std::string> entity;
  std::optional<std::int64_t> entity_id;
  std::optional<std::string> actor;
  std::optional<Instant> from;
  std::optional<Instant> to;
  // Oldest first (seq ascending, the cursor a lower bound) unless newest_first (descending,
  // the cursor an upper bound); 0 is no cursor.
  std::int64_t after_seq = 0;
  bool newest_first = false;
  std::size_t limit = 50;
};

struct JournalPage {
  std::vector<JournalEntry> items;  // in the order asked for
  // The cursor of the next page (the seq of the last item here), when there is one.
  std::optional<std::int64_t> next_after_seq;
};

// The journal, read: its entries by filter, and whether its hash chain is unbroken.
class Journal {
 public:
  virtual ~Journal() = default;
  // Entries matching `query` with seq > after_seq, at most `limit`, in seq order.
  virtual Result<JournalPage> list(const JournalQuery& query) = 0;
  // Reads the whole chain and checks every link and hash and the recorded head.
  virtual Result<JournalVerification> verify() = 0;
};

// ---- people who sign in ----

// At least 12 characters (code points), at most 1,024 bytes, valid UTF-8 without control
// characters, neither trivial nor common (domain/passwords.h): the errors name `field`.
std::vector<FieldError> validate_password(const std::string& password,
                                          const std::string& field = "password");

// How long a session lasts and how sign-in failures are limited.
struct SessionPolicy {
  std::chrono::minutes idle{30};      // unused this long, a session ends
  std::chrono::minutes absolute{720}; // and it ends this long after sign-in in any case
  int max_failures = 5;               // failed sign-ins for one user name within `window`
  std::chrono::minutes window{15};    // ... before it is locked for `lockout`
  std::chrono::minutes lockout{15};
};

// A signed-in person's session as the service sees it.
struct SignedIn {
  std::string user;
  Role role = Role::auditor;
  std::string csrf_token;  // sent back in X-CSRF-Token with every write
  Instant expires_at;      // the absolute end
};

// What a sign-in came to: a session (with its secret, for the cookie), a lockout with how
// long it lasts, or neither (the name or the password is wrong — which, is not said).
struct SignInOutcome {
  std::optional<SignedIn> session;
  std::string secret;
  std::optional<std::chrono::seconds> locked_for;
};

// People and their sessions. Passwords are kept as Argon2id hashes and sessions as SHA-256
// hashes of their secrets; neither is ever logged. Creating, disabling and resetting a user
// are journalled (without the hash); sign-ins are not records and are not.
class Accounts {
 public:
  virtual ~Accounts() = default;
  // Errors: invalid (the password's rules), conflict (the name is taken).
  virtual Status create_user(const std::string& user, Role role, const std::string& password,
                             const Actor& actor) = 0;
  // Disables the user and ends every session and calendar feed of theirs. not_found for an
  // unknown name.
  virtual Status disable_user(const std::string& user, const Actor& actor) = 0;
  // A new password (and an enabled user); every session of theirs ends.
  virtual Status reset_password(const std::string& user, const std::string& password,
                                const Actor& actor) = 0;
  // Checks the password (taking about as long for an unknown name) and opens a session.
  virtual Result<SignInOutcome> sign_in(const std::string& user, const std::string& password,
                                        const SessionPolicy& policy) = 0;
  // The session whose secret this is, if it is live; extends its idle time.
  virtual Result<std::optional<SignedIn>> session(const std::string& secret,
                                                  const SessionPolicy& policy) = 0;
  virtual Status sign_out(const std::string& secret) = 0;
  // The role of an enabled user, or else of a live token issued to that name (for work done
  // on their behalf from the command line); nullopt when the name has neither.
  virtual Result<std::optional<Role>> role_of(const std::string& user) = 0;
};

}  // namespace estate
