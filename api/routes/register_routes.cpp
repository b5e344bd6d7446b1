#include "api/routes/register_routes.h"

#include <map>

#include "api/http/compression.h"
#include "api/http/json_reader.h"
#include "api/routes/change_request_routes.h"
#include "api/http/query_reader.h"
#include "api/routes/openapi.h"
#include "api/routes/register_codec.h"
#include "api/routes/report_columns.h"
#include "app/budget_warnings.h"
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
    q.add("known_at", MessageCode::known_at_not_as_of);
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
// A resource's names in the OpenAPI document (routes/openapi.h): its schema's and operations'
// (createMission, listMissions), the summaries' and its tag.
struct ResourceNames {
  const char* type;
  const char* types;
  const char* article;  // of the noun: "a", "an"
  const char* noun;
  const char* nouns;
  const char* tag;
};

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
  // Whether a four-eyes rule (DESIGN "Four eyes") may mark a create or an update of this
  // record sensitive; such writes go through app::FourEyes, and *_sensitivity say when.
  // Every delete of a register record does.
  static constexpr bool kCreateRule = false;
  static constexpr bool kUpdateRule = false;
  // The entities whose writes can change a read's answer (Route::answer_depends_on); empty:
  // all of them, for the resources whose answers nobody has traced.
  static std::vector<std::string> depends_on(const HttpRequest&) { return {}; }
  // The warnings a write of the record (its stored JSON) carries in its answer: none, but for
  // expenditures and commitments (app/budget_warnings.h).
  static Result<std::vector<ChargeWarning>> warnings(Store&, const json&) {
    return std::vector<ChargeWarning>{};
  }
};

// Expenditures and commitments above the approval amount need another finance user.
struct AboveAmountRule {
  static constexpr bool kCreateRule = true;
  static constexpr bool kUpdateRule = true;
  template <class Entity>
  static std::optional<Sensitivity> create_sensitivity(const Entity& e, const ApprovalPolicy& p) {
    return amount_sensitivity(e.amount, std::nullopt, p);
  }
  template <class Entity>
  static std::optional<Sensitivity> update_sensitivity(const Entity& before, const Entity& after,
                                                       const ApprovalPolicy& p) {
    return amount_sensitivity(after.amount, before.amount, p);
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
  static constexpr ResourceNames kNames = {"Mission", "Missions", "a",
                                           "mission", "missions", "Missions"};
  static constexpr const char* kPath = "/api/v1/missions";
  static MissionRepository& repo(Store& s) { return *s.missions; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_mission(j, m);
  }
  static std::vector<std::string> filters() { return {"region", "code"}; }
  static Filter filter(QueryReader& q, const HttpRequest&) {
    return {q.one_of<Region>("region"), q.code("code")};
  }
  // A mission's answer, and a list of them (region and code are its own columns).
  static std::vector<std::string> depends_on(const HttpRequest&) { return {"mission"}; }
};

struct PropertyResource : ResourceDefaults {
  using Entity = Property;
  using Id = PropertyId;
  using Filter = PropertyFilter;
  static constexpr const char* kEntity = "property";
  static constexpr ResourceNames kNames = {"Property", "Properties", "a",
                                           "property", "properties", "Properties"};
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
  // A property's answer is its row, agencies and tenure, all journalled as the property; a
  // list by region also reads the missions' regions.
  static std::vector<std::string> depends_on(const HttpRequest& request) {
    if (request.query.count("region")) return {"mission", "property"};
    return {"property"};
  }
};

struct LeaseResource : ResourceDefaults {
  using Entity = Lease;
  using Id = LeaseId;
  using Filter = LeaseFilter;
  static constexpr const char* kEntity = "lease";
  static constexpr ResourceNames kNames = {"Lease", "Leases", "a", "lease", "leases", "Leases"};
  static constexpr const char* kPath = "/api/v1/leases";
  static LeaseRepository& repo(Store& s) { return *s.leases; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_lease(j, m);
  }
  static std::vector<std::string> filters() { return {"property_id", "mission_id"}; }
  static Filter filter(QueryReader& q, const HttpRequest&) {
    return {q.id<PropertyId>("property_id"), q.id<MissionId>("mission_id")};
  }
  static constexpr bool kUpdateRule = true;
  static std::optional<Sensitivity> update_sensitivity(const Lease& before, const Lease& after,
                                                       const ApprovalPolicy& p) {
    return lease_change_sensitivity(before, after, p);
  }
};

struct AcquisitionResource : ResourceDefaults {
  using Entity = Acquisition;
  using Id = AcquisitionId;
  using Filter = AcquisitionFilter;
  static constexpr const char* kEntity = "acquisition";
  static constexpr ResourceNames kNames = {"Acquisition", "Acquisitions", "an",
                                           "acquisition", "acquisitions", "Acquisitions"};
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
  static constexpr ResourceNames kNames = {"FxRate",  "FxRates",  "an",
                                           "FX rate", "FX rates", "FX rates"};
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
  static constexpr ResourceNames kNames = {"BudgetLine",  "BudgetLines",  "a",
                                           "budget line", "budget lines", "Budget lines"};
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
  static constexpr ResourceNames kNames = {"Appropriation", "Appropriations", "an",
                                           "appropriation", "appropriations", "Appropriations"};
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
struct SpendingResource : FinanceResource, AboveAmountRule {
  using AboveAmountRule::kCreateRule;
  using AboveAmountRule::kUpdateRule;
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

// The stored record `written` (an expenditure or commitment) read back, and its warnings.
template <class Entity>
Result<std::vector<ChargeWarning>> spending_warnings(Store& store, const json& written,
                                                     Result<Entity> (*decode)(const json&, DecodeMode)) {
  auto record = decode(written, DecodeMode::stored);
  if (!record.ok()) return record.error();
  record->id = decltype(record->id)(written.at("id").get<std::int64_t>());
  return app::charge_warnings(store, *record);
}

constexpr char kOn[] = "on";
constexpr char kSignedOn[] = "signed_on";

struct ExpenditureResource : SpendingResource<kOn> {
  using Entity = Expenditure;
  using Id = ExpenditureId;
  static constexpr const char* kEntity = "expenditure";
  static constexpr ResourceNames kNames = {"Expenditure", "Expenditures", "an",
                                           "expenditure", "expenditures", "Expenditures"};
  static constexpr const char* kPath = "/api/v1/expenditures";
  static ExpenditureRepository& repo(Store& s) { return *s.expenditures; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_expenditure(j, m);
  }
  static Result<std::vector<ChargeWarning>> warnings(Store& s, const json& written) {
    return spending_warnings<Entity>(s, written, decode_expenditure);
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
  static constexpr ResourceNames kNames = {"Commitment", "Commitments", "a",
                                           "commitment", "commitments", "Commitments"};
  static constexpr const char* kPath = "/api/v1/commitments";
  static CommitmentRepository& repo(Store& s) { return *s.commitments; }
  static Result<Entity> decode(const json& j, DecodeMode m, const HttpRequest&) {
    return decode_commitment(j, m);
  }
  static Result<std::vector<ChargeWarning>> warnings(Store& s, const json& written) {
    return spending_warnings<Entity>(s, written, decode_commitment);
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
  static constexpr ResourceNames kNames = {"Project", "Projects", "a",
                                           "project", "projects", "Projects"};
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
  static constexpr ResourceNames kNames = {"Progress",        "Progress",         "a",
                                           "progress report", "progress reports", "Projects"};
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
    refusal = problem_reply(400, parsed.error().what);
    return std::nullopt;
  }
  return std::move(*parsed);
}

template <class R>
Error not_here(const HttpRequest& request) {
  return Error::not_found({MessageCode::record_not_found_at, {R::kEntity, request.path}});
}

app::Person person_of(const HttpRequest& request) {
  return {request.caller.user, request.caller.role};
}

// ---- the kinds of change four eyes may hold back (app/four_eyes.h) ----

// Decoding a stored change needs no request: only nested resources read their path, and none
// of them has a rule on creates or updates.
const HttpRequest kNoRequest{};

template <class R>
Error stale_record(std::int64_t version) {
  return Error::stale({MessageCode::record_changed, {R::kEntity, std::to_string(version)}});
}

// The record as it is in `work` and as the merge patch `change.change` makes it, checked
// against change.base_version.
template <class R>
Result<std::pair<typename R::Entity, typename R::Entity>> patched(Store& store, UnitOfWork& work,
                                                                  const ProposedChange& change) {
  auto current = R::repo(store).get(work, typename R::Id(change.entity_id.value_or(0)));
  if (!current.ok()) return current.error();
  if (change.base_version && current->meta.version != *change.base_version)
    return stale_record<R>(current->meta.version);
  json merged = to_json(*current);
  merged.merge_patch(change.change);
  auto changed = R::decode(merged, DecodeMode::replace, kNoRequest);
  if (!changed.ok()) return changed.error();
  changed->id = current->id;
  return std::make_pair(std::move(*current), std::move(*changed));
}

template <class R>
void add_change_kinds(Store& store, app::FourEyes& four_eyes) {
  Store* s = &store;
  using Entity = typename R::Entity;
  four_eyes.add_kind(
      R::kEntity, "delete",
      {[s](UnitOfWork& work, ProposedChange& change, Role maker,
           const ApprovalPolicy&) -> Result<std::optional<Sensitivity>> {
         auto current = R::repo(*s).get(work, typename R::Id(change.entity_id.value_or(0)));
         if (!current.ok()) return current.error();
         if (change.base_version && current->meta.version != *change.base_version)
           return stale_record<R>(current->meta.version);
         return std::optional<Sensitivity>(delete_sensitivity(maker));
       },
       [s](UnitOfWork& work, const ProposedChange& change) -> Result<app::Applied> {
         Status removed = R::repo(*s).remove(work, typename R::Id(change.entity_id.value_or(0)),
                                             change.base_version.value_or(0));
         if (!removed.ok()) return removed.error();
         return app::Applied{nullptr, change.entity_id};
       }});
  if constexpr (R::kUpdateRule) {
    four_eyes.add_kind(
        R::kEntity, "update",
        {[s](UnitOfWork& work, ProposedChange& change, Role,
             const ApprovalPolicy& policy) -> Result<std::optional<Sensitivity>> {
           auto both = patched<R>(*s, work, change);
           if (!both.ok()) return both.error();
           return R::update_sensitivity(both->first, both->second, policy);
         },
         [s](UnitOfWork& work, const ProposedChange& change) -> Result<app::Applied> {
           auto both = patched<R>(*s, work, change);
           if (!both.ok()) return both.error();
           auto updated = R::repo(*s).update(work, both->second, both->first.meta.version);
           if (!updated.ok()) return updated.error();
           return app::Applied{to_json(*updated), updated->id.value()};
         }});
  }
  if constexpr (R::kCreateRule) {
    four_eyes.add_kind(
        R::kEntity, "create",
        {[](UnitOfWork&, ProposedChange& change, Role,
            const ApprovalPolicy& policy) -> Result<std::optional<Sensitivity>> {
           auto draft = R::decode(change.change, DecodeMode::create, kNoRequest);
           if (!draft.ok()) return draft.error();
           return R::create_sensitivity(static_cast<const Entity&>(*draft), policy);
         },
         [s](UnitOfWork& work, const ProposedChange& change) -> Result<app::Applied> {
           auto draft = R::decode(change.change, DecodeMode::create, kNoRequest);
           if (!draft.ok()) return draft.error();
           auto created = R::repo(*s).create(work, *draft);
           if (!created.ok()) return created.error();
           return app::Applied{to_json(*created), created->id.value()};
         }});
  }
}

// Adds "warnings" [{"code", "message"}] (in the request's language) to the answer of a write
// that was applied, when the record has any. The write has committed: a warning that cannot
// be read is left out rather than failing it.
template <class R>
void add_warnings(Store& store, const HttpRequest& request, json& body) {
  if (!body.is_object() || !body.contains("id")) return;
  auto found = R::warnings(store, body);
  if (!found.ok() || found->empty()) return;
  const Language lang = language_of(request.header("accept-language"));
  json out = json::array();
  for (const ChargeWarning& w : *found) out.push_back({{"code", w.code}, {"message", w.message(lang)}});
  body["warnings"] = std::move(out);
}

template <class R>
Result<Reply> create(Store& store, app::FourEyes& four_eyes, const HttpRequest& request) {
  Reply refusal;
  auto body = body_json(request, refusal);
  if (!body) return refusal;
  if (Status p = R::parent(store, request); !p.ok()) return p.error();
  auto draft = R::decode(*body, DecodeMode::create, request);
  if (!draft.ok()) return draft.error();
  const Actor actor{request.caller.user};
  auto make = [&](UnitOfWork& work) -> Result<StoredResponse> {
    if constexpr (R::kCreateRule) {
      auto submitted =
          four_eyes.submit(work, person_of(request), {R::kEntity, std::nullopt, "create", *body, std::nullopt});
      if (!submitted.ok()) return submitted.error();
      if (submitted->request) {
        return StoredResponse{202, change_request_location(submitted->request->id),
                              to_json(*submitted->request), false};
      }
      return StoredResponse{201, location<R>(request, submitted->applied->id.value_or(0)),
                            submitted->applied->record, false};
    }
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
      return problem_reply(422, MessageCode::idempotency_key_invalid,
                           {{"Idempotency-Key", MessageCode::idempotency_key_chars}});
    }
    std::string fingerprint = request.method + " " + request.path + "\n" + body->dump();
    IdempotencyKey k{request.caller.user, *key, persistence::sha256_hex(fingerprint)};
    response = store.idempotent->once(actor, k, make);
  } else {
    response = store.transactions->run_for<StoredResponse>(actor, make);
  }
  if (!response.ok()) return response.error();
  if (response->status == 201) add_warnings<R>(store, request, response->body);
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
      return Error::not_found({MessageCode::record_not_found_then,
                               {R::kEntity, std::to_string(*id), format_instant(*as_of)}});
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
    return Error::invalid({MessageCode::download_too_large, {std::to_string(max_rows)}},
                          {{"format", MessageCode::narrow_the_list}});
  }
  const std::string name = std::string(R::kPath).substr(std::string("/api/v1/").size());
  const std::string stem = name + (as_of ? "-" + format_date(Date{date::floor<date::days>(*as_of)}) : "");
  return table_reply(table_of(name, R::schema(), rows), stem, xlsx);
}

// Whether write_json(JsonWriter&, const E&) writes E (json_codec.h): its list pages are then
// written as they are read, without a tree.
template <class E, class = void>
struct streams_json : std::false_type {};
template <class E>
struct streams_json<E, std::void_t<decltype(write_json(std::declval<JsonWriter&>(),
                                                       std::declval<const E&>()))>>
    : std::true_type {};

// A page of a list as it is now, each record written as it is read: the bytes the tree of
// list() below would give ({"items": […], "next_cursor": …}).
template <class R>
Result<Reply> streamed_page(Store& store, const HttpRequest& request,
                            const typename R::Filter& filter, const PageParams& page) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  std::size_t written = 0;
  std::optional<std::int64_t> kept, last;
  Status walked = walk<R>(store, request, filter, std::nullopt, page.after, page.limit + 1,
                          [&](const typename R::Entity& e, std::int64_t id, const auto&) {
                            if (written < page.limit) {
                              write_json(w, e);
                              ++written;
                              kept = id;
                              return true;
                            }
                            last = kept;
                            return false;
                          });
  if (!walked.ok()) return walked.error();
  w.end_array().key("next_cursor").value(next_cursor(last)).end_object();
  Reply r;
  r.raw = w.take();
  r.content_type = "application/json";
  return r;
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
      q.add("format", {MessageCode::not_one_of, {"json, csv, xlsx"}});
  }
  if (Status s = q.finish(); !s.ok()) return s.error();
  if (Status s = checked_known_at(store, request); !s.ok()) return s.error();
  if (Status p = R::parent(store, request); !p.ok()) return p.error();
  if constexpr (R::kSpending) {
    if (format && *format != "json")
      return download<R>(store, request, filter, as_of, *format == "xlsx", max_rows);
  }

  constexpr bool whole = R::kSpending;
  if constexpr (!whole && streams_json<typename R::Entity>::value) {
    if (!as_of) return streamed_page<R>(store, request, filter, page);
  }
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
Result<Reply> patch(Store& store, app::FourEyes& four_eyes, const HttpRequest& request) {
  Reply refusal;
  if (Status p = R::parent(store, request); !p.ok()) return p.error();
  auto id = path_id(request, R::kIdParam);
  if (!id.ok()) return id.error();
  auto version = expected_version(request, refusal);
  if (!version) return refusal;
  auto patch = body_json(request, refusal);
  if (!patch) return refusal;
  if (!patch->is_object()) {
    return problem_reply(422, MessageCode::patch_not_object,
                         {{"body", MessageCode::not_json_object}});
  }
  if (auto ro = read_only_fields(*patch, R::read_only()); !ro.empty()) {
    return problem_reply(422, MessageCode::patch_read_only, ro);
  }
  auto current = R::repo(store).get(typename R::Id(*id));
  if (!current.ok()) return current.error();
  json merged = to_json(*current);
  if (!R::in_scope(request, merged)) return not_here<R>(request);
  if (current->meta.version != *version) {
    return problem_reply(
        412, {MessageCode::record_changed, {R::kEntity, std::to_string(current->meta.version)}});
  }
  merged.merge_patch(*patch);
  auto changed = R::decode(merged, DecodeMode::replace, request);
  if (!changed.ok()) return changed.error();
  changed->id = current->id;
  // A patch that changes nothing (the record reads the same) writes nothing: no new version,
  // no journal entry, no change request; the answer is the record as it is, as an import
  // counts it unchanged.
  changed->meta = current->meta;
  if (json same = to_json(*current); to_json(*changed) == same) return record_reply(200, same);
  if constexpr (R::kUpdateRule) {
    auto reply = submitted_reply(
        four_eyes.submit(person_of(request), {R::kEntity, *id, "update", *patch, *version}), 200);
    if (reply.ok() && reply->status == 200) add_warnings<R>(store, request, reply->body);
    return reply;
  }
  auto updated = R::repo(store).update(*changed, *version, Actor{request.caller.user});
  if (!updated.ok()) return updated.error();
  json body = to_json(*updated);
  add_warnings<R>(store, request, body);
  return record_reply(200, std::move(body));
}

template <class R>
Result<Reply> remove(Store& store, app::FourEyes& four_eyes, const HttpRequest& request) {
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
  return submitted_reply(
      four_eyes.submit(person_of(request), {R::kEntity, *id, "delete", nullptr, *version}), 204);
}

// The name of the components/parameters a register query parameter refers to.
std::string register_parameter(const std::string& query) {
  static const std::map<std::string, std::string> renamed = {{"from", "from_date"},
                                                             {"to", "to_date"},
                                                             {"format", "list_format"},
                                                             {"known_at", "register_known_at"}};
  auto it = renamed.find(query);
  return it == renamed.end() ? query : it->second;
}

// The OpenAPI operations of a resource's five routes, in add_resource's order.
template <class R>
std::vector<OperationDoc> resource_docs(const std::vector<std::string>& list_query) {
  const ResourceNames& n = R::kNames;
  const std::string type = n.type, noun = n.noun, a_noun = std::string(n.article) + " " + noun,
                    writers = "(" + roles_text(R::writers()) + ")";
  std::vector<std::string> list_parameters;
  for (const std::string& q : list_query) list_parameters.push_back(register_parameter(q));
  std::vector<std::pair<int, std::string>> created = {{201, type + "Created"}},
                                           changed = {{200, type}};
  if (R::kCreateRule) created.push_back({202, "ChangeRequestPending"});
  if (R::kUpdateRule) changed.push_back({202, "ChangeRequestPending"});
  return {
      {"create" + type,
       n.tag,
       "create " + a_noun + " " + writers,
       {"Idempotency-Key"},
       type,
       created,
       {409}},
      {"list" + std::string(n.types),
       n.tag,
       "list " + std::string(n.nouns) + " (" + roles_text(kRegisterReaders) + "); stable id order",
       list_parameters,
       "",
       {{200, type + "List"}},
       {}},
      {"get" + type,
       n.tag,
       "one " + noun + ", now or as of an instant",
       {"as_of", "register_known_at"},
       "",
       {{200, type}},
       {}},
      {"update" + type,
       n.tag,
       "change " + a_noun + " by JSON merge patch " + writers,
       {"If-Match"},
       "MergePatch",
       changed,
       {409}},
      {"delete" + type,
       n.tag,
       "delete " + a_noun + " " + writers + "; 409 while other records depend on it",
       {"If-Match"},
       "",
       {{204, "Deleted"}, {202, "ChangeRequestPending"}},
       {409}},
  };
}

template <class R>
void add_resource(RouteTable& routes, Store& store, app::FourEyes& four_eyes,
                  std::size_t max_rows = 0) {
  const std::string base = R::kPath, one = base + "/:" + R::kIdParam;
  Store* s = &store;
  app::FourEyes* f = &four_eyes;
  add_change_kinds<R>(store, four_eyes);
  std::vector<std::string> list_query = R::filters();
  list_query.insert(list_query.end(), {"limit", "cursor", "as_of", "known_at"});
  std::vector<OperationDoc> docs = resource_docs<R>(list_query);
  routes.push_back(documented({"POST",
                               base,
                               R::writers(),
                               {},
                               [s, f](const HttpRequest& r) { return create<R>(*s, *f, r); }},
                              docs[0]));
  routes.push_back(
      documented({"GET", base, kRegisterReaders, list_query,
                  [s, max_rows](const HttpRequest& r) { return list<R>(*s, r, max_rows); }, true},
                 docs[1]));
  routes.back().answer_depends_on = &R::depends_on;
  routes.push_back(documented({"GET",
                               one,
                               kRegisterReaders,
                               {"as_of", "known_at"},
                               [s](const HttpRequest& r) { return get_one<R>(*s, r); },
                               true},
                              docs[2]));
  routes.back().answer_depends_on = &R::depends_on;
  routes.push_back(documented({"PATCH",
                               one,
                               R::writers(),
                               {},
                               [s, f](const HttpRequest& r) { return patch<R>(*s, *f, r); }},
                              docs[3]));
  routes.push_back(documented({"DELETE",
                               one,
                               R::writers(),
                               {},
                               [s, f](const HttpRequest& r) { return remove<R>(*s, *f, r); }},
                              docs[4]));
}

// The register list the bench measures is streamed (a missing write_json would silently not be).
static_assert(streams_json<Property>::value, "the property list is written without a tree");
}  // namespace

std::optional<std::int64_t> expected_version(const HttpRequest& request, Reply& refusal) {
  auto header = request.header("if-match");
  if (!header) {
    refusal = problem_reply(428, MessageCode::if_match_required,
                            {{"If-Match", MessageCode::required}});
    return std::nullopt;
  }
  // RFC 9110 §13.1.1: If-Match uses the strong comparison, so a weak tag (W/"2") never
  // matches; nor does an unquoted one. Either is a 412, as a stale version is. The gzip
  // representation's tag ("3-gzip", compression.h) names the same version.
  std::string tag = identity_etag(*header);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') {
    tag = tag.substr(1, tag.size() - 2);
  } else {
    tag.clear();
  }
  bool digits = !tag.empty() && tag.size() <= 18;
  for (char c : tag) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    refusal = problem_reply(412, {MessageCode::if_match_unknown, {*header}},
                            {{"If-Match", MessageCode::must_be_our_etag}});
    return std::nullopt;
  }
  return std::stoll(tag);
}

// POST /api/v1/acquisitions/{id}/stage: move_acquisition_stage (domain/services.h) — the stage
// and, on "occupied", the property's tenure, in one unit of work. If-Match is optional here:
// the forward-only rule already makes a second, concurrent move of the same kind a conflict.
Result<Reply> move_stage(app::FourEyes& four_eyes, const HttpRequest& request) {
  Reply refusal;
  auto id = path_id(request);
  if (!id.ok()) return id.error();
  auto body = body_json(request, refusal);
  if (!body) return refusal;
  if (auto move = decode_stage_move(*body); !move.ok()) return move.error();
  std::optional<std::int64_t> version;
  if (request.header("if-match")) {
    version = expected_version(request, refusal);
    if (!version) return refusal;
  }
  return submitted_reply(
      four_eyes.submit(person_of(request), {"acquisition", *id, "stage", *body, version}), 200);
}

// The stage move as a kind of change: sensitive by its target stage; checked (forward only,
// a date not before the current stage's) when it is made, and applied with the record's
// version then, so a request whose acquisition moved on meanwhile is stale.
void add_stage_kind(Store& store, app::FourEyes& four_eyes) {
  Store* s = &store;
  four_eyes.add_kind(
      "acquisition", "stage",
      {[s](UnitOfWork& work, ProposedChange& change, Role,
           const ApprovalPolicy&) -> Result<std::optional<Sensitivity>> {
         auto move = decode_stage_move(change.change);
         if (!move.ok()) return move.error();
         auto current = s->acquisitions->get(work, AcquisitionId(change.entity_id.value_or(0)));
         if (!current.ok()) return current.error();
         if (change.base_version && current->meta.version != *change.base_version)
           return stale_record<AcquisitionResource>(current->meta.version);
         change.base_version = current->meta.version;
         auto next = advance(*current, move->stage, move->on);
         if (!next.ok()) return next.error();
         return stage_move_sensitivity(move->stage);
       },
       [s](UnitOfWork& work, const ProposedChange& change) -> Result<app::Applied> {
         auto move = decode_stage_move(change.change);
         if (!move.ok()) return move.error();
         auto moved = move_acquisition_stage(work, *s->acquisitions, *s->properties,
                                             AcquisitionId(change.entity_id.value_or(0)),
                                             move->stage, move->on, change.base_version);
         if (!moved.ok()) return moved.error();
         return app::Applied{to_json(*moved), moved->id.value()};
       }});
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
    if (!*then) return Error::not_found({MessageCode::lease_not_found_then, {std::to_string(*id)}});
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

void add_register_routes(RouteTable& routes, Store& store, app::FourEyes& four_eyes,
                         std::size_t max_download_rows) {
  add_resource<MissionResource>(routes, store, four_eyes);
  add_resource<PropertyResource>(routes, store, four_eyes);
  add_resource<LeaseResource>(routes, store, four_eyes);
  Store* s = &store;
  app::FourEyes* f = &four_eyes;
  routes.push_back(documented(
      {"GET",
       "/api/v1/leases/:id/rent-schedule",
       kRegisterReaders,
       {"as_of", "known_at"},
       [s](const HttpRequest& r) { return rent_schedule(*s, r); }},
      {"getLeaseRentSchedule",
       "Leases",
       "the lease's rent over its term: one row per stretch of constant rent (after escalation "
       "and steps)",
       {"as_of", "register_known_at"},
       "",
       {{200, "RentSchedule"}},
       {}}));
  add_resource<AcquisitionResource>(routes, store, four_eyes);
  add_stage_kind(store, four_eyes);
  routes.push_back(documented(
      {"POST",
       "/api/v1/acquisitions/:id/stage",
       kRegisterWriters,
       {},
       [f](const HttpRequest& r) { return move_stage(*f, r); }},
      {"moveAcquisitionStage",
       "Acquisitions",
       "move forward (or to cancelled); occupied also sets the property's tenure (facilities)",
       {"If-Match-optional"},
       "StageMove",
       {{200, "Acquisition"}, {202, "ChangeRequestPending"}},
       {409}}));
  add_resource<FxRateResource>(routes, store, four_eyes);
  add_resource<BudgetLineResource>(routes, store, four_eyes);
  add_resource<AppropriationResource>(routes, store, four_eyes);
  add_resource<ExpenditureResource>(routes, store, four_eyes, max_download_rows);
  add_resource<CommitmentResource>(routes, store, four_eyes, max_download_rows);
  add_resource<ProjectResource>(routes, store, four_eyes);
  add_resource<ProgressResource>(routes, store, four_eyes);
}

}  // namespace estate::api
