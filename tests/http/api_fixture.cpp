#include "tests/http/api_fixture.h"

#include <soci/soci.h>

#include "persistence/database.h"

namespace estate::testing {

using nlohmann::json;

void ApiTest::SetUp() {
  ESTATE_REQUIRE_BACKEND(GetParam());
  database_ = std::make_unique<TestDatabase>(GetParam());
  log_ = database_->folder() + "/server.log";
  ASSERT_EQ(cli({"migrate"}).exit_code, 0);
  for (const char* role : {"facilities", "finance", "auditor", "admin"})
    ASSERT_NO_FATAL_FAILURE(add_token(role, std::string("test-") + role, role));
  server_ = std::make_unique<ServerProcess>(kServer, database_->url(), log_, server_flags());
  ASSERT_NE(server_->port(), 0) << "server did not start; see " << log_;
}

void ApiTest::add_token(const std::string& who, const std::string& user, const std::string& role) {
  auto issued = cli({"token", "create", "--user", user, "--role", role});
  ASSERT_EQ(issued.exit_code, 0);
  tokens_[who] = issued.out.substr(0, 64);
}

void ApiTest::TearDown() {
  server_.reset();
  database_.reset();
}

CommandResult ApiTest::cli(std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", database_->url()});
  return run_command(kServer, args);
}

void ApiTest::sql(const std::string& statement) {
  auto url = persistence::DatabaseUrl::parse(database_->url());
  ASSERT_TRUE(url.ok());
  auto db = persistence::Database::open(*url, {1, std::chrono::milliseconds(5000)});
  ASSERT_TRUE(db.ok()) << db.error().message;
  Status s = (*db)->with_session([&](soci::session& session) -> Status {
    session << statement;
    return {};
  });
  ASSERT_TRUE(s.ok()) << s.error().message;
}

Answer ApiTest::call_on(std::uint16_t port, const std::string& method, const std::string& path,
                        const std::string& who, const std::string& body,
                        std::map<std::string, std::string> headers) {
  if (!who.empty()) {
    auto it = tokens_.find(who);
    headers["Authorization"] = "Bearer " + (it == tokens_.end() ? who : it->second);
  }
  auto r = http_request(port, method, path, headers, body);
  Answer a;
  a.status = r.status;
  a.headers = r.headers;
  a.text = r.body;
  a.body = json::parse(r.body, nullptr, false);
  if (a.body.is_discarded()) a.body = json();
  return a;
}

Answer ApiTest::call_raw(const std::string& method, const std::string& path, const std::string& who,
                         const std::string& body, std::map<std::string, std::string> headers) {
  return call_on(server_->port(), method, path, who, body, std::move(headers));
}

Answer ApiTest::call(const std::string& method, const std::string& path, const std::string& who,
                     const std::optional<json>& body, std::map<std::string, std::string> headers) {
  if (body && !headers.count("Content-Type")) headers["Content-Type"] = "application/json";
  return call_raw(method, path, who, body ? body->dump() : "", std::move(headers));
}

json ApiTest::create(const std::string& collection, const json& body) {
  Answer a = call("POST", "/api/v1/" + collection, "facilities", body);
  EXPECT_EQ(a.status, 201) << a.text;
  return a.body;
}

json sydney_mission() {
  return json::parse(R"({"code": "SYD", "name_en": "Taipei Economic and Cultural Office in Sydney",
    "name_zh": "駐雪梨台北經濟文化辦事處", "country": "AU", "city": "Sydney",
    "region": "east_asia_pacific", "type": "office", "currency": "AUD",
    "time_zone": "Australia/Sydney"})");
}

json sydney_office(std::int64_t mission_id) {
  json p = json::parse(R"({"code": "SYD-OFF-1", "name": "Sydney office", "kind": "office",
    "address": "Level 7, 55 Market Street, Sydney NSW 2000", "floor_area_m2": "1250.00",
    "status": "active", "agencies": ["MOFA", "MOEA"],
    "tenure": [{"type": "leased", "from": "2015-07-01", "to": "2026-06-30"},
               {"type": "owned", "from": "2026-07-01", "to": null}]})");
  p["mission_id"] = mission_id;
  return p;
}

json sydney_lease(std::int64_t property_id) {
  json l = json::parse(R"({"lessor": "Market Street Holdings Pty Ltd", "start": "2015-07-01",
    "end": "2026-06-30", "rent": {"amount": "95000.00", "currency": "AUD"}, "period": "monthly",
    "escalation": {"kind": "fixed_pct", "pct": "3.00"}, "notice_days": 180,
    "options": [{"kind": "renewal", "exercise_by": "2025-12-31", "years": 5}]})");
  l["property_id"] = property_id;
  return l;
}

}  // namespace estate::testing
