#include "app/report_issues.h"

#include <algorithm>

#include "persistence/journal.h"

namespace estate::app {

using nlohmann::json;

namespace {

// The report's query from an issue's params: every value as text. Errors name params.<name>.
Result<std::map<std::string, std::string>> query_of(const json& params) {
  if (!params.is_object())
    return Error::invalid("the report's parameters are not valid", {{"params", "must be a JSON object"}});
  std::map<std::string, std::string> query;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params.items()) {
    if (name == "format") {
      errors.push_back({"params.format", "give the format as `format`, beside params"});
    } else if (value.is_string()) {
      query[name] = value.get<std::string>();
    } else if (value.is_number_integer() || value.is_number_float()) {
      query[name] = value.dump();
    } else {
      errors.push_back({"params." + name, "must be a JSON string or number"});
    }
  }
  if (!errors.empty()) return Error::invalid("the report's parameters are not valid", errors);
  return query;
}

// A rendering's refusal, its fields named as the issue's: a report parameter as params.<name>.
Error as_issue_error(Error e) {
  for (FieldError& f : e.fields)
    if (f.field != "report" && f.field != "format") f.field = "params." + f.field;
  return e;
}

void diff(const json& a, const json& b, const std::string& path, std::vector<Change>& out) {
  if (a.is_object() && b.is_object()) {
    for (const auto& [key, value] : a.items()) {
      const std::string p = path.empty() ? key : path + "." + key;
      auto other = b.find(key);
      diff(value, other == b.end() ? json() : *other, p, out);
    }
    for (const auto& [key, value] : b.items())
      if (!a.contains(key)) diff(json(), value, path.empty() ? key : path + "." + key, out);
  } else if (a.is_array() && b.is_array()) {
    for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
      diff(i < a.size() ? a[i] : json(), i < b.size() ? b[i] : json(),
           path + "[" + std::to_string(i) + "]", out);
    }
  } else if (a != b) {
    out.push_back({path, a, b});
  }
}

Result<json> parsed(const Rendered& r) {
  auto j = json::parse(r.bytes, nullptr, false);
  if (j.is_discarded()) return Error::internal("a report's JSON rendering does not parse");
  return j;
}

}  // namespace

Result<ReportIssue> issue_report(ReportIssues& issues, const IssueRequest& request,
                                 const RenderReport& render, const Actor& actor, Instant now) {
  std::vector<FieldError> errors;
  if (Status t = validate_issue_title(request.title); !t.ok()) errors = t.error().fields;
  if (std::find(kIssueFormats.begin(), kIssueFormats.end(), request.format) == kIssueFormats.end())
    errors.push_back({"format", "must be one of: json, csv, xlsx, svg"});
  auto query = query_of(request.params);
  if (!query.ok()) errors.insert(errors.end(), query.error().fields.begin(), query.error().fields.end());
  Instant known_at = now;
  if (query.ok()) {
    if (auto given = query->find("known_at"); given != query->end()) {
      auto at = parse_instant(given->second);
      if (at.ok())
        known_at = *at;
      else
        errors.push_back({"params.known_at", "must be an RFC 3339 instant"});
    }
  }
  if (!errors.empty()) return Error::invalid("the report cannot be issued", errors);
  (*query)["known_at"] = format_instant(known_at);
  (*query)["format"] = request.format;
  auto rendered = render(request.report, *query);
  if (!rendered.ok()) return as_issue_error(rendered.error());
  ReportIssue draft;
  draft.report = request.report;
  draft.params = request.params;
  draft.format = request.format;
  draft.title = request.title;
  draft.known_at = known_at;
  draft.content_type = rendered->content_type;
  return issues.issue(draft, rendered->bytes, actor);
}

std::vector<Change> differences(const json& issued, const json& now) {
  std::vector<Change> out;
  diff(issued, now, "", out);
  return out;
}

Result<IssueChanges> changes_since(ReportIssues& issues, std::int64_t id,
                                   const RenderReport& render, Instant now) {
  auto issue = issues.get(id);
  if (!issue.ok()) return issue.error();
  auto query = query_of(issue->params);
  if (!query.ok()) return Error::internal("an issued report's parameters cannot be read back");
  IssueChanges out;
  out.issued_known_at = issue->known_at;
  out.now_known_at = now;
  // Both reports are about the issued report's date: its as_of, or its known_at's day.
  if (query->find("as_of") == query->end())
    (*query)["as_of"] = format_date(Date{date::floor<date::days>(issue->known_at)});
  out.as_of = query->at("as_of");
  (*query)["format"] = "json";
  json then;
  if (issue->format == "json") {
    auto bytes = issues.content(id);
    if (!bytes.ok()) return bytes.error();
    auto j = parsed({*bytes, issue->content_type});
    if (!j.ok()) return j.error();
    then = std::move(*j);
  } else {
    auto q = *query;
    q["known_at"] = format_instant(issue->known_at);
    auto r = render(issue->report, q);
    if (!r.ok()) return r.error();
    auto j = parsed(*r);
    if (!j.ok()) return j.error();
    then = std::move(*j);
  }
  query->erase("known_at");
  auto r = render(issue->report, *query);
  if (!r.ok()) return r.error();
  auto current = parsed(*r);
  if (!current.ok()) return current.error();
  out.changes = differences(then, *current);
  return out;
}

Result<FileCheck> check_file(ReportIssues& issues, const std::string& bytes) {
  FileCheck out;
  out.sha256 = persistence::sha256_hex(bytes);
  auto match = issues.find_by_sha256(out.sha256);
  if (!match.ok()) return match.error();
  out.match = std::move(*match);
  return out;
}

}  // namespace estate::app
