#include "app/known_at.h"

#include <algorithm>
#include <mutex>
#include <type_traits>

#include "domain/filters.h"

namespace estate::app {

using nlohmann::json;
using persistence::Store;

namespace {

// Which journal entity each record type is kept under, and its decoder.
template <class E>
struct Kind;
#define ESTATE_KNOWN_AT_KIND(Type, entity, member)                                 \
  template <>                                                                      \
  struct Kind<Type> {                                                              \
    static constexpr const char* kEntity = entity;                                 \
    static const auto& decoder(const StoredDecoders& d) { return d.member; }       \
  };
ESTATE_KNOWN_AT_KIND(Mission, "mission", mission)
ESTATE_KNOWN_AT_KIND(Property, "property", property)
ESTATE_KNOWN_AT_KIND(Lease, "lease", lease)
ESTATE_KNOWN_AT_KIND(Acquisition, "acquisition", acquisition)
ESTATE_KNOWN_AT_KIND(FxRate, "fx_rate", fx_rate)
ESTATE_KNOWN_AT_KIND(BudgetLine, "budget_line", budget_line)
ESTATE_KNOWN_AT_KIND(Appropriation, "appropriation", appropriation)
ESTATE_KNOWN_AT_KIND(Expenditure, "expenditure", expenditure)
ESTATE_KNOWN_AT_KIND(Commitment, "commitment", commitment)
ESTATE_KNOWN_AT_KIND(Project, "project", project)
ESTATE_KNOWN_AT_KIND(ProgressReport, "progress", progress)
#undef ESTATE_KNOWN_AT_KIND

Error read_only() {
  return Error::internal("the register as known at a past instant is read-only");
}

// The record a journal entry kept, with the id, version and instants the decoder leaves out.
template <class E>
Result<E> read_back(const json& stored, const StoredDecoders& decoders) {
  const std::string what = std::string("a journalled ") + Kind<E>::kEntity;
  auto decoded = Kind<E>::decoder(decoders)(stored);
  if (!decoded.ok()) return Error::internal(what + " cannot be read back: " + decoded.error().message);
  E e = std::move(*decoded);
  const auto id = stored.find("id"), version = stored.find("version");
  if (id == stored.end() || !id->is_number_integer() || version == stored.end() ||
      !version->is_number_integer())
    return Error::internal(what + " has no id or version");
  e.id = decltype(e.id)(id->get<std::int64_t>());
  e.meta.version = version->get<std::int64_t>();
  for (auto [field, into] : {std::pair{"created_at", &e.meta.created_at},
                             std::pair{"updated_at", &e.meta.updated_at}}) {
    auto text = stored.find(field);
    if (text == stored.end() || !text->is_string()) continue;
    auto t = parse_instant(text->template get<std::string>());
    if (!t.ok()) return Error::internal(what + " has a bad " + field);
    *into = *t;
  }
  return e;
}

// The records of one instant, each kind read from the journal on first use and kept.
class Snapshot final : public FilterContext {
 public:
  Snapshot(History& history, Instant at, StoredDecoders decoders)
      : history_(history), at_(at), decoders_(std::move(decoders)) {}

  // Every record of kind E then, in id order.
  template <class E>
  Result<const std::vector<E>*> all() {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slot = std::get<std::optional<std::vector<E>>>(records_);
    if (!slot) {
      auto stored = history_.records_as_of(Kind<E>::kEntity, at_);
      if (!stored.ok()) return stored.error();
      std::vector<E> out;
      out.reserve(stored->size());
      for (const json& j : *stored) {
        auto e = read_back<E>(j, decoders_);
        if (!e.ok()) return e.error();
        out.push_back(std::move(*e));
      }
      slot = std::move(out);
    }
    return &*slot;
  }

  // Loads what `filter` consults of other records (a mission's region, a property's mission).
  template <class Filter>
  Status prepare(const Filter& filter) {
    if constexpr (std::is_same_v<Filter, PropertyFilter>) {
      if (needs_missions(filter)) {
        auto missions = all<Mission>();
        if (!missions.ok()) return missions.error();
      }
    } else if constexpr (std::is_same_v<Filter, LeaseFilter>) {
      if (needs_properties(filter)) {
        auto properties = all<Property>();
        if (!properties.ok()) return properties.error();
      }
    }
    return {};
  }

  std::optional<Region> region_of(MissionId mission) const override {
    const auto* m = find(std::get<std::optional<std::vector<Mission>>>(records_), mission);
    return m ? std::optional<Region>(m->region) : std::nullopt;
  }
  std::optional<MissionId> mission_of(PropertyId property) const override {
    const auto* p = find(std::get<std::optional<std::vector<Property>>>(records_), property);
    return p ? p->mission_id : std::nullopt;
  }

  // The record with `id` among `records` (in id order), or null.
  template <class E, class Id>
  static const E* find(const std::optional<std::vector<E>>& records, Id id) {
    if (!records) return nullptr;
    auto it = std::lower_bound(records->begin(), records->end(), id,
                               [](const E& e, Id wanted) { return e.id < wanted; });
    return it != records->end() && it->id == id ? &*it : nullptr;
  }

 private:
  History& history_;
  Instant at_;
  StoredDecoders decoders_;
  std::mutex mutex_;
  std::tuple<std::optional<std::vector<Mission>>, std::optional<std::vector<Property>>,
             std::optional<std::vector<Lease>>, std::optional<std::vector<Acquisition>>,
             std::optional<std::vector<FxRate>>, std::optional<std::vector<BudgetLine>>,
             std::optional<std::vector<Appropriation>>, std::optional<std::vector<Expenditure>>,
             std::optional<std::vector<Commitment>>, std::optional<std::vector<Project>>,
             std::optional<std::vector<ProgressReport>>>
      records_;
};

// A record passes a filter: with the context a cross-record filter needs, or without.
template <class E, class F>
auto passes(const E& e, const F& f, const FilterContext& c) -> decltype(matches(e, f, c)) {
  return matches(e, f, c);
}
template <class E, class F>
auto passes(const E& e, const F& f, const FilterContext&) -> decltype(matches(e, f)) {
  return matches(e, f);
}

// One register port answered from the snapshot.
template <class E, class Id, class F>
class KnownAtRepository final : public Repository<E, Id, F> {
 public:
  explicit KnownAtRepository(std::shared_ptr<Snapshot> snapshot) : snapshot_(std::move(snapshot)) {}

  Result<E> create(const E&, const Actor&) override { return read_only(); }
  Result<E> update(const E&, std::int64_t, const Actor&, const std::string&) override {
    return read_only();
  }
  Status remove(Id, std::int64_t, const Actor&) override { return read_only(); }
  Result<E> create(UnitOfWork&, const E&) override { return read_only(); }
  Result<E> update(UnitOfWork&, const E&, std::int64_t, const std::string&) override {
    return read_only();
  }
  Status remove(UnitOfWork&, Id, std::int64_t) override { return read_only(); }

  Result<E> get(Id id) override {
    auto records = snapshot_->all<E>();
    if (!records.ok()) return records.error();
    auto it = std::lower_bound((*records)->begin(), (*records)->end(), id,
                               [](const E& e, Id wanted) { return e.id < wanted; });
    if (it == (*records)->end() || it->id != id) return not_found(id);
    return *it;
  }
  Result<E> get(UnitOfWork&, Id id) override { return get(id); }

  Result<std::vector<E>> get_many(const std::vector<Id>& ids) override {
    std::vector<Id> wanted = ids;
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    std::vector<E> out;
    for (Id id : wanted) {
      auto e = get(id);
      if (!e.ok()) return e.error();
      out.push_back(std::move(*e));
    }
    return out;
  }

  Result<Page<E>> list(const F& filter, const PageRequest& page) override {
    if (Status s = snapshot_->prepare(filter); !s.ok()) return s.error();
    auto records = snapshot_->all<E>();
    if (!records.ok()) return records.error();
    const std::size_t limit = page.limit == 0 ? 1 : page.limit;
    Page<E> out;
    for (const E& e : **records) {
      if (e.id.value() <= page.after_id || !passes(e, filter, *snapshot_)) continue;
      if (out.items.size() == limit) {
        out.next_after_id = out.items.back().id.value();
        break;
      }
      out.items.push_back(e);
    }
    return out;
  }

  Result<std::int64_t> count() override {
    auto records = snapshot_->all<E>();
    if (!records.ok()) return records.error();
    return static_cast<std::int64_t>((*records)->size());
  }

 private:
  static Error not_found(Id id) {
    return Error::not_found(
        {MessageCode::record_not_found_id, {Kind<E>::kEntity, std::to_string(id.value())}});
  }
  std::shared_ptr<Snapshot> snapshot_;
};

// Σ expended by budget line over the snapshot's expenditures, as SqlSpendingTotals sums them.
class KnownAtSpendingTotals final : public SpendingTotals {
 public:
  explicit KnownAtSpendingTotals(std::shared_ptr<Snapshot> snapshot)
      : snapshot_(std::move(snapshot)) {}
  Result<std::map<std::int64_t, Money>> expended_by_line(const SpendingFilter& filter) override {
    auto records = snapshot_->all<Expenditure>();
    if (!records.ok()) return records.error();
    std::map<std::int64_t, MoneySum> sums;
    for (const Expenditure& e : **records) {
      if (!matches(e, filter)) continue;
      sums.try_emplace(e.budget_line_id.value(), "expended", Currency::twd())
          .first->second.add(e.amount);
    }
    std::map<std::int64_t, Money> out;
    for (const auto& [line, sum] : sums) {
      auto total = sum.total();
      if (!total.ok()) {
        return Error::invalid(MessageCode::expenditures_too_large);
      }
      out.emplace(line, *total);
    }
    return out;
  }

 private:
  std::shared_ptr<Snapshot> snapshot_;
};

class ReadOnlyTransactions final : public Transactions {
 public:
  Status run(const Actor&, const std::function<Status(UnitOfWork&)>&) override {
    return read_only();
  }
};

// The live alert ledger as the view may read it: the events acknowledged by the instant; every
// other use is refused (a view neither sends nor acknowledges).
class KnownAtAlerts final : public AlertLedger {
 public:
  KnownAtAlerts(AlertLedger& live, Instant at) : live_(live), at_(at) {}
  Result<std::vector<AlertRecipient>> recipients() override { return read_only(); }
  Result<std::optional<std::string>> email_of(const std::string&) override { return read_only(); }
  Status set_email(const std::string&, const std::string&, const Actor&) override {
    return read_only();
  }
  Result<std::set<std::string>> acknowledged() override { return live_.acknowledged_by(at_); }
  Result<std::set<std::string>> acknowledged_by(Instant at) override {
    return live_.acknowledged_by(std::min(at, at_));
  }
  Result<std::size_t> deliver(
      const std::string&, const std::vector<AlertClaim>&,
      const std::function<Status(const std::vector<AlertClaim>&,
                                 const std::map<std::string, std::string>&)>&) override {
    return read_only();
  }
  Result<std::optional<std::string>> acknowledge(const std::string&) override { return read_only(); }
  Result<bool> acknowledge_event(const std::string&, const Actor&) override { return read_only(); }

 private:
  AlertLedger& live_;
  Instant at_;
};

// The live history, lent to the view.
class LentHistory final : public History {
 public:
  explicit LentHistory(History& live) : live_(live) {}
  Result<std::optional<json>> record_as_of(const std::string& entity, std::int64_t id,
                                           Instant at) override {
    return live_.record_as_of(entity, id, at);
  }
  Result<std::vector<json>> records_as_of(const std::string& entity, Instant at) override {
    return live_.records_as_of(entity, at);
  }

 private:
  History& live_;
};

}  // namespace

Status check_known_at(Store& live, Instant at, Instant now, const std::string& field) {
  JournalQuery first;
  first.limit = 1;
  auto page = live.journal->list(first);
  if (!page.ok()) return page.error();
  const Message problem = MessageCode::not_recorded_then;
  if (page->items.empty())
    return Error::invalid(problem, {{field, MessageCode::journal_empty}});
  auto start = parse_instant(page->items.front().at);
  if (!start.ok()) return Error::internal("the journal's first entry has a bad instant");
  if (at < *start) {
    return Error::invalid(problem, {{field, {MessageCode::before_first_entry, {format_instant(*start)}}}});
  }
  if (now < at) return Error::invalid(problem, {{field, MessageCode::in_the_future}});
  return {};
}

Store store_known_at(Store& live, Instant at, const StoredDecoders& decoders) {
  auto snapshot = std::make_shared<Snapshot>(*live.history, at, decoders);
  Store view;
  view.db = live.db;
  view.transactions = std::make_unique<ReadOnlyTransactions>();
  view.history = std::make_unique<LentHistory>(*live.history);
  if (live.alerts) view.alerts = std::make_unique<KnownAtAlerts>(*live.alerts, at);
  view.missions = std::make_unique<KnownAtRepository<Mission, MissionId, MissionFilter>>(snapshot);
  view.properties =
      std::make_unique<KnownAtRepository<Property, PropertyId, PropertyFilter>>(snapshot);
  view.leases = std::make_unique<KnownAtRepository<Lease, LeaseId, LeaseFilter>>(snapshot);
  view.acquisitions =
      std::make_unique<KnownAtRepository<Acquisition, AcquisitionId, AcquisitionFilter>>(snapshot);
  view.fx_rates = std::make_unique<KnownAtRepository<FxRate, FxRateId, FxRateFilter>>(snapshot);
  view.budget_lines =
      std::make_unique<KnownAtRepository<BudgetLine, BudgetLineId, BudgetLineFilter>>(snapshot);
  view.appropriations = std::make_unique<
      KnownAtRepository<Appropriation, AppropriationId, AppropriationFilter>>(snapshot);
  view.expenditures =
      std::make_unique<KnownAtRepository<Expenditure, ExpenditureId, SpendingFilter>>(snapshot);
  view.commitments =
      std::make_unique<KnownAtRepository<Commitment, CommitmentId, SpendingFilter>>(snapshot);
  view.projects = std::make_unique<KnownAtRepository<Project, ProjectId, ProjectFilter>>(snapshot);
  view.progress =
      std::make_unique<KnownAtRepository<ProgressReport, ProgressId, ProgressFilter>>(snapshot);
  view.spending_totals = std::make_unique<KnownAtSpendingTotals>(snapshot);
  return view;
}

}  // namespace estate::app
