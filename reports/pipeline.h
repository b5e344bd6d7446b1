// The acquisition pipeline: how many purchases stand at each stage on a day, and what their
// prices add up to in each currency (prices in different currencies are not added together).
// A purchase stands at the last stage its history reached on or before the day; one proposed
// later is not counted. Sums are checked (MoneySum). Pure functions.
#pragma once

#include <vector>

#include "domain/acquisition.h"

namespace estate::reports {

struct PipelineStage {
  AcquisitionStage stage = AcquisitionStage::proposed;
  std::int64_t count = 0;
  std::vector<Money> price_totals;  // one per currency, in currency-code order
};

// Every stage, in the order purchases move through them, cancelled last.
Result<std::vector<PipelineStage>> acquisition_pipeline(const std::vector<Acquisition>& acquisitions,
                                                        Date as_of);

}  // namespace estate::reports
