#include "persistence/store.h"
#include "domain/result_macros.h"

#include <soci/soci.h>

#include <chrono>
#include <mutex>
#include <unordered_map>

#include "persistence/accounts.h"
#include "persistence/alerts.h"
#include "persistence/budget_tables.h"
#include "persistence/change_requests.h"
#include "persistence/documents.h"
#include "persistence/idempotency.h"
#include "persistence/journal.h"
#include "persistence/register_tables.h"
#include "persistence/report_issues.h"
#include "persistence/sql_repository.h"
#include "persistence/sql_types.h"

namespace estate::persistence {

namespace {

class SqlTransactions final : public Transactions {
 public:
  explicit SqlTransactions(std::shared_ptr<Database> db) : db_(std::move(db)) {}
  Status run(const Actor& actor, const std::function<Status(UnitOfWork&)>& work) override {
    return run_write(*db_, actor.name, [&](WriteTransaction& tx) {
      tx.set_via(actor.via);
      return work(tx);
    });
  }

 private:
  std::shared_ptr<Database> db_;
};

class SqlHistory final : public History {
 public:
  explicit SqlHistory(std::shared_ptr<Database> db) : db_(std::move(db)) {}
  Result<std::optional<nlohmann::json>> record_as_of(const std::string& entity, std::int64_t id,
                                                     Instant at) override {
    return persistence::record_as_of(*db_, entity, id, at);
  }
  Result<std::vector<nlohmann::json>> records_as_of(const std::string& entity,
                                                    Instant at) override {
    return persistence::records_as_of(*db_, entity, at);
  }

 private:
  std::shared_ptr<Database> db_;
};

class SqlJournal final : public Journal {
 public:
  explicit SqlJournal(std::shared_ptr<Database> db) : db_(std::move(db)) {}
  Result<JournalPage> list(const JournalQuery& query) override {
    return list_journal(*db_, query);
  }
  // The hash chain, then every document's and every issued report's bytes against the
  // SHA-256 its filing or issue journalled.
  Result<JournalVerification> verify() override {
    auto v = verify_journal(*db_);
    if (!v.ok() || !v->ok) return v;
    for (auto check : {verify_documents, verify_report_issues}) {
      ASSIGN_OR_RETURN(const auto damaged, check(*db_));
      if (damaged) {
        v->ok = false;
        v->first_bad_seq = damaged->first;
        v->problem = damaged->second;
        return v;
      }
    }
    return v;
  }

 private:
  std::shared_ptr<Database> db_;
};

class SqlIdempotentCreates final : public IdempotentCreates {
 public:
  explicit SqlIdempotentCreates(std::shared_ptr<Database> db) : db_(std::move(db)) {}
  Result<StoredResponse> once(
      const Actor& actor, const IdempotencyKey& key,
      const std::function<Result<StoredResponse>(UnitOfWork&)>& create) override {
    return create_once(*db_, actor.name, key, create);
  }

 private:
  std::shared_ptr<Database> db_;
};

// A table of secrets kept as SHA-256 hashes (api_tokens, calendar_feeds), one row per secret
// with its user_name, created_at and revoked_at, and `extra` columns: issuing a secret and
// revoking a user's, each journalled as `entity` with the user and the extra columns — never
// the secret or its hash.
class SecretTable {
 public:
  using Columns = std::vector<std::pair<std::string, std::string>>;  // name, value
  SecretTable(std::shared_ptr<Database> db, const char* table, const char* entity)
      : db_(std::move(db)), table_(table), entity_(entity) {}

  Result<std::string> issue(const std::string& user, const Columns& extra, const Actor& actor) {
    std::string secret;
    try {
      secret = random_hex(32);
    } catch (const std::exception& e) {
      return Error::internal(e.what());
    }
    return db_->write<std::string>(actor.name, [&](WriteTransaction& tx) -> Result<std::string> {
      const std::string hash = sha256_hex(secret), at = to_sql_instant(tx.at());
      std::string names = "user_name, token_hash, created_at", values = ":u, :h, :a";
      for (std::size_t i = 0; i < extra.size(); ++i) {
        names += ", " + extra[i].first;
        values += ", :x" + std::to_string(i);
      }
      soci::statement st(tx.session());
      st.exchange(soci::use(user));
      st.exchange(soci::use(hash));
      st.exchange(soci::use(at));
      for (const auto& column : extra) st.exchange(soci::use(column.second));
      st.alloc();
      st.prepare("INSERT INTO " + table_ + " (" + names + ") VALUES (" + values + ")");
      st.define_and_bind();
      st.execute(true);
      long long id = 0;
      tx.session().get_last_insert_id(table_, id);
      nlohmann::json after = described(user, extra);
      after["created_at"] = format_instant(tx.at());
      tx.journal("create", entity_, id, nullptr, after);
      return secret;
    });
  }

  // Revokes the live secrets of `user`; `extra` names the columns to journal with each.
  Result<int> revoke(const std::string& user, const std::vector<std::string>& extra,
                     const Actor& actor) {
    return db_->write<int>(actor.name, [&](WriteTransaction& tx) -> Result<int> {
      return revoke_in(tx, user, extra);
    });
  }

  // The same, as part of the transaction `tx`; how many were live.
  int revoke_in(WriteTransaction& tx, const std::string& user,
                const std::vector<std::string>& extra = {}) {
    std::vector<std::pair<std::int64_t, Columns>> live;
    std::string sql = "SELECT id";
    for (const std::string& c : extra) sql += ", " + c;
    sql += " FROM " + table_ + " WHERE user_name = :u AND revoked_at IS NULL";
    soci::rowset<soci::row> rows = (tx.session().prepare << sql, soci::use(user));
    for (const soci::row& r : rows) {
      Columns values;
      for (std::size_t i = 0; i < extra.size(); ++i)
        values.emplace_back(extra[i], r.get<std::string>(i + 1));
      live.emplace_back(row_integer(r, 0), std::move(values));
    }
    const std::string at = to_sql_instant(tx.at());
    for (const auto& [id, values] : live) {
      tx.session() << "UPDATE " + table_ + " SET revoked_at = :a WHERE id = :id", soci::use(at),
          soci::use(id);
      nlohmann::json after = described(user, values);
      after["revoked_at"] = format_instant(tx.at());
      tx.journal("revoke", entity_, id, described(user, values), after);
    }
    return static_cast<int>(live.size());
  }

  // The user (and `extra` columns) of the live secret, if there is one.
  Result<std::optional<Columns>> find(const std::string& secret, const std::vector<std::string>& extra) {
    using Found = std::optional<Columns>;
    const std::string hash = sha256_hex(secret);
    return db_->read<Found>([&](soci::session& s) -> Result<Found> {
      std::string sql = "SELECT user_name";
      for (const std::string& c : extra) sql += ", " + c;
      sql += " FROM " + table_ + " WHERE token_hash = :h AND revoked_at IS NULL";
      soci::rowset<soci::row> rows = (s.prepare << sql, soci::use(hash));
      for (const soci::row& r : rows) {
        Columns out{{"user_name", r.get<std::string>(0)}};
        for (std::size_t i = 0; i < extra.size(); ++i)
          out.emplace_back(extra[i], r.get<std::string>(i + 1));
        return Found(out);
      }
      return Found();
    });
  }

 private:
  static nlohmann::json described(const std::string& user, const Columns& extra) {
    nlohmann::json j = {{"user", user}};
    for (const auto& [name, value] : extra) j[name] = value;
    return j;
  }
  std::shared_ptr<Database> db_;
  std::string table_, entity_;
};

}  // namespace

int revoke_calendar_feeds(WriteTransaction& tx, const std::string& user) {
  return SecretTable(nullptr, "calendar_feeds", "calendar_feed").revoke_in(tx, user);
}

namespace {

class SqlTokenRepository final : public TokenRepository {
 public:
  explicit SqlTokenRepository(std::shared_ptr<Database> db)
      : db_(db), secrets_(std::move(db), "api_tokens", "token") {}

  Result<std::string> issue(const std::string& user, Role role, const Actor& actor) override {
    return secrets_.issue(user, {{"role", std::string(to_string(role))}}, actor);
  }

  // A user's calendar feeds end with their tokens, in the same transaction.
  Result<int> revoke(const std::string& user, const Actor& actor) override {
    auto revoked = db_->write<int>(actor.name, [&](WriteTransaction& tx) -> Result<int> {
      const int n = secrets_.revoke_in(tx, user, {"role"});
      revoke_calendar_feeds(tx, user);
      return n;
    });
    std::lock_guard<std::mutex> lock(mutex_);
    live_.clear();  // this process forgets at once; others within kTokenCacheTtl
    return revoked;
  }

  Result<std::optional<AccessToken>> authenticate(const std::string& secret) override {
    using Found = std::optional<AccessToken>;
    const std::string hash = sha256_hex(secret);
    const auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = live_.find(hash);
      if (it != live_.end() && now - it->second.verified < kTokenCacheTtl)
        return Found(it->second.token);
    }
    Result<Found> found = Found();
    auto row = secrets_.find(secret, {"role"});
    if (!row.ok()) {
      found = row.error();
    } else if (*row) {
      found = Found(AccessToken{(**row)[0].second, stored_enum<Role>((**row)[1].second, "api_tokens.role")});
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (found.ok() && *found) {
      if (live_.size() >= kTokenCacheSize) live_.clear();  // bounded; refilled on next use
      live_[hash] = Live{**found, now};
    } else {
      live_.erase(hash);
    }
    return found;
  }

 private:
  // Tokens verified live, by hash, and when: the per-request lookup costs a query only once a
  // second per token. Unknown tokens are not remembered, so guessing cannot fill this.
  struct Live {
    AccessToken token;
    std::chrono::steady_clock::time_point verified;
  };
  static constexpr std::size_t kTokenCacheSize = 4096;

  std::shared_ptr<Database> db_;
  SecretTable secrets_;
  std::mutex mutex_;
  std::unordered_map<std::string, Live> live_;
};

class SqlCalendarFeeds final : public CalendarFeeds {
 public:
  explicit SqlCalendarFeeds(std::shared_ptr<Database> db)
      : secrets_(std::move(db), "calendar_feeds", "calendar_feed") {}
  Result<std::string> create(const std::string& user, const Actor& actor) override {
    return secrets_.issue(user, {}, actor);
  }
  Result<int> revoke(const std::string& user, const Actor& actor) override {
    return secrets_.revoke(user, {}, actor);
  }
  Result<std::optional<std::string>> owner(const std::string& secret) override {
    ASSIGN_OR_RETURN(const auto found, secrets_.find(secret, {}));
    if (!found) return std::optional<std::string>();
    return std::optional<std::string>((*found)[0].second);
  }

 private:
  SecretTable secrets_;
};

}  // namespace

Result<Store> open_store(const std::string& url, std::size_t pool_size) {
  Database::Options options;
  options.pool_size = pool_size;
  return open_store(url, options);
}

Result<Store> open_store(const std::string& url, const Database::Options& options) {
  ASSIGN_OR_RETURN(const DatabaseUrl parsed, DatabaseUrl::parse(url));
  Store store;
  ASSIGN_OR_RETURN(store.db, Database::open(parsed, options));
  store.transactions = std::make_unique<SqlTransactions>(store.db);
  store.history = std::make_unique<SqlHistory>(store.db);
  store.journal = std::make_unique<SqlJournal>(store.db);
  store.idempotent = std::make_unique<SqlIdempotentCreates>(store.db);
  store.missions = std::make_unique<SqlRepository<MissionTable>>(store.db);
  store.properties = std::make_unique<SqlRepository<PropertyTable>>(store.db);
  store.leases = std::make_unique<SqlRepository<LeaseTable>>(store.db);
  store.acquisitions = std::make_unique<SqlRepository<AcquisitionTable>>(store.db);
  store.fx_rates = std::make_unique<SqlRepository<FxRateTable>>(store.db);
  store.budget_lines = std::make_unique<SqlRepository<BudgetLineTable>>(store.db);
  store.appropriations = std::make_unique<SqlRepository<AppropriationTable>>(store.db);
  store.expenditures = std::make_unique<SqlRepository<ExpenditureTable>>(store.db);
  store.commitments = std::make_unique<SqlRepository<CommitmentTable>>(store.db);
  store.projects = std::make_unique<SqlRepository<ProjectTable>>(store.db);
  store.progress = std::make_unique<SqlRepository<ProgressTable>>(store.db);
  store.tokens = std::make_unique<SqlTokenRepository>(store.db);
  store.accounts = std::make_unique<SqlAccounts>(store.db);
  store.spending_totals = std::make_unique<SqlSpendingTotals>(store.db);
  store.calendar_feeds = std::make_unique<SqlCalendarFeeds>(store.db);
  store.documents = std::make_unique<SqlDocuments>(store.db);
  store.report_issues = std::make_unique<SqlReportIssues>(store.db);
  store.change_requests = std::make_unique<SqlChangeRequests>(store.db);
  store.alerts = std::make_unique<SqlAlertLedger>(store.db);
  return store;
}

}  // namespace estate::persistence
