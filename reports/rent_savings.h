// Rent savings of acquisitions, DESIGN.md report definition 3. From the day an acquisition is
// occupied through the as-of date (both included), the rent its replaced leases would have
// accrued — their escalation continued past their actual end — is rent avoided; the annual
// cost of owning, accrued daily the same way, is the operating cost; net savings is the
// difference. All in the price's currency, exact until each reported figure is rounded once.
// By fiscal year as well; in TWD, each fiscal year's exact local total is converted at the
// rate in effect on min(fiscal-year end, as-of), then the years are summed and rounded. The
// payback date is the first day on which cumulative net savings reach price + costs, projected
// past the as-of date if need be; null when not within 100 years of occupation (or never).
// Pure functions.
#pragma once

#include <optional>
#include <vector>

#include "domain/acquisition.h"
#include "domain/lease.h"
#include "reports/fx.h"
#include "reports/rent.h"

namespace estate::reports {

struct SavingsInput {
  Acquisition acquisition;
  std::vector<Lease> replaced;  // the leases of acquisition.replaces_lease_ids
};

struct FiscalYearSavings {
  FiscalYear fiscal_year;
  Date from{}, to{};  // the part of the year counted: within [occupied, as-of]
  Money rent_avoided, operating_cost, net_savings;
  std::optional<Decimal> twd_rate;  // rate on min(year end, as-of); nullopt: none known
  std::optional<Money> net_savings_twd;
};

struct AcquisitionSavings {
  AcquisitionId acquisition_id;
  std::string code;
  Currency currency;
  AcquisitionStage stage = AcquisitionStage::proposed;
  std::optional<Date> occupied_on;
  Money rent_avoided, operating_cost, net_savings;
  std::optional<Money> net_savings_twd;  // nullopt when a needed FX rate is missing
  Money invested;                        // price + costs
  std::optional<Date> payback_date;
  std::vector<FiscalYearSavings> by_fiscal_year;
  // Where the purchase is, for the reader; filled in by whoever knows the register (empty when
  // the property has no mission).
  std::string property_code, mission_code, mission_name_zh;
};

struct SavingsTotals {
  std::optional<Money> net_savings_twd;  // nullopt when any acquisition's is unknown
};

struct RentSavingsReport {
  Date as_of{};
  std::optional<FiscalYear> fiscal_year;  // when set, figures cover only that year
  std::vector<AcquisitionSavings> acquisitions;
  SavingsTotals totals;
  std::vector<std::string> missing_rates;  // "AUD on 2026-12-31", for the reader
};

// Cancelled acquisitions are left out; those not yet occupied show zeros and no payback.
Result<RentSavingsReport> rent_savings(const std::vector<SavingsInput>& inputs, const FxTable& fx,
                               Date as_of, std::optional<FiscalYear> only_year);

// Cumulative net savings at the end of each month from occupation through `through`, for
// charting: (day, exact cumulative amount rounded to the minor unit).
Result<std::vector<std::pair<Date, Money>>> cumulative_net_savings(const SavingsInput& input, Date through);

}  // namespace estate::reports
