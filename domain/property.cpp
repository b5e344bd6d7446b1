#include "domain/property.h"

#include <set>

#include "domain/unicode_text.h"
#include "domain/validation.h"

namespace estate {

std::vector<FieldError> validate_tenure(const std::vector<Tenure>& tenure) {
  Validator v;
  for (std::size_t i = 0; i < tenure.size(); ++i) {
    const std::string at = "tenure[" + std::to_string(i) + "]";
    const Tenure& t = tenure[i];
    if (t.to && *t.to < t.from) v.add(at + ".to", MessageCode::to_before_from);
    if (!t.to && i + 1 < tenure.size()) v.add(at + ".to", MessageCode::only_last_open);
    if (i > 0) {
      const Tenure& prev = tenure[i - 1];
      if (t.from <= prev.from) {
        v.add(at + ".from", MessageCode::intervals_out_of_order);
      } else if (prev.to && t.from <= *prev.to) {
        v.add(at + ".from",
              {MessageCode::overlaps_previous_interval, {format_date(*prev.to)}});
      }
    }
  }
  return v.errors();
}

std::vector<FieldError> validate(const Property& p) {
  Validator v;
  v.code("code", p.code);
  v.text("name", p.name);
  if (p.name_zh) {
    const std::size_t before = v.errors().size();
    v.text("name_zh", *p.name_zh);
    if (v.errors().size() == before && !is_nfc(*p.name_zh)) {
      v.add("name_zh", MessageCode::not_nfc);
    }
  }
  v.text("address", p.address, 2000, false);
  if (p.floor_area_m2.scale() != 2) {
    v.add("floor_area_m2", MessageCode::area_two_decimals);
  } else if (p.floor_area_m2.is_negative()) {
    v.add("floor_area_m2", MessageCode::must_not_be_negative);
  } else if (p.floor_area_m2 > Decimal::from_units(10'000'000, 0)) {
    // Ten square kilometres: far beyond any building, and keeps every area sum in range.
    v.add("floor_area_m2", MessageCode::area_too_large);
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < p.agencies.size(); ++i) {
    const std::string at = "agencies[" + std::to_string(i) + "]";
    v.text(at, p.agencies[i], 64);
    if (!seen.insert(p.agencies[i]).second) v.add(at, MessageCode::listed_twice);
  }
  v.check(p.agencies.size() <= 50, "agencies", MessageCode::too_many_agencies);
  v.check(p.tenure.size() <= 200, "tenure", MessageCode::too_many_intervals);
  v.merge(validate_tenure(p.tenure));
  return v.errors();
}

std::optional<TenureType> tenure_on(const Property& p, Date d) {
  for (const Tenure& t : p.tenure)
    if (t.from <= d && (!t.to || d <= *t.to)) return t.type;
  return std::nullopt;
}

Result<std::optional<std::vector<Tenure>>> tenure_after_purchase(const std::vector<Tenure>& tenure,
                                                                 Date owned_from) {
  using Out = std::optional<std::vector<Tenure>>;
  for (const Tenure& t : tenure) {
    if (t.type == TenureType::owned && t.from <= owned_from && !t.to) return Out();
  }
  std::vector<Tenure> out;
  const Date day_before{date::sys_days(owned_from) - date::days(1)};
  for (const Tenure& t : tenure) {
    if (owned_from < t.from) {
      return Error::conflict({MessageCode::tenure_after_occupied, {format_date(t.from), format_date(owned_from)}});
    }
    Tenure kept = t;
    if (!kept.to || owned_from <= *kept.to) {
      if (kept.from == owned_from) continue;  // it would be empty
      kept.to = day_before;
    }
    out.push_back(kept);
  }
  out.push_back(Tenure{TenureType::owned, owned_from, std::nullopt});
  return Out(std::move(out));
}

}  // namespace estate
