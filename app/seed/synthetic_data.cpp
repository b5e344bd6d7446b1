#include "app/seed/synthetic_data.h"

#include <algorithm>
#include <random>

#include "domain/result_macros.h"
#include "domain/validation.h"

namespace estate::app {

namespace {

const Actor kSynthetic{"seed-synthetic"};

struct Place {
  const char *country, *city, *currency, *zone;
  Region region;
};

const Place kPlaces[] = {
    {"AU", "Sydney", "AUD", "Australia/Sydney", Region::east_asia_pacific},
    {"JP", "Osaka", "JPY", "Asia/Tokyo", Region::east_asia_pacific},
    {"ZA", "Johannesburg", "ZAR", "Africa/Johannesburg", Region::west_asia_africa},
    {"AE", "Dubai", "AED", "Asia/Dubai", Region::west_asia_africa},
    {"DE", "Hamburg", "EUR", "Europe/Berlin", Region::europe},
    {"GB", "Edinburgh", "GBP", "Europe/London", Region::europe},
    {"US", "Boston", "USD", "America/New_York", Region::north_america},
    {"CA", "Vancouver", "CAD", "America/Vancouver", Region::north_america},
    {"BR", "Sao Paulo", "BRL", "America/Sao_Paulo", Region::latin_america_caribbean},
    {"PY", "Asuncion", "PYG", "America/Asuncion", Region::latin_america_caribbean},
};
constexpr int kSyntheticBudgetLines = 10;
const char* const kAgencies[] = {"MOFA", "MOEA", "MOE", "MOC", "OCAC", "MAC"};

// Draws from a std::mt19937_64, whose output sequence the standard fixes, with plain modulo
// arithmetic rather than std:: distributions (whose results differ between libraries).
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : engine_(seed) {}
  std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(engine_() % n); }
  bool chance(int percent) { return below(100) < percent; }

 private:
  std::mt19937_64 engine_;
};

// A literal of the tables above parses, or the table is wrong: a programming mistake, reported
// as an internal error by seed_synthetic. Errors from the repositories travel as values.
template <class T>
T must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error("synthetic data: " + r.error().message);
  return std::move(r).value();
}

std::string numbered(const char* prefix, int n, int width) {
  std::string digits = std::to_string(n);
  return prefix +
         std::string(digits.size() < static_cast<std::size_t>(width)
                         ? static_cast<std::size_t>(width) - digits.size()
                         : 0,
                     '0') +
         digits;
}

Date plus_days(Date d, std::int64_t days) {
  return Date{date::sys_days(d) + date::days(days)};
}

// One rate a year per currency from 2010, drifting a little each year.
Status write_fx_rates(persistence::Store& store, UnitOfWork& work, Draw& draw,
                      SyntheticResult& out) {
  std::vector<std::string> done;
  for (const Place& place : kPlaces) {
    if (std::find(done.begin(), done.end(), place.currency) != done.end()) continue;
    done.push_back(place.currency);
    // A plausible base in millionths of a TWD: yen and guaraní are worth little, the rest tens.
    std::int64_t base = std::string(place.currency) == "JPY"   ? 215000
                        : std::string(place.currency) == "PYG" ? 4200
                                                               : 5000000 + draw.below(40000000);
    for (int year = 2010; year <= 2026; ++year) {
      FxRate r;
      r.currency = must(Currency::of(place.currency));
      r.effective = date::year{year} / date::January / 1;
      r.twd_per_unit =
          Decimal::from_units(base + draw.below(base / 10 + 1) - base / 20, kFxRateScale);
      RETURN_IF_ERROR(store.fx_rates->create(work, r));
      ++out.fx_rates;
    }
  }
  return {};
}

// Purchases of leased properties: most occupied (the tenure then says owned from that day),
// some still in the pipeline. Price 12–30 years of rent, costs 5 %, owning 15–40 % of the rent.
Status write_acquisitions(persistence::Store& store, UnitOfWork& work, Draw& draw, int count,
                          std::vector<std::pair<Property, Lease>>& candidates,
                          SyntheticResult& out) {
  for (int i = 0; i < count && !candidates.empty(); ++i) {
    std::size_t pick =
        static_cast<std::size_t>(draw.below(static_cast<std::int64_t>(candidates.size())));
    auto [property, lease] = candidates[pick];
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(pick));
    const Currency c = lease.rent.currency();
    const std::int64_t annual = lease.rent.minor_units() * periods_per_year(lease.period);
    Acquisition a;
    a.code = numbered("ACQ-S", i + 1, 6);
    a.property_id = property.id;
    a.replaces_lease_ids = {lease.id};
    Date proposed = plus_days(lease.start, 365 + draw.below(365 * 4));
    a.stages = {{AcquisitionStage::proposed, proposed},
                {AcquisitionStage::appraised, plus_days(proposed, 60 + draw.below(120))},
                {AcquisitionStage::budget_approved, plus_days(proposed, 240 + draw.below(120))}};
    if (draw.chance(80)) {
      Date contracted = plus_days(a.stages.back().on, 30 + draw.below(200));
      Date settled = plus_days(contracted, 30 + draw.below(60));
      a.stages.push_back({AcquisitionStage::contracted, contracted});
      a.stages.push_back({AcquisitionStage::settled, settled});
      a.stages.push_back({AcquisitionStage::occupied, plus_days(settled, 1 + draw.below(30))});
    }
    // Nothing has happened after mid-2026: later stages are still to come.
    const Date latest = date::year{2026} / date::June / 30;
    while (a.stages.size() > 1 && latest < a.stages.back().on) a.stages.pop_back();
    if (latest < a.stages.front().on) a.stages.front().on = latest;
    const bool occupied = a.occupied_on().has_value();
    a.price = Money::from_minor(annual * (12 + draw.below(19)), c);
    a.costs = Money::from_minor(a.price.minor_units() / 20, c);
    a.operating_cost_annual = Money::from_minor(annual * (15 + draw.below(26)) / 100, c);
    RETURN_IF_ERROR(store.acquisitions->create(work, a));
    ++out.acquisitions;
    if (occupied) {
      ASSIGN_OR_RETURN(auto tenure, tenure_after_purchase(property.tenure, *a.occupied_on()));
      if (tenure) {
        property.tenure = *tenure;
        RETURN_IF_ERROR(store.properties->update(work, property, property.meta.version));
      }
    }
  }
  return {};
}

// Budget lines with appropriations FY 105–116; projects with 3–6 milestones and quarterly
// progress; expenditures spread over the projects (four in five) and the lines; two or three
// contracts per project. Nothing is dated after mid-2026.
Status write_budget(persistence::Store& store, UnitOfWork& work, Draw& draw,
                    const SyntheticOptions& o, const std::vector<PropertyId>& property_ids,
                    SyntheticResult& out) {
  if (o.projects == 0 && o.expenditures == 0) return {};
  const Date latest = date::year{2026} / date::June / 30;
  auto twd = [](std::int64_t dollars) { return Money::from_minor(dollars * 100, Currency::twd()); };
  std::vector<BudgetLine> lines;
  for (int i = 1; i <= kSyntheticBudgetLines; ++i) {
    BudgetLine b;
    b.code = numbered("SYN-LINE-", i, 2);
    b.name_zh = "合成預算科目 " + std::to_string(i);
    b.name_en = "Synthetic budget line " + std::to_string(i);
    ASSIGN_OR_RETURN(BudgetLine line, store.budget_lines->create(work, b));
    lines.push_back(std::move(line));
    ++out.budget_lines;
    for (int roc = 105; roc <= 116; ++roc) {
      Appropriation a;
      a.budget_line_id = lines.back().id;
      a.fiscal_year = must(FiscalYear::from_roc(roc));
      a.amount = twd(50000000 + draw.below(2000000000));
      RETURN_IF_ERROR(store.appropriations->create(work, a));
      ++out.appropriations;
    }
  }
  struct Running {
    Project project;
    BudgetLineId line;  // the line its spending is charged to
  };
  std::vector<Running> projects;
  for (int i = 1; i <= o.projects; ++i) {
    Project p;
    p.code = numbered("SYN-PRJ-", i, 5);
    p.name_zh = "合成工程 " + std::to_string(i);
    p.name_en = "Synthetic project " + std::to_string(i);
    p.start = plus_days(date::year{2012} / date::January / 1, draw.below(365 * 14));
    p.bac = twd(50000000 + draw.below(3000000000));
    for (int k = static_cast<int>(draw.below(3)); k > 0 && !property_ids.empty(); --k) {
      PropertyId id = property_ids[static_cast<std::size_t>(
          draw.below(static_cast<std::int64_t>(property_ids.size())))];
      if (std::find(p.property_ids.begin(), p.property_ids.end(), id) == p.property_ids.end())
        p.property_ids.push_back(id);
    }
    const int milestones = 3 + static_cast<int>(draw.below(4));
    Date on = p.start;
    std::int64_t pct = 0;
    for (int m = 1; m <= milestones; ++m) {
      on = plus_days(on, 120 + draw.below(500));
      pct = m == milestones ? 10000 : pct + (10000 - pct) * (20 + draw.below(40)) / 100;
      p.milestones.push_back({"Milestone " + std::to_string(m), on, Decimal::from_units(pct, 2)});
    }
    ASSIGN_OR_RETURN(Project created, store.projects->create(work, p));
    Running r{std::move(created),
              lines[static_cast<std::size_t>(draw.below(kSyntheticBudgetLines))].id};
    ++out.projects;
    // Quarterly progress, drifting around the plan, never going back.
    std::int64_t done = 0;
    for (Date day = plus_days(p.start, 90); day <= latest && done < 10000;
         day = plus_days(day, 91)) {
      const std::int64_t elapsed = (date::sys_days(day) - date::sys_days(p.start)).count();
      const std::int64_t span = (date::sys_days(on) - date::sys_days(p.start)).count();
      std::int64_t planned = std::min<std::int64_t>(10000, 10000 * elapsed / span);
      done = std::max(done, std::min<std::int64_t>(10000, planned * (80 + draw.below(35)) / 100));
      ProgressReport report;
      report.project_id = r.project.id;
      report.on = day;
      report.pct_complete = Decimal::from_units(done, 2);
      RETURN_IF_ERROR(store.progress->create(work, report));
      ++out.progress_reports;
    }
    for (int k = 2 + static_cast<int>(draw.below(2)); k > 0; --k) {
      Commitment c;
      c.signed_on = std::min(latest, plus_days(p.start, draw.below(365)));
      c.counterparty = "Synthetic contractor " + std::to_string(draw.below(1000));
      c.amount =
          Money::from_minor(p.bac.minor_units() * (20 + draw.below(40)) / 100, Currency::twd());
      c.paid = Money::from_minor(c.amount.minor_units() * draw.below(101) / 100, Currency::twd());
      c.budget_line_id = r.line;
      c.project_id = r.project.id;
      RETURN_IF_ERROR(store.commitments->create(work, c));
      ++out.commitments;
    }
    projects.push_back(std::move(r));
  }
  // Expenditures: four in five on a project, between its start and its end (or mid-2026),
  // averaging its BAC over its share; the rest on a line, 2015 to mid-2026.
  const std::int64_t per_project =
      projects.empty() ? 1 : std::max<std::int64_t>(1, o.expenditures * 4 / 5 / o.projects);
  for (int i = 0; i < o.expenditures; ++i) {
    Expenditure e;
    if (!projects.empty() && draw.chance(80)) {
      const Running& r = projects[static_cast<std::size_t>(
          draw.below(static_cast<std::int64_t>(projects.size())))];
      const Date until = std::min(latest, r.project.milestones.back().date);
      const std::int64_t span = std::max<std::int64_t>(
          1, (date::sys_days(until) - date::sys_days(r.project.start)).count());
      e.on = plus_days(r.project.start, draw.below(span));
      e.amount =
          Money::from_minor(std::max<std::int64_t>(100, r.project.bac.minor_units() / per_project *
                                                            (50 + draw.below(100)) / 100),
                            Currency::twd());
      e.budget_line_id = r.line;
      e.project_id = r.project.id;
      e.description = "Synthetic progress payment";
    } else {
      e.on = plus_days(date::year{2015} / date::January / 1, draw.below(365 * 11 + 180));
      e.amount = twd(10000 + draw.below(5000000));
      e.budget_line_id = lines[static_cast<std::size_t>(draw.below(kSyntheticBudgetLines))].id;
      e.description = "Synthetic expense";
    }
    RETURN_IF_ERROR(store.expenditures->create(work, e));
    ++out.expenditures;
  }
  return {};
}

Result<SyntheticResult> write_register(persistence::Store& store, UnitOfWork& work,
                                       const SyntheticOptions& o) {
  SyntheticResult out;
  ASSIGN_OR_RETURN(const auto existing, store.missions->count());
  if (existing > 0) return out;
  Draw draw(o.seed);
  std::vector<Mission> missions;
  for (int i = 1; i <= o.missions; ++i) {
    const Place& place = kPlaces[(i - 1) % std::size(kPlaces)];
    Mission m;
    m.code = numbered("S", i, 4);
    m.name_en = "Synthetic mission " + m.code;
    m.name_zh = "合成館處 " + m.code;
    m.country = must(Country::of(place.country));
    m.city = place.city;
    m.region = place.region;
    m.type = i % 3 == 0 ? MissionType::representative_office : MissionType::office;
    m.currency = must(Currency::of(place.currency));
    m.time_zone = must(TimeZone::of(place.zone));
    ASSIGN_OR_RETURN(Mission created, store.missions->create(work, m));
    missions.push_back(std::move(created));
    ++out.missions;
  }
  const Date epoch = date::year{1995} / date::January / 1;
  std::vector<std::pair<Property, Lease>> candidates;  // open leases, for purchases
  std::vector<PropertyId> property_ids;
  for (int i = 1; i <= o.properties; ++i) {
    const Mission& mission = missions[static_cast<std::size_t>(draw.below(o.missions))];
    Property p;
    p.mission_id = mission.id;
    p.code = mission.code + numbered("-P", i, 6);
    p.kind = static_cast<PropertyKind>(draw.below(5));
    p.name = "Synthetic " + std::string(to_string(p.kind)) + " " + p.code;
    p.address = std::to_string(1 + draw.below(999)) + " Example Road, " + mission.city;
    p.floor_area_m2 = Decimal::from_units(5000 + draw.below(500000), 2);
    p.status = draw.chance(95) ? PropertyStatus::active : PropertyStatus::disposed;
    for (const char* agency : kAgencies)
      if (draw.chance(agency == kAgencies[0] ? 100 : 25)) p.agencies.push_back(agency);
    Date from = plus_days(epoch, draw.below(365 * 28));
    int shape = static_cast<int>(draw.below(100));
    std::optional<Lease> lease;
    if (shape < 8) {
      p.tenure.push_back({TenureType::provided, from, std::nullopt});
    } else {
      Lease l;
      l.lessor = "Synthetic lessor " + std::to_string(i);
      l.start = from;
      l.end = plus_days(from, 365 * (3 + draw.below(10)) - 1);
      std::int64_t whole = 2000 + draw.below(200000);
      int digits = mission.currency.minor_digits();
      l.rent = Money::from_minor(whole * pow10(digits), mission.currency);
      l.period = static_cast<RentPeriod>(draw.below(3));
      if (draw.chance(60)) {
        l.escalation.kind = EscalationKind::fixed_pct;
        l.escalation.pct = Decimal::from_units(100 + draw.below(400), 2);
      }
      l.notice_days = static_cast<int>(30 * (1 + draw.below(12)));
      if (shape < 40) {
        // Bought: leased until the day before the purchase, owned since.
        p.tenure.push_back({TenureType::leased, l.start, l.end});
        p.tenure.push_back({TenureType::owned, plus_days(l.end, 1), std::nullopt});
      } else {
        p.tenure.push_back({TenureType::leased, l.start, std::nullopt});
      }
      lease = l;
    }
    ASSIGN_OR_RETURN(Property created, store.properties->create(work, p));
    property_ids.push_back(created.id);
    ++out.properties;
    if (lease) {
      lease->property_id = created.id;
      ASSIGN_OR_RETURN(Lease saved, store.leases->create(work, *lease));
      ++out.leases;
      if (p.tenure.back().type == TenureType::leased && !p.tenure.back().to)
        candidates.push_back({created, saved});
    }
  }
  RETURN_IF_ERROR(write_fx_rates(store, work, draw, out));
  RETURN_IF_ERROR(write_acquisitions(store, work, draw, o.acquisitions, candidates, out));
  RETURN_IF_ERROR(write_budget(store, work, draw, o, property_ids, out));
  out.seeded = true;
  return out;
}

}  // namespace

Result<SyntheticResult> seed_synthetic(persistence::Store& store, const SyntheticOptions& o) {
  Validator v;
  v.check(o.missions >= 1 && o.missions <= 10000, "missions", "must be 1 to 10000");
  v.check(o.properties >= 0 && o.properties <= 1000000, "properties", "must be 0 to 1000000");
  v.check(o.acquisitions >= 0 && o.acquisitions <= o.properties, "acquisitions",
          "must be 0 to the number of properties");
  v.check(o.projects >= 0 && o.projects <= 100000, "projects", "must be 0 to 100000");
  v.check(o.expenditures >= 0 && o.expenditures <= 10000000, "expenditures",
          "must be 0 to 10000000");
  RETURN_IF_ERROR(v.finish("the synthetic register's size is not valid"));
  return store.transactions->run_for<SyntheticResult>(kSynthetic, [&](UnitOfWork& work) {
    try {
      return write_register(store, work, o);
    } catch (const std::exception& e) {
      return Result<SyntheticResult>(Error::internal(e.what()));
    }
  });
}

}  // namespace estate::app
