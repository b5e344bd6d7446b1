#include "api/routes/register_routes.h"

#include <map>

#include "api/http/json_reader.h"
#include "api/http/query_reader.h"
#include "api/routes/register_codec.h"
#include "api/routes/report_columns.h"
#include "app/known_at.h"
#include "domain/json_codec.h"
#include "reports/rent.h"
#include "domain/filters.h"
#include "domain/services.h"
#include "persistence/journal.h"

namespace estate::api {

using nlohmann::json;
using persistence::Store;

namespace {

// Records as they stood at one instant, from the journal, for filters that look across
// entities (a property's region is its mission's). Loaded on first use.
// The register as it stood at one instant, for as-of lists: the records of one kind, and what
// filters need of others (a mission's region, a property's mission) from the same instant.
class AsOfView final : public FilterContext {
 public:
  AsOfView(Store& store, Instant at) : store_(store), at_(at) {}
  Result<std::vector<json>> all(const std::string& entity) {
    return store_.history->records_as_of(entity, at_);
  }
  // Loads the other records `filter` consults; a storage error is the list's error.
  template <class Filter>
  Status prepare(const Filter& filter) {
    if constexpr (std::is_same_v<Filter, PropertyFilter>) {
      if (needs_missions(filter)) return load("mission", regions_, "region");
    } else if constexpr (std::is_same_v<Filter, LeaseFilter>) {
      if (needs_properties(filter)) return load("property", missions_, "mission_id");
    }
    return {};
  }
  std::optional<Region> region_of(MissionId mission) const override {
    auto it = regions_.find(mission.value());
    if (it == regions_.end() || !it->second.is_string()) return std::nullopt;
    return parse_enum<Region>(it->second.get<std::string>());
  }
  std::optional<MissionId> mission_of(PropertyId property) const override {
    auto it = missions_.find(property.value());
    if (it == missions_.end() || !it->second.is_number_integer()) return std::nullopt;
    return MissionId(it->second.get<std::int64_t>());
  }

 private:
  // `field` of every record of `entity` then, by id.
  Status load(const std::string& entity, std::map<std::int64_t, json>& into,
              const std::string& field) {
    auto records = all(entity);
    if (!records.ok()) return records.error();
    for (const json& r : *records) into[r.value("id", std::int64_t{0})] = r.value(field, json());
    return {};
  }
  Store& store_;
  Instant at_;
  std::map<std::int64_t, json> regions_;   // mission id → region
  std::map<std::int64_t, json> missions_;  // property id → mission_id
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

bool json_id_is(const json& record, const std::string& name, std::int64_t value) {
  auto it = record.find(name);
  return it != record.end() && it->is_number_integer() && it->get<std::int64_t>() == value;
}

// The instant a register read is asked about: as_of, or known_at, its other name for the
// register as recorded at an instant (the reports' known_at, API.md "Known at"). Both given
// must agree. A known_at must lie within the journal (app::check_known_at), checked by
// checked_known_at once the query has been read.
std::optional<Instant> read_as_of(QueryReader& q) {
  const std::optional<Instant> as_of = q.instant("as_of"), known_at = q.instant("known_at");
  if (as_of && known_at && *as_of != *known_at)
    q.add("known_at", "must be the same instant as as_of when both are given");
  return known_at ? known_at : as_of;
}

Status checked_known_at(Store& store, const HttpRequest& request) {
  auto at = instant_param(request, "known_at");
  if (!at.ok() || !*at) return {};
  return app::check_known_at(store, **at, now());
}

// ---- the resources: what differs between them ----

// What most resources share: facilities write them, PATCH may change every client field,
// the record's id is the path's ":id", and they stand alone (not under another record).
struct ResourceDefaults {
  static const std::vector<Role>& writers() { return kRegisterWriters; }
  static std::vector<std::string> read_only() { return {}; }
  static constexpr const char* kIdParam = "id";
  // Nested under another record's path: parent() and in_scope() then say something.
  static constexpr bool kNested = false;
  // The record the path nests this one under exists (not_found otherwise).
  static Status parent(Store&, const HttpRequest&) { return {}; }
  // The record belongs under the path it was asked for by.
  static bool in_scope(const HttpRequest&, const json&) { return true; }
  // Lists of money records add totals over every match and download as CSV or XLSX
  // (`format`): such a resource names its money figures (money()) and has schema().
  static constexpr bool kSpending = false;
  template <class Entity>
  static std::vector<std::pair<const char*, Money>> money(const Entity&) {
    return {};
  }
};

// Budget records: finance writes them.
struct FinanceResource : ResourceDefaults {
  static const std::vector<Role>& writers() { return kFinanceWriters; }
};

// A record's URL: the resource's path with its parent's id filled in, then the record's id.
template <class R>
std::string location(const HttpRequest& request, std::int64_t id) {
  std::string path = R::kPath;
  if (auto at = path.find(":id"); at != std::string::npos) {
    auto parent = request.params.find("id");
    path.replace(at, 3, parent == request.params.end() ? "" : parent->second);
  }
  return path + "/" + std::to_string(id);
}

struct MissionResource : ResourceDefaults {
  using Entity = Mission;
  using Id = MissionId;
  using Filter = MissionFilter;
  static constexpr const char* kEntity = "mission";
  static constexpr const char* kPath = "/api/v1/missions";
  static MissionRepository& repo(Store& s) { return *s.missions; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_mission(j, m);
  }
  static std::vector<std::string> filters() { return {"region", "code"}; }
  static Filter filter(QueryReader& q, const HttpRequest&) {
    return {q.one_of<Region>("region"), q.code("code")};
  }
};

struct PropertyResource : ResourceDefaults {
  using Entity = Property;
  using Id = PropertyId;
  using Filter = PropertyFilter;
  static constexpr const char* kEntity = "property";
  static constexpr const char* kPath = "/api/v1/properties";
  static PropertyRepository& repo(Store& s) { return *s.properties; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_property(j, m);
  }
  static std::vector<std::string> filters() {
    return {"mission_id", "region", "kind", "status", "code"};
  }
  static Filter filter(QueryReader& q, const HttpRequest&) {
    return {q.id<MissionId>("mission_id"), q.one_of<Region>("region"),
            q.one_of<PropertyKind>("kind"), q.one_of<PropertyStatus>("status"),
            q.code("code")};
  }
};

struct LeaseResource : ResourceDefaults {
  using Entity = Lease;
  using Id = LeaseId;
  using Filter = LeaseFilter;
  static constexpr const char* kEntity = "lease";
  static constexpr const char* kPath = "/api/v1/leases";
  static LeaseRepository& repo(Store& s) { return *s.leases; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_lease(j, m);
  }
  static std::vector<std::string> filters() { return {"property_id", "mission_id"}; }
  static Filter filter(QueryReader& q, const HttpRequest&) {
    return {q.id<PropertyId>("property_id"), q.id<MissionId>("mission_id")};
  }
};

struct AcquisitionResource : ResourceDefaults {
  using Entity = Acquisition;
  using Id = AcquisitionId;
  using Filter = AcquisitionFilter;
  static constexpr const char* kEntity = "acquisition";
  static constexpr const char* kPath = "/api/v1/acquisitions";
  static AcquisitionRepository& repo(Store& s) { return *s.acquisitions; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_acquisition(j, m);
  }
  // The stage history changes only through POST /{id}/stage.
  static std::vector<std::string> read_only() { return {"stage", "stages"}; }
  static std::vector<std::string> filters() { return {"property_id", "stage", "code"}; }
  static Filter filter(QueryReader& q, const HttpRequest&) {
    return {q.id<PropertyId>("property_id"), q.one_of<AcquisitionStage>("stage"),
            q.code("code")};
  }
};

struct FxRateResource : FinanceResource {
  using Entity = FxRate;
  using Id = FxRateId;
  using Filter = FxRateFilter;
  static constexpr const char* kEntity = "fx_rate";
  static constexpr const char* kPath = "/api/v1/fx-rates";
  static FxRateRepository& repo(Store& s) { return *s.fx_rates; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_fx_rate(j, m);
  }
  static std::vector<std::string> filters() { return {"currency"}; }
  static Filter filter(QueryReader& q, const HttpRequest&) { return {q.currency("currency")}; }
};

// Resources whose only filter is the record's code.
template <class Base, class CodeFilter>
struct FoundByCode : Base {
  using Filter = CodeFilter;
  static std::vector<std::string> filters() { return {"code"}; }
  static Filter filter(QueryReader& q, const HttpRequest&) { return {q.code("code")}; }
};

struct BudgetLineResource : FoundByCode<FinanceResource, BudgetLineFilter> {
  using Entity = BudgetLine;
  using Id = BudgetLineId;
  static constexpr const char* kEntity = "budget_line";
  static constexpr const char* kPath = "/api/v1/budget-lines";
  static BudgetLineRepository& repo(Store& s) { return *s.budget_lines; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_budget_line(j, m);
  }
};

struct AppropriationResource : FinanceResource {
  using Entity = Appropriation;
  using Id = AppropriationId;
  using Filter = AppropriationFilter;
  static constexpr const char* kEntity = "appropriation";
  static constexpr const char* kPath = "/api/v1/appropriations";
  static AppropriationRepository& repo(Store& s) { return *s.appropriations; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_appropriation(j, m);
  }
  // Derived from fiscal_year; a patch changes fiscal_year.
  static std::vector<std::string> read_only() { return {"fiscal_year_ad"}; }
  static std::vector<std::string> filters() { return {"budget_line_id", "fiscal_year"}; }
  static Filter filter(QueryReader& q, const HttpRequest&) {
    return {q.id<BudgetLineId>("budget_line_id"),
            q.fiscal_year("fiscal_year")};
  }
};

// Expenditures and commitments: filtered by what they are charged to and by date (`from`,
// `to`, inclusive: `on` of an expenditure, `signed_on` of a commitment).
template <const char* kDateField>
struct SpendingResource : FinanceResource {
  using Filter = SpendingFilter;
  static constexpr bool kSpending = true;
  static std::vector<std::string> filters() {
    return {"budget_line_id", "project_id", "acquisition_id", "from", "to", "format"};
  }
  static Filter filter(QueryReader& q, const HttpRequest&) {
    return {q.id<BudgetLineId>("budget_line_id"),
            q.id<ProjectId>("project_id"),
            q.id<AcquisitionId>("acquisition_id"), q.date("from"),
            q.date("to")};
  }
};

constexpr char kOn[] = "on";
constexpr char kSignedOn[] = "signed_on";

struct ExpenditureResource : SpendingResource<kOn> {
  using Entity = Expenditure;
  using Id = ExpenditureId;
  static constexpr const char* kEntity = "expenditure";
  static constexpr const char* kPath = "/api/v1/expenditures";
  static ExpenditureRepository& repo(Store& s) { return *s.expenditures; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_expenditure(j, m);
  }
  static std::vector<std::pair<const char*, Money>> money(const Entity& e) {
    return {{"amount", e.amount}};
  }
  static const Schema<Entity>& schema() {
    using E = Entity;
    static const Schema<E> s = {
        column<E>("id", [](const E& e) { return e.id.value(); }),
        column<E>("on", [](const E& e) { return e.on; }),
        column<E>("amount", [](const E& e) { return e.amount; }),
        column<E>("currency", [](const E& e) { return std::string(e.amount.currency().code()); }),
        column<E>("budget_line_id", [](const E& e) { return e.budget_line_id.value(); }),
        column<E>("project_id", [](const E& e) { return optional_id(e.project_id); }),
        column<E>("acquisition_id", [](const E& e) { return optional_id(e.acquisition_id); }),
        column<E>("description", [](const E& e) { return e.description; }),
        column<E>("version", [](const E& e) { return e.meta.version; })};
    return s;
  }
};

struct CommitmentResource : SpendingResource<kSignedOn> {
  using Entity = Commitment;
  using Id = CommitmentId;
  static constexpr const char* kEntity = "commitment";
  static constexpr const char* kPath = "/api/v1/commitments";
  static CommitmentRepository& repo(Store& s) { return *s.commitments; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_commitment(j, m);
  }
  static std::vector<std::pair<const char*, Money>> money(const Entity& e) {
    return {{"amount", e.amount}, {"paid", e.paid}};
  }
  static const Schema<Entity>& schema() {
    using E = Entity;
    static const Schema<E> s = {
        column<E>("id", [](const E& e) { return e.id.value(); }),
        column<E>("signed_on", [](const E& e) { return e.signed_on; }),
        column<E>("counterparty", [](const E& e) { return e.counterparty; }),
        column<E>("amount", [](const E& e) { return e.amount; }),
        column<E>("paid", [](const E& e) { return e.paid; }),
        column<E>("currency", [](const E& e) { return std::string(e.amount.currency().code()); }),
        column<E>("budget_line_id", [](const E& e) { return e.budget_line_id.value(); }),
        column<E>("project_id", [](const E& e) { return optional_id(e.project_id); }),
        column<E>("acquisition_id", [](const E& e) { return optional_id(e.acquisition_id); }),
        column<E>("version", [](const E& e) { return e.meta.version; })};
    return s;
  }
};

struct ProjectResource : FoundByCode<ResourceDefaults, ProjectFilter> {
  using Entity = Project;
  using Id = ProjectId;
  static constexpr const char* kEntity = "project";
  static constexpr const char* kPath = "/api/v1/projects";
  static ProjectRepository& repo(Store& s) { return *s.projects; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_project(j, m);
  }
};

// Progress reports live under their project: /api/v1/projects/{id}/progress[/{progress_id}].
struct ProgressResource : ResourceDefaults {
  using Entity = ProgressReport;
  using Id = ProgressId;
  using Filter = ProgressFilter;
  static constexpr const char* kEntity = "progress";
  static constexpr const char* kPath = "/api/v1/projects/:id/progress";
  static constexpr const char* kIdParam = "progress_id";
  static constexpr bool kNested = true;
  static ProgressRepository& repo(Store& s) { return *s.progress; }
  static ProjectId project(const HttpRequest& r) { return ProjectId(path_id(r).value()); }
  static Status parent(Store& s, const HttpRequest& r) {
    auto id = path_id(r);
    if (!id.ok()) return id.error();
    auto found = s.projects->get(ProjectId(*id));
    if (!found.ok()) return found.error();
    return {};
  }
  static bool in_scope(const HttpRequest& r, const json& record) {
    return json_id_is(record, "project_id", project(r).value());
  }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest& r) {
    return decode_progress(j, m, project(r));
  }
  static std::vector<std::string> read_only() { return {"project_id"}; }
  static std::vector<std::string> filters() { return {}; }
  static Filter filter(QueryReader&, const HttpRequest& r) {
    auto id = path_id(r);
    return {id.ok() ? std::optional<ProjectId>(ProjectId(*id)) : std::nullopt};
  }
};

// ---- the handlers, once for all resources ----

Reply record_reply(int status, json record) {
  Reply r;
  r.status = status;
  if (record.contains("version")) r.version = record["version"].get<std::int64_t>();
  r.body = std::move(record);
  return r;
}

// A JSON body, or the 400 that says why it is not one.
std::optional<json> body_json(const HttpRequest& request, Reply& refusal) {
  auto parsed = parse_json_body(request.body);
  if (!parsed.ok()) {
    refusal = problem_reply(400, parsed.error().message);
    return std::nullopt;
  }
  return std::move(*parsed);
}

template <class R>
Error not_here(const HttpRequest& request) {
  return Error::not_found(std::string("no ") + R::kEntity + " at " + request.path);
}

template <class R>
Result<Reply> create(Store& store, const HttpRequest& request) {
  Reply refusal;
  auto body = body_json(request, refusal);
  if (!body) return refusal;
  if (Status p = R::parent(store, request); !p.ok()) return p.error();
  auto draft = R::decode(*body, DecodeMode::create, request);
  if (!draft.ok()) return draft.error();
  const Actor actor{request.caller.user};
  auto make = [&](UnitOfWork& work) -> Result<StoredResponse> {
    auto created = R::repo(store).create(work, *draft);
    if (!created.ok()) return created.error();
    return StoredResponse{201, location<R>(request, created->id.value()), to_json(*created),
                          false};
  };
  Result<StoredResponse> response = Error::internal("not run");
  if (auto key = request.header("idempotency-key")) {
    bool printable = !key->empty() && key->size() <= 200;
    for (char c : *key) printable = printable && c >= 0x20 && c < 0x7F;
    if (!printable) {
      return problem_reply(422, "the Idempotency-Key is not valid",
                           {{"Idempotency-Key", "must be 1 to 200 printable ASCII characters"}});
    }
    std::string fingerprint = request.method + " " + request.path + "\n" + body->dump();
    IdempotencyKey k{request.caller.user, *key, persistence::sha256_hex(fingerprint)};
    response = store.idempotent->once(actor, k, make);
  } else {
    response = store.transactions->run_for<StoredResponse>(actor, make);
  }
  if (!response.ok()) return response.error();
  Reply r = record_reply(response->status, std::move(response->body));
  r.location = response->location;
  r.replayed = response->replayed;
  return r;
}

template <class R>
Result<Reply> get_one(Store& store, const HttpRequest& request) {
  if (Status p = R::parent(store, request); !p.ok()) return p.error();
  auto id = path_id(request, R::kIdParam);
  if (!id.ok()) return id.error();
  QueryReader q(request);
  const std::optional<Instant> as_of = read_as_of(q);
  if (Status s = q.finish(); !s.ok()) return s.error();
  if (Status s = checked_known_at(store, request); !s.ok()) return s.error();
  json found;
  if (as_of) {
    auto then = store.history->record_as_of(R::kEntity, *id, *as_of);
    if (!then.ok()) return then.error();
    if (!*then) {
      return Error::not_found(std::string("no ") + R::kEntity + " with id " +
                                          std::to_string(*id) + " existed at " +
                                          format_instant(*as_of));
    }
    found = std::move(**then);
  } else {
    auto record = R::repo(store).get(typename R::Id(*id));
    if (!record.ok()) return record.error();
    found = to_json(*record);
  }
  if (!R::in_scope(request, found)) return not_here<R>(request);
  return record_reply(200, std::move(found));
}

// Hands `visit` each record `filter` matches with an id above `after`, in id order — as it is
// now, or as it stood at `as_of` — until `visit` returns false. `visit` gets the entity, its
// id (a journalled record's entity may not carry it) and a function that gives its JSON (made
// only when called). `chunk` is how many records one read
// fetches now.
template <class R, class Visit>
Status walk(Store& store, const HttpRequest& request, const typename R::Filter& filter,
            std::optional<Instant> as_of, std::int64_t after, std::size_t chunk, Visit visit) {
  if (as_of) {
    AsOfView view(store, *as_of);
    if (Status s = view.prepare(filter); !s.ok()) return s;
    auto records = view.all(R::kEntity);
    if (!records.ok()) return records.error();
    for (json& record : *records) {
      auto entity = R::decode(record, DecodeMode::stored, request);
      if (!entity.ok()) {
        return Error::internal(std::string("a journalled ") + R::kEntity +
                               " cannot be read back: " + entity.error().message);
      }
      const std::int64_t id = record["id"].get<std::int64_t>();
      if (id <= after || !passes(*entity, filter, view)) continue;
      if (!visit(*entity, id, [&record] { return std::move(record); })) return {};
    }
    return {};
  }
  for (PageRequest page{chunk, after};;) {
    auto found = R::repo(store).list(filter, page);
    if (!found.ok()) return found.error();
    for (const auto& e : found->items)
      if (!visit(e, e.id.value(), [&e] { return to_json(e); })) return {};
    if (!found->next_after_id) return {};
    page.after_id = *found->next_after_id;
  }
}

// The totals of a money list (R::money): {"count", and each money figure's sum in TWD}.
template <class R>
class Totals {
 public:
  Totals() {
    for (const auto& figure : R::money(typename R::Entity{}))
      sums_.emplace_back(figure.first, MoneySum(figure.first, Currency::twd()));
  }
  void add(const typename R::Entity& e) {
    const auto figures = R::money(e);
    for (std::size_t i = 0; i < sums_.size(); ++i) sums_[i].second.add(figures[i].second);
    ++count_;
  }
  Result<json> to_json() const {
    json out = {{"count", count_}};
    for (const auto& [name, sum] : sums_) {
      auto total = sum.total();
      if (!total.ok()) return total.error();
      out[name] = estate::to_json(*total);
    }
    return out;
  }

 private:
  std::vector<std::pair<std::string, MoneySum>> sums_;
  std::int64_t count_ = 0;
};

// Every record a money list matches, as a CSV or XLSX download; more than `max_rows` is a 422.
template <class R>
Result<Reply> download(Store& store, const HttpRequest& request, const typename R::Filter& filter,
                       std::optional<Instant> as_of, bool xlsx, std::size_t max_rows) {
  std::vector<typename R::Entity> rows;
  bool too_many = false;
  Status walked = walk<R>(store, request, filter, as_of, 0, 1000,
                          [&](const typename R::Entity& e, std::int64_t, const auto&) {
                            too_many = rows.size() == max_rows;
                            if (!too_many) rows.push_back(e);
                            return !too_many;
                          });
  if (!walked.ok()) return walked.error();
  if (too_many) {
    return Error::invalid("the download would have more than " + std::to_string(max_rows) + " rows",
                          {{"format", "narrow the list: budget_line_id, from and to"}});
  }
  const std::string name = std::string(R::kPath).substr(std::string("/api/v1/").size());
  const std::string stem = name + (as_of ? "-" + format_date(Date{date::floor<date::days>(*as_of)}) : "");
  return table_reply(table_of(name, R::schema(), rows), stem, xlsx);
}

// A page of a list. A money list also carries totals over every match, so it reads them all
// in the same walk and keeps the page's records as it passes them.
template <class R>
Result<Reply> list(Store& store, const HttpRequest& request, std::size_t max_rows) {
  QueryReader q(request);
  typename R::Filter filter = R::filter(q, request);
  const PageParams page = q.page();
  const std::optional<Instant> as_of = read_as_of(q);
  std::optional<std::string> format;
  if constexpr (R::kSpending) {
    format = q.text("format");
    if (format && *format != "json" && *format != "csv" && *format != "xlsx")
      q.add("format", "must be one of: json, csv, xlsx");
  }
  if (Status s = q.finish(); !s.ok()) return s.error();
  if (Status s = checked_known_at(store, request); !s.ok()) return s.error();
  if (Status p = R::parent(store, request); !p.ok()) return p.error();
  if constexpr (R::kSpending) {
    if (format && *format != "json")
      return download<R>(store, request, filter, as_of, *format == "xlsx", max_rows);
  }

  constexpr bool whole = R::kSpending;
  Totals<R> totals;
  json items = json::array();
  std::optional<std::int64_t> last;
  Status walked = walk<R>(store, request, filter, as_of, whole ? 0 : page.after,
                          whole ? 1000 : page.limit + 1,
                          [&](const typename R::Entity& e, std::int64_t id, const auto& record) {
                            if constexpr (whole) totals.add(e);
                            if (id <= page.after) return true;
                            if (items.size() < page.limit) {
                              items.push_back(record());
                            } else if (!last) {
                              last = items.back()["id"].template get<std::int64_t>();
                            }
                            return whole || !last;
                          });
  if (!walked.ok()) return walked.error();
  json body = json::object();
  body["items"] = std::move(items);
  body["next_cursor"] = next_cursor(last);
  if constexpr (whole) {
    auto sums = totals.to_json();
    if (!sums.ok()) return sums.error();
    body["totals"] = std::move(*sums);
  }
  return record_reply(200, std::move(body));
}

template <class R>
Result<Reply> patch(Store& store, const HttpRequest& request) {
  Reply refusal;
  if (Status p = R::parent(store, request); !p.ok()) return p.error();
  auto id = path_id(request, R::kIdParam);
  if (!id.ok()) return id.error();
  auto version = expected_version(request, refusal);
  if (!version) return refusal;
  auto patch = body_json(request, refusal);
  if (!patch) return refusal;
  if (!patch->is_object()) {
    return problem_reply(422, "a merge patch must be a JSON object",
                         {{"body", "must be a JSON object"}});
  }
  if (auto ro = read_only_fields(*patch, R::read_only()); !ro.empty()) {
    return problem_reply(422, "the patch changes fields it may not", ro);
  }
  auto current = R::repo(store).get(typename R::Id(*id));
  if (!current.ok()) return current.error();
  json merged = to_json(*current);
  if (!R::in_scope(request, merged)) return not_here<R>(request);
  if (current->meta.version != *version) {
    return problem_reply(412, std::string("the ") + R::kEntity + " has changed: it is at version " +
                                  std::to_string(current->meta.version));
  }
  merged.merge_patch(*patch);
  auto changed = R::decode(merged, DecodeMode::replace, request);
  if (!changed.ok()) return changed.error();
  changed->id = current->id;
  // A patch that changes nothing (the record reads the same) writes nothing: no new version,
  // no journal entry; the answer is the record as it is, as an import counts it unchanged.
  changed->meta = current->meta;
  if (json same = to_json(*current); to_json(*changed) == same) return record_reply(200, same);
  auto updated = R::repo(store).update(*changed, *version, Actor{request.caller.user});
  if (!updated.ok()) return updated.error();
  return record_reply(200, to_json(*updated));
}

template <class R>
Result<Reply> remove(Store& store, const HttpRequest& request) {
  Reply refusal;
  if (Status p = R::parent(store, request); !p.ok()) return p.error();
  auto id = path_id(request, R::kIdParam);
  if (!id.ok()) return id.error();
  auto version = expected_version(request, refusal);
  if (!version) return refusal;
  if constexpr (R::kNested) {
    // The record's parent is read-only, so checking before the delete cannot go stale.
    auto current = R::repo(store).get(typename R::Id(*id));
    if (current.ok() && !R::in_scope(request, to_json(*current)))
      return not_here<R>(request);
  }
  Status s = R::repo(store).remove(typename R::Id(*id), *version, Actor{request.caller.user});
  if (!s.ok()) return s.error();
  Reply r;
  r.status = 204;
  return r;
}

template <class R>
void add_resource(RouteTable& routes, Store& store, std::size_t max_rows = 0) {
  const std::string base = R::kPath, one = base + "/:" + R::kIdParam;
  Store* s = &store;
  std::vector<std::string> list_query = R::filters();
  list_query.insert(list_query.end(), {"limit", "cursor", "as_of", "known_at"});
  routes.push_back(
      {"POST", base, R::writers(), {}, [s](const HttpRequest& r) { return create<R>(*s, r); }});
  routes.push_back({"GET", base, kRegisterReaders, list_query,
                    [s, max_rows](const HttpRequest& r) { return list<R>(*s, r, max_rows); }, true});
  routes.push_back({"GET", one, kRegisterReaders, {"as_of", "known_at"},
                    [s](const HttpRequest& r) { return get_one<R>(*s, r); }, true});
  routes.push_back(
      {"PATCH", one, R::writers(), {}, [s](const HttpRequest& r) { return patch<R>(*s, r); }});
  routes.push_back(
      {"DELETE", one, R::writers(), {}, [s](const HttpRequest& r) { return remove<R>(*s, r); }});
}

}  // namespace

std::optional<std::int64_t> expected_version(const HttpRequest& request, Reply& refusal) {
  auto header = request.header("if-match");
  if (!header) {
    refusal = problem_reply(428, "send If-Match with the ETag of the version you read",
                            {{"If-Match", "is required"}});
    return std::nullopt;
  }
  // RFC 9110 §13.1.1: If-Match uses the strong comparison, so a weak tag (W/"2") never
  // matches; nor does an unquoted one. Either is a 412, as a stale version is.
  std::string tag = *header;
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') {
    tag = tag.substr(1, tag.size() - 2);
  } else {
    tag.clear();
  }
  bool digits = !tag.empty() && tag.size() <= 18;
  for (char c : tag) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    refusal = problem_reply(412, "If-Match " + *header + " names no version of this record",
                            {{"If-Match", "must be an ETag this service sent, like \"3\""}});
    return std::nullopt;
  }
  return std::stoll(tag);
}

// POST /api/v1/acquisitions/{id}/stage: move_acquisition_stage (domain/services.h) — the stage
// and, on "occupied", the property's tenure, in one unit of work. If-Match is optional here:
// the forward-only rule already makes a second, concurrent move of the same kind a conflict.
Result<Reply> move_stage(Store& store, const HttpRequest& request) {
  Reply refusal;
  auto id = path_id(request);
  if (!id.ok()) return id.error();
  auto body = body_json(request, refusal);
  if (!body) return refusal;
  auto move = decode_stage_move(*body);
  if (!move.ok()) return move.error();
  std::optional<std::int64_t> version;
  if (request.header("if-match")) {
    version = expected_version(request, refusal);
    if (!version) return refusal;
  }
  auto moved = move_acquisition_stage(*store.transactions, *store.acquisitions, *store.properties,
                                      Actor{request.caller.user}, AcquisitionId(*id), move->stage,
                                      move->on, version);
  if (!moved.ok()) return moved.error();
  return record_reply(200, to_json(*moved));
}

// GET /api/v1/leases/{id}/rent-schedule[?as_of=]: the lease's rent in force over its term,
// as reports/rent.h computes it (the web client shows it; it computes none itself).
Result<Reply> rent_schedule(Store& store, const HttpRequest& request) {
  auto id = path_id(request);
  if (!id.ok()) return id.error();
  QueryReader q(request);
  const std::optional<Instant> as_of = read_as_of(q);
  if (Status s = q.finish(); !s.ok()) return s.error();
  if (Status s = checked_known_at(store, request); !s.ok()) return s.error();
  Result<Lease> lease = Error::internal("not read");
  if (as_of) {
    auto then = store.history->record_as_of("lease", *id, *as_of);
    if (!then.ok()) return then.error();
    if (!*then) return Error::not_found("no lease with id " + std::to_string(*id) + " then");
    lease = decode_lease(**then, DecodeMode::stored);
  } else {
    lease = store.leases->get(LeaseId(*id));
  }
  if (!lease.ok()) return lease.error();
  auto rows = reports::rent_schedule(*lease);
  if (!rows.ok()) return rows.error();
  json periods = json::array();
  for (const auto& r : *rows) {
    periods.push_back({{"from", format_date(r.from)},
                       {"to", format_date(r.to)},
                       {"period_amount", to_json(r.period_amount)},
                       {"annual", to_json(r.annual)}});
  }
  Reply reply;
  reply.body = {{"lease_id", *id},
                {"period", std::string(to_string(lease->period))},
                {"escalation", std::string(to_string(lease->escalation.kind))},
                {"periods", std::move(periods)}};
  return reply;
}

void add_register_routes(RouteTable& routes, Store& store, std::size_t max_download_rows) {
  add_resource<MissionResource>(routes, store);
  add_resource<PropertyResource>(routes, store);
  add_resource<LeaseResource>(routes, store);
  Store* s = &store;
  routes.push_back({"GET", "/api/v1/leases/:id/rent-schedule", kRegisterReaders, {"as_of", "known_at"},
                    [s](const HttpRequest& r) { return rent_schedule(*s, r); }});
  add_resource<AcquisitionResource>(routes, store);
  routes.push_back({"POST", "/api/v1/acquisitions/:id/stage", kRegisterWriters, {},
                    [s](const HttpRequest& r) { return move_stage(*s, r); }});
  add_resource<FxRateResource>(routes, store);
  add_resource<BudgetLineResource>(routes, store);
  add_resource<AppropriationResource>(routes, store);
  add_resource<ExpenditureResource>(routes, store, max_download_rows);
  add_resource<CommitmentResource>(routes, store, max_download_rows);
  add_resource<ProjectResource>(routes, store);
  add_resource<ProgressResource>(routes, store);
}

}  // namespace estate::api
