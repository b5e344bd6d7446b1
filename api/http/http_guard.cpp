#include "api/http/http_guard.h"

#include <pistache/http.h>
#include <pistache/peer.h>
#include <pistache/router.h>

#include <array>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace estate::api {

namespace {

bool is_tchar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool equals_lower(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

std::string_view trim(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

Refusal bad(std::string detail, std::string field, int status = 400) {
  return Refusal{status, std::move(detail), std::move(field)};
}

}  // namespace

std::optional<Refusal> check_request_line(std::string_view line) {
  if (line.size() > kMaxRequestLine) {
    return bad("the request line is longer than " + std::to_string(kMaxRequestLine) + " bytes",
               "request-line", 414);
  }
  const auto first = line.find(' ');
  const auto second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) {
    return bad("the request line must be: METHOD /path HTTP/1.1", "request-line");
  }
  const std::string_view method = line.substr(0, first),
                         target = line.substr(first + 1, second - first - 1),
                         version = line.substr(second + 1);
  bool token = !method.empty() && method.size() <= 16;
  for (char c : method) token = token && c >= 'A' && c <= 'Z';
  if (!token) return bad("the method is not an HTTP method", "method");
  static constexpr std::array<std::string_view, 9> kKnown = {
      "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"};
  bool known = false;
  for (std::string_view k : kKnown) known = known || k == method;
  if (!known) return bad("the method " + std::string(method) + " is not implemented", "method", 501);
  bool visible = !target.empty() && target.front() == '/';
  for (char c : target) visible = visible && c > 0x20 && c < 0x7F;
  if (!visible) return bad("the request target must be a path such as /api/v1/missions", "path");
  if (version != "HTTP/1.1" && version != "HTTP/1.0")
    return bad("only HTTP/1.0 and HTTP/1.1 are spoken here", "version", 505);
  return std::nullopt;
}

std::optional<Refusal> check_headers(std::string_view block, std::size_t max_body_bytes) {
  if (block.size() > kMaxHeaderBlock) {
    return bad("the headers are longer than " + std::to_string(kMaxHeaderBlock) + " bytes",
               "headers", 431);
  }
  std::optional<std::string_view> length;
  while (!block.empty()) {
    const auto end = block.find("\r\n");
    if (end == std::string_view::npos) return bad("a header line does not end in CRLF", "headers");
    const std::string_view line = block.substr(0, end);
    block.remove_prefix(end + 2);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
      return bad("a header line must be Name: value", "headers");
    const std::string_view name = line.substr(0, colon), value = trim(line.substr(colon + 1));
    for (char c : name)
      if (!is_tchar(c)) return bad("a header name has a character names may not", "headers");
    for (char c : value)
      if (c == '\r' || c == '\n' || c == '\0')
        return bad("the header " + std::string(name) + " has a control character", "headers");
    if (equals_lower(name, "transfer-encoding")) {
      return bad("send the body with Content-Length, not Transfer-Encoding", "Transfer-Encoding",
                 411);
    }
    if (equals_lower(name, "content-length")) {
      bool digits = !value.empty() && value.size() <= 18;
      for (char c : value) digits = digits && c >= '0' && c <= '9';
      if (!digits) return bad("Content-Length must be a number of bytes", "Content-Length");
      if (length && *length != value)
        return bad("Content-Length is given twice, differently", "Content-Length");
      length = value;
    }
  }
  if (length && std::stoull(std::string(*length)) > max_body_bytes) {
    return bad("the body is larger than " + std::to_string(max_body_bytes) + " bytes", "body",
               413);
  }
  return std::nullopt;
}

std::optional<std::string_view> header_in(std::string_view block, std::string_view lower_name) {
  while (!block.empty()) {
    const auto end = block.find("\r\n");
    const std::string_view line = block.substr(0, end);
    block.remove_prefix(end == std::string_view::npos ? block.size() : end + 2);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && equals_lower(line.substr(0, colon), lower_name))
      return trim(line.substr(colon + 1));
  }
  return std::nullopt;
}

bool BodyBudget::take(std::size_t bytes) {
  if (count_.fetch_add(1) + 1 > max_count_) {
    count_.fetch_sub(1);
    return false;
  }
  if (bytes_.fetch_add(bytes) + bytes > max_bytes_) {
    bytes_.fetch_sub(bytes);
    count_.fetch_sub(1);
    return false;
  }
  return true;
}

void BodyBudget::give_back(std::size_t bytes) {
  bytes_.fetch_sub(bytes);
  count_.fetch_sub(1);
}

namespace {

using Pistache::StreamCursor;
using Pistache::Http::Private::State;
using Pistache::Http::Private::Step;
using Pistache::Http::Private::StepId;

// Set by a guard step when it ends a request early and read by onRequest, which Pistache
// calls on the same reactor thread within the same onInput call, right after the parse.
thread_local std::optional<Refusal> t_refused;
thread_local bool t_discarded = false;
thread_local bool t_reactor = false;  // this thread has run a guard step: a reactor thread

class GuardedParser : public Pistache::Http::RequestParser,
                      public std::enable_shared_from_this<GuardedParser> {
 public:
  GuardedParser(std::size_t max_request_bytes, BodyLimits limits,
                std::shared_ptr<BodyBudget> budget, const Admit* admit, const Offload* offload);
  ~GuardedParser() override { release(); }
  // Pistache resets the parser when a request has been read: its body's room is given back,
  // and a check still running for it will find its answer unwanted.
  void reset() override {
    release();
    waiting = false;
    input_since_reset = false;
    ++request_no;
    {
      std::lock_guard<std::mutex> lock(answer_mutex);
      answered_for = 0;
      answer.reset();
    }
    Pistache::Http::RequestParser::reset();
  }
  void release() {
    if (reserved) budget->give_back(*reserved);
    reserved.reset();
  }
  // Called by the check's worker: keeps its answer for request `no`, if still the one read.
  void answered(std::uint64_t no, std::optional<Refusal> refusal) {
    std::lock_guard<std::mutex> lock(answer_mutex);
    if (no == answered_for) answer = std::move(refusal);
  }
  // On the reactor thread: the answer of the check, if it has come.
  std::optional<std::optional<Refusal>> take_answer() {
    std::lock_guard<std::mutex> lock(answer_mutex);
    auto out = std::move(answer);
    answer.reset();
    return out;
  }

  const BodyLimits limits;
  const std::shared_ptr<BodyBudget> budget;
  const Admit* admit;
  const Offload* offload;
  std::size_t max_body;  // of the request being read: set from its request line
  std::string request_line;  // of the request being read, without CRLF
  std::optional<std::size_t> reserved;  // the room its body holds
  bool discarding = false;  // after a refusal, the rest of the connection's input
  // The connection, its reactor thread and that thread's handler, set when it opens; `gone`
  // once it has closed. Reactor thread only, but for the answer below.
  std::weak_ptr<Pistache::Tcp::Peer> peer;
  std::thread::id reactor;
  Pistache::Tcp::Handler* handler = nullptr;
  Pistache::Tcp::Transport* transport = nullptr;
  bool gone = false;
  // A check running off the reactor for the request being read.
  bool waiting = false;
  std::uint64_t request_no = 1;
  // A request of this connection has been handed to the router and not yet answered (as far
  // as the keeper has seen), and whether any byte has arrived since the parse was last reset.
  std::atomic<bool> answering{false};
  bool input_since_reset = false;  // reactor thread only

 private:
  std::mutex answer_mutex;
  std::uint64_t answered_for = 0;  // the request_no a check was started for
  std::optional<std::optional<Refusal>> answer;
  friend class Guard;
};

// Runs `fn(peer, parser)` on `peer`'s reactor thread: Pistache completes a write on the thread
// that owns the connection, so a write of no bytes carries the call there. Should the write
// complete before its continuation is attached (which then runs on the caller's thread), it is
// sent again. Nothing runs once the connection or its parser is gone.
template <typename Fn>
void on_reactor(const std::shared_ptr<Pistache::Tcp::Peer>& peer,
                std::weak_ptr<GuardedParser> parser, Fn fn) {
  auto owner = parser.lock();
  if (!owner || !owner->transport) return;
  Pistache::Tcp::Transport* transport = owner->transport;
  std::weak_ptr<Pistache::Tcp::Peer> weak = peer;
  transport->asyncWrite(peer->fd(), Pistache::RawBuffer(std::string(), 0))
      .then(
          [weak, parser, fn](ssize_t) {
            auto p = weak.lock();
            auto g = parser.lock();
            if (!p || !g) return;
            if (std::this_thread::get_id() != g->reactor) {
              on_reactor(p, parser, fn);
              return;
            }
            if (g->gone || !g->handler) return;
            fn(p, *g);
          },
          [](std::exception_ptr) {});
}

// Runs the parse of `peer`'s connection again on its reactor thread, to take up the answer
// of a check.
void resume_on_reactor(const std::shared_ptr<Pistache::Tcp::Peer>& peer,
                       std::weak_ptr<GuardedParser> parser) {
  on_reactor(peer, std::move(parser), [](const std::shared_ptr<Pistache::Tcp::Peer>& p,
                                         GuardedParser& g) { g.handler->onInput("", 0, p); });
}

// Pistache 0.0.5 times a connection's head from the moment its last request was read (the
// parser's reset), also while that request is still being answered: an answer that takes
// longer than the header timeout (or the body timeout, the shorter of them) is preempted by a
// 408 and the connection closed, while the work goes on and may commit — an import on MariaDB
// would be answered 408 after it applied. The keeper restarts that clock, every kKeepEvery on
// the connection's own reactor thread, for each connection whose request is still being
// answered (Pistache marks a connection idle once its answer is sent) — unless bytes of a next
// request have arrived since (a reset would drop them; that request's own clock runs then).
// Its thread lives as long as the handler and its clones.
class AnswerKeeper {
 public:
  static constexpr std::chrono::milliseconds kKeepEvery{400};  // under the 1 s least timeout

  AnswerKeeper() : thread_([this] { run(); }) {}
  ~AnswerKeeper() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  AnswerKeeper(const AnswerKeeper&) = delete;
  AnswerKeeper& operator=(const AnswerKeeper&) = delete;

  // On the reactor thread, as `parser`'s request is handed to the router.
  void watch(const std::shared_ptr<GuardedParser>& parser) {
    if (parser->answering.exchange(true)) return;  // watched already
    std::lock_guard<std::mutex> lock(mutex_);
    watched_.push_back(parser);
  }

 private:
  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, kKeepEvery, [this] { return stop_; })) {
      std::vector<std::shared_ptr<GuardedParser>> due;
      std::vector<std::weak_ptr<GuardedParser>> kept;
      for (auto& weak : watched_) {
        auto parser = weak.lock();
        if (!parser || !parser->answering) continue;
        kept.push_back(weak);
        due.push_back(std::move(parser));
      }
      watched_ = std::move(kept);
      lock.unlock();
      for (auto& parser : due) {
        if (auto peer = parser->peer.lock()) on_reactor(peer, parser, keep);
      }
      due.clear();
      lock.lock();
    }
  }

  static void keep(const std::shared_ptr<Pistache::Tcp::Peer>& peer, GuardedParser& parser) {
    if (peer->isIdle()) {  // answered
      parser.answering = false;
      return;
    }
    if (!parser.input_since_reset) parser.reset();
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::vector<std::weak_ptr<GuardedParser>> watched_;
  std::thread thread_;  // last: started once the rest is
};

class Guard : public Step {
 public:
  Guard(GuardedParser* parser, std::unique_ptr<Step> inner, bool request_line)
      : Step(&parser->request),
        parser_(parser),
        inner_(std::move(inner)),
        request_line_(request_line) {}

  StepId id() const override { return inner_->id(); }

  State apply(StreamCursor& cursor) override {
    t_reactor = true;
    if (parser_->discarding) {
      cursor.advance(cursor.remaining());
      t_discarded = true;
      return State::Done;
    }
    if (!request_line_ && parser_->waiting) {
      // The head has been read and is being checked: the parse stands still until then.
      auto answer = parser_->take_answer();
      if (!answer) return State::Again;
      parser_->waiting = false;
      if (*answer) return refuse(cursor, **answer);
      return inner_->apply(cursor);
    }
    const std::string_view data(cursor.offset(), cursor.remaining());
    if (!data.empty()) parser_->input_since_reset = true;
    if (request_line_) {
      const auto end = data.find("\r\n");
      if (end == std::string_view::npos) {
        if (data.size() <= kMaxRequestLine) return State::Again;
        return refuse(cursor, *check_request_line(data));
      }
      if (auto r = check_request_line(data.substr(0, end))) return refuse(cursor, *r);
      parser_->max_body = is_upload(data.substr(0, end)) ? parser_->limits.upload
                                                         : parser_->limits.normal;
      parser_->request_line = std::string(data.substr(0, end));
    } else {
      const std::size_t end = data.rfind("\r\n", 0) == 0 ? 0 : data.find("\r\n\r\n");
      if (end == std::string_view::npos) {
        if (data.size() <= kMaxHeaderBlock) return State::Again;
        return refuse(cursor, *check_headers(data, parser_->max_body));
      }
      const std::size_t block = end == 0 ? 0 : end + 2;
      const std::string_view headers = data.substr(0, block);
      if (auto r = check_headers(headers, parser_->max_body)) return refuse(cursor, *r);
      const RequestHead head = head_of(headers);
      Admission admission;
      if (parser_->admit && *parser_->admit) admission = (*parser_->admit)(head);
      if (admission.refusal) return refuse(cursor, *admission.refusal);
      // The body's room is taken in the order heads arrive, before any check answers; a
      // request refused after its check gives it back when the parser is reset.
      if (auto r = reserve(head.content_length)) return refuse(cursor, *r);
      if (admission.check) {
        if (start_check(std::move(admission.check))) return State::Again;
        return refuse(cursor, Refusal{503, "too many requests are having their credentials "
                                           "checked now; retry shortly", "Authorization", 2});
      }
    }
    return inner_->apply(cursor);
  }

 private:
  RequestHead head_of(std::string_view headers) const {
    const std::string_view line = parser_->request_line;  // checked: METHOD SP target SP version
    const auto first = line.find(' '), second = line.find(' ', first + 1);
    RequestHead head{line.substr(0, first), line.substr(first + 1, second - first - 1), headers};
    if (auto length = header_in(headers, "content-length"))
      head.content_length = std::stoull(std::string(*length));  // checked: 1–18 digits
    return head;
  }

  // The body's room in the budget, or the 503 when there is none.
  std::optional<Refusal> reserve(std::size_t length) {
    if (length == 0 || parser_->reserved) return std::nullopt;
    if (!parser_->budget->take(length)) {
      return Refusal{503, "too many request bodies are being received now; retry shortly", "body",
                     2};
    }
    parser_->reserved = length;
    return std::nullopt;
  }

  // Hands `check` to the offload lane; its answer resumes this connection's parse.
  bool start_check(std::function<std::optional<Refusal>()> check) {
    if (!parser_->offload || !*parser_->offload) return false;
    const std::uint64_t no = parser_->request_no;
    {
      std::lock_guard<std::mutex> lock(parser_->answer_mutex);
      parser_->answered_for = no;
      parser_->answer.reset();
    }
    parser_->waiting = true;
    std::weak_ptr<GuardedParser> self = parser_->weak_from_this();
    std::weak_ptr<Pistache::Tcp::Peer> peer = parser_->peer;
    const bool queued = (*parser_->offload)([self, peer, no, check = std::move(check)] {
      std::optional<Refusal> verdict;
      try {
        verdict = check();
      } catch (const std::exception&) {
        verdict = Refusal{500, "the credentials could not be checked", "Authorization"};
      }
      auto parser = self.lock();
      auto connection = peer.lock();
      if (!parser || !connection) return;
      parser->answered(no, std::move(verdict));
      resume_on_reactor(connection, self);
    });
    if (!queued) parser_->waiting = false;
    return queued;
  }

  State refuse(StreamCursor& cursor, Refusal refusal) {
    parser_->discarding = true;
    cursor.advance(cursor.remaining());
    t_refused = std::move(refusal);
    return State::Done;
  }

  GuardedParser* parser_;
  std::unique_ptr<Step> inner_;
  bool request_line_;
};

GuardedParser::GuardedParser(std::size_t max_request_bytes, BodyLimits body_limits,
                             std::shared_ptr<BodyBudget> body_budget, const Admit* admit_head,
                             const Offload* offload_check)
    : Pistache::Http::Private::ParserImpl<Pistache::Http::Request>(max_request_bytes),
      limits(body_limits),
      budget(std::move(body_budget)),
      admit(admit_head),
      offload(offload_check),
      max_body(body_limits.normal) {
  allSteps[0] = std::make_unique<Guard>(this, std::move(allSteps[0]), true);
  allSteps[1] = std::make_unique<Guard>(this, std::move(allSteps[1]), false);
}

class GuardedRouterHandler : public Pistache::Rest::Private::RouterHandler {
 public:
  HTTP_PROTOTYPE(GuardedRouterHandler)

  GuardedRouterHandler(std::shared_ptr<Pistache::Rest::Router> router, BodyLimits limits,
                       std::shared_ptr<BodyBudget> budget, std::shared_ptr<Admit> admit,
                       std::shared_ptr<Offload> offload, Refuse refuse,
                       std::shared_ptr<AnswerKeeper> keeper)
      : RouterHandler(std::move(router)),
        limits_(limits),
        budget_(std::move(budget)),
        admit_(std::move(admit)),
        offload_(std::move(offload)),
        refuse_(std::move(refuse)),
        keeper_(std::move(keeper)) {}

  void onRequest(const Pistache::Http::Request& request,
                 Pistache::Http::ResponseWriter response) override {
    if (t_discarded) {
      t_discarded = false;  // input after a refusal: no answer
      return;
    }
    if (t_refused) {
      Refusal r = std::move(*t_refused);
      t_refused.reset();
      refuse_(r, std::move(response));
      // Pistache 0.0.5 queues the answer for the socket's next writable event, which its
      // event loop ignores while the socket is also readable: a client still sending the
      // body it was refused would never hear. The refusal is written now, on this thread.
      transport()->flush();
      return;
    }
    if (auto peer = response.peer())
      if (auto parser = std::static_pointer_cast<GuardedParser>(getParser(peer)))
        keeper_->watch(parser);
    RouterHandler::onRequest(request, std::move(response));
  }

 private:
  void onConnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override {
    auto parser = std::make_shared<GuardedParser>(getMaxRequestSize(), limits_, budget_,
                                                  admit_.get(), offload_.get());
    parser->peer = peer;
    parser->reactor = std::this_thread::get_id();
    parser->handler = this;
    parser->transport = transport();
    peer->putData(ParserData, std::static_pointer_cast<Pistache::Http::RequestParser>(parser));
  }

  void onDisconnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override {
    if (auto parser = std::static_pointer_cast<GuardedParser>(getParser(peer)))
      parser->gone = true;
    RouterHandler::onDisconnection(peer);
  }

  BodyLimits limits_;
  std::shared_ptr<BodyBudget> budget_;
  std::shared_ptr<Admit> admit_;  // shared by the clones, so parsers may point at them
  std::shared_ptr<Offload> offload_;
  Refuse refuse_;
  std::shared_ptr<AnswerKeeper> keeper_;  // shared by the clones
};

}  // namespace

bool is_upload(std::string_view line) {
  if (line.rfind("POST ", 0) != 0) return false;
  std::string_view target = line.substr(5);
  target = target.substr(0, target.find(' '));
  target = target.substr(0, target.find('?'));
  if (target == "/api/v1/imports" || target == "/api/v1/report-issues/verify") return true;
  const std::string_view tail = "/documents";
  return target.rfind("/api/v1/", 0) == 0 && target.size() > tail.size() &&
         target.compare(target.size() - tail.size(), tail.size(), tail) == 0;
}

std::shared_ptr<Pistache::Http::Handler> guarded_handler(
    std::shared_ptr<Pistache::Rest::Router> router, BodyLimits limits,
    std::shared_ptr<BodyBudget> budget, Admit admit, Offload offload, Refuse refuse) {
  return std::make_shared<GuardedRouterHandler>(std::move(router), limits, std::move(budget),
                                                std::make_shared<Admit>(std::move(admit)),
                                                std::make_shared<Offload>(std::move(offload)),
                                                std::move(refuse),
                                                std::make_shared<AnswerKeeper>());
}

bool on_reactor_thread() { return t_reactor; }

}  // namespace estate::api
