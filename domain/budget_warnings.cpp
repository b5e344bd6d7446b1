#include "domain/budget_warnings.h"

namespace estate {

namespace {

// "1,583,560,000" for 1583560000.00 TWD: the whole units, grouped by thousands, and the minor
// units when there are any.
std::string grouped(const Money& m) {
  std::string amount = m.amount_string();
  std::string sign;
  if (!amount.empty() && amount[0] == '-') sign = "-", amount.erase(0, 1);
  const auto dot = amount.find('.');
  std::string whole = amount.substr(0, dot), fraction = dot == std::string::npos ? "" : amount.substr(dot);
  if (fraction.find_first_not_of(".0") == std::string::npos) fraction.clear();
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<std::size_t>(i), ",");
  return sign + whole + fraction;
}

}  // namespace

std::vector<ChargeWarning> line_use_warnings(BudgetLineId line, const ChargeContext& c) {
  std::vector<ChargeWarning> out;
  if (c.project_code && !c.project_lines.empty() && !c.project_lines.count(line.value())) {
    out.push_back({"line_not_used_by_project",
                   "project " + *c.project_code + " has no other charge on budget line " +
                       c.line_code + ": check that this is the line it is paid from",
                   "營建工程 " + *c.project_code + " 的其他支出均未列於預算科目 " + c.line_code +
                       "，請確認經費來源是否正確"});
  }
  if (c.acquisition_code && c.acquisition_line && *c.acquisition_line != line) {
    const std::string own = c.acquisition_line_code.value_or(std::to_string(c.acquisition_line->value()));
    out.push_back({"line_not_used_by_acquisition",
                   "acquisition " + *c.acquisition_code + " is budgeted on line " + own +
                       ", not on " + c.line_code,
                   "購置案 " + *c.acquisition_code + " 的預算科目為 " + own + "，而非 " + c.line_code});
  }
  return out;
}

std::optional<ChargeWarning> appropriation_warning(const Money& committed,
                                                   const Money& appropriated, FiscalYear year,
                                                   const std::string& line_code) {
  if (committed.currency() != appropriated.currency()) return std::nullopt;
  auto excess = committed.minus(appropriated);
  if (!excess.ok() || excess->is_negative() || excess->is_zero()) return std::nullopt;
  const std::string cur(committed.currency().code());
  const std::string fy = std::to_string(year.roc());
  return ChargeWarning{
      "commitments_above_appropriation",
      "the commitments on budget line " + line_code + " in fiscal year " + fy + " come to " +
          grouped(committed) + " " + cur + ", " + grouped(*excess) + " " + cur +
          " more than its appropriation of " + grouped(appropriated) + " " + cur,
      "預算科目 " + line_code + " " + fy + " 年度契約承諾合計 " + grouped(committed) + " " + cur +
          "，超出法定預算 " + grouped(appropriated) + " " + cur + " 計 " + grouped(*excess) + " " + cur};
}

}  // namespace estate
