// Writes the OpenAPI document estate-server serves — generated from its route table — to a
// file, for the tools that read a file (tests/openapi/lint.sh, validate.js). The route table
// needs a store to bind to; a throwaway SQLite file beside the output serves, and is removed.
//   openapi_dump build/test/openapi.json
#include <cstdio>
#include <fstream>
#include <iostream>

#include "api/http/server.h"
#include "api/routes/openapi.h"
#include "persistence/store.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: openapi_dump OUTPUT.json\n";
    return 2;
  }
  const std::string output = argv[1], database = output + ".db";
  std::remove(database.c_str());
  int status = 0;
  {
    auto store = estate::persistence::open_store("sqlite:" + database, 1);
    if (!store.ok()) {
      std::cerr << "openapi_dump: " << store.error().message << "\n";
      return 1;
    }
    estate::api::HttpServer server(*store, estate::api::ServerOptions{});
    std::ofstream out(output, std::ios::binary | std::ios::trunc);
    out << estate::api::openapi_document(server.routes()).dump(1) << "\n";
    if (!out.good()) {
      std::cerr << "openapi_dump: cannot write " << output << "\n";
      status = 1;
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((database + suffix).c_str());
  return status;
}
