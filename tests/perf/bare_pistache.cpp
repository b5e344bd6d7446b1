// The ceiling our HTTP layer is measured against: a bare Pistache endpoint with no routing
// table, no auth, no worker pool and no database. GET /big answers a JSON document of BYTES
// bytes (the size of a page of the list being compared); any other GET a fixed JSON document
// the size of one property. Usage: bare_pistache PORT [THREADS [BYTES]]. Runs until killed.
#include <pistache/endpoint.h>
#include <pistache/http.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

std::string big_body;

class Fixed : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(Fixed)
  void onRequest(const Pistache::Http::Request& request,
                 Pistache::Http::ResponseWriter response) override {
    if (request.resource() == "/big") {
      response.send(Pistache::Http::Code::Ok, big_body, MIME(Application, Json));
      return;
    }
    static const std::string body =
        R"({"address":"12 Example Road, Sydney","agencies":["MOFA","MOEA"],"code":"S0001-P000001",)"
        R"("created_at":"2026-11-25T01:32:14.731280Z","floor_area_m2":"1250.00","id":1,)"
        R"("kind":"office","mission_id":1,"name":"Synthetic office S0001-P000001","status":"active",)"
        R"("tenure":[{"from":"2015-07-01","to":null,"type":"leased"}],)"
        R"("updated_at":"2026-11-25T01:32:14.731280Z","version":1})";
    response.send(Pistache::Http::Code::Ok, body, MIME(Application, Json));
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bare_pistache PORT [THREADS [BYTES]]  (PORT 0: any free port)\n";
    return 2;
  }
  const std::size_t bytes = argc > 3 ? static_cast<std::size_t>(std::atol(argv[3])) : 20000;
  big_body = "{\"items\":\"" + std::string(bytes > 16 ? bytes - 16 : 0, 'x') + "\"}";
  Pistache::Address address("127.0.0.1", Pistache::Port(static_cast<uint16_t>(std::atoi(argv[1]))));
  Pistache::Http::Endpoint endpoint(address);
  endpoint.init(Pistache::Http::Endpoint::options()
                    .threads(argc > 2 ? std::atoi(argv[2]) : 2)
                    .flags(Pistache::Tcp::Options::ReuseAddr));
  endpoint.setHandler(Pistache::Http::make_handler<Fixed>());
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  endpoint.serveThreaded();
  std::cout << "listening on http://127.0.0.1:" << endpoint.getPort() << std::endl;
  int signal = 0;
  sigwait(&stop, &signal);
  endpoint.shutdown();
  return 0;
}
