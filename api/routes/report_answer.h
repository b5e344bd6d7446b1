// What every report route shares: reading the parameters all reports take (as_of and the
// format) and answering a report in the format asked for — JSON, CSV, XLSX or its SVG chart —
// within the row limit. Defined in report_routes.cpp; decision_routes.cpp uses them too.
// Thread-safety: pure functions of their arguments.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

#include "domain/json_writer.h"
#include "domain/language.h"
#include "api/http/query_reader.h"
#include "api/routes/report_routes.h"
#include "reports/svg.h"
#include "reports/table.h"

namespace estate::api {

enum class Format { json, csv, xlsx, svg };

// What every report takes: known_at (the register as recorded at that instant; the store a
// handler is given is already that view, see report_routes.cpp's known_at_view), as_of (a date,
// or an instant whose UTC day is used; default known_at's day, else today, within the documented
// window) and the format (?format= wins over Accept).
struct Common {
  Date as_of{};
  Format format = Format::json;
  Language lang = Language::en;  // the request's Accept-Language: the words of its charts
};

Common read_common(QueryReader& q, const HttpRequest& request);

// A report's two shapes and, where one fits, its chart; `rows` counts its items.
struct Shapes {
  std::size_t rows = 0;
  std::function<nlohmann::json()> body;
  std::function<reports::Table()> table;
  std::function<Result<std::optional<reports::Chart>>()> chart;
  // body's bytes written without the tree, where a report has it (answer() then uses it).
  std::function<void(JsonWriter&)> stream = nullptr;
};

// The report in the format asked for; a 422 when it has more rows than one answer may, or
// when a chart is asked of a report (or parameters) that has none.
Result<Reply> answer(const Common& c, const ReportLimits& limits, const std::string& name,
                     const Shapes& shapes);

nlohmann::json fiscal_year_json(FiscalYear fy);

// One report of /api/v1/reports/{name}: its handler and the parameters it takes besides
// as_of, known_at and format.
using ReportHandler = Result<Reply> (*)(persistence::Store&, const ReportLimits&,
                                        const HttpRequest&);
struct ReportRoute {
  const char* name;
  ReportHandler handler;
  std::vector<std::string> query;
};

}  // namespace estate::api
