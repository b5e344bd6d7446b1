#include "persistence/store.h"

#include <soci/soci.h>

#include <chrono>
#include <mutex>
#include <unordered_map>

#include "persistence/accounts.h"
#include "persistence/budget_tables.h"
#include "persistence/idempotency.h"
#include "persistence/journal.h"
#include "persistence/register_tables.h"
#include "persistence/sql_repository.h"
#include "persistence/sql_types.h"

namespace estate::persistence {

namespace {

class SqlTransactions final : public Transactions {
 public:
  explicit SqlTransactions(std::shared_ptr<Database> db) : db_(std::move(db)) {}
  Status run(const Actor& actor, const std::function<Status(UnitOfWork&)>& work) override {
    return run_write(*db_, actor.name, [&](WriteTransaction& tx) { return work(tx); });
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
  Result<JournalVerification> verify() override { return verify_journal(*db_); }

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

class SqlTokenRepository final : public TokenRepository {
 public:
  explicit SqlTokenRepository(std::shared_ptr<Database> db) : db_(std::move(db)) {}

  Result<std::string> issue(const std::string& user, Role role, const Actor& actor) override {
    std::string secret;
    try {
      secret = random_hex(32);
    } catch (const std::exception& e) {
      return Error::internal(e.what());
    }
    return db_->write<std::string>(actor.name, [&](WriteTransaction& tx) -> Result<std::string> {
      std::string hash = sha256_hex(secret), role_name(to_string(role)),
                  at = to_sql_instant(tx.at());
      tx.session() << "INSERT INTO api_tokens (user_name, role, token_hash, created_at) "
                      "VALUES (:u, :r, :h, :a)",
          soci::use(user), soci::use(role_name), soci::use(hash), soci::use(at);
      long long id = 0;
      tx.session().get_last_insert_id("api_tokens", id);
      tx.journal("create", "token", id, nullptr,
                 {{"user", user}, {"role", role_name}, {"created_at", format_instant(tx.at())}});
      return secret;
    });
  }

  Result<int> revoke(const std::string& user, const Actor& actor) override {
    auto revoked = db_->write<int>(actor.name, [&](WriteTransaction& tx) -> Result<int> {
      std::vector<std::int64_t> ids;
      std::int64_t id = 0;
      std::string role;
      std::vector<std::string> roles;
      soci::statement st = (tx.session().prepare << "SELECT id, role FROM api_tokens WHERE "
                                                    "user_name = :u AND revoked_at IS NULL",
                            soci::use(user), soci::into(id), soci::into(role));
      st.execute();
      while (st.fetch()) {
        ids.push_back(id);
        roles.push_back(role);
      }
      std::string at = to_sql_instant(tx.at());
      for (std::size_t i = 0; i < ids.size(); ++i) {
        tx.session() << "UPDATE api_tokens SET revoked_at = :a WHERE id = :id", soci::use(at),
            soci::use(ids[i]);
        tx.journal("revoke", "token", ids[i], {{"user", user}, {"role", roles[i]}},
                   {{"user", user}, {"role", roles[i]}, {"revoked_at", format_instant(tx.at())}});
      }
      return static_cast<int>(ids.size());
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
    auto found = db_->read<Found>([&](soci::session& s) -> Result<Found> {
      std::string user, role;
      s << "SELECT user_name, role FROM api_tokens WHERE token_hash = :h AND revoked_at IS NULL",
          soci::use(hash), soci::into(user), soci::into(role);
      if (!s.got_data()) return Found();
      return Found(AccessToken{user, stored_enum<Role>(role, "api_tokens.role")});
    });
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
  std::mutex mutex_;
  std::unordered_map<std::string, Live> live_;
};

}  // namespace

Result<Store> open_store(const std::string& url, std::size_t pool_size) {
  Database::Options options;
  options.pool_size = pool_size;
  return open_store(url, options);
}

Result<Store> open_store(const std::string& url, const Database::Options& options) {
  auto parsed = DatabaseUrl::parse(url);
  if (!parsed.ok()) return parsed.error();
  auto db = Database::open(*parsed, options);
  if (!db.ok()) return db.error();
  Store store;
  store.db = *db;
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
  return store;
}

}  // namespace estate::persistence
