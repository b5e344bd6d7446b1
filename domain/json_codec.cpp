#include "domain/json_codec.h"

namespace estate {

namespace {

void put_meta(nlohmann::json& j, std::int64_t id, const RecordMeta& meta) {
  j["id"] = id;
  j["version"] = meta.version;
  j["created_at"] = format_instant(meta.created_at);
  j["updated_at"] = format_instant(meta.updated_at);
}

nlohmann::json date_or_null(const std::optional<Date>& d) {
  return d ? nlohmann::json(format_date(*d)) : nlohmann::json();
}

template <class Id>
nlohmann::json id_or_null(const std::optional<Id>& id) {
  return id ? nlohmann::json(id->value()) : nlohmann::json();
}

}  // namespace

nlohmann::json to_json(const Money& money) {
  return {{"amount", money.amount_string()}, {"currency", std::string(money.currency().code())}};
}

nlohmann::json to_json(const Mission& m) {
  nlohmann::json j = {
      {"code", m.code},
      {"name_en", m.name_en},
      {"name_zh", m.name_zh},
      {"country", std::string(m.country.code())},
      {"city", m.city},
      {"region", std::string(to_string(m.region))},
      {"type", std::string(to_string(m.type))},
      {"currency", std::string(m.currency.code())},
      {"time_zone", m.time_zone.name()},
  };
  put_meta(j, m.id.value(), m.meta);
  return j;
}

nlohmann::json to_json(const Property& p) {
  nlohmann::json tenure = nlohmann::json::array();
  for (const Tenure& t : p.tenure) {
    tenure.push_back({{"type", std::string(to_string(t.type))},
                      {"from", format_date(t.from)},
                      {"to", date_or_null(t.to)}});
  }
  nlohmann::json j = {
      {"mission_id", p.mission_id ? nlohmann::json(p.mission_id->value()) : nlohmann::json()},
      {"code", p.code},
      {"name", p.name},
      {"name_zh", p.name_zh ? nlohmann::json(*p.name_zh) : nlohmann::json()},
      {"kind", std::string(to_string(p.kind))},
      {"address", p.address},
      {"floor_area_m2", p.floor_area_m2.to_string()},
      {"status", std::string(to_string(p.status))},
      {"agencies", p.agencies},
      {"tenure", tenure},
  };
  put_meta(j, p.id.value(), p.meta);
  return j;
}

void write_json(JsonWriter& w, const Money& money) {
  w.begin_object()
      .member("amount", money.amount_string())
      .member("currency", money.currency().code())
      .end_object();
}

// Members in nlohmann's order (by name), as to_json(Property) above has them.
void write_json(JsonWriter& w, const Property& p) {
  w.begin_object();
  w.member("address", p.address);
  w.key("agencies").begin_array();
  for (const std::string& a : p.agencies) w.value(a);
  w.end_array();
  w.member("code", p.code);
  w.member("created_at", format_instant(p.meta.created_at));
  w.member("floor_area_m2", p.floor_area_m2.to_string());
  w.member("id", p.id.value());
  w.member("kind", to_string(p.kind));
  w.key("mission_id");
  p.mission_id ? w.value(p.mission_id->value()) : w.null();
  w.member("name", p.name);
  w.key("name_zh");
  p.name_zh ? w.value(*p.name_zh) : w.null();
  w.member("status", to_string(p.status));
  w.key("tenure").begin_array();
  for (const Tenure& t : p.tenure) {
    w.begin_object().member("from", format_date(t.from)).key("to");
    t.to ? w.value(format_date(*t.to)) : w.null();
    w.member("type", to_string(t.type)).end_object();
  }
  w.end_array();
  w.member("updated_at", format_instant(p.meta.updated_at));
  w.member("version", p.meta.version);
  w.end_object();
}

nlohmann::json to_json(const Lease& l) {
  nlohmann::json escalation = {{"kind", std::string(to_string(l.escalation.kind))}};
  if (l.escalation.pct) escalation["pct"] = l.escalation.pct->to_string();
  if (l.escalation.kind == EscalationKind::steps) {
    nlohmann::json steps = nlohmann::json::array();
    for (const RentStep& s : l.escalation.steps) {
      steps.push_back({{"from", format_date(s.from)}, {"rent", to_json(s.rent)}});
    }
    escalation["steps"] = steps;
  }
  nlohmann::json options = nlohmann::json::array();
  for (const LeaseOption& o : l.options) {
    nlohmann::json jo = {{"kind", std::string(to_string(o.kind))},
                         {"exercise_by", format_date(o.exercise_by)}};
    if (o.years) jo["years"] = *o.years;
    options.push_back(jo);
  }
  nlohmann::json j = {
      {"property_id", l.property_id.value()},
      {"lessor", l.lessor},
      {"start", format_date(l.start)},
      {"end", format_date(l.end)},
      {"rent", to_json(l.rent)},
      {"period", std::string(to_string(l.period))},
      {"escalation", escalation},
      {"notice_days", l.notice_days},
      {"options", options},
  };
  put_meta(j, l.id.value(), l.meta);
  return j;
}

nlohmann::json to_json(const Acquisition& a) {
  nlohmann::json leases = nlohmann::json::array();
  for (LeaseId id : a.replaces_lease_ids) leases.push_back(id.value());
  nlohmann::json stages = nlohmann::json::array();
  for (const StageEntry& s : a.stages) {
    stages.push_back({{"stage", std::string(to_string(s.stage))}, {"on", format_date(s.on)}});
  }
  nlohmann::json j = {
      {"code", a.code},
      {"property_id", a.property_id.value()},
      {"replaces_lease_ids", leases},
      {"stage", std::string(to_string(a.stage()))},
      {"stages", stages},
      {"price", to_json(a.price)},
      {"costs", to_json(a.costs)},
      {"operating_cost_annual", to_json(a.operating_cost_annual)},
      {"budget_line_id",
       a.budget_line_id ? nlohmann::json(a.budget_line_id->value()) : nlohmann::json()},
  };
  put_meta(j, a.id.value(), a.meta);
  return j;
}

nlohmann::json to_json(const FxRate& r) {
  nlohmann::json j = {
      {"currency", std::string(r.currency.code())},
      {"effective", format_date(r.effective)},
      {"twd_per_unit", r.twd_per_unit.to_string()},
  };
  put_meta(j, r.id.value(), r.meta);
  return j;
}

nlohmann::json to_json(const BudgetLine& b) {
  nlohmann::json j = {{"code", b.code}, {"name_zh", b.name_zh}, {"name_en", b.name_en}};
  put_meta(j, b.id.value(), b.meta);
  return j;
}

nlohmann::json to_json(const Appropriation& a) {
  nlohmann::json j = {{"budget_line_id", a.budget_line_id.value()},
                      {"fiscal_year", a.fiscal_year.roc()},
                      {"fiscal_year_ad", a.fiscal_year.ad()},
                      {"amount", to_json(a.amount)}};
  put_meta(j, a.id.value(), a.meta);
  return j;
}

nlohmann::json to_json(const Expenditure& e) {
  nlohmann::json j = {{"on", format_date(e.on)},
                      {"amount", to_json(e.amount)},
                      {"budget_line_id", e.budget_line_id.value()},
                      {"project_id", id_or_null(e.project_id)},
                      {"acquisition_id", id_or_null(e.acquisition_id)},
                      {"description", e.description}};
  put_meta(j, e.id.value(), e.meta);
  return j;
}

nlohmann::json to_json(const Commitment& c) {
  nlohmann::json j = {{"signed_on", format_date(c.signed_on)},
                      {"counterparty", c.counterparty},
                      {"amount", to_json(c.amount)},
                      {"paid", to_json(c.paid)},
                      {"budget_line_id", c.budget_line_id.value()},
                      {"project_id", id_or_null(c.project_id)},
                      {"acquisition_id", id_or_null(c.acquisition_id)}};
  put_meta(j, c.id.value(), c.meta);
  return j;
}

nlohmann::json to_json(const Project& p) {
  nlohmann::json properties = nlohmann::json::array(), milestones = nlohmann::json::array();
  for (PropertyId id : p.property_ids) properties.push_back(id.value());
  for (const Milestone& m : p.milestones) {
    milestones.push_back({{"name", m.name},
                          {"date", format_date(m.date)},
                          {"planned_pct", m.planned_pct.to_string()}});
  }
  nlohmann::json j = {{"code", p.code},
                      {"name_zh", p.name_zh},
                      {"name_en", p.name_en},
                      {"property_ids", std::move(properties)},
                      {"start", format_date(p.start)},
                      {"bac", to_json(p.bac)},
                      {"milestones", std::move(milestones)}};
  put_meta(j, p.id.value(), p.meta);
  return j;
}

nlohmann::json to_json(const ProgressReport& r) {
  nlohmann::json j = {{"project_id", r.project_id.value()},
                      {"on", format_date(r.on)},
                      {"pct_complete", r.pct_complete.to_string()}};
  put_meta(j, r.id.value(), r.meta);
  return j;
}

}  // namespace estate
