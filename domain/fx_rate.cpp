#include "domain/fx_rate.h"

#include "domain/validation.h"

namespace estate {

std::vector<FieldError> validate(const FxRate& r) {
  Validator v;
  v.check(r.currency != Currency::twd(), "currency", MessageCode::fx_not_twd);
  v.check(r.twd_per_unit.units() > 0, "twd_per_unit", MessageCode::must_be_positive);
  v.check(r.twd_per_unit.scale() <= kFxRateScale, "twd_per_unit", MessageCode::fx_six_decimals);
  return v.errors();
}

}  // namespace estate
