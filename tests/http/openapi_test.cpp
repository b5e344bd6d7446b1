// GET /openapi.json, generated from the route table (api/routes/openapi.h), must describe every
// route the server registers — and only those — with their parameters, an operationId, a tag
// and a summary each, and every reference in it must resolve.
#include "api/routes/openapi.h"

#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <set>

#include "api/http/server.h"
#include "tests/support/test_database.h"

namespace estate::testing {
namespace {

using nlohmann::json;

// The server's route table, and the document generated from it.
struct Served {
  TestDatabase database{persistence::Backend::sqlite};
  Result<persistence::Store> store = persistence::open_store(database.url(), 1);
  std::unique_ptr<api::HttpServer> server;
  Served() {
    EXPECT_TRUE(store.ok());
    server = std::make_unique<api::HttpServer>(*store, api::ServerOptions{});
  }
  const api::RouteTable& routes() { return server->routes(); }
  json document() { return api::openapi_document(routes()); }
};

std::set<std::string> registered_routes() {
  Served served;
  std::set<std::string> out;
  for (const api::Route& r : served.routes()) {
    if (!r.api) continue;  // the web client's files
    std::string path = std::regex_replace(r.path, std::regex(":([a-z_]+)"), "{$1}");
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    out.insert(method + " " + path);
  }
  return out;
}

json served_document() {
  return Served().document();
}

TEST(OpenApi, DescribesEveryRegisteredRouteAndNoOther) {
  json doc = served_document();
  std::set<std::string> documented;
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      documented.insert(method + " " + path);
      EXPECT_TRUE(operation.contains("responses")) << method << " " << path;
      // Path parameters are declared.
      if (path.find('{') != std::string::npos) {
        EXPECT_TRUE(operation.contains("parameters")) << method << " " << path;
      }
    }
  }
  EXPECT_EQ(registered_routes(), documented);
}

void collect_refs(const json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (k == "$ref" && v.is_string()) out.push_back(v);
      collect_refs(v, out);
    }
  } else if (j.is_array()) {
    for (const json& v : j) collect_refs(v, out);
  }
}

TEST(OpenApi, EveryReferenceResolves) {
  json doc = served_document();
  std::vector<std::string> refs;
  collect_refs(doc, refs);
  ASSERT_FALSE(refs.empty());
  for (const std::string& ref : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
    EXPECT_TRUE(doc.contains(json::json_pointer(ref.substr(1)))) << ref;
  }
}

// The query parameters each operation documents, $refs resolved: exactly those its route
// takes (Route::query), which the server enforces.
TEST(OpenApi, DocumentsExactlyTheQueryParametersEachRouteTakes) {
  Served served;
  json doc = served.document();
  int checked = 0;
  for (const api::Route& r : served.routes()) {
    if (!r.api) continue;
    std::string path = std::regex_replace(r.path, std::regex(":([a-z_]+)"), "{$1}");
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    const json& operation = doc["paths"][path][method];
    std::set<std::string> documented;
    for (json parameter : operation.value("parameters", json::array())) {
      if (parameter.contains("$ref"))
        parameter = doc.at(json::json_pointer(parameter["$ref"].get<std::string>().substr(1)));
      if (parameter["in"] == "query") documented.insert(parameter["name"].get<std::string>());
    }
    EXPECT_EQ(documented, std::set<std::string>(r.query.begin(), r.query.end()))
        << r.method << " " << r.path;
    ++checked;
  }
  EXPECT_GT(checked, 60);
}

TEST(OpenApi, GuardedRoutesDocumentAuthErrors) {
  json doc = served_document();
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      if (path.rfind("/api/", 0) != 0) continue;
      if (operation.contains("security") && operation["security"].empty()) continue;  // sign-in
      EXPECT_TRUE(operation["responses"].contains("401")) << method << " " << path;
      EXPECT_TRUE(operation["responses"].contains("403")) << method << " " << path;
    }
  }
}

// Every operation has a unique operationId, one tag the document declares, and a summary;
// the linters (tests/openapi/lint.sh) ask for them, the generator builds them from each
// route's OperationDoc.
TEST(OpenApi, EveryOperationHasAnIdATagAndASummary) {
  json doc = served_document();
  std::set<std::string> tags, ids;
  for (const json& tag : doc["tags"]) tags.insert(tag["name"].get<std::string>());
  int operations = 0;
  for (const auto& [path, methods] : doc["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      ++operations;
      ASSERT_TRUE(operation.contains("operationId")) << method << " " << path;
      EXPECT_TRUE(ids.insert(operation["operationId"].get<std::string>()).second)
          << operation["operationId"] << " twice";
      ASSERT_EQ(operation["tags"].size(), 1u) << method << " " << path;
      EXPECT_EQ(tags.count(operation["tags"][0].get<std::string>()), 1u)
          << operation["tags"][0] << " is not declared";
      EXPECT_FALSE(operation.value("summary", "").empty()) << method << " " << path;
    }
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(operations));
  EXPECT_GE(operations, 112);  // as many as the hand-kept document had
}

// Roles decide the security; a path parameter, If-Match and a body the problems the generator
// adds (api/routes/openapi.h), checked here on operations whose answers are known by hand.
TEST(OpenApi, DerivesSecurityAndProblemsFromTheRoute) {
  json doc = served_document();
  const json& patch = doc["paths"]["/api/v1/properties/{id}"]["patch"];
  EXPECT_EQ(patch["operationId"], "updateProperty");
  EXPECT_EQ(patch["summary"], "change a property by JSON merge patch (facilities)");
  EXPECT_EQ(patch["security"], json::parse(R"([{"bearer": []}, {"session": []}])"));
  std::set<std::string> statuses;
  for (const auto& [status, answer] : patch["responses"].items()) statuses.insert(status);
  EXPECT_EQ(statuses, (std::set<std::string>{"200", "400", "401", "403", "404", "409", "412", "413",
                                             "415", "422", "428", "503"}));
  EXPECT_EQ(patch["requestBody"]["$ref"], "#/components/requestBodies/MergePatch");
  const json& health = doc["paths"]["/healthz"]["get"];
  EXPECT_EQ(health["security"], json::array());
  statuses.clear();
  for (const auto& [status, answer] : health["responses"].items()) statuses.insert(status);
  EXPECT_EQ(statuses, (std::set<std::string>{"200", "422"}));  // on the reactor: no 503
  const json& progress = doc["paths"]["/api/v1/projects/{id}/progress/{progress_id}"]["get"];
  ASSERT_EQ(progress["parameters"].size(), 4u);
  EXPECT_EQ(progress["parameters"][0]["$ref"], "#/components/parameters/id");
  EXPECT_EQ(progress["parameters"][1]["$ref"], "#/components/parameters/progress_id");
}

// The document GET /openapi.json serves is the generated one.
TEST(OpenApi, IsTheDocumentTheServerServes) {
  Served served;
  const api::Route* route = nullptr;
  for (const api::Route& r : served.routes())
    if (r.path == "/openapi.json") route = &r;
  ASSERT_NE(route, nullptr);
  api::HttpRequest request;
  request.method = "GET";
  request.path = "/openapi.json";
  api::Reply reply = api::run_handler(route->handler, request);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, served.document());
}

}  // namespace
}  // namespace estate::testing
