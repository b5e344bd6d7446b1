#include "api/routes/openapi.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

namespace estate::api {

using nlohmann::json;

namespace {

json ref(const char* section, const std::string& name) {
  const json& pieces = openapi_components().at("components").at(section);
  if (!pieces.contains(name))
    throw std::logic_error(std::string("OpenAPI: no components/") + section + "/" + name);
  return {{"$ref", std::string("#/components/") + section + "/" + name}};
}

// "/api/v1/projects/:id/progress/:progress_id" → its parameters' names and
// "/api/v1/projects/{id}/progress/{progress_id}".
std::string openapi_path(const std::string& path, std::vector<std::string>& parameters) {
  std::string out;
  for (std::size_t i = 0; i < path.size();) {
    if (path[i] != ':') {
      out += path[i++];
      continue;
    }
    std::size_t end = path.find('/', i);
    if (end == std::string::npos) end = path.size();
    parameters.push_back(path.substr(i + 1, end - i - 1));
    out += "{" + parameters.back() + "}";
    i = end;
  }
  return out;
}

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

json operation(const Route& route, const std::vector<std::string>& path_parameters) {
  const OperationDoc& d = route.doc;
  if (d.id.empty() || d.tag.empty() || d.summary.empty())
    throw std::logic_error("OpenAPI: " + route.method + " " + route.path + " has no OperationDoc");
  json op = {{"operationId", d.id}, {"tags", {d.tag}}, {"summary", d.summary}};
  if (!d.description.empty()) op["description"] = d.description;
  op["security"] = route.roles.empty()
                       ? json::array()
                       : json::array({{{"bearer", json::array()}}, {{"session", json::array()}}});
  json parameters = json::array();
  for (const std::string& name : path_parameters) parameters.push_back(ref("parameters", name));
  for (const std::string& name : d.parameters) parameters.push_back(ref("parameters", name));
  if (!parameters.empty()) op["parameters"] = parameters;
  if (!d.request.empty()) op["requestBody"] = ref("requestBodies", d.request);

  std::set<int> problems(d.problems.begin(), d.problems.end());
  problems.insert(422);
  if (!route.roles.empty()) problems.insert({401, 403});
  if (!path_parameters.empty()) problems.insert(404);
  if (route.lane != Lane::reactor) problems.insert(503);
  if (!d.request.empty()) {
    problems.insert(413);
    if (!route.raw_body) problems.insert({400, 415});
  }
  if (has(d.parameters, "If-Match") || has(d.parameters, "If-Match-change-request"))
    problems.insert({412, 428});
  if (has(d.parameters, "If-Match-optional")) problems.insert(412);

  json responses = json::object();
  for (const auto& [status, name] : d.answers)
    responses[std::to_string(status)] = ref("responses", name);
  for (int status : problems) {
    const std::string code = std::to_string(status);
    if (!responses.contains(code)) responses[code] = ref("responses", code);
  }
  op["responses"] = responses;
  return op;
}

}  // namespace

std::string roles_text(const std::vector<Role>& roles) {
  std::string out;
  for (Role role : roles) out += (out.empty() ? "" : ", ") + std::string(to_string(role));
  return out;
}

json openapi_document(const RouteTable& routes) {
  json doc = openapi_components();
  json& paths = doc["paths"] = json::object();
  std::set<std::string> ids;
  for (const Route& route : routes) {
    if (!route.api) continue;
    std::vector<std::string> path_parameters;
    const std::string path = openapi_path(route.path, path_parameters);
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!ids.insert(route.doc.id).second)
      throw std::logic_error("OpenAPI: operationId " + route.doc.id + " twice");
    paths[path][method] = operation(route, path_parameters);
  }
  return doc;
}

}  // namespace estate::api
