#include "app/seed/demo_data.h"

#include <map>
#include <stdexcept>

#include "app/seed/demo_rows.h"
#include "domain/result_macros.h"

namespace estate::app {

namespace {

using namespace demo;

const Actor kSeed{"seed-demo"};

// The rows' literals parse, or the table is wrong: a programming mistake, reported as an
// internal error by seed_demo. Errors from the repositories travel as values.
template <class T>
T must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error("demo data: " + r.error().message);
  return std::move(r).value();
}

Date day(const char* text) {
  return must(parse_date(text));
}

Money twd(const char* amount) {
  return must(Money::parse(amount, Currency::twd()));
}

Result<std::map<std::string, Mission>> seed_missions(persistence::Store& store, UnitOfWork& work,
                                                     SeedResult& out) {
  std::map<std::string, Mission> missions;
  for (const MissionRow& r : demo::missions()) {
    Mission m;
    m.code = r.code;
    m.name_en = r.name_en;
    m.name_zh = r.name_zh;
    m.country = must(Country::of(r.country));
    m.city = r.city;
    m.region = r.region;
    m.type = r.type;
    m.currency = must(Currency::of(r.currency));
    m.time_zone = must(TimeZone::of(r.zone));
    ASSIGN_OR_RETURN(Mission created, store.missions->create(work, m));
    missions.emplace(r.code, std::move(created));
    ++out.missions;
  }
  return missions;
}

Result<std::map<std::string, Property>> seed_properties(
    persistence::Store& store, UnitOfWork& work, const std::map<std::string, Mission>& missions,
    SeedResult& out) {
  std::map<std::string, Property> properties;
  for (const PropertyRow& r : demo::properties()) {
    Property p;
    if (r.mission) p.mission_id = missions.at(r.mission).id;
    p.code = r.code;
    p.name = r.name;
    if (auto zh = property_names_zh().find(r.code); zh != property_names_zh().end())
      p.name_zh = zh->second;
    p.kind = r.kind;
    p.address = r.address;
    p.floor_area_m2 = must(Decimal::parse(r.area, 2));
    p.status = r.status;
    p.agencies = r.agencies;
    for (const TenureRow& t : r.tenure) {
      p.tenure.push_back(
          Tenure{t.type, day(t.from), t.to ? std::optional<Date>(day(t.to)) : std::nullopt});
    }
    ASSIGN_OR_RETURN(Property created, store.properties->create(work, p));
    properties.emplace(r.code, std::move(created));
    ++out.properties;
  }
  return properties;
}

Result<std::map<std::string, Lease>> seed_leases(persistence::Store& store, UnitOfWork& work,
                                                 const std::map<std::string, Mission>& missions,
                                                 const std::map<std::string, Property>& properties,
                                                 SeedResult& out) {
  std::map<std::string, Lease> leases;
  for (const LeaseRow& r : demo::leases()) {
    const Property& p = properties.at(r.property);
    Currency currency = p.mission_id ? missions.at(p.code.substr(0, 3)).currency : Currency::twd();
    Lease l;
    l.property_id = p.id;
    l.lessor = r.lessor;
    l.start = day(r.start);
    l.end = day(r.end);
    l.rent = must(Money::parse(r.rent, currency));
    l.period = r.period;
    if (r.pct) {
      l.escalation.kind = EscalationKind::fixed_pct;
      l.escalation.pct = must(Decimal::parse(r.pct, 2));
    }
    l.notice_days = r.notice_days;
    if (std::string(r.property) == "SYD-OFF-1") {
      l.options.push_back(LeaseOption{LeaseOptionKind::renewal, day("2026-12-31"), 5});
    }
    if (std::string(r.property) == "VAT-OFF-1") {  // open: the rent forecast may assume it
      l.options.push_back(LeaseOption{LeaseOptionKind::renewal, day("2027-06-30"), 5});
    }
    if (std::string(r.property) == "LON-OFF-1") {
      l.options.push_back(LeaseOption{LeaseOptionKind::break_clause, day("2024-03-28"), {}});
    }
    ASSIGN_OR_RETURN(Lease created, store.leases->create(work, l));
    leases.emplace(r.property, std::move(created));
    ++out.leases;
  }
  return leases;
}

Status seed_fx_rates(persistence::Store& store, UnitOfWork& work, SeedResult& out) {
  for (const FxRow& r : demo::fx_rates()) {
    FxRate rate;
    rate.currency = must(Currency::of(r.currency));
    rate.effective = day(r.effective);
    rate.twd_per_unit = must(Decimal::parse(r.twd_per_unit, kFxRateScale));
    RETURN_IF_ERROR(store.fx_rates->create(work, rate));
    ++out.fx_rates;
  }
  return {};
}

Result<std::map<std::string, BudgetLine>> seed_budget_lines(persistence::Store& store,
                                                            UnitOfWork& work, SeedResult& out) {
  std::map<std::string, BudgetLine> lines;
  for (const BudgetLineRow& r : demo::budget_lines()) {
    BudgetLine b;
    b.code = r.code;
    b.name_zh = r.name_zh;
    b.name_en = r.name_en;
    ASSIGN_OR_RETURN(BudgetLine created, store.budget_lines->create(work, b));
    lines.emplace(r.code, std::move(created));
    ++out.budget_lines;
  }
  return lines;
}

Result<std::map<std::string, AcquisitionId>> seed_acquisitions(
    persistence::Store& store, UnitOfWork& work, const std::map<std::string, Property>& properties,
    const std::map<std::string, Lease>& leases, const std::map<std::string, BudgetLine>& lines,
    SeedResult& out) {
  std::map<std::string, AcquisitionId> acquisitions;
  for (const AcquisitionRow& r : demo::acquisitions()) {
    const Lease& replaced = leases.at(r.property);
    const Currency c = replaced.rent.currency();
    Acquisition a;
    a.code = r.code;
    a.property_id = properties.at(r.property).id;
    a.replaces_lease_ids = {replaced.id};
    for (const auto& [stage, on] : r.stages) a.stages.push_back(StageEntry{stage, day(on)});
    a.price = must(Money::parse(r.price, c));
    a.costs = must(Money::parse(r.costs, c));
    a.operating_cost_annual = must(Money::parse(r.operating, c));
    a.budget_line_id = lines.at("MOFA-PREMISES").id;
    ASSIGN_OR_RETURN(Acquisition created, store.acquisitions->create(work, a));
    acquisitions.emplace(r.code, created.id);
    ++out.acquisitions;
  }
  return acquisitions;
}

// The Zhiyuan renewal: the project, its milestones and its progress reports.
Result<Project> seed_zhiyuan(persistence::Store& store, UnitOfWork& work,
                             const std::map<std::string, Property>& properties, SeedResult& out) {
  Project p;
  p.code = "ZHIYUAN-RENEWAL";
  p.name_zh = "致遠新村活化再利用計畫";
  p.name_en = "Zhiyuan New Village renewal (illustrative figures)";
  p.property_ids = {properties.at("ZY-DORM-1").id, properties.at("ZY-ARCH-1").id};
  p.start = day("2025-03-01");
  p.bac = twd("1020000000");
  p.milestones = {
      {"規劃設計完成 design complete", day("2025-12-31"), must(Decimal::parse("8", 2))},
      {"宿舍主體結構完成 dormitory structure complete", day("2026-12-31"),
       must(Decimal::parse("45", 2))},
      {"輪調宿舍啟用 rotation dormitories open", day("2027-09-30"), must(Decimal::parse("70", 2))},
      {"外交檔案管理中心啟用 archives centre opens", day("2028-12-31"),
       must(Decimal::parse("100", 2))}};
  ASSIGN_OR_RETURN(Project zhiyuan, store.projects->create(work, p));
  ++out.projects;
  for (const auto& [on, done] : zhiyuan_progress()) {
    ProgressReport r;
    r.project_id = zhiyuan.id;
    r.on = day(on);
    r.pct_complete = must(Decimal::parse(done, 2));
    RETURN_IF_ERROR(store.progress->create(work, r));
    ++out.progress_reports;
  }
  return zhiyuan;
}

Status seed_budget(persistence::Store& store, UnitOfWork& work,
                   const std::map<std::string, BudgetLine>& lines,
                   const std::map<std::string, Property>& properties,
                   const std::map<std::string, AcquisitionId>& acquisitions, SeedResult& out) {
  for (const AppropriationRow& r : appropriations()) {
    Appropriation a;
    a.budget_line_id = lines.at(r.line).id;
    a.fiscal_year = must(FiscalYear::from_roc(r.fiscal_year));
    a.amount = twd(r.amount);
    RETURN_IF_ERROR(store.appropriations->create(work, a));
    ++out.appropriations;
  }
  ASSIGN_OR_RETURN(const Project zhiyuan, seed_zhiyuan(store, work, properties, out));
  auto acquisition = [&](const char* code) -> std::optional<AcquisitionId> {
    if (!code) return std::nullopt;
    return acquisitions.at(code);
  };
  for (const SpendRow& r : expenditures()) {
    Expenditure e;
    e.on = day(r.on);
    e.amount = twd(r.amount);
    e.budget_line_id = lines.at(r.line).id;
    e.acquisition_id = acquisition(r.acquisition);
    if (r.zhiyuan) e.project_id = zhiyuan.id;
    e.description = r.text;
    RETURN_IF_ERROR(store.expenditures->create(work, e));
    ++out.expenditures;
  }
  for (const CommitmentRow& r : commitments()) {
    Commitment c;
    c.signed_on = day(r.signed_on);
    c.counterparty = r.counterparty;
    c.amount = twd(r.amount);
    c.paid = twd(r.paid);
    c.budget_line_id = lines.at(r.line).id;
    c.acquisition_id = acquisition(r.acquisition);
    if (r.zhiyuan) c.project_id = zhiyuan.id;
    RETURN_IF_ERROR(store.commitments->create(work, c));
    ++out.commitments;
  }
  return {};
}

// One change waiting for the demo finance user (DESIGN "Four eyes"): facilities asks to
// extend the London office lease by five years, which finance approves or rejects.
Status seed_change_request(persistence::Store& store, UnitOfWork& work,
                           const std::map<std::string, Lease>& leases, SeedResult& out) {
  const Lease& london = leases.at("LON-OFF-1");
  ChangeRequest ask;
  ask.proposed = {
      "lease", london.id.value(), "update", {{"end", "2034-09-28"}}, london.meta.version};
  ask.sensitivity = {kRuleLeaseExtension, Role::finance};
  ask.requested_by = "demo-facilities";
  ask.maker_role = Role::facilities;
  work.journal_approved(ask.requested_by, "");
  RETURN_IF_ERROR(store.change_requests->create(work, ask));
  ++out.change_requests;
  return {};
}

Result<SeedResult> seed_demo_records(persistence::Store& store, UnitOfWork& work) {
  SeedResult out;
  ASSIGN_OR_RETURN(const auto existing, store.missions->count());
  if (existing > 0) return out;
  try {
    ASSIGN_OR_RETURN(const auto missions, seed_missions(store, work, out));
    ASSIGN_OR_RETURN(const auto properties, seed_properties(store, work, missions, out));
    ASSIGN_OR_RETURN(const auto leases, seed_leases(store, work, missions, properties, out));
    RETURN_IF_ERROR(seed_fx_rates(store, work, out));
    ASSIGN_OR_RETURN(const auto lines, seed_budget_lines(store, work, out));
    ASSIGN_OR_RETURN(const auto acquisitions,
                     seed_acquisitions(store, work, properties, leases, lines, out));
    RETURN_IF_ERROR(seed_budget(store, work, lines, properties, acquisitions, out));
    RETURN_IF_ERROR(seed_change_request(store, work, leases, out));
  } catch (const std::exception& e) {
    return Error::internal(e.what());
  }
  out.seeded = true;
  return out;
}

}  // namespace

Result<SeedResult> seed_demo(persistence::Store& store) {
  // One transaction: a crash mid-seed leaves the register empty, not half seeded.
  return store.transactions->run_for<SeedResult>(
      kSeed, [&](UnitOfWork& work) { return seed_demo_records(store, work); });
}

}  // namespace estate::app
