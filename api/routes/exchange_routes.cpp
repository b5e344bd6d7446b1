#include "api/routes/exchange_routes.h"

#include "api/exchange/register_import.h"
#include "api/routes/change_request_routes.h"
#include "api/exchange/register_layout.h"
#include "api/http/query_reader.h"
#include "api/routes/report_columns.h"

namespace estate::api {

namespace {

using persistence::Store;

Result<Reply> workbook_reply(const std::vector<reports::Table>& tables, const std::string& name) {
  auto bytes = reports::to_xlsx(tables);
  if (!bytes.ok()) return bytes.error();
  Reply r;
  r.raw = std::move(*bytes);
  r.content_type = kXlsxType;
  r.filename = name;
  return r;
}

Result<Reply> export_register(Store& store, const HttpRequest& request) {
  QueryReader q(request);
  const std::optional<Instant> as_of = q.instant("as_of");
  if (Status s = q.finish(); !s.ok()) return s.error();
  auto tables = exchange::export_register(store, as_of);
  if (!tables.ok()) return tables.error();
  const std::string day = format_date(Date{date::floor<date::days>(as_of.value_or(now()))});
  return workbook_reply(*tables, "register-" + day + ".xlsx");
}

Result<Reply> import_file(Store& store, const ExchangeOptions& options, const HttpRequest& request) {
  QueryReader q(request);  // refuses parameters the route does not take (a dryrun= typo)
  exchange::ImportOptions o;
  o.user = request.caller.user;
  o.role = request.caller.role;
  o.language = language_of(request.header("accept-language"));
  o.limits = options.limits;
  o.four_eyes = options.four_eyes;
  if (auto d = q.text("dry_run")) {
    if (*d == "true" || *d == "false") o.dry_run = *d == "true";
    else q.add("dry_run", MessageCode::must_be_true_or_false);
  }
  if (auto s = q.text("sheet", 1000)) {
    auto sheets = exchange::sheet_list(*s);
    if (sheets.ok()) o.sheets = *sheets;
    else q.add("sheet", sheets.error().fields.front().what);
  }
  if (auto from = q.integer("changes_from", 0, 100'000'000))
    o.changes_from = static_cast<std::size_t>(*from);
  if (Status s = q.finish(); !s.ok()) return s.error();
  if (request.body.empty()) return Error::invalid_field("file", MessageCode::is_empty);
  if (request.body.size() > options.max_bytes) {
    return problem_reply(413, {MessageCode::file_too_large, {std::to_string(options.max_bytes)}},
                         {{"file", MessageCode::too_large}});
  }
  const std::string type = media_type(request.header("content-type").value_or(""));
  exchange::ImportFormat format;
  if (type == kXlsxType) {
    format = exchange::ImportFormat::xlsx;
  } else if (type == "text/csv") {
    format = exchange::ImportFormat::csv;
  } else if (type == "application/octet-stream") {
    format = request.body.rfind("PK\x03\x04", 0) == 0 ? exchange::ImportFormat::xlsx
                                                       : exchange::ImportFormat::csv;
  } else {
    const Message detail{MessageCode::import_file_type, {std::string(kXlsxType)}};
    return problem_reply(415, detail, {{"file", detail}});
  }
  auto report = exchange::import_register(store, request.body, format, o);
  if (!report.ok()) return report.error();
  Reply r;
  if (const nlohmann::json& held = (*report)["change_request"]; held.is_object()) {
    r.status = 202;
    r.location = change_request_location(held["id"].get<std::int64_t>());
    auto request = options.four_eyes->get(held["id"].get<std::int64_t>());
    if (request.ok()) (*report)["change_request"] = change_request_json(*request);
  }
  r.body = std::move(*report);
  return r;
}

}  // namespace

void add_exchange_routes(RouteTable& routes, Store& store, ExchangeOptions options) {
  Store* s = &store;
  if (options.four_eyes) exchange::add_import_kind(store, *options.four_eyes, options.limits);
  routes.push_back(documented(
      {"GET",
       "/api/v1/exports/register.xlsx",
       kRegisterReaders,
       {"as_of"},
       [s](const HttpRequest& r) { return export_register(*s, r); },
       false,
       Lane::reports},
      {"exportRegister",
       "Import and export",
       "the whole register as one workbook in the import layout (facilities, finance, auditor)",
       {"export.as_of"},
       "",
       {{200, "RegisterWorkbook"}},
       {}}));
  routes.push_back(
      documented({"GET",
                  "/api/v1/imports/template.xlsx",
                  kRegisterReaders,
                  {},
                  [](const HttpRequest&) {
                    return workbook_reply(exchange::register_template(), "register-template.xlsx");
                  },
                  false,
                  Lane::reports},
                 {"getImportTemplate",
                  "Import and export",
                  "the import layout's sheets, each with one example row and drop-down lists for "
                  "enumerated columns (facilities, finance, auditor)",
                  {},
                  "",
                  {{200, "ImportTemplate"}},
                  {}}));
  std::vector<Role> importers = kRegisterWriters;
  importers.insert(importers.end(), kFinanceWriters.begin(), kFinanceWriters.end());
  Route import{"POST", "/api/v1/imports", importers, {"dry_run", "sheet", "changes_from"},
               [s, options](const HttpRequest& r) { return import_file(*s, options, r); }, false,
               Lane::reports};
  import.raw_body = true;
  import.doc = {"importRegister",
                "Import and export",
                "import register records from an XLSX workbook or one CSV sheet, or check them in "
                "a dry run (facilities: register sheets; finance: fx_rates and the budget sheets)",
                {"dry_run", "sheet", "changes_from"},
                "ImportFile",
                {{ 200,
                   "ImportReport" }},
                {415},
                "A request without credentials is answered 401, and any other has its credentials, "
                "role and CSRF token checked (401/403), before its body is read."};
  import.max_body = options.max_bytes;
  routes.push_back(import);
}

}  // namespace estate::api
