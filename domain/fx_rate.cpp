#include "domain/fx_rate.h"

#include "domain/validation.h"

namespace estate {

std::vector<FieldError> validate(const FxRate& r) {
  Validator v;
  v.check(r.currency != Currency::twd(), "currency", "must not be TWD (one TWD is one TWD)");
  v.check(r.twd_per_unit.units() > 0, "twd_per_unit", "must be more than zero");
  v.check(r.twd_per_unit.scale() <= kFxRateScale, "twd_per_unit",
          "must have at most six decimal places");
  return v.errors();
}

}  // namespace estate
