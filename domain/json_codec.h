// The one JSON form of each register record: the shape of API.md, used by the HTTP layer for
// responses and by the journal for `before` / `after`. Encoding only; decoding untrusted input
// lives with the HTTP layer's validators. Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/acquisition.h"
#include "domain/budget.h"
#include "domain/fx_rate.h"
#include "domain/json_writer.h"
#include "domain/lease.h"
#include "domain/mission.h"
#include "domain/money.h"
#include "domain/property.h"

namespace estate {

// {"amount": "1234.50", "currency": "AUD"}
nlohmann::json to_json(const Money& money);
nlohmann::json to_json(const Mission& mission);
nlohmann::json to_json(const Property& property);
nlohmann::json to_json(const Lease& lease);
nlohmann::json to_json(const Acquisition& acquisition);
nlohmann::json to_json(const FxRate& rate);
nlohmann::json to_json(const BudgetLine& line);
// Appropriations carry both "fiscal_year" (ROC) and "fiscal_year_ad".
nlohmann::json to_json(const Appropriation& appropriation);
nlohmann::json to_json(const Expenditure& expenditure);
nlohmann::json to_json(const Commitment& commitment);
nlohmann::json to_json(const Project& project);
nlohmann::json to_json(const ProgressReport& report);

// The same bytes as dump_json(to_json(…)), written without the tree (json_writer.h), for the
// answers that carry many records.
void write_json(JsonWriter& w, const Money& money);
void write_json(JsonWriter& w, const Property& property);

}  // namespace estate
