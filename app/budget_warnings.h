// The warnings an expenditure or commitment just written carries in its answer (domain/
// budget_warnings.h): read through the ports — the project's other charges, the acquisition
// and its budget line, and for a commitment the line's commitments and appropriations of its
// fiscal year. `written` is the stored record (its id set), so it is left out of "the other
// charges" and counted in the commitments. Errors: what the repositories report.
// Thread-safety: as the Store's repositories.
#pragma once

#include <vector>

#include "domain/budget_warnings.h"
#include "persistence/store.h"

namespace estate::app {

Result<std::vector<ChargeWarning>> charge_warnings(persistence::Store& store,
                                                   const Expenditure& written);
Result<std::vector<ChargeWarning>> charge_warnings(persistence::Store& store,
                                                   const Commitment& written);

}  // namespace estate::app
