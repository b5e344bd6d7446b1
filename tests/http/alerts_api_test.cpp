// E-mail alerts end to end on SQLite and MariaDB: `estate-server alerts run` sends to a real
// SMTP server on loopback (Debian's python3-aiosmtpd, its Mailbox handler writing a Maildir),
// and the messages are read back with Python's email package: one digest per user, in 中文 and
// English, the subject RFC 2047-decoded, each reminder with its link, and never the same
// (event, lead time, user) twice — across runs, and across two processes running at once.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <regex>
#include <thread>

#include "tests/http/api_fixture.h"

extern char** environ;

namespace estate::testing {
namespace {

using nlohmann::json;

const char* kPython = "/usr/bin/python3";

// The day `days` from today (UTC) as YYYY-MM-DD.
std::string day_from_today(int days) {
  std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
  char out[11];
  std::strftime(out, sizeof out, "%Y-%m-%d", std::gmtime(&t));
  return out;
}

std::uint16_t free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  close(fd);
  return ntohs(a.sin_port);
}

bool accepts(std::uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

// Every message in the Maildir, parsed by Python's email package: to, the decoded subject,
// the text part, and the message as received.
const char* kReadMail = R"(
import email, email.policy, json, mailbox, sys
out = []
for key, _ in mailbox.Maildir(sys.argv[1], factory=None, create=False).items():
    raw = mailbox.Maildir(sys.argv[1], factory=None, create=False).get_bytes(key)
    m = email.message_from_bytes(raw, policy=email.policy.default)
    out.append({"to": str(m["To"]), "subject": str(m["Subject"]), "text": m.get_content(),
                "raw": raw.decode("ascii", "replace")})
print(json.dumps(sorted(out, key=lambda x: (x["to"], x["subject"])), ensure_ascii=False))
)";

class AlertsApi : public ApiTest {
 protected:
  std::vector<std::string> server_flags() const override { return {}; }

  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    if (access(kPython, X_OK) != 0 ||
        run_command(kPython, {"-c", "import aiosmtpd"}).exit_code != 0) {
      if (std::getenv("ESTATE_TEST_REQUIRE_TOOLS")) FAIL() << "python3-aiosmtpd is not installed";
      GTEST_SKIP() << "python3-aiosmtpd is not installed (infra/setup.sh installs it)";
    }
    port_ = free_port();
    maildir_ = database_->folder() + "/mail";
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    std::vector<std::string> args = {kPython, "-m", "aiosmtpd", "-n", "-l", listen,
                                     "-c", "aiosmtpd.handlers.Mailbox", maildir_};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ASSERT_EQ(posix_spawn(&sink_, kPython, nullptr, nullptr, argv.data(), environ), 0);
    for (int i = 0; i < 100 && !accepts(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_TRUE(accepts(port_)) << "the SMTP sink did not start";

    for (auto [name, role] : {std::pair{"alice", "facilities"}, {"bob", "finance"}, {"carol", "auditor"}}) {
      auto made = cli({"user", "create", "--user", name, "--role", role, "--generate", "--email",
                       std::string(name) + "@example.org"});
      ASSERT_EQ(made.exit_code, 0);
    }
    EXPECT_NE(cli({"user", "set-email", "--user", "carol", "--email", "not an address"}).exit_code, 0);
    // Two leases of the Sydney office, ending in 20 days, notice 10 days before: each has a
    // notice deadline (10 days away) and an expiry (20 days away) within every lead time but 7.
    json mission = create("missions", sydney_mission());
    json office = create("properties", sydney_office(mission["id"]));
    for (int i = 0; i < 2; ++i) {
      json lease = sydney_lease(office["id"]);
      lease["start"] = "2020-01-01";
      lease["end"] = day_from_today(20);
      lease["notice_days"] = 10;
      lease["options"] = json::array();
      lease["escalation"] = json{{"kind", "none"}};
      leases_.push_back(create("leases", lease));
    }
    // A lease extension waiting for finance: bob may decide it.
    json now = call("GET", "/api/v1/leases/" + std::to_string(leases_[0]["id"].get<int>()), "facilities").body;
    Answer asked = call("PATCH", "/api/v1/leases/" + std::to_string(now["id"].get<int>()), "facilities",
                        json{{"end", day_from_today(400)}}, {{"If-Match", "\"" + std::to_string(now["version"].get<int>()) + "\""}});
    ASSERT_EQ(asked.status, 202) << asked.text;
    request_id_ = asked.body["id"];
  }
  void TearDown() override {
    if (sink_ > 0) {
      kill(sink_, SIGTERM);
      waitpid(sink_, nullptr, 0);
    }
    ApiTest::TearDown();
  }

  CommandResult alerts(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"alerts", "run", "--smtp-url",
                                     "smtp://127.0.0.1:" + std::to_string(port_), "--mail-from",
                                     "estate@example.org", "--public-url", "http://estate.example"};
    args.insert(args.end(), extra.begin(), extra.end());
    return cli(args);
  }
  json mail() {
    auto read = run_command(kPython, {"-c", kReadMail, maildir_});
    EXPECT_EQ(read.exit_code, 0);
    return json::parse(read.out, nullptr, false);
  }
  std::string lease_link(int i) {
    return "http://estate.example/#/leases/" + std::to_string(leases_[i]["id"].get<int>());
  }

  pid_t sink_ = -1;
  std::uint16_t port_ = 0;
  std::string maildir_;
  std::vector<json> leases_;
  std::int64_t request_id_ = 0;
};

TEST_P(AlertsApi, OneDigestPerUserInBothLanguagesAndNeverTwice) {
  auto first = alerts();
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_EQ(first.out, "sent 2 message(s) with 5 reminder(s)\n");
  json messages = mail();
  ASSERT_EQ(messages.size(), 2u) << messages.dump(1);
  // alice (facilities): the four lease events; carol (auditor) gets nothing.
  const json& alice = messages[0];
  EXPECT_EQ(alice["to"], "alice@example.org");
  EXPECT_EQ(alice["subject"], "駐外館產管理提醒 4 項 · Mission Estate: 4 reminders");
  const std::string text = alice["text"];
  for (const char* words : {"駐外館產管理系統提醒您下列事項", "駐雪梨台北經濟文化辦事處・SYD-OFF-1",
                            "租期屆滿", "通知期限", "Mission Estate reminds you of", "lease expiry",
                            "notice deadline", "AEDT", "不再提醒此事項"})
    EXPECT_NE(text.find(words), std::string::npos) << words << " not in\n" << text;
  EXPECT_NE(text.find(lease_link(0) + "\n"), std::string::npos);
  EXPECT_NE(text.find(lease_link(1) + "\n"), std::string::npos);
  EXPECT_TRUE(std::regex_search(text, std::regex("http://estate\\.example/alerts/ack/[0-9a-f]{64}\n")));
  EXPECT_NE(std::string(alice["raw"]).find("Subject: =?UTF-8?B?"), std::string::npos);
  // bob (finance): the request waiting for him, with its link.
  const json& bob = messages[1];
  EXPECT_EQ(bob["to"], "bob@example.org");
  EXPECT_EQ(bob["subject"], "駐外館產管理提醒 1 項 · Mission Estate: 1 reminder");
  EXPECT_NE(std::string(bob["text"]).find("http://estate.example/#/approvals/" + std::to_string(request_id_)),
            std::string::npos);
  EXPECT_NE(std::string(bob["text"]).find("租期延長"), std::string::npos);
  std::cout << "---- the digest as the SMTP sink received it ----\n" << std::string(alice["raw"])
            << "---- its text part, decoded ----\n" << text << "----\n";

  // Again, and after a restart of nothing: everything due was sent already.
  auto second = alerts();
  EXPECT_EQ(second.out, "sent 0 message(s) with 0 reminder(s)\n");
  EXPECT_EQ(mail().size(), 2u);
  // The journal keeps each digest.
  EXPECT_EQ(call("GET", "/api/v1/journal?entity=alert_digest", "auditor").body["items"].size(), 2u);
}

TEST_P(AlertsApi, TheSessionSaysWhereAUsersAlertsGo) {
  ASSERT_NO_FATAL_FAILURE(add_token("alice", "alice", "facilities"));
  EXPECT_EQ(call("GET", "/api/v1/session", "alice").body["email"], "alice@example.org");
  EXPECT_TRUE(call("GET", "/api/v1/session", "facilities").body["email"].is_null());
  ASSERT_EQ(cli({"user", "set-email", "--user", "alice", "--email", ""}).exit_code, 0);
  EXPECT_TRUE(call("GET", "/api/v1/session", "alice").body["email"].is_null());
}

TEST_P(AlertsApi, AnAcknowledgedEventIsNotRemindedAgain) {
  ASSERT_EQ(alerts().exit_code, 0);
  const std::string text = mail()[0]["text"];
  // The acknowledgement link under the first lease's expiry (its last reminder in English).
  const std::string marker = lease_link(0) + "\n  Stop reminders of this: http://estate.example/alerts/ack/";
  const auto at = text.rfind(marker);
  ASSERT_NE(at, std::string::npos) << text;
  const std::string token = text.substr(at + marker.size(), 64);
  Answer acked = call("GET", "/alerts/ack/" + token, "");
  EXPECT_EQ(acked.status, 200) << acked.text;
  EXPECT_NE(acked.text.find("已確認"), std::string::npos);
  EXPECT_EQ(call("GET", "/alerts/ack/" + token, "").status, 200);  // a second click is harmless
  EXPECT_EQ(call("GET", "/alerts/ack/" + std::string(64, '0'), "").status, 404);
  EXPECT_EQ(call("GET", "/alerts/ack/nonsense", "").status, 404);

  // Fifteen days on, both expiries are 5 days away: the 7-day reminder is due, but only the
  // second lease's, since the first one's was acknowledged.
  auto later = alerts({"--as-of", day_from_today(15)});
  ASSERT_EQ(later.exit_code, 0) << later.out;
  json messages = mail();
  ASSERT_EQ(messages.size(), 3u);
  json newest;  // alice's second digest: one reminder
  for (const json& m : messages)
    if (m["to"] == "alice@example.org" && m["subject"] == "駐外館產管理提醒 1 項 · Mission Estate: 1 reminder")
      newest = m;
  ASSERT_FALSE(newest.is_null()) << messages.dump(1);
  EXPECT_NE(std::string(newest["text"]).find(lease_link(1)), std::string::npos);
  EXPECT_EQ(std::string(newest["text"]).find(lease_link(0)), std::string::npos);
}

// An event acknowledged in the web client (POST /api/v1/lease-events/acknowledgements) is
// the same record as the link's: it is never mailed.
TEST_P(AlertsApi, AnEventAcknowledgedBySignedInUserIsNeverMailed) {
  Answer acked = call("POST", "/api/v1/lease-events/acknowledgements", "facilities",
                      json{{"lease_id", leases_[0]["id"]}, {"event", "expiry"}, {"date", day_from_today(20)}});
  ASSERT_EQ(acked.status, 201) << acked.text;
  auto run = alerts();
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out, "sent 2 message(s) with 4 reminder(s)\n");
  for (const json& m : mail()) {
    if (m["to"] == "alice@example.org") {
      EXPECT_EQ(m["subject"], "駐外館產管理提醒 3 項 · Mission Estate: 3 reminders");
    }
  }
}

TEST_P(AlertsApi, TwoProcessesRunningAtOnceSendEachMessageOnce) {
  CommandResult a, b;
  std::thread one([&] { a = alerts(); });
  std::thread two([&] { b = alerts(); });
  one.join();
  two.join();
  EXPECT_EQ(a.exit_code, 0) << a.out;
  EXPECT_EQ(b.exit_code, 0) << b.out;
  // One of them sent both digests, or each sent one; never more than two in all.
  std::smatch ma, mb;
  ASSERT_TRUE(std::regex_search(a.out, ma, std::regex("sent (\\d+) message")));
  ASSERT_TRUE(std::regex_search(b.out, mb, std::regex("sent (\\d+) message")));
  EXPECT_EQ(std::stoi(ma[1]) + std::stoi(mb[1]), 2);
  json messages = mail();
  ASSERT_EQ(messages.size(), 2u) << messages.dump(1);
  EXPECT_EQ(messages[0]["to"], "alice@example.org");
  EXPECT_EQ(messages[1]["to"], "bob@example.org");
}

// `serve` sends on its own schedule (its first run a minute after start): two replicas on one
// database, both scheduled, send each digest once between them.
TEST_P(AlertsApi, TwoServersOnAScheduleSendEachDigestOnce) {
  const std::vector<std::string> flags = {
      "--smtp-url", "smtp://127.0.0.1:" + std::to_string(port_), "--mail-from", "estate@example.org",
      "--public-url", "http://estate.example", "--alerts-every-minutes", "1"};
  ServerProcess one(kServer, database_->url(), database_->folder() + "/one.log", flags);
  ServerProcess two(kServer, database_->url(), database_->folder() + "/two.log", flags);
  ASSERT_NE(one.port(), 0);
  ASSERT_NE(two.port(), 0);
  json messages = json::array();
  for (int i = 0; i < 120 && messages.size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    messages = mail();
  }
  // Both replicas have run (or are running) by now; give a late second send time to show.
  std::this_thread::sleep_for(std::chrono::seconds(5));
  messages = mail();
  EXPECT_EQ(one.stop(SIGTERM), 0);
  EXPECT_EQ(two.stop(SIGTERM), 0);
  ASSERT_EQ(messages.size(), 2u) << messages.dump(1);
  EXPECT_EQ(messages[0]["to"], "alice@example.org");
  EXPECT_EQ(messages[1]["to"], "bob@example.org");
}

ESTATE_API_ON_BOTH_BACKENDS(AlertsApi);

// Acknowledging a lease event as a signed-in user, and what the lease-events report says of
// each event (no SMTP server needed).
class LeaseEventAckApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    json mission = create("missions", sydney_mission());
    json office = sydney_office(mission["id"]);
    office["name_zh"] = "駐雪梨辦事處辦公館舍";
    office = create("properties", office);
    json lease = sydney_lease(office["id"]);
    lease["start"] = "2020-01-01";
    lease["end"] = day_from_today(20);
    lease["notice_days"] = 10;
    lease["options"] = json::array();
    lease["escalation"] = json{{"kind", "none"}};
    lease_ = create("leases", lease);
  }
  json events() {
    Answer a = call("GET", "/api/v1/reports/lease-events?within_days=30", "auditor");
    EXPECT_EQ(a.status, 200) << a.text;
    return a.body.is_array() ? a.body : a.body["items"];
  }
  json body(const std::string& event, const std::string& date) {
    return json{{"lease_id", lease_["id"]}, {"event", event}, {"date", date}};
  }
  json lease_;
};

TEST_P(LeaseEventAckApi, ReportRowsNameTheMissionPropertyAndLessor) {
  json items = events();
  ASSERT_EQ(items.size(), 2u) << items.dump(1);
  const json& notice = items[0];
  EXPECT_EQ(notice["event"], "notice_deadline");
  EXPECT_EQ(notice["lease_id"], lease_["id"]);
  EXPECT_EQ(notice["mission_code"], "SYD");
  EXPECT_EQ(notice["property_code"], "SYD-OFF-1");
  EXPECT_EQ(notice["property_name"], "Sydney office");
  EXPECT_EQ(notice["lessor"], lease_["lessor"]);
  EXPECT_EQ(notice["acknowledged"], false);
  EXPECT_TRUE(notice["mission_id"].is_number_integer());
  EXPECT_TRUE(notice["property_id"].is_number_integer());
  // The CSV keeps its columns in their old order, the new ones after them.
  Answer csv = call("GET", "/api/v1/reports/lease-events?within_days=30&format=csv", "auditor");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.text.substr(0, csv.text.find_first_of("\r\n")),
            "\xEF\xBB\xBFlease_id,property_id,mission_id,event,date,deadline_utc,time_zone,days_left,"
            "mission_code,property_code,property_name,lessor,acknowledged");
}

TEST_P(LeaseEventAckApi, AFacilitiesUserAcknowledgesAnEventOnceAndItIsJournalled) {
  const std::string expiry = day_from_today(20);
  const std::string path = "/api/v1/lease-events/acknowledgements";
  EXPECT_EQ(call("POST", path, "auditor", body("expiry", expiry)).status, 403);
  EXPECT_EQ(call("POST", path, "finance", body("expiry", expiry)).status, 403);
  EXPECT_EQ(call("POST", path, "", body("expiry", expiry)).status, 401);
  Answer kind = call("POST", path, "facilities", body("handover", expiry));
  EXPECT_EQ(kind.status, 422);
  EXPECT_EQ(kind.body["errors"][0]["field"], "event") << kind.text;
  Answer day = call("POST", path, "facilities", body("expiry", day_from_today(21)));
  EXPECT_EQ(day.status, 422);
  EXPECT_EQ(day.body["errors"][0]["field"], "date") << day.text;
  json missing = body("expiry", expiry);
  missing["lease_id"] = 9999;
  EXPECT_EQ(call("POST", path, "facilities", missing).status, 404);
  Answer malformed = call("POST", path, "facilities", json{{"lease_id", "1"}, {"date", "soon"}});
  EXPECT_EQ(malformed.status, 422);
  EXPECT_EQ(malformed.body["errors"].size(), 3u) << malformed.text;
  EXPECT_EQ(call("GET", "/api/v1/journal?entity=alert_ack", "auditor").body["items"].size(), 0u);

  Answer acked = call("POST", path, "facilities", body("expiry", expiry));
  ASSERT_EQ(acked.status, 201) << acked.text;
  EXPECT_EQ(acked.body, (json{{"lease_id", lease_["id"]}, {"event", "expiry"}, {"date", expiry},
                              {"acknowledged", true}}));
  Answer again = call("POST", path, "facilities", body("expiry", expiry));
  EXPECT_EQ(again.status, 200) << again.text;
  EXPECT_EQ(again.body, acked.body);

  json items = events();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["acknowledged"], false);  // the notice deadline
  EXPECT_EQ(items[1]["event"], "expiry");
  EXPECT_EQ(items[1]["acknowledged"], true);
  json journal = call("GET", "/api/v1/journal?entity=alert_ack", "auditor").body["items"];
  ASSERT_EQ(journal.size(), 1u) << journal.dump(1);
  EXPECT_EQ(journal[0]["actor"], "test-facilities");
  EXPECT_EQ(journal[0]["after"]["event"],
            "lease:" + std::to_string(lease_["id"].get<int>()) + ":expiry:" + expiry);
  EXPECT_EQ(cli({"journal", "verify"}).exit_code, 0);
}

ESTATE_API_ON_BOTH_BACKENDS(LeaseEventAckApi);

}  // namespace
}  // namespace estate::testing
