#include "reports/pipeline.h"

#include <map>

namespace estate::reports {

Result<std::vector<PipelineStage>> acquisition_pipeline(const std::vector<Acquisition>& acquisitions,
                                                        Date as_of) {
  const AcquisitionStage order[] = {
      AcquisitionStage::proposed,  AcquisitionStage::appraised, AcquisitionStage::budget_approved,
      AcquisitionStage::contracted, AcquisitionStage::settled,  AcquisitionStage::occupied,
      AcquisitionStage::cancelled};
  std::map<AcquisitionStage, std::int64_t> counts;
  std::map<AcquisitionStage, std::map<std::string, MoneySum>> sums;
  for (const Acquisition& a : acquisitions) {
    const StageEntry* reached = nullptr;
    for (const StageEntry& e : a.stages)
      if (!(as_of < e.on)) reached = &e;
    if (!reached) continue;
    ++counts[reached->stage];
    const std::string code(a.price.currency().code());
    sums[reached->stage].try_emplace(code, "price_totals", a.price.currency()).first->second.add(a.price);
  }
  std::vector<PipelineStage> out;
  for (AcquisitionStage stage : order) {
    PipelineStage p{stage, counts[stage], {}};
    for (const auto& [code, sum] : sums[stage]) {
      auto total = sum.total();
      if (!total.ok()) return total.error();
      p.price_totals.push_back(*total);
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace estate::reports
