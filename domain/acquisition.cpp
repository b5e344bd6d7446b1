#include "domain/acquisition.h"

#include <set>

#include "domain/validation.h"

namespace estate {

AcquisitionStage Acquisition::stage() const {
  return stages.empty() ? AcquisitionStage::proposed : stages.back().stage;
}

std::optional<Date> Acquisition::occupied_on() const {
  for (const StageEntry& s : stages)
    if (s.stage == AcquisitionStage::occupied) return s.on;
  return std::nullopt;
}

namespace {

bool is_final(AcquisitionStage s) {
  return s == AcquisitionStage::occupied || s == AcquisitionStage::cancelled;
}

}  // namespace

std::vector<FieldError> validate(const Acquisition& a) {
  Validator v;
  v.code("code", a.code);
  v.check(a.property_id.valid(), "property_id", MessageCode::must_name_property);
  v.check(!a.stages.empty(), "stages", MessageCode::no_stages);
  for (std::size_t i = 1; i < a.stages.size(); ++i) {
    const std::string at = "stages[" + std::to_string(i) + "]";
    const StageEntry &prev = a.stages[i - 1], &cur = a.stages[i];
    if (is_final(prev.stage) || cur.stage <= prev.stage) {
      v.add(at + ".stage", {MessageCode::stage_out_of_order, {std::string(to_string(prev.stage))}});
    }
    if (cur.on < prev.on) v.add(at + ".on", MessageCode::stage_date_before_previous);
  }
  v.check(a.price.minor_units() > 0, "price.amount", MessageCode::must_be_positive);
  v.check(a.costs.minor_units() >= 0, "costs.amount", MessageCode::must_not_be_negative);
  v.check(a.operating_cost_annual.minor_units() >= 0, "operating_cost_annual.amount",
          MessageCode::must_not_be_negative);
  v.amount("price.amount", a.price);
  v.amount("costs.amount", a.costs);
  v.amount("operating_cost_annual.amount", a.operating_cost_annual);
  const std::string currency(a.price.currency().code());
  v.check(a.costs.currency() == a.price.currency(), "costs.currency",
          {MessageCode::must_be_price_currency, {currency}});
  v.check(a.operating_cost_annual.currency() == a.price.currency(),
          "operating_cost_annual.currency", {MessageCode::must_be_price_currency, {currency}});
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < a.replaces_lease_ids.size(); ++i) {
    const std::string at = "replaces_lease_ids[" + std::to_string(i) + "]";
    v.check(a.replaces_lease_ids[i].valid(), at, MessageCode::must_be_lease_id);
    v.check(seen.insert(a.replaces_lease_ids[i].value()).second, at, MessageCode::listed_twice);
  }
  v.check(a.replaces_lease_ids.size() <= 50, "replaces_lease_ids", MessageCode::too_many_leases);
  return v.errors();
}

Result<Acquisition> advance(const Acquisition& a, AcquisitionStage stage, Date on) {
  const AcquisitionStage current = a.stage();
  if (is_final(current)) {
    return Error::conflict({MessageCode::acquisition_already_at,
                            {std::string(to_string(current)), std::string(to_string(stage))}});
  }
  if (stage <= current) {
    return Error::conflict({MessageCode::acquisition_only_forward,
                            {std::string(to_string(current)), std::string(to_string(stage))}});
  }
  if (!a.stages.empty() && on < a.stages.back().on) {
    return Error::invalid_field(
        "on", {MessageCode::stage_date_before_current, {format_date(a.stages.back().on)}});
  }
  Acquisition next = a;
  next.stages.push_back(StageEntry{stage, on});
  return next;
}

std::map<LeaseId, Date> replaced_leases_occupied_on(const std::vector<Acquisition>& acquisitions) {
  std::map<LeaseId, Date> out;
  for (const Acquisition& a : acquisitions) {
    const auto on = a.occupied_on();
    if (!on) continue;
    for (LeaseId id : a.replaces_lease_ids) {
      auto [it, fresh] = out.emplace(id, *on);
      if (!fresh && *on < it->second) it->second = *on;
    }
  }
  return out;
}

}  // namespace estate
