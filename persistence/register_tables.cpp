#include "persistence/register_tables.h"

#include <soci/boost-gregorian-date.h>
#include <soci/boost-optional.h>
#include <soci/soci.h>

#include "domain/validation.h"
#include "persistence/sql_types.h"

namespace estate::persistence {

namespace {
constexpr ColumnKind kInt = ColumnKind::integer;
constexpr ColumnKind kText = ColumnKind::text;
constexpr ColumnKind kDate = ColumnKind::date;
}  // namespace

// ---- missions ---------------------------------------------------------------------------

const std::vector<Column>& MissionSpec::columns() {
  static const std::vector<Column> c = {
      {"code", kText},   {"name_en", kText}, {"name_zh", kText},  {"country", kText},
      {"city", kText},   {"region", kText},  {"type", kText},     {"currency", kText},
      {"time_zone", kText}};
  return c;
}

void MissionSpec::write(const Entity& m, Row& row) {
  row.put(m.code);
  row.put(m.name_en);
  row.put(m.name_zh);
  row.put(std::string(m.country.code()));
  row.put(m.city);
  row.put(std::string(to_string(m.region)));
  row.put(std::string(to_string(m.type)));
  row.put(std::string(m.currency.code()));
  row.put(m.time_zone.name());
}

void MissionSpec::read(Row& row, Entity& m) {
  m.code = row.text();
  m.name_en = row.text();
  m.name_zh = row.text();
  m.country = stored(Country::of(row.text()), "missions.country");
  m.city = row.text();
  m.region = stored_enum<Region>(row.text(), "missions.region");
  m.type = stored_enum<MissionType>(row.text(), "missions.type");
  m.currency = stored(Currency::of(row.text()), "missions.currency");
  m.time_zone = stored(TimeZone::of(row.text()), "missions.time_zone");
}

void MissionSpec::where(const Filter& f, Where& w) {
  w.equals("region", f.region ? std::optional<std::string>(to_string(*f.region)) : std::nullopt);
  w.equals("code", f.code);
}

std::optional<std::string> MissionSpec::dependents(soci::session& s, MissionId id) {
  std::int64_t raw = id.value();
  int n = 0;
  s << "SELECT COUNT(*) FROM properties WHERE mission_id = :id", soci::use(raw), soci::into(n);
  if (n > 0) return std::to_string(n) + " properties still belong to this mission";
  return std::nullopt;
}

// ---- properties -------------------------------------------------------------------------

const std::vector<Column>& PropertySpec::columns() {
  static const std::vector<Column> c = {
      {"mission_id", kInt}, {"code", kText},   {"name", kText},
      {"kind", kText},      {"address", kText}, {"floor_area_m2_x100", kInt},
      {"status", kText},    {"name_zh", kText}};
  return c;
}

void PropertySpec::write(const Entity& p, Row& row) {
  row.put(p.mission_id);
  row.put(p.code);
  row.put(p.name);
  row.put(std::string(to_string(p.kind)));
  row.put(p.address);
  row.put(p.floor_area_m2.units());
  row.put(std::string(to_string(p.status)));
  row.put(p.name_zh);
}

void PropertySpec::read(Row& row, Entity& p) {
  p.mission_id = row.optional_id<MissionId>();
  p.code = row.text();
  p.name = row.text();
  p.kind = stored_enum<PropertyKind>(row.text(), "properties.kind");
  p.address = row.text();
  p.floor_area_m2 = Decimal::from_units(row.integer(), 2);
  p.status = stored_enum<PropertyStatus>(row.text(), "properties.status");
  p.name_zh = row.optional_text();
}

void PropertySpec::where(const Filter& f, Where& w) {
  w.equals_id("mission_id", f.mission_id);
  if (f.region) {
    // A property's region is its mission's; one without a mission is domestic.
    const std::string in_region = "mission_id IN (SELECT id FROM missions WHERE region = '" +
                                  std::string(to_string(*f.region)) + "')";
    w.condition(*f.region == Region::domestic ? "(mission_id IS NULL OR " + in_region + ")"
                                              : in_region);
  }
  w.equals("kind", f.kind ? std::optional<std::string>(to_string(*f.kind)) : std::nullopt);
  w.equals("status", f.status ? std::optional<std::string>(to_string(*f.status)) : std::nullopt);
  w.equals("code", f.code);
}

void PropertySpec::write_children(soci::session& s, const Property& p, bool replacing) {
  std::int64_t id = p.id.value();
  if (replacing) {
    s << "DELETE FROM property_agencies WHERE property_id = :id", soci::use(id);
    s << "DELETE FROM property_tenures WHERE property_id = :id", soci::use(id);
  }
  for (std::size_t i = 0; i < p.agencies.size(); ++i) {
    int position = static_cast<int>(i);
    s << "INSERT INTO property_agencies (property_id, position, agency) VALUES (:p, :i, :a)",
        soci::use(id), soci::use(position), soci::use(p.agencies[i]);
  }
  for (std::size_t i = 0; i < p.tenure.size(); ++i) {
    int position = static_cast<int>(i);
    const Tenure& t = p.tenure[i];
    std::string type(to_string(t.type));
    boost::gregorian::date from = to_sql_date(t.from);
    boost::optional<boost::gregorian::date> to = to_sql_date(t.to);
    s << "INSERT INTO property_tenures (property_id, position, type, from_date, to_date) "
         "VALUES (:p, :i, :type, :from_date, :to_date)",
        soci::use(id), soci::use(position), soci::use(type), soci::use(from), soci::use(to);
  }
}

void PropertySpec::load_children(soci::session& s, const std::vector<std::int64_t>& ids,
                                 std::map<std::int64_t, Entity>& by_id) {
  struct Agency {
    std::int64_t pid = 0;
    std::string agency;
  };
  select_by_ids<Agency>(
      s, "property_agencies", "SELECT property_id, agency FROM property_agencies", "property_id",
      " ORDER BY property_id, position", ids,
      [](Agency& v, soci::statement& st) {
        st.exchange(soci::into(v.pid));
        st.exchange(soci::into(v.agency));
      },
      [&](Agency& v) { by_id[v.pid].agencies.push_back(v.agency); });
  struct TenureRow {
    std::int64_t pid = 0;
    std::string type;
    boost::gregorian::date from;
    boost::optional<boost::gregorian::date> to;
  };
  select_by_ids<TenureRow>(
      s, "property_tenures", "SELECT property_id, type, from_date, to_date FROM property_tenures",
      "property_id", " ORDER BY property_id, position", ids,
      [](TenureRow& v, soci::statement& st) {
        st.exchange(soci::into(v.pid));
        st.exchange(soci::into(v.type));
        st.exchange(soci::into(v.from));
        st.exchange(soci::into(v.to));
      },
      [&](TenureRow& v) {
        by_id[v.pid].tenure.push_back(
            Tenure{stored_enum<TenureType>(v.type, "property_tenures.type"),
                   from_sql_date(v.from), from_sql_date(v.to)});
      });
}

Status PropertySpec::check_references(soci::session& s, const Property& p) {
  if (!p.mission_id) return {};
  return must_exist(s, "missions", p.mission_id->value(), "mission_id", "mission");
}

std::optional<std::string> PropertySpec::dependents(soci::session& s, PropertyId id) {
  return first_referrer(s, id.value(),
                        {{"leases", "property_id"},
                         {"acquisitions", "property_id"},
                         {"project_properties", "property_id"}},
                        "property");
}

// ---- leases -----------------------------------------------------------------------------

const std::vector<Column>& LeaseSpec::columns() {
  static const std::vector<Column> c = {
      {"property_id", kInt},     {"lessor", kText},          {"start_date", kDate},
      {"end_date", kDate},       {"rent_minor", kInt},       {"rent_currency", kText},
      {"period", kText},         {"escalation_kind", kText}, {"escalation_pct_x100", kInt},
      {"notice_days", kInt}};
  return c;
}

void LeaseSpec::write(const Entity& l, Row& row) {
  row.put(l.property_id.value());
  row.put(l.lessor);
  row.put(l.start);
  row.put(l.end);
  row.put(l.rent.minor_units());
  row.put(std::string(l.rent.currency().code()));
  row.put(std::string(to_string(l.period)));
  row.put(std::string(to_string(l.escalation.kind)));
  if (l.escalation.pct)
    row.put(l.escalation.pct->rescale(2)->units());
  else
    row.put_null();
  row.put(std::int64_t{l.notice_days});
}

void LeaseSpec::read(Row& row, Entity& l) {
  l.property_id = PropertyId(row.integer());
  l.lessor = row.text();
  l.start = row.date();
  l.end = row.date();
  const std::int64_t rent = row.integer();
  l.rent = Money::from_minor(rent, stored(Currency::of(row.text()), "leases.rent_currency"));
  l.period = stored_enum<RentPeriod>(row.text(), "leases.period");
  l.escalation.kind = stored_enum<EscalationKind>(row.text(), "leases.escalation_kind");
  if (auto pct = row.optional_integer()) l.escalation.pct = Decimal::from_units(*pct, 2);
  l.notice_days = static_cast<int>(row.integer());
}

void LeaseSpec::where(const Filter& f, Where& w) {
  w.equals_id("property_id", f.property_id);
  if (f.mission_id) {
    // A lease's mission is its property's.
    w.condition("property_id IN (SELECT id FROM properties WHERE mission_id = " +
                std::to_string(f.mission_id->value()) + ")");
  }
}

void LeaseSpec::write_children(soci::session& s, const Lease& l, bool replacing) {
  std::int64_t id = l.id.value();
  if (replacing) {
    s << "DELETE FROM lease_rent_steps WHERE lease_id = :id", soci::use(id);
    s << "DELETE FROM lease_options WHERE lease_id = :id", soci::use(id);
  }
  for (std::size_t i = 0; i < l.escalation.steps.size(); ++i) {
    int position = static_cast<int>(i);
    const RentStep& step = l.escalation.steps[i];
    boost::gregorian::date from = to_sql_date(step.from);
    std::int64_t rent = step.rent.minor_units();
    s << "INSERT INTO lease_rent_steps (lease_id, position, from_date, rent_minor) "
         "VALUES (:l, :i, :from_date, :rent)",
        soci::use(id), soci::use(position), soci::use(from), soci::use(rent);
  }
  for (std::size_t i = 0; i < l.options.size(); ++i) {
    int position = static_cast<int>(i);
    const LeaseOption& o = l.options[i];
    std::string kind(to_string(o.kind));
    boost::gregorian::date by = to_sql_date(o.exercise_by);
    int years = o.years.value_or(0);
    soci::indicator years_ind = o.years ? soci::i_ok : soci::i_null;
    s << "INSERT INTO lease_options (lease_id, position, kind, exercise_by, years) "
         "VALUES (:l, :i, :kind, :by, :years)",
        soci::use(id), soci::use(position), soci::use(kind), soci::use(by),
        soci::use(years, years_ind);
  }
}

void LeaseSpec::load_children(soci::session& s, const std::vector<std::int64_t>& ids,
                              std::map<std::int64_t, Entity>& by_id) {
  struct Step {
    std::int64_t lid = 0, rent = 0;
    boost::gregorian::date from;
  };
  select_by_ids<Step>(
      s, "lease_rent_steps", "SELECT lease_id, from_date, rent_minor FROM lease_rent_steps",
      "lease_id", " ORDER BY lease_id, position", ids,
      [](Step& v, soci::statement& st) {
        st.exchange(soci::into(v.lid));
        st.exchange(soci::into(v.from));
        st.exchange(soci::into(v.rent));
      },
      [&](Step& v) {
        Lease& l = by_id[v.lid];
        l.escalation.steps.push_back(
            RentStep{from_sql_date(v.from), Money::from_minor(v.rent, l.rent.currency())});
      });
  struct Option {
    std::int64_t lid = 0;
    int years = 0;
    soci::indicator years_ind = soci::i_null;
    std::string kind;
    boost::gregorian::date by;
  };
  select_by_ids<Option>(
      s, "lease_options", "SELECT lease_id, kind, exercise_by, years FROM lease_options",
      "lease_id", " ORDER BY lease_id, position", ids,
      [](Option& v, soci::statement& st) {
        st.exchange(soci::into(v.lid));
        st.exchange(soci::into(v.kind));
        st.exchange(soci::into(v.by));
        st.exchange(soci::into(v.years, v.years_ind));
      },
      [&](Option& v) {
        LeaseOption o;
        o.kind = stored_enum<LeaseOptionKind>(v.kind, "lease_options.kind");
        o.exercise_by = from_sql_date(v.by);
        if (v.years_ind == soci::i_ok) o.years = v.years;
        by_id[v.lid].options.push_back(o);
      });
}

Status LeaseSpec::check_references(soci::session& s, const Lease& l) {
  if (Status p = must_exist(s, "properties", l.property_id.value(), "property_id", "property");
      !p.ok())
    return p;
  // Once an acquisition replaces the lease, its savings are counted in the acquisition's
  // currency from this lease's rent on this property: neither may change under it.
  std::int64_t self = l.id.value(), acquisition = 0, property = 0;
  std::string acquisition_currency, currency;
  s << "SELECT a.id, a.currency, l.property_id, l.rent_currency FROM acquisition_leases al "
       "JOIN acquisitions a ON a.id = al.acquisition_id JOIN leases l ON l.id = al.lease_id "
       "WHERE al.lease_id = :id",
      soci::use(self), soci::into(acquisition), soci::into(acquisition_currency),
      soci::into(property), soci::into(currency);
  if (!s.got_data()) return {};
  const std::string by = std::to_string(acquisition);
  std::vector<FieldError> fields;
  if (std::string(l.rent.currency().code()) != currency)
    fields.push_back({"rent.currency",
                      {MessageCode::rent_currency_fixed, {currency, by, acquisition_currency}}});
  if (l.property_id.value() != property)
    fields.push_back(
        {"property_id", {MessageCode::property_fixed, {std::to_string(property), by}}});
  if (fields.empty()) return {};
  return Error{ErrorKind::conflict, {MessageCode::lease_replaced_by, {by}}, std::move(fields)};
}

std::optional<std::string> LeaseSpec::dependents(soci::session& s, LeaseId id) {
  std::int64_t raw = id.value(), acquisition = 0;
  s << "SELECT acquisition_id FROM acquisition_leases WHERE lease_id = :id", soci::use(raw),
      soci::into(acquisition);
  if (s.got_data()) {
    return "acquisition " + std::to_string(acquisition) + " replaces this lease";
  }
  return std::nullopt;
}

// ---- acquisitions -----------------------------------------------------------------------

const std::vector<Column>& AcquisitionSpec::columns() {
  static const std::vector<Column> c = {
      {"code", kText},        {"property_id", kInt},
      {"stage", kText},       {"price_minor", kInt},
      {"currency", kText},    {"costs_minor", kInt},
      {"operating_cost_annual_minor", kInt}, {"budget_line_id", kInt}};
  return c;
}

void AcquisitionSpec::write(const Entity& a, Row& row) {
  row.put(a.code);
  row.put(a.property_id.value());
  row.put(std::string(to_string(a.stage())));
  row.put(a.price.minor_units());
  row.put(std::string(a.price.currency().code()));
  row.put(a.costs.minor_units());
  row.put(a.operating_cost_annual.minor_units());
  row.put(a.budget_line_id);
}

void AcquisitionSpec::read(Row& row, Entity& a) {
  a.code = row.text();
  a.property_id = PropertyId(row.integer());
  row.text();  // the stage: derived from the stage history, which load_children reads
  const std::int64_t price = row.integer();
  const Currency c = stored(Currency::of(row.text()), "acquisitions.currency");
  a.price = Money::from_minor(price, c);
  a.costs = Money::from_minor(row.integer(), c);
  a.operating_cost_annual = Money::from_minor(row.integer(), c);
  a.budget_line_id = row.optional_id<BudgetLineId>();
}

void AcquisitionSpec::where(const Filter& f, Where& w) {
  w.equals_id("property_id", f.property_id);
  w.equals("stage", f.stage ? std::optional<std::string>(to_string(*f.stage)) : std::nullopt);
  w.equals("code", f.code);
}

void AcquisitionSpec::write_children(soci::session& s, const Acquisition& a, bool replacing) {
  std::int64_t id = a.id.value();
  if (replacing) {
    s << "DELETE FROM acquisition_stages WHERE acquisition_id = :id", soci::use(id);
    s << "DELETE FROM acquisition_leases WHERE acquisition_id = :id", soci::use(id);
  }
  for (std::size_t i = 0; i < a.stages.size(); ++i) {
    int position = static_cast<int>(i);
    std::string stage(to_string(a.stages[i].stage));
    boost::gregorian::date on = to_sql_date(a.stages[i].on);
    s << "INSERT INTO acquisition_stages (acquisition_id, position, stage, on_date) "
         "VALUES (:a, :i, :stage, :on_date)",
        soci::use(id), soci::use(position), soci::use(stage), soci::use(on);
  }
  for (std::size_t i = 0; i < a.replaces_lease_ids.size(); ++i) {
    int position = static_cast<int>(i);
    std::int64_t lease = a.replaces_lease_ids[i].value();
    s << "INSERT INTO acquisition_leases (acquisition_id, position, lease_id) "
         "VALUES (:a, :i, :lease)",
        soci::use(id), soci::use(position), soci::use(lease);
  }
}

void AcquisitionSpec::load_children(soci::session& s, const std::vector<std::int64_t>& ids,
                                    std::map<std::int64_t, Entity>& by_id) {
  struct Stage {
    std::int64_t aid = 0;
    std::string stage;
    boost::gregorian::date on;
  };
  select_by_ids<Stage>(
      s, "acquisition_stages", "SELECT acquisition_id, stage, on_date FROM acquisition_stages",
      "acquisition_id", " ORDER BY acquisition_id, position", ids,
      [](Stage& v, soci::statement& st) {
        st.exchange(soci::into(v.aid));
        st.exchange(soci::into(v.stage));
        st.exchange(soci::into(v.on));
      },
      [&](Stage& v) {
        by_id[v.aid].stages.push_back(
            StageEntry{stored_enum<AcquisitionStage>(v.stage, "acquisition_stages.stage"),
                       from_sql_date(v.on)});
      });
  struct Replaced {
    std::int64_t aid = 0, lease = 0;
  };
  select_by_ids<Replaced>(
      s, "acquisition_leases", "SELECT acquisition_id, lease_id FROM acquisition_leases",
      "acquisition_id", " ORDER BY acquisition_id, position", ids,
      [](Replaced& v, soci::statement& st) {
        st.exchange(soci::into(v.aid));
        st.exchange(soci::into(v.lease));
      },
      [&](Replaced& v) { by_id[v.aid].replaces_lease_ids.push_back(LeaseId(v.lease)); });
}

Status AcquisitionSpec::check_references(soci::session& s, const Acquisition& a) {
  Validator v;
  if (Status p = must_exist(s, "properties", a.property_id.value(), "property_id", "property");
      !p.ok()) {
    v.merge(p.error().fields);
  }
  if (a.budget_line_id) {
    Status b =
        must_exist(s, "budget_lines", a.budget_line_id->value(), "budget_line_id", "budget line");
    if (!b.ok()) v.merge(b.error().fields);
  }
  const std::string price_currency(a.price.currency().code());
  for (std::size_t i = 0; i < a.replaces_lease_ids.size(); ++i) {
    const std::string field = "replaces_lease_ids[" + std::to_string(i) + "]";
    std::int64_t lease = a.replaces_lease_ids[i].value(), other = 0;
    std::string currency;
    s << "SELECT rent_currency FROM leases WHERE id = :id", soci::use(lease), soci::into(currency);
    if (!s.got_data()) {
      v.add(field, {MessageCode::lease_not_found_id, {std::to_string(lease)}});
      continue;
    }
    if (currency != price_currency) {
      v.add(field, {MessageCode::lease_currency_not_price, {currency, price_currency}});
    }
    std::int64_t self = a.id.value();
    s << "SELECT acquisition_id FROM acquisition_leases WHERE lease_id = :lease AND "
         "acquisition_id <> :self",
        soci::use(lease), soci::use(self), soci::into(other);
    if (s.got_data()) {
      v.add(field, {MessageCode::lease_already_replaced, {std::to_string(other)}});
    }
  }
  return v.finish(MessageCode::acquisition_bad_references);
}

std::optional<std::string> AcquisitionSpec::dependents(soci::session& s, AcquisitionId id) {
  // A purchase that is contracted or further along is history the reports rely on: it ends
  // by moving to `cancelled`, journalled, never by disappearing.
  std::int64_t raw = id.value();
  std::string stage;
  s << "SELECT stage FROM acquisitions WHERE id = :id", soci::use(raw), soci::into(stage);
  if (stage == "contracted" || stage == "settled" || stage == "occupied") {
    return "the acquisition is " + stage +
           ": it cannot be deleted; move it to the stage \"cancelled\" instead";
  }
  return first_referrer(s, id.value(),
                        {{"expenditures", "acquisition_id"}, {"commitments", "acquisition_id"}},
                        "acquisition");
}

// ---- FX rates ---------------------------------------------------------------------------

const std::vector<Column>& FxRateSpec::columns() {
  static const std::vector<Column> c = {
      {"currency", kText}, {"effective", kDate}, {"twd_per_unit_x1e6", kInt}};
  return c;
}

void FxRateSpec::write(const Entity& r, Row& row) {
  row.put(std::string(r.currency.code()));
  row.put(r.effective);
  row.put(r.twd_per_unit.rescale(kFxRateScale).value().units());
}

void FxRateSpec::read(Row& row, Entity& r) {
  r.currency = stored(Currency::of(row.text()), "fx_rates.currency");
  r.effective = row.date();
  r.twd_per_unit = Decimal::from_units(row.integer(), kFxRateScale);
}

void FxRateSpec::where(const Filter& f, Where& w) {
  w.equals("currency",
           f.currency ? std::optional<std::string>(f.currency->code()) : std::nullopt);
}

Status FxRateSpec::check_references(soci::session& s, const FxRate& r) {
  std::string currency(r.currency.code());
  boost::gregorian::date effective = to_sql_date(r.effective);
  std::int64_t other = 0, self = r.id.value();
  s << "SELECT id FROM fx_rates WHERE currency = :c AND effective = :e AND id <> :self",
      soci::use(currency), soci::use(effective), soci::use(self), soci::into(other);
  if (s.got_data()) {
    return Error::conflict(
        {MessageCode::fx_rate_exists, {std::to_string(other), currency, format_date(r.effective)}});
  }
  return {};
}

std::optional<std::string> FxRateSpec::dependents(soci::session& s, FxRateId id) {
  // Rent savings converts an occupied acquisition's savings at its currency's rates; a rate
  // it may have used is corrected (PATCH, journalled), not deleted.
  std::int64_t raw = id.value(), acquisition = 0;
  s << "SELECT a.id FROM fx_rates r JOIN acquisitions a ON a.currency = r.currency "
       "WHERE r.id = :id AND a.stage = 'occupied' ORDER BY a.id LIMIT 1",
      soci::use(raw), soci::into(acquisition);
  if (!s.got_data()) return std::nullopt;
  return "acquisition " + std::to_string(acquisition) +
         " is occupied and its savings are converted at this currency's rates: correct the rate "
         "instead of deleting it";
}

}  // namespace estate::persistence
