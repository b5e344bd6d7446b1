#include "reports/fiscal_calendar.h"

namespace estate::reports {

std::vector<FiscalYear> fiscal_years(FiscalYear first, FiscalYear last) {
  std::vector<FiscalYear> out;
  for (int ad = first.ad(); ad <= last.ad(); ++ad) out.push_back(*FiscalYear::from_ad(ad));
  return out;
}

Date sample_day(FiscalYear year, Date as_of) {
  return year.last_day() < as_of ? year.last_day() : as_of;
}

}  // namespace estate::reports
