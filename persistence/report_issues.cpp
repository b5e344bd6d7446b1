#include "persistence/report_issues.h"

#include <soci/soci.h>

#include <tuple>
#include <vector>

#include "persistence/documents.h"
#include "persistence/journal.h"
#include "persistence/sql_types.h"

namespace estate::persistence {

namespace {

constexpr const char* kColumns =
    "id, report, params_json, format, title, known_at, content_type, bytes, sha256, issued_by, "
    "issued_at";
constexpr const char* kChunks = "report_issue_chunks";
constexpr const char* kOwner = "issue_id";

ReportIssue issue_of(const soci::row& r) {
  ReportIssue i;
  i.id = row_integer(r, 0);
  i.report = r.get<std::string>(1);
  i.params = nlohmann::json::parse(r.get<std::string>(2), nullptr, false);
  if (i.params.is_discarded()) i.params = nlohmann::json::object();
  i.format = r.get<std::string>(3);
  i.title = r.get<std::string>(4);
  i.known_at = from_sql_instant(r.get<std::string>(5));
  i.content_type = r.get<std::string>(6);
  i.bytes = row_integer(r, 7);
  i.sha256 = r.get<std::string>(8);
  i.issued_by = r.get<std::string>(9);
  i.issued_at = from_sql_instant(r.get<std::string>(10));
  return i;
}

std::optional<ReportIssue> find(soci::session& s, std::int64_t id) {
  soci::rowset<soci::row> rows =
      (s.prepare << std::string("SELECT ") + kColumns + " FROM report_issues WHERE id = :id",
       soci::use(id));
  for (const soci::row& r : rows) return issue_of(r);
  return std::nullopt;
}

Error no_issue(std::int64_t id) {
  return Error::not_found("no issued report with id " + std::to_string(id));
}

}  // namespace

Result<ReportIssue> SqlReportIssues::issue(const ReportIssue& draft, const std::string& bytes,
                                           const Actor& actor) {
  const std::string sha = sha256_hex(bytes);
  return db_->write<ReportIssue>(actor.name, [&](WriteTransaction& tx) -> Result<ReportIssue> {
    soci::session& s = tx.session();
    ReportIssue i = draft;
    i.bytes = static_cast<std::int64_t>(bytes.size());
    i.sha256 = sha;
    i.issued_by = actor.name;
    i.issued_at = tx.at();
    const std::string params = i.params.dump(), known_at = to_sql_instant(i.known_at),
                      issued_at = to_sql_instant(i.issued_at);
    s << "INSERT INTO report_issues (report, params_json, format, title, known_at, content_type, "
         "bytes, sha256, issued_by, issued_at) VALUES (:r, :p, :f, :t, :k, :c, :b, :h, :u, :a)",
        soci::use(i.report), soci::use(params), soci::use(i.format), soci::use(i.title),
        soci::use(known_at), soci::use(i.content_type), soci::use(i.bytes), soci::use(i.sha256),
        soci::use(i.issued_by), soci::use(issued_at);
    long long id = 0;
    s.get_last_insert_id("report_issues", id);
    i.id = id;
    write_chunks(s, kChunks, kOwner, i.id, bytes);
    tx.journal("create", "report_issue", i.id, nullptr, to_json(i));
    return i;
  });
}

Result<Page<ReportIssue>> SqlReportIssues::list(const PageRequest& page) {
  return db_->read<Page<ReportIssue>>([&](soci::session& s) -> Result<Page<ReportIssue>> {
    const std::size_t limit = page.limit == 0 ? 1 : page.limit;
    Page<ReportIssue> out;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string("SELECT ") + kColumns +
                          " FROM report_issues WHERE id > :after ORDER BY id LIMIT " +
                          std::to_string(limit + 1),
         soci::use(page.after_id));
    for (const soci::row& r : rows) out.items.push_back(issue_of(r));
    if (out.items.size() > limit) {
      out.items.resize(limit);
      out.next_after_id = out.items.back().id;
    }
    return out;
  });
}

Result<ReportIssue> SqlReportIssues::get(std::int64_t id) {
  return db_->read<ReportIssue>([&](soci::session& s) -> Result<ReportIssue> {
    auto i = find(s, id);
    if (!i) return no_issue(id);
    return *i;
  });
}

Result<std::string> SqlReportIssues::content(std::int64_t id) {
  return db_->read<std::string>([&](soci::session& s) -> Result<std::string> {
    if (!find(s, id)) return no_issue(id);
    auto bytes = read_chunks(s, kChunks, kOwner, id);
    if (!bytes) {
      return Error::internal("the stored bytes of issued report " + std::to_string(id) +
                             " are damaged");
    }
    return *bytes;
  });
}

Result<std::optional<ReportIssue>> SqlReportIssues::find_by_sha256(const std::string& sha256) {
  using Found = std::optional<ReportIssue>;
  return db_->read<Found>([&](soci::session& s) -> Result<Found> {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string("SELECT ") + kColumns +
                          " FROM report_issues WHERE sha256 = :h ORDER BY id LIMIT 1",
         soci::use(sha256));
    for (const soci::row& r : rows) return Found(issue_of(r));
    return Found();
  });
}

Result<std::optional<std::pair<std::int64_t, std::string>>> verify_report_issues(Database& db) {
  using Found = std::optional<std::pair<std::int64_t, std::string>>;
  return db.read<Found>([&](soci::session& s) -> Result<Found> {
    // What each issue journalled: the issue's id, its seq and the SHA-256 then.
    std::vector<std::tuple<std::int64_t, std::int64_t, std::string>> issued;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT seq, entity_id, after_json FROM journal WHERE entity = "
                      "'report_issue' AND action = 'create' ORDER BY seq");
    for (const soci::row& r : rows) {
      auto after = nlohmann::json::parse(r.get<std::string>(2), nullptr, false);
      std::string sha = after.is_object() ? after.value("sha256", "") : "";
      issued.emplace_back(row_integer(r, 0), row_integer(r, 1), sha);
    }
    for (const auto& [seq, id, journalled] : issued) {
      auto bytes = read_chunks(s, kChunks, kOwner, id);
      const std::string what = "issued report " + std::to_string(id);
      if (!bytes) return Found({seq, what + ": a stored chunk is not what was written"});
      if (sha256_hex(*bytes) != journalled) {
        return Found({seq, what + ": its stored bytes no longer match the SHA-256 journalled "
                                  "when it was issued"});
      }
    }
    return Found();
  });
}

}  // namespace estate::persistence
