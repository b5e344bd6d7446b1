// A Property is one building or unit the ministry uses: an office, a chief-of-mission residence,
// staff housing, an archive. Whether the ministry held it on a given day, and how, is its
// tenure history — dated intervals of owned / leased / provided (rent-free from the host) —
// not its status. Thread-safety: plain value.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/decimal.h"
#include "domain/enums.h"
#include "domain/ids.h"
#include "domain/record.h"
#include "domain/result.h"

namespace estate {

// One tenure interval. `to` is inclusive; an open end (nullopt) means "still so".
struct Tenure {
  TenureType type = TenureType::leased;
  Date from{};
  std::optional<Date> to;
  bool operator==(const Tenure& o) const { return type == o.type && from == o.from && to == o.to; }
};

struct Property {
  PropertyId id;
  std::optional<MissionId> mission_id;  // nullopt for domestic property
  std::string code;
  std::string name;
  std::optional<std::string> name_zh;  // the Chinese name, NFC; nullopt when none is recorded
  PropertyKind kind = PropertyKind::office;
  std::string address;
  Decimal floor_area_m2 = Decimal::from_units(0, 2);  // two decimal places
  PropertyStatus status = PropertyStatus::active;
  std::vector<std::string> agencies;  // occupant agencies, e.g. "MOFA", "MOEA"
  std::vector<Tenure> tenure;         // ordered by `from`
  RecordMeta meta;
};

// Rules for a tenure history, fields named "tenure[i].from" etc.: each interval has to ≥ from;
// intervals are in order of `from` and never overlap (to is inclusive, so one may start the
// day after the previous ends); only the last may be open-ended.
std::vector<FieldError> validate_tenure(const std::vector<Tenure>& tenure);

// Every rule a Property must satisfy: code, name, name_zh (when present: UTF-8 in NFC, not
// blank, at most 200 characters), address, non-negative area with at most two
// decimals, agencies (distinct, short, non-empty), and the tenure rules above.
std::vector<FieldError> validate(const Property& property);

// How the ministry held the property on day `d`, or nullopt if no interval covers it.
std::optional<TenureType> tenure_on(const Property& property, Date d);

// The tenure history once the ministry owns the property from `owned_from` (a purchase
// occupied that day): the interval covering the day before ends then, and an open "owned"
// interval starts. Returns nullopt when the history already says the property is owned from
// that day on (nothing to change). Errors: conflict when intervals start after `owned_from`
// (the history plans something the purchase contradicts).
Result<std::optional<std::vector<Tenure>>> tenure_after_purchase(const std::vector<Tenure>& tenure,
                                                                 Date owned_from);

}  // namespace estate
