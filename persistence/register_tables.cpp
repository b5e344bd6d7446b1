#include "persistence/register_tables.h"

#include <soci/boost-gregorian-date.h>
#include <soci/boost-optional.h>
#include <soci/soci.h>

#include <map>

#include "domain/validation.h"
#include "persistence/sql_types.h"
#include "persistence/table_support.h"

namespace estate::persistence {

// ---- missions ---------------------------------------------------------------------------

std::int64_t MissionTable::insert(soci::session& s, const Mission& m) {
  std::string country(m.country.code()), region(to_string(m.region)), type(to_string(m.type)),
      currency(m.currency.code()), created = to_sql_instant(m.meta.created_at),
                                   updated = to_sql_instant(m.meta.updated_at);
  s << "INSERT INTO missions (code, name_en, name_zh, country, city, region, type, currency, "
       "time_zone, version, created_at, updated_at) VALUES (:code, :name_en, :name_zh, :country, "
       ":city, :region, :type, :currency, :time_zone, :version, :created_at, :updated_at)",
      soci::use(m.code), soci::use(m.name_en), soci::use(m.name_zh), soci::use(country),
      soci::use(m.city), soci::use(region), soci::use(type), soci::use(currency),
      soci::use(m.time_zone.name()), soci::use(m.meta.version), soci::use(created),
      soci::use(updated);
  return last_id(s, "missions");
}

void MissionTable::update_row(soci::session& s, const Mission& m) {
  std::string country(m.country.code()), region(to_string(m.region)), type(to_string(m.type)),
      currency(m.currency.code()), updated = to_sql_instant(m.meta.updated_at);
  std::int64_t id = m.id.value();
  s << "UPDATE missions SET code = :code, name_en = :name_en, name_zh = :name_zh, "
       "country = :country, city = :city, region = :region, type = :type, currency = :currency, "
       "time_zone = :time_zone, version = :version, updated_at = :updated_at WHERE id = :id",
      soci::use(m.code), soci::use(m.name_en), soci::use(m.name_zh), soci::use(country),
      soci::use(m.city), soci::use(region), soci::use(type), soci::use(currency),
      soci::use(m.time_zone.name()), soci::use(m.meta.version), soci::use(updated), soci::use(id);
}

std::optional<std::string> MissionTable::dependents(soci::session& s, MissionId id) {
  std::int64_t raw = id.value();
  int n = 0;
  s << "SELECT COUNT(*) FROM properties WHERE mission_id = :id", soci::use(raw), soci::into(n);
  if (n > 0) return std::to_string(n) + " properties still belong to this mission";
  return std::nullopt;
}

std::vector<Mission> MissionTable::load(soci::session& s, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, Mission> by_id;
  if (ids.empty()) return {};
  std::int64_t id = 0, version = 0;
  std::string code, name_en, name_zh, country, city, region, type, currency, zone, created, updated;
  soci::statement st =
      (s.prepare << "SELECT id, code, name_en, name_zh, country, city, region, type, currency, "
                    "time_zone, version, created_at, updated_at FROM missions WHERE " +
                        id_match("id", ids),
       soci::into(id), soci::into(code), soci::into(name_en), soci::into(name_zh),
       soci::into(country), soci::into(city), soci::into(region), soci::into(type),
       soci::into(currency), soci::into(zone), soci::into(version), soci::into(created),
       soci::into(updated));
  st.execute();
  while (st.fetch()) {
    Mission m;
    m.id = MissionId(id);
    m.code = code;
    m.name_en = name_en;
    m.name_zh = name_zh;
    m.country = stored(Country::of(country), "missions.country");
    m.city = city;
    m.region = stored_enum<Region>(region, "missions.region");
    m.type = stored_enum<MissionType>(type, "missions.type");
    m.currency = stored(Currency::of(currency), "missions.currency");
    m.time_zone = stored(TimeZone::of(zone), "missions.time_zone");
    m.meta = RecordMeta{version, from_sql_instant(created), from_sql_instant(updated)};
    by_id.emplace(id, std::move(m));
  }
  return in_order(ids, by_id);
}

std::vector<std::int64_t> MissionTable::list_ids(soci::session& s, const MissionFilter& f,
                                                 std::int64_t after, std::size_t limit) {
  std::string sql = "SELECT id FROM missions WHERE id > " + std::to_string(after);
  std::vector<std::string> params;
  if (f.region) sql += " AND region = '" + std::string(to_string(*f.region)) + "'";
  if (f.code) {
    sql += " AND code = :p" + std::to_string(params.size());
    params.push_back(*f.code);
  }
  return select_ids(s, sql + limit_clause(limit), params);
}

// ---- properties -------------------------------------------------------------------------

namespace {
// A property's own columns, converted and kept alive while a query that binds them runs.
struct PropertyRow {
  explicit PropertyRow(const Property& p)
      : mission(p.mission_id ? p.mission_id->value() : 0),
        mission_ind(p.mission_id ? soci::i_ok : soci::i_null),
        code(p.code),
        name(p.name),
        kind(to_string(p.kind)),
        address(p.address),
        area(p.floor_area_m2.units()),
        status(to_string(p.status)),
        version(p.meta.version),
        created(to_sql_instant(p.meta.created_at)),
        updated(to_sql_instant(p.meta.updated_at)),
        id(p.id.value()) {}
  std::int64_t mission;
  soci::indicator mission_ind;
  std::string code, name, kind, address;
  std::int64_t area;
  std::string status;
  std::int64_t version;
  std::string created, updated;
  std::int64_t id;
};

template <class Query>
void bind_columns(Query& q, PropertyRow& r) {
  q, soci::use(r.mission, r.mission_ind, "mission_id"), soci::use(r.code, "code"),
      soci::use(r.name, "name"), soci::use(r.kind, "kind"), soci::use(r.address, "address"),
      soci::use(r.area, "area"), soci::use(r.status, "status"), soci::use(r.version, "version"),
      soci::use(r.created, "created_at"), soci::use(r.updated, "updated_at");
}
}  // namespace

std::int64_t PropertyTable::insert(soci::session& s, const Property& p) {
  PropertyRow row(p);
  {
    auto q = (s << "INSERT INTO properties (mission_id, code, name, kind, address, "
                   "floor_area_m2_x100, status, version, created_at, updated_at) VALUES "
                   "(:mission_id, :code, :name, :kind, :address, :area, :status, :version, "
                   ":created_at, :updated_at)");
    bind_columns(q, row);
  }  // the query runs as `q` goes out of scope
  return last_id(s, "properties");
}

void PropertyTable::update_row(soci::session& s, const Property& p) {
  PropertyRow row(p);
  auto q = (s << "UPDATE properties SET mission_id = :mission_id, code = :code, name = :name, "
                 "kind = :kind, address = :address, floor_area_m2_x100 = :area, "
                 "status = :status, version = :version, created_at = :created_at, "
                 "updated_at = :updated_at WHERE id = :id");
  bind_columns(q, row);
  q, soci::use(row.id, "id");
}

void PropertyTable::write_children(soci::session& s, const Property& p, bool replacing) {
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

Status PropertyTable::check_references(soci::session& s, const Property& p) {
  if (!p.mission_id) return {};
  return must_exist(s, "missions", p.mission_id->value(), "mission_id", "mission");
}

std::optional<std::string> PropertyTable::dependents(soci::session& s, PropertyId id) {
  return first_referrer(s, id.value(),
                        {{"leases", "property_id"},
                         {"acquisitions", "property_id"},
                         {"project_properties", "property_id"}},
                        "property");
}

std::vector<Property> PropertyTable::load(soci::session& s, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::map<std::int64_t, Property> by_id;
  {
    std::int64_t id = 0, mission = 0, area = 0, version = 0;
    soci::indicator mission_ind = soci::i_null;
    std::string code, name, kind, address, status, created, updated;
    soci::statement st =
        (s.prepare << "SELECT id, mission_id, code, name, kind, address, floor_area_m2_x100, "
                      "status, version, created_at, updated_at FROM properties WHERE " +
                          id_match("id", ids),
         soci::into(id), soci::into(mission, mission_ind), soci::into(code), soci::into(name),
         soci::into(kind), soci::into(address), soci::into(area), soci::into(status),
         soci::into(version), soci::into(created), soci::into(updated));
    st.execute();
    while (st.fetch()) {
      Property p;
      p.id = PropertyId(id);
      if (mission_ind == soci::i_ok) p.mission_id = MissionId(mission);
      p.code = code;
      p.name = name;
      p.kind = stored_enum<PropertyKind>(kind, "properties.kind");
      p.address = address;
      p.floor_area_m2 = Decimal::from_units(area, 2);
      p.status = stored_enum<PropertyStatus>(status, "properties.status");
      p.meta = RecordMeta{version, from_sql_instant(created), from_sql_instant(updated)};
      by_id.emplace(id, std::move(p));
    }
  }
  {
    std::int64_t pid = 0;
    std::string agency;
    soci::statement st =
        (s.prepare << "SELECT property_id, agency FROM property_agencies WHERE " +
                          id_match("property_id", ids) + " ORDER BY property_id, position",
         soci::into(pid), soci::into(agency));
    st.execute();
    while (st.fetch()) by_id[pid].agencies.push_back(agency);
  }
  {
    std::int64_t pid = 0;
    std::string type;
    boost::gregorian::date from;
    boost::optional<boost::gregorian::date> to;
    soci::statement st =
        (s.prepare << "SELECT property_id, type, from_date, to_date FROM property_tenures WHERE " +
                          id_match("property_id", ids) + " ORDER BY property_id, position",
         soci::into(pid), soci::into(type), soci::into(from), soci::into(to));
    st.execute();
    while (st.fetch()) {
      by_id[pid].tenure.push_back(Tenure{stored_enum<TenureType>(type, "property_tenures.type"),
                                         from_sql_date(from), from_sql_date(to)});
    }
  }
  return in_order(ids, by_id);
}

std::vector<std::int64_t> PropertyTable::list_ids(soci::session& s, const PropertyFilter& f,
                                                  std::int64_t after, std::size_t limit) {
  std::string sql =
      "SELECT p.id FROM properties p LEFT JOIN missions m ON m.id = p.mission_id "
      "WHERE p.id > " +
      std::to_string(after);
  std::vector<std::string> params;
  if (f.mission_id) sql += " AND p.mission_id = " + std::to_string(f.mission_id->value());
  if (f.region) {
    std::string r(to_string(*f.region));
    sql += *f.region == Region::domestic ? " AND (p.mission_id IS NULL OR m.region = 'domestic')"
                                         : " AND m.region = '" + r + "'";
  }
  if (f.kind) sql += " AND p.kind = '" + std::string(to_string(*f.kind)) + "'";
  if (f.status) sql += " AND p.status = '" + std::string(to_string(*f.status)) + "'";
  if (f.code) {
    sql += " AND p.code = :p" + std::to_string(params.size());
    params.push_back(*f.code);
  }
  return select_ids(s, sql + " ORDER BY p.id LIMIT " + std::to_string(limit), params);
}

// ---- leases -----------------------------------------------------------------------------

namespace {
// A lease's own columns, converted and kept alive while a query that binds them runs.
struct LeaseRow {
  explicit LeaseRow(const Lease& l)
      : property(l.property_id.value()),
        lessor(l.lessor),
        start(to_sql_date(l.start)),
        end(to_sql_date(l.end)),
        rent(l.rent.minor_units()),
        currency(l.rent.currency().code()),
        period(to_string(l.period)),
        kind(to_string(l.escalation.kind)),
        pct(l.escalation.pct ? l.escalation.pct->units() : 0),
        pct_ind(l.escalation.pct ? soci::i_ok : soci::i_null),
        notice_days(l.notice_days),
        version(l.meta.version),
        created(to_sql_instant(l.meta.created_at)),
        updated(to_sql_instant(l.meta.updated_at)),
        id(l.id.value()) {}
  std::int64_t property;
  std::string lessor;
  boost::gregorian::date start, end;
  std::int64_t rent;
  std::string currency, period, kind;
  std::int64_t pct;
  soci::indicator pct_ind;
  int notice_days;
  std::int64_t version;
  std::string created, updated;
  std::int64_t id;
};

template <class Query>
void bind_columns(Query& q, LeaseRow& r) {
  q, soci::use(r.property, "property_id"), soci::use(r.lessor, "lessor"),
      soci::use(r.start, "start_date"), soci::use(r.end, "end_date"), soci::use(r.rent, "rent"),
      soci::use(r.currency, "currency"), soci::use(r.period, "period"), soci::use(r.kind, "kind"),
      soci::use(r.pct, r.pct_ind, "pct"), soci::use(r.notice_days, "notice_days"),
      soci::use(r.version, "version"), soci::use(r.created, "created_at"),
      soci::use(r.updated, "updated_at");
}
}  // namespace

std::int64_t LeaseTable::insert(soci::session& s, const Lease& l) {
  LeaseRow row(l);
  {
    auto q = (s << "INSERT INTO leases (property_id, lessor, start_date, end_date, rent_minor, "
                   "rent_currency, period, escalation_kind, escalation_pct_x100, notice_days, "
                   "version, created_at, updated_at) VALUES (:property_id, :lessor, :start_date, "
                   ":end_date, :rent, :currency, :period, :kind, :pct, :notice_days, :version, "
                   ":created_at, :updated_at)");
    bind_columns(q, row);
  }  // the query runs as `q` goes out of scope
  return last_id(s, "leases");
}

void LeaseTable::update_row(soci::session& s, const Lease& l) {
  LeaseRow row(l);
  auto q = (s << "UPDATE leases SET property_id = :property_id, lessor = :lessor, "
                 "start_date = :start_date, end_date = :end_date, rent_minor = :rent, "
                 "rent_currency = :currency, period = :period, escalation_kind = :kind, "
                 "escalation_pct_x100 = :pct, notice_days = :notice_days, version = :version, "
                 "created_at = :created_at, updated_at = :updated_at WHERE id = :id");
  bind_columns(q, row);
  q, soci::use(row.id, "id");
}

void LeaseTable::write_children(soci::session& s, const Lease& l, bool replacing) {
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

Status LeaseTable::check_references(soci::session& s, const Lease& l) {
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
  const std::string why = "acquisition " + std::to_string(acquisition) + " replaces this lease";
  std::vector<FieldError> fields;
  if (std::string(l.rent.currency().code()) != currency)
    fields.push_back({"rent.currency", "cannot change from " + currency + ": " + why +
                                           " and counts its savings in " + acquisition_currency});
  if (l.property_id.value() != property)
    fields.push_back({"property_id", "cannot change from " + std::to_string(property) + ": " + why});
  if (fields.empty()) return {};
  return Error{ErrorKind::conflict, why + "; its currency and property are fixed",
               std::move(fields)};
}

std::vector<Lease> LeaseTable::load(soci::session& s, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::map<std::int64_t, Lease> by_id;
  {
    std::int64_t id = 0, property = 0, rent = 0, pct = 0, version = 0;
    int notice = 0;
    soci::indicator pct_ind = soci::i_null;
    std::string lessor, currency, period, kind, created, updated;
    boost::gregorian::date start, end;
    soci::statement st =
        (s.prepare << "SELECT id, property_id, lessor, start_date, end_date, rent_minor, "
                      "rent_currency, period, escalation_kind, escalation_pct_x100, notice_days, "
                      "version, created_at, updated_at FROM leases WHERE " +
                          id_match("id", ids),
         soci::into(id), soci::into(property), soci::into(lessor), soci::into(start),
         soci::into(end), soci::into(rent), soci::into(currency), soci::into(period),
         soci::into(kind), soci::into(pct, pct_ind), soci::into(notice), soci::into(version),
         soci::into(created), soci::into(updated));
    st.execute();
    while (st.fetch()) {
      Lease l;
      l.id = LeaseId(id);
      l.property_id = PropertyId(property);
      l.lessor = lessor;
      l.start = from_sql_date(start);
      l.end = from_sql_date(end);
      l.rent = Money::from_minor(rent, stored(Currency::of(currency), "leases.rent_currency"));
      l.period = stored_enum<RentPeriod>(period, "leases.period");
      l.escalation.kind = stored_enum<EscalationKind>(kind, "leases.escalation_kind");
      if (pct_ind == soci::i_ok) l.escalation.pct = Decimal::from_units(pct, 2);
      l.notice_days = notice;
      l.meta = RecordMeta{version, from_sql_instant(created), from_sql_instant(updated)};
      by_id.emplace(id, std::move(l));
    }
  }
  {
    std::int64_t lid = 0, rent = 0;
    boost::gregorian::date from;
    soci::statement st =
        (s.prepare << "SELECT lease_id, from_date, rent_minor FROM "
                      "lease_rent_steps WHERE " +
                          id_match("lease_id", ids) + " ORDER BY lease_id, position",
         soci::into(lid), soci::into(from), soci::into(rent));
    st.execute();
    while (st.fetch()) {
      Lease& l = by_id[lid];
      l.escalation.steps.push_back(
          RentStep{from_sql_date(from), Money::from_minor(rent, l.rent.currency())});
    }
  }
  {
    std::int64_t lid = 0;
    int years = 0;
    soci::indicator years_ind = soci::i_null;
    std::string kind;
    boost::gregorian::date by;
    soci::statement st =
        (s.prepare << "SELECT lease_id, kind, exercise_by, years FROM "
                      "lease_options WHERE " +
                          id_match("lease_id", ids) + " ORDER BY lease_id, position",
         soci::into(lid), soci::into(kind), soci::into(by), soci::into(years, years_ind));
    st.execute();
    while (st.fetch()) {
      LeaseOption o;
      o.kind = stored_enum<LeaseOptionKind>(kind, "lease_options.kind");
      o.exercise_by = from_sql_date(by);
      if (years_ind == soci::i_ok) o.years = years;
      by_id[lid].options.push_back(o);
    }
  }
  return in_order(ids, by_id);
}

std::vector<std::int64_t> LeaseTable::list_ids(soci::session& s, const LeaseFilter& f,
                                               std::int64_t after, std::size_t limit) {
  std::string sql =
      "SELECT l.id FROM leases l JOIN properties p ON p.id = l.property_id "
      "WHERE l.id > " +
      std::to_string(after);
  if (f.property_id) sql += " AND l.property_id = " + std::to_string(f.property_id->value());
  if (f.mission_id) sql += " AND p.mission_id = " + std::to_string(f.mission_id->value());
  return select_ids(s, sql + " ORDER BY l.id LIMIT " + std::to_string(limit), {});
}

std::optional<std::string> LeaseTable::dependents(soci::session& s, LeaseId id) {
  std::int64_t raw = id.value(), acquisition = 0;
  s << "SELECT acquisition_id FROM acquisition_leases WHERE lease_id = :id", soci::use(raw),
      soci::into(acquisition);
  if (s.got_data()) {
    return "acquisition " + std::to_string(acquisition) + " replaces this lease";
  }
  return std::nullopt;
}

// ---- acquisitions -----------------------------------------------------------------------

namespace {
struct AcquisitionRow {
  explicit AcquisitionRow(const Acquisition& a)
      : code(a.code),
        property(a.property_id.value()),
        stage(to_string(a.stage())),
        price(a.price.minor_units()),
        currency(a.price.currency().code()),
        costs(a.costs.minor_units()),
        operating(a.operating_cost_annual.minor_units()),
        budget_line(a.budget_line_id ? a.budget_line_id->value() : 0),
        budget_line_ind(a.budget_line_id ? soci::i_ok : soci::i_null),
        version(a.meta.version),
        created(to_sql_instant(a.meta.created_at)),
        updated(to_sql_instant(a.meta.updated_at)),
        id(a.id.value()) {}
  std::string code;
  std::int64_t property;
  std::string stage;
  std::int64_t price;
  std::string currency;
  std::int64_t costs, operating, budget_line;
  soci::indicator budget_line_ind;
  std::int64_t version;
  std::string created, updated;
  std::int64_t id;
};

template <class Query>
void bind_columns(Query& q, AcquisitionRow& r) {
  q, soci::use(r.code, "code"), soci::use(r.property, "property_id"), soci::use(r.stage, "stage"),
      soci::use(r.price, "price"), soci::use(r.currency, "currency"), soci::use(r.costs, "costs"),
      soci::use(r.operating, "operating"), soci::use(r.budget_line, r.budget_line_ind, "budget"),
      soci::use(r.version, "version"), soci::use(r.created, "created_at"),
      soci::use(r.updated, "updated_at");
}
}  // namespace

std::int64_t AcquisitionTable::insert(soci::session& s, const Acquisition& a) {
  AcquisitionRow row(a);
  {
    auto q = (s << "INSERT INTO acquisitions (code, property_id, stage, price_minor, currency, "
                   "costs_minor, operating_cost_annual_minor, budget_line_id, version, "
                   "created_at, updated_at) VALUES (:code, :property_id, :stage, :price, "
                   ":currency, :costs, :operating, :budget, :version, :created_at, :updated_at)");
    bind_columns(q, row);
  }
  return last_id(s, "acquisitions");
}

void AcquisitionTable::update_row(soci::session& s, const Acquisition& a) {
  AcquisitionRow row(a);
  auto q = (s << "UPDATE acquisitions SET code = :code, property_id = :property_id, "
                 "stage = :stage, price_minor = :price, currency = :currency, "
                 "costs_minor = :costs, operating_cost_annual_minor = :operating, "
                 "budget_line_id = :budget, version = :version, created_at = :created_at, "
                 "updated_at = :updated_at WHERE id = :id");
  bind_columns(q, row);
  q, soci::use(row.id, "id");
}

void AcquisitionTable::write_children(soci::session& s, const Acquisition& a, bool replacing) {
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

Status AcquisitionTable::check_references(soci::session& s, const Acquisition& a) {
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
      v.add(field, "no lease with id " + std::to_string(lease));
      continue;
    }
    if (currency != price_currency) {
      v.add(field, "the lease is in " + currency + " but the price is in " + price_currency +
                       "; savings can only be counted in one currency");
    }
    std::int64_t self = a.id.value();
    s << "SELECT acquisition_id FROM acquisition_leases WHERE lease_id = :lease AND "
         "acquisition_id <> :self",
        soci::use(lease), soci::use(self), soci::into(other);
    if (s.got_data()) {
      v.add(field, "acquisition " + std::to_string(other) + " already replaces this lease");
    }
  }
  return v.finish("the acquisition refers to records it cannot");
}

std::optional<std::string> AcquisitionTable::dependents(soci::session& s, AcquisitionId id) {
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

std::vector<Acquisition> AcquisitionTable::load(soci::session& s,
                                                const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::map<std::int64_t, Acquisition> by_id;
  {
    std::int64_t id = 0, property = 0, price = 0, costs = 0, operating = 0, budget = 0, version = 0;
    soci::indicator budget_ind = soci::i_null;
    std::string code, stage, currency, created, updated;
    soci::statement st =
        (s.prepare << "SELECT id, code, property_id, price_minor, currency, costs_minor, "
                      "operating_cost_annual_minor, budget_line_id, version, created_at, "
                      "updated_at FROM acquisitions WHERE " +
                          id_match("id", ids),
         soci::into(id), soci::into(code), soci::into(property), soci::into(price),
         soci::into(currency), soci::into(costs), soci::into(operating),
         soci::into(budget, budget_ind), soci::into(version), soci::into(created),
         soci::into(updated));
    st.execute();
    while (st.fetch()) {
      Currency c = stored(Currency::of(currency), "acquisitions.currency");
      Acquisition a;
      a.id = AcquisitionId(id);
      a.code = code;
      a.property_id = PropertyId(property);
      a.price = Money::from_minor(price, c);
      a.costs = Money::from_minor(costs, c);
      a.operating_cost_annual = Money::from_minor(operating, c);
      if (budget_ind == soci::i_ok) a.budget_line_id = BudgetLineId(budget);
      a.meta = RecordMeta{version, from_sql_instant(created), from_sql_instant(updated)};
      by_id.emplace(id, std::move(a));
    }
  }
  {
    std::int64_t aid = 0;
    std::string stage;
    boost::gregorian::date on;
    soci::statement st =
        (s.prepare << "SELECT acquisition_id, stage, on_date FROM "
                      "acquisition_stages WHERE " +
                          id_match("acquisition_id", ids) + " ORDER BY acquisition_id, position",
         soci::into(aid), soci::into(stage), soci::into(on));
    st.execute();
    while (st.fetch()) {
      by_id[aid].stages.push_back(StageEntry{
          stored_enum<AcquisitionStage>(stage, "acquisition_stages.stage"), from_sql_date(on)});
    }
  }
  {
    std::int64_t aid = 0, lease = 0;
    soci::statement st =
        (s.prepare << "SELECT acquisition_id, lease_id FROM acquisition_leases "
                      "WHERE " +
                          id_match("acquisition_id", ids) + " ORDER BY acquisition_id, position",
         soci::into(aid), soci::into(lease));
    st.execute();
    while (st.fetch()) by_id[aid].replaces_lease_ids.push_back(LeaseId(lease));
  }
  return in_order(ids, by_id);
}

std::vector<std::int64_t> AcquisitionTable::list_ids(soci::session& s, const AcquisitionFilter& f,
                                                     std::int64_t after, std::size_t limit) {
  std::string sql = "SELECT id FROM acquisitions WHERE id > " + std::to_string(after);
  std::vector<std::string> params;
  if (f.property_id) sql += " AND property_id = " + std::to_string(f.property_id->value());
  if (f.stage) sql += " AND stage = '" + std::string(to_string(*f.stage)) + "'";
  if (f.code) {
    sql += " AND code = :p" + std::to_string(params.size());
    params.push_back(*f.code);
  }
  return select_ids(s, sql + limit_clause(limit), params);
}

// ---- FX rates ---------------------------------------------------------------------------

namespace {
struct FxRateRow {
  explicit FxRateRow(const FxRate& r)
      : currency(r.currency.code()),
        effective(to_sql_date(r.effective)),
        rate(r.twd_per_unit.rescale(kFxRateScale).value().units()),
        version(r.meta.version),
        created(to_sql_instant(r.meta.created_at)),
        updated(to_sql_instant(r.meta.updated_at)),
        id(r.id.value()) {}
  std::string currency;
  boost::gregorian::date effective;
  std::int64_t rate, version;
  std::string created, updated;
  std::int64_t id;
};

template <class Query>
void bind_columns(Query& q, FxRateRow& r) {
  q, soci::use(r.currency, "currency"), soci::use(r.effective, "effective"),
      soci::use(r.rate, "rate"), soci::use(r.version, "version"),
      soci::use(r.created, "created_at"), soci::use(r.updated, "updated_at");
}
}  // namespace

std::int64_t FxRateTable::insert(soci::session& s, const FxRate& r) {
  FxRateRow row(r);
  {
    auto q = (s << "INSERT INTO fx_rates (currency, effective, twd_per_unit_x1e6, version, "
                   "created_at, updated_at) VALUES (:currency, :effective, :rate, :version, "
                   ":created_at, :updated_at)");
    bind_columns(q, row);
  }
  return last_id(s, "fx_rates");
}

void FxRateTable::update_row(soci::session& s, const FxRate& r) {
  FxRateRow row(r);
  auto q = (s << "UPDATE fx_rates SET currency = :currency, effective = :effective, "
                 "twd_per_unit_x1e6 = :rate, version = :version, created_at = :created_at, "
                 "updated_at = :updated_at WHERE id = :id");
  bind_columns(q, row);
  q, soci::use(row.id, "id");
}

Status FxRateTable::check_references(soci::session& s, const FxRate& r) {
  std::string currency(r.currency.code());
  boost::gregorian::date effective = to_sql_date(r.effective);
  std::int64_t other = 0, self = r.id.value();
  s << "SELECT id FROM fx_rates WHERE currency = :c AND effective = :e AND id <> :self",
      soci::use(currency), soci::use(effective), soci::use(self), soci::into(other);
  if (s.got_data()) {
    return Error::conflict("fx rate " + std::to_string(other) + " already gives " + currency +
                           " on " + format_date(r.effective));
  }
  return {};
}

std::optional<std::string> FxRateTable::dependents(soci::session& s, FxRateId id) {
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

std::vector<FxRate> FxRateTable::load(soci::session& s, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::map<std::int64_t, FxRate> by_id;
  std::int64_t id = 0, rate = 0, version = 0;
  std::string currency, created, updated;
  boost::gregorian::date effective;
  soci::statement st =
      (s.prepare << "SELECT id, currency, effective, twd_per_unit_x1e6, version, created_at, "
                    "updated_at FROM fx_rates WHERE " +
                        id_match("id", ids),
       soci::into(id), soci::into(currency), soci::into(effective), soci::into(rate),
       soci::into(version), soci::into(created), soci::into(updated));
  st.execute();
  while (st.fetch()) {
    FxRate r;
    r.id = FxRateId(id);
    r.currency = stored(Currency::of(currency), "fx_rates.currency");
    r.effective = from_sql_date(effective);
    r.twd_per_unit = Decimal::from_units(rate, kFxRateScale);
    r.meta = RecordMeta{version, from_sql_instant(created), from_sql_instant(updated)};
    by_id.emplace(id, std::move(r));
  }
  return in_order(ids, by_id);
}

std::vector<std::int64_t> FxRateTable::list_ids(soci::session& s, const FxRateFilter& f,
                                                std::int64_t after, std::size_t limit) {
  std::string sql = "SELECT id FROM fx_rates WHERE id > " + std::to_string(after);
  std::vector<std::string> params;
  if (f.currency) {
    sql += " AND currency = :p0";
    params.push_back(std::string(f.currency->code()));
  }
  return select_ids(s, sql + limit_clause(limit), params);
}

}  // namespace estate::persistence
