// GET /openapi.json must describe every route the server registers — and only those — with
// their parameters, and every reference in it must resolve.
#include "api/routes/openapi.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "api/http/server.h"
#include "tests/support/test_database.h"

namespace estate::testing {
namespace {

using nlohmann::json;

std::set<std::string> registered_routes() {
  TestDatabase database(persistence::Backend::sqlite);
  auto store = persistence::open_store(database.url(), 1);
  EXPECT_TRUE(store.ok());
  api::HttpServer server(*store, api::ServerOptions{});
  std::set<std::string> out;
  for (const api::Route& r : server.routes()) {
    if (!r.api) continue;  // the web client's files
    std::string path = std::regex_replace(r.path, std::regex(":([a-z_]+)"), "{$1}");
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    out.insert(method + " " + path);
  }
  return out;
}

TEST(OpenApi, DescribesEveryRegisteredRouteAndNoOther) {
  json doc = api::openapi_document();
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
  json doc = api::openapi_document();
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
  json doc = api::openapi_document();
  TestDatabase database(persistence::Backend::sqlite);
  auto store = persistence::open_store(database.url(), 1);
  ASSERT_TRUE(store.ok());
  api::HttpServer server(*store, api::ServerOptions{});
  int checked = 0;
  for (const api::Route& r : server.routes()) {
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
  json doc = api::openapi_document();
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      if (path.rfind("/api/", 0) != 0) continue;
      if (operation.contains("security") && operation["security"].empty()) continue;  // sign-in
      EXPECT_TRUE(operation["responses"].contains("401")) << method << " " << path;
      EXPECT_TRUE(operation["responses"].contains("403")) << method << " " << path;
    }
  }
}

}  // namespace
}  // namespace estate::testing
