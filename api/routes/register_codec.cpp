#include "api/routes/register_codec.h"

#include "api/http/json_reader.h"
#include "domain/unicode_text.h"

namespace estate::api {

using nlohmann::json;

namespace {

const char* const kMetaFields[] = {"id", "version", "created_at", "updated_at"};

void meta_fields(JsonReader& r, DecodeMode mode, Validator& v) {
  for (const char* key : kMetaFields) {
    if (mode != DecodeMode::create) {
      r.ignore(key);
    } else if (r.has(key)) {
      r.ignore(key);
      v.add(key, MessageCode::server_assigned);
    }
  }
}

// The money object a decoding error is about ("rent" for "rent.currency" or "rent.amount"),
// or "" when it is about something else: a money that did not decode is not known at all.
std::string money_of(const std::string& field) {
  const auto dot = field.rfind('.');
  if (dot == std::string::npos) return "";
  const std::string leaf = field.substr(dot + 1);
  return leaf == "currency" || leaf == "amount" ? field.substr(0, dot) : "";
}

// Finishes a decode: structural errors and the domain's rules, reported together. A rule's
// error about a field that already failed to decode would only repeat it, so it is left out;
// so is one about a money whose amount or currency failed to decode (a bad currency code does
// not make a valid rent "more than zero"-wrong as well).
template <class T>
Result<T> checked(T value, Validator& v, const std::vector<FieldError>& rules, const char* what) {
  const std::vector<FieldError> decoding = v.errors();
  for (const FieldError& rule : rules) {
    bool repeats = false;
    for (const FieldError& d : decoding) {
      const std::string money = money_of(d.field);
      repeats = repeats || d.field == rule.field || rule.field.rfind(d.field + ".", 0) == 0 ||
                rule.field.rfind(d.field + "[", 0) == 0 ||
                (!money.empty() && (rule.field == money || rule.field.rfind(money + ".", 0) == 0));
    }
    if (!repeats) v.add(rule.field, rule.what);
  }
  if (!v.ok()) return Error::invalid({MessageCode::record_invalid, {what}}, v.errors());
  return value;
}

// The domain's rules for a record being decoded; none for a stored one, which was valid by
// the rules of its day and is read as it was kept.
template <class T>
std::vector<FieldError> rules(DecodeMode mode, const T& record) {
  return mode == DecodeMode::stored ? std::vector<FieldError>{} : validate(record);
}

template <class T, class Fn>
void each(const json* array, const std::string& path, Validator& v, Fn fn) {
  if (!array) return;
  for (std::size_t i = 0; i < array->size(); ++i) {
    JsonReader item((*array)[i], path + "[" + std::to_string(i) + "]", v);
    fn(item);
    item.finish();
  }
}

// An optional array of positive ids ([] when absent), each bad element named.
template <class Id>
std::vector<Id> id_list(JsonReader& r, const std::string& key, const char* what, Validator& v) {
  std::vector<Id> out;
  if (const json* ids = r.array(key, Presence::optional)) {
    for (std::size_t i = 0; i < ids->size(); ++i) {
      const json& id = (*ids)[i];
      if (id.is_number_integer() && id.get<std::int64_t>() > 0) {
        out.push_back(Id(id.get<std::int64_t>()));
      } else {
        v.add(key + "[" + std::to_string(i) + "]", {MessageCode::must_be_positive_ref_id, {what}});
      }
    }
  }
  return out;
}

}  // namespace

std::vector<FieldError> read_only_fields(const json& patch, const std::vector<std::string>& also) {
  std::vector<FieldError> out;
  if (!patch.is_object()) return out;
  for (const char* key : kMetaFields) {
    if (patch.contains(key)) {
      out.push_back({key, "is assigned by the server and may not be changed"});
    }
  }
  for (const std::string& key : also) {
    if (patch.contains(key)) out.push_back({key, "may not be changed by PATCH"});
  }
  return out;
}

Result<Mission> decode_mission(const json& body, DecodeMode mode) {
  Validator v;
  JsonReader r(body, "", v);
  meta_fields(r, mode, v);
  Mission m;
  m.code = r.text("code").value_or("");
  m.name_en = r.text("name_en").value_or("");
  m.name_zh = r.text("name_zh").value_or("");
  if (auto c = r.parsed<Country>("country", Country::of)) m.country = *c;
  m.city = r.text("city").value_or("");
  if (auto x = r.enumeration<Region>("region")) m.region = *x;
  if (auto x = r.enumeration<MissionType>("type")) m.type = *x;
  if (auto c = r.parsed<Currency>("currency", Currency::of)) m.currency = *c;
  if (auto z = r.parsed<TimeZone>("time_zone", TimeZone::of)) m.time_zone = *z;
  r.finish();
  return checked(m, v, rules(mode, m), "mission");
}

Result<Property> decode_property(const json& body, DecodeMode mode) {
  Validator v;
  JsonReader r(body, "", v);
  meta_fields(r, mode, v);
  Property p;
  p.mission_id = r.id<MissionId>("mission_id", Presence::optional);
  p.code = r.text("code").value_or("");
  p.name = r.text("name").value_or("");
  // Null or absent: no Chinese name. Stored in NFC, so one name has one spelling; a stored
  // record is read as it was kept.
  if (auto zh = r.text("name_zh", Presence::optional))
    p.name_zh = mode == DecodeMode::stored ? *zh : to_nfc(*zh);
  if (auto x = r.enumeration<PropertyKind>("kind")) p.kind = *x;
  p.address = r.text("address").value_or("");
  if (auto a = r.decimal("floor_area_m2", 2)) p.floor_area_m2 = *a;
  if (auto x = r.enumeration<PropertyStatus>("status")) p.status = *x;
  const json* agencies = r.array("agencies", Presence::optional);
  if (agencies) {
    for (std::size_t i = 0; i < agencies->size(); ++i) {
      const json& a = (*agencies)[i];
      if (a.is_string())
        p.agencies.push_back(a.get<std::string>());
      else
        v.add("agencies[" + std::to_string(i) + "]", MessageCode::not_json_string);
    }
  }
  each<Tenure>(r.array("tenure", Presence::optional), "tenure", v, [&](JsonReader& t) {
    Tenure tenure;
    if (auto x = t.enumeration<TenureType>("type")) tenure.type = *x;
    if (auto d = t.date("from")) tenure.from = *d;
    tenure.to = t.date("to", Presence::optional);
    p.tenure.push_back(tenure);
  });
  r.finish();
  return checked(p, v, rules(mode, p), "property");
}

Result<Lease> decode_lease(const json& body, DecodeMode mode) {
  Validator v;
  JsonReader r(body, "", v);
  meta_fields(r, mode, v);
  Lease l;
  if (auto id = r.id<PropertyId>("property_id")) l.property_id = *id;
  l.lessor = r.text("lessor").value_or("");
  if (auto d = r.date("start")) l.start = *d;
  if (auto d = r.date("end")) l.end = *d;
  if (auto m = r.money("rent")) l.rent = *m;
  if (auto x = r.enumeration<RentPeriod>("period")) l.period = *x;
  if (const json* e = r.object("escalation", Presence::optional)) {
    JsonReader esc(*e, "escalation", v);
    if (auto x = esc.enumeration<EscalationKind>("kind")) l.escalation.kind = *x;
    l.escalation.pct = esc.decimal("pct", 2, Presence::optional);
    each<RentStep>(esc.array("steps", Presence::optional), "escalation.steps", v,
                   [&](JsonReader& s) {
                     RentStep step{Date{}, l.rent};
                     if (auto d = s.date("from")) step.from = *d;
                     if (auto m = s.money("rent")) step.rent = *m;
                     l.escalation.steps.push_back(step);
                   });
    esc.finish();
  }
  if (auto n = r.integer("notice_days", Presence::optional)) {
    if (*n < INT32_MIN || *n > INT32_MAX)
      v.add("notice_days", MessageCode::out_of_range);
    else
      l.notice_days = static_cast<int>(*n);
  }
  each<LeaseOption>(r.array("options", Presence::optional), "options", v, [&](JsonReader& o) {
    LeaseOption option;
    if (auto x = o.enumeration<LeaseOptionKind>("kind")) option.kind = *x;
    if (auto d = o.date("exercise_by")) option.exercise_by = *d;
    if (auto y = o.integer("years", Presence::optional)) {
      if (*y < INT32_MIN || *y > INT32_MAX)
        v.add(o.field("years"), MessageCode::out_of_range);
      else
        option.years = static_cast<int>(*y);
    }
    l.options.push_back(option);
  });
  r.finish();
  return checked(l, v, rules(mode, l), "lease");
}

Result<Acquisition> decode_acquisition(const json& body, DecodeMode mode) {
  Validator v;
  JsonReader r(body, "", v);
  meta_fields(r, mode, v);
  Acquisition a;
  a.code = r.text("code").value_or("");
  if (auto id = r.id<PropertyId>("property_id")) a.property_id = *id;
  a.replaces_lease_ids = id_list<LeaseId>(r, "replaces_lease_ids", "lease", v);
  if (mode == DecodeMode::create && r.has("stage")) {
    v.add("stage", MessageCode::stage_set_by_history);
  }
  r.ignore("stage");
  each<StageEntry>(r.array("stages"), "stages", v, [&](JsonReader& st) {
    StageEntry e;
    if (auto x = st.enumeration<AcquisitionStage>("stage")) e.stage = *x;
    if (auto d = st.date("on")) e.on = *d;
    a.stages.push_back(e);
  });
  if (auto m = r.money("price")) a.price = *m;
  a.costs = r.money("costs", Presence::optional).value_or(Money::zero(a.price.currency()));
  a.operating_cost_annual = r.money("operating_cost_annual", Presence::optional)
                                .value_or(Money::zero(a.price.currency()));
  if (r.has("budget_line_id"))
    a.budget_line_id = r.id<BudgetLineId>("budget_line_id");
  else
    r.ignore("budget_line_id");
  r.finish();
  return checked(a, v, rules(mode, a), "acquisition");
}

Result<FxRate> decode_fx_rate(const json& body, DecodeMode mode) {
  Validator v;
  JsonReader r(body, "", v);
  meta_fields(r, mode, v);
  FxRate rate;
  if (auto c = r.parsed<Currency>("currency", Currency::of)) rate.currency = *c;
  if (auto d = r.date("effective")) rate.effective = *d;
  if (auto d = r.decimal("twd_per_unit", kFxRateScale)) rate.twd_per_unit = *d;
  r.finish();
  return checked(rate, v, rules(mode, rate), "FX rate");
}

Result<BudgetLine> decode_budget_line(const json& body, DecodeMode mode) {
  Validator v;
  JsonReader r(body, "", v);
  meta_fields(r, mode, v);
  BudgetLine b;
  b.code = r.text("code").value_or("");
  b.name_zh = r.text("name_zh").value_or("");
  b.name_en = r.text("name_en").value_or("");
  r.finish();
  return checked(b, v, rules(mode, b), "budget line");
}

Result<Appropriation> decode_appropriation(const json& body, DecodeMode mode) {
  Validator v;
  JsonReader r(body, "", v);
  meta_fields(r, mode, v);
  Appropriation a;
  if (auto id = r.id<BudgetLineId>("budget_line_id")) a.budget_line_id = *id;
  std::optional<std::int64_t> roc, ad;
  if (mode != DecodeMode::create) {
    r.ignore("fiscal_year_ad");
    roc = r.integer("fiscal_year");
  } else {
    roc =
        r.integer("fiscal_year", r.has("fiscal_year_ad") ? Presence::optional : Presence::required);
    ad = r.integer("fiscal_year_ad", Presence::optional);
  }
  if (roc && ad && *roc + FiscalYear::kRocOffset != *ad) {
    v.add("fiscal_year_ad", MessageCode::fiscal_year_ad_mismatch);
  }
  const std::int64_t year = roc ? *roc : ad ? *ad - FiscalYear::kRocOffset : 0;
  if ((roc || ad) && (year < kFirstBudgetYearRoc || year > kLastBudgetYearRoc)) {
    v.add(roc ? "fiscal_year" : "fiscal_year_ad", MessageCode::budget_year_range);
  } else if (roc || ad) {
    a.fiscal_year = *FiscalYear::from_roc(static_cast<int>(year));
  }
  if (auto m = r.money("amount")) a.amount = *m;
  r.finish();
  return checked(a, v, rules(mode, a), "appropriation");
}

Result<Expenditure> decode_expenditure(const json& body, DecodeMode mode) {
  Validator v;
  JsonReader r(body, "", v);
  meta_fields(r, mode, v);
  Expenditure e;
  if (auto d = r.date("on")) e.on = *d;
  if (auto m = r.money("amount")) e.amount = *m;
  if (auto id = r.id<BudgetLineId>("budget_line_id")) e.budget_line_id = *id;
  e.project_id = r.id<ProjectId>("project_id", Presence::optional);
  e.acquisition_id = r.id<AcquisitionId>("acquisition_id", Presence::optional);
  e.description = r.text("description", Presence::optional).value_or("");
  r.finish();
  return checked(e, v, rules(mode, e), "expenditure");
}

Result<Commitment> decode_commitment(const json& body, DecodeMode mode) {
  Validator v;
  JsonReader r(body, "", v);
  meta_fields(r, mode, v);
  Commitment c;
  if (auto d = r.date("signed_on")) c.signed_on = *d;
  c.counterparty = r.text("counterparty").value_or("");
  if (auto m = r.money("amount")) c.amount = *m;
  c.paid = r.money("paid", Presence::optional).value_or(Money::zero(Currency::twd()));
  if (auto id = r.id<BudgetLineId>("budget_line_id")) c.budget_line_id = *id;
  c.project_id = r.id<ProjectId>("project_id", Presence::optional);
  c.acquisition_id = r.id<AcquisitionId>("acquisition_id", Presence::optional);
  r.finish();
  return checked(c, v, rules(mode, c), "commitment");
}

Result<Project> decode_project(const json& body, DecodeMode mode) {
  Validator v;
  JsonReader r(body, "", v);
  meta_fields(r, mode, v);
  Project p;
  p.code = r.text("code").value_or("");
  p.name_zh = r.text("name_zh").value_or("");
  p.name_en = r.text("name_en").value_or("");
  p.property_ids = id_list<PropertyId>(r, "property_ids", "property", v);
  if (auto d = r.date("start")) p.start = *d;
  if (auto m = r.money("bac")) p.bac = *m;
  each<Milestone>(r.array("milestones"), "milestones", v, [&](JsonReader& m) {
    Milestone milestone;
    milestone.name = m.text("name").value_or("");
    if (auto d = m.date("date")) milestone.date = *d;
    if (auto pct = m.decimal("planned_pct", kPercentScale)) milestone.planned_pct = *pct;
    p.milestones.push_back(milestone);
  });
  r.finish();
  return checked(p, v, rules(mode, p), "project");
}

Result<ProgressReport> decode_progress(const json& body, DecodeMode mode, ProjectId project) {
  Validator v;
  JsonReader r(body, "", v);
  meta_fields(r, mode, v);
  ProgressReport p;
  p.project_id = project;
  if (r.has("project_id")) {
    auto id = r.id<ProjectId>("project_id");
    if (id && mode == DecodeMode::stored)
      p.project_id = *id;
    else if (id && *id != project)
      v.add("project_id", MessageCode::project_not_in_path);
  }
  if (auto d = r.date("on")) p.on = *d;
  if (auto pct = r.decimal("pct_complete", kPercentScale)) p.pct_complete = *pct;
  r.finish();
  return checked(p, v, rules(mode, p), "progress report");
}

app::StoredDecoders stored_decoders() {
  constexpr DecodeMode m = DecodeMode::stored;
  app::StoredDecoders d;
  d.mission = [](const json& j) { return decode_mission(j, m); };
  d.property = [](const json& j) { return decode_property(j, m); };
  d.lease = [](const json& j) { return decode_lease(j, m); };
  d.acquisition = [](const json& j) { return decode_acquisition(j, m); };
  d.fx_rate = [](const json& j) { return decode_fx_rate(j, m); };
  d.budget_line = [](const json& j) { return decode_budget_line(j, m); };
  d.appropriation = [](const json& j) { return decode_appropriation(j, m); };
  d.expenditure = [](const json& j) { return decode_expenditure(j, m); };
  d.commitment = [](const json& j) { return decode_commitment(j, m); };
  d.project = [](const json& j) { return decode_project(j, m); };
  // A stored progress report keeps its own project_id; the path's is not read.
  d.progress = [](const json& j) { return decode_progress(j, m, ProjectId()); };
  return d;
}

Result<StageMove> decode_stage_move(const json& body) {
  Validator v;
  JsonReader r(body, "", v);
  auto stage = r.enumeration<AcquisitionStage>("stage");
  auto on = r.date("on");
  r.finish();
  if (!v.ok()) return Error::invalid(MessageCode::stage_move_invalid, v.errors());
  return StageMove{*stage, *on};
}

}  // namespace estate::api
