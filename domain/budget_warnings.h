// Warnings on money charged to a budget line (issue 25, "Feedback and safety"): a charge that
// is allowed but probably a mistake is accepted, and its answer says so. Two rules:
//  - line_not_used_by_project: an expenditure or commitment of a project goes to a budget
//    line none of the project's other charges use (when it has some: its first charge sets
//    the lines it uses), or an acquisition's charge goes to a line other than the
//    acquisition's own budget line (line_not_used_by_acquisition);
//  - commitments_above_appropriation: the commitments signed on a budget line in a fiscal
//    year (this one included) add up to more than the line's appropriations for that year.
// Each warning has a stable code and its message in English and 中文 (DESIGN.md's glossary).
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/ids.h"
#include "domain/language.h"
#include "domain/money.h"

namespace estate {

struct ChargeWarning {
  std::string code;
  std::string en, zh;
  const std::string& message(Language lang) const { return lang == Language::zh ? zh : en; }
};

// What a charge is set against. `project_lines`: the budget line ids the project's other
// charges (not this one) use; `acquisition_line`: the acquisition's own line, when the charge
// names an acquisition that has one. Codes are for the messages.
struct ChargeContext {
  std::string line_code;
  std::optional<std::string> project_code;
  std::set<std::int64_t> project_lines;
  std::optional<std::string> acquisition_code;
  std::optional<BudgetLineId> acquisition_line;
  std::optional<std::string> acquisition_line_code;
};

// The line-use warnings of a charge to `line`.
std::vector<ChargeWarning> line_use_warnings(BudgetLineId line, const ChargeContext& context);

// commitments_above_appropriation when `committed` (Σ of the line's commitments in `year`,
// this one included) exceeds `appropriated` (Σ of its appropriations for `year`; zero when it
// has none). Amounts in different currencies are not compared (nullopt).
std::optional<ChargeWarning> appropriation_warning(const Money& committed,
                                                   const Money& appropriated, FiscalYear year,
                                                   const std::string& line_code);

}  // namespace estate
