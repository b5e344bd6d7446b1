// Four eyes over HTTP (API.md "Four eyes: change requests"), end to end on SQLite and MariaDB,
// with the server's default rules: stage moves to budget_approved/contracted/settled/cancelled
// and lease extensions or rent rises above 10 % wait for finance, expenditures and commitments
// above NT$10,000,000.00 for another finance user, deletes for another user of the maker's role.
#include <gtest/gtest.h>

#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

class FourEyesApi : public ApiTest {
 protected:
  std::vector<std::string> server_flags() const override { return {}; }

  // The Sydney mission, its office and its lease (AUD 95,000.00 a month to 2026-06-30), a
  // second facilities user and a second finance user.
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_NO_FATAL_FAILURE(add_token("facilities2", "test-facilities-2", "facilities"));
    ASSERT_NO_FATAL_FAILURE(add_token("finance2", "test-finance-2", "finance"));
    mission_ = create("missions", sydney_mission());
    office_ = create("properties", sydney_office(mission_["id"]));
    lease_ = create("leases", sydney_lease(office_["id"]));
  }

  static std::string path_of(const json& record, const std::string& collection) {
    return "/api/v1/" + collection + "/" + std::to_string(record["id"].get<std::int64_t>());
  }
  static std::string request_path(const json& request) {
    return path_of(request, "change-requests");
  }
  static std::map<std::string, std::string> if_match(const json& record) {
    return {{"If-Match", "\"" + std::to_string(record["version"].get<std::int64_t>()) + "\""}};
  }
  Answer decide(const json& request, const std::string& how, const std::string& who,
                const json& body = json::object()) {
    return call("POST", request_path(request) + "/" + how, who, body, if_match(request));
  }
  Answer patch_lease(const json& patch, const std::string& who = "facilities") {
    json now = call("GET", path_of(lease_, "leases"), who).body;
    return call("PATCH", path_of(lease_, "leases"), who, patch, if_match(now));
  }
  json acquisition() {
    return create("acquisitions",
                  json{{"code", "ACQ-SYD-2026"},
                       {"property_id", office_["id"]},
                       {"replaces_lease_ids", {lease_["id"]}},
                       {"stages", json::parse(R"([{"stage": "proposed", "on": "2024-03-01"}])")},
                       {"price", {{"amount", "52000000.00"}, {"currency", "AUD"}}},
                       {"costs", {{"amount", "2600000.00"}, {"currency", "AUD"}}},
                       {"operating_cost_annual", {{"amount", "400000.00"}, {"currency", "AUD"}}}});
  }
  Answer stage(const json& acquisition, const char* stage, const char* on) {
    return call("POST", path_of(acquisition, "acquisitions") + "/stage", "facilities",
                json{{"stage", stage}, {"on", on}});
  }
  json budget_line() {
    Answer a = call("POST", "/api/v1/budget-lines", "finance",
                    json{{"code", "MOFA-PREMISES"},
                         {"name_zh", "購建駐外機構館官舍"},
                         {"name_en", "Purchase of mission premises"}});
    EXPECT_EQ(a.status, 201) << a.text;
    return a.body;
  }
  Answer expenditure(const json& line, const char* amount, const std::string& who = "finance") {
    return call("POST", "/api/v1/expenditures", who,
                json{{"on", "2026-03-01"},
                     {"amount", {{"amount", amount}, {"currency", "TWD"}}},
                     {"budget_line_id", line["id"]},
                     {"description", "Sydney office: deposit"}});
  }
  json budget_line_of_test() {
    return call("GET", "/api/v1/budget-lines?code=MOFA-PREMISES", "finance").body["items"][0];
  }
  // The journal entries of one record, oldest first (the auditor's view).
  json journal_of(const std::string& entity, std::int64_t id) {
    return call("GET", "/api/v1/journal?entity=" + entity + "&entity_id=" + std::to_string(id),
                "auditor")
        .body["items"];
  }

  json mission_, office_, lease_;
};

TEST_P(FourEyesApi, AStageMoveToContractedWaitsForFinanceAndNamesBothInTheJournal) {
  json acq = acquisition();
  // Appraisal is not a decision about money: it applies at once.
  ASSERT_EQ(stage(acq, "appraised", "2024-06-01").status, 200);
  Answer made = stage(acq, "budget_approved", "2025-01-15");
  ASSERT_EQ(made.status, 202) << made.text;
  json request = made.body;
  EXPECT_EQ(made.headers["location"], request_path(request));
  EXPECT_EQ(made.headers["etag"], "\"1\"");
  EXPECT_EQ(request["status"], "pending");
  EXPECT_EQ(request["entity"], "acquisition");
  EXPECT_EQ(request["entity_id"], acq["id"]);
  EXPECT_EQ(request["action"], "stage");
  EXPECT_EQ(request["change"], json::parse(R"({"stage": "budget_approved", "on": "2025-01-15"})"));
  EXPECT_EQ(request["reason_required"], "stage_move");
  EXPECT_EQ(request["requested_by"], "test-facilities");
  EXPECT_TRUE(request["decided_by"].is_null());
  // Nothing changed yet.
  EXPECT_EQ(call("GET", path_of(acq, "acquisitions"), "facilities").body["stage"], "appraised");

  // The maker may not approve, nor a facilities colleague (finance approves stage moves).
  EXPECT_EQ(decide(request, "approve", "facilities").status, 403);
  EXPECT_EQ(decide(request, "approve", "facilities2").status, 403);
  EXPECT_EQ(decide(request, "approve", "auditor").status, 403);
  EXPECT_EQ(call("POST", request_path(request) + "/approve", "finance", json::object()).status,
            428);
  Answer approved = decide(request, "approve", "finance");
  ASSERT_EQ(approved.status, 200) << approved.text;
  EXPECT_EQ(approved.body["status"], "approved");
  EXPECT_EQ(approved.body["decided_by"], "test-finance");
  EXPECT_EQ(approved.body["version"], 2);
  EXPECT_EQ(call("GET", path_of(acq, "acquisitions"), "facilities").body["stage"],
            "budget_approved");
  // Approved once is approved: a second approval is a conflict.
  EXPECT_EQ(decide(approved.body, "approve", "finance2").status, 409);

  // The journal: the applied stage move is the maker's, approved by the checker; the request
  // and the decision are journalled as the change_request.
  json entries = journal_of("acquisition", acq["id"]);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[2]["action"], "stage");
  EXPECT_EQ(entries[2]["actor"], "test-facilities");
  EXPECT_EQ(entries[2]["approved_by"], "test-finance");
  EXPECT_TRUE(entries[1]["approved_by"].is_null());
  json decisions = journal_of("change_request", request["id"]);
  ASSERT_EQ(decisions.size(), 2u);
  EXPECT_EQ(decisions[0]["action"], "create");
  EXPECT_EQ(decisions[0]["actor"], "test-facilities");
  EXPECT_EQ(decisions[1]["action"], "approve");
  EXPECT_EQ(decisions[1]["actor"], "test-finance");
  EXPECT_EQ(decisions[1]["after"]["status"], "approved");
  // The chain is unbroken with approved_by in it.
  EXPECT_EQ(call("GET", "/api/v1/journal/verify", "auditor").body["ok"], true);
}

TEST_P(FourEyesApi, NobodyApprovesTheirOwnExpenditureAboveTheAmount) {
  json line = budget_line();
  // Exactly NT$10,000,000.00 is not above it: it applies at once.
  EXPECT_EQ(expenditure(line, "10000000.00").status, 201);
  Answer made = expenditure(line, "10000000.01");
  ASSERT_EQ(made.status, 202) << made.text;
  EXPECT_EQ(made.body["reason_required"], "amount_above_threshold");
  EXPECT_EQ(made.body["action"], "create");
  EXPECT_TRUE(made.body["entity_id"].is_null());
  EXPECT_EQ(call("GET", "/api/v1/expenditures", "finance").body["items"].size(), 1u);

  Answer own = decide(made.body, "approve", "finance");
  EXPECT_EQ(own.status, 403) << own.text;
  EXPECT_NE(own.body["detail"].get<std::string>().find("own"), std::string::npos);
  Answer approved = decide(made.body, "approve", "finance2");
  ASSERT_EQ(approved.status, 200) << approved.text;
  json items = call("GET", "/api/v1/expenditures", "finance").body["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1]["amount"]["amount"], "10000000.01");
  EXPECT_EQ(approved.body["applied_entity_id"], items[1]["id"]);
  json entries = journal_of("expenditure", items[1]["id"]);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["actor"], "test-finance");
  EXPECT_EQ(entries[0]["approved_by"], "test-finance-2");
}

TEST_P(FourEyesApi, ARentRiseOfExactlyTheThresholdAppliesAndOneAboveItWaits) {
  // 95,000.00 → 104,500.00 a month is exactly +10 %: at once.
  Answer exact = patch_lease(json{{"rent", {{"amount", "104500.00"}, {"currency", "AUD"}}}});
  ASSERT_EQ(exact.status, 200) << exact.text;
  // 104,500.00 → 114,950.01 is more than +10 % of the rent in force before it.
  Answer above = patch_lease(json{{"rent", {{"amount", "114950.01"}, {"currency", "AUD"}}}});
  ASSERT_EQ(above.status, 202) << above.text;
  EXPECT_EQ(above.body["reason_required"], "rent_increase");
  EXPECT_EQ(above.body["base_version"], 2);
  // A shorter term and a lower rent apply at once; a later end waits.
  EXPECT_EQ(patch_lease(json{{"end", "2026-03-31"}}).status, 200);
  Answer later = patch_lease(json{{"end", "2031-06-30"}});
  ASSERT_EQ(later.status, 202) << later.text;
  EXPECT_EQ(later.body["reason_required"], "lease_extension");
  json now = call("GET", path_of(lease_, "leases"), "facilities").body;
  EXPECT_EQ(now["end"], "2026-03-31");
  EXPECT_EQ(now["rent"]["amount"], "104500.00");
  // A change the rules refuse is refused when it is made, not when it is approved.
  EXPECT_EQ(patch_lease(json{{"end", "2031-06-30"}, {"lessor", ""}}).status, 422);
}

TEST_P(FourEyesApi, ACancellationAndACommitmentAboveTheAmountWaitForTheirChecker) {
  // A cancellation is a decision about money: it waits for finance.
  json acq = acquisition();
  Answer cancel = stage(acq, "cancelled", "2024-05-01");
  ASSERT_EQ(cancel.status, 202) << cancel.text;
  EXPECT_EQ(cancel.body["reason_required"], "stage_move");
  EXPECT_EQ(call("GET", path_of(acq, "acquisitions"), "facilities").body["stage"], "proposed");
  ASSERT_EQ(decide(cancel.body, "approve", "finance").status, 200);
  EXPECT_EQ(call("GET", path_of(acq, "acquisitions"), "facilities").body["stage"], "cancelled");

  // A commitment of exactly NT$10,000,000.00 applies; one cent more waits for a second
  // finance user.
  json line = budget_line();
  auto commitment = [&](const char* amount) {
    return call("POST", "/api/v1/commitments", "finance",
                json{{"signed_on", "2026-03-01"},
                     {"counterparty", "Harbour Builders Pty Ltd"},
                     {"amount", {{"amount", amount}, {"currency", "TWD"}}},
                     {"paid", {{"amount", "0.00"}, {"currency", "TWD"}}},
                     {"budget_line_id", line["id"]}});
  };
  EXPECT_EQ(commitment("10000000.00").status, 201);
  Answer above = commitment("10000000.01");
  ASSERT_EQ(above.status, 202) << above.text;
  EXPECT_EQ(above.body["reason_required"], "amount_above_threshold");
  EXPECT_EQ(above.body["entity"], "commitment");
  EXPECT_EQ(call("GET", "/api/v1/commitments", "finance").body["items"].size(), 1u);
  EXPECT_EQ(decide(above.body, "approve", "finance").status, 403);
  Answer approved = decide(above.body, "approve", "finance2");
  ASSERT_EQ(approved.status, 200) << approved.text;
  json items = call("GET", "/api/v1/commitments", "finance").body["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1]["amount"]["amount"], "10000000.01");
  EXPECT_EQ(journal_of("commitment", items[1]["id"])[0]["approved_by"], "test-finance-2");
}

TEST_P(FourEyesApi, AnApprovalReChecksTheRulesAndARuleThatNoLongerHoldsRefusesIt) {
  // An expenditure above the amount, charged to a purchase...
  json acq = acquisition();
  json line = budget_line();
  Answer made = call("POST", "/api/v1/expenditures", "finance",
                     json{{"on", "2026-03-01"},
                          {"amount", {{"amount", "20000000.00"}, {"currency", "TWD"}}},
                          {"budget_line_id", line["id"]},
                          {"acquisition_id", acq["id"]},
                          {"description", "Sydney office: deposit"}});
  ASSERT_EQ(made.status, 202) << made.text;
  // ...whose purchase is deleted (with its own approval) before the expenditure is approved.
  json now = call("GET", path_of(acq, "acquisitions"), "facilities").body;
  Answer drop = call("DELETE", path_of(acq, "acquisitions"), "facilities", std::nullopt, if_match(now));
  ASSERT_EQ(drop.status, 202) << drop.text;
  ASSERT_EQ(decide(drop.body, "approve", "facilities2").status, 200);
  ASSERT_EQ(call("GET", path_of(acq, "acquisitions"), "facilities").status, 404);

  // The approval runs the rules again: the purchase it names is gone, so nothing applies and
  // the request still waits (to be rejected or withdrawn).
  Answer approved = decide(made.body, "approve", "finance2");
  EXPECT_EQ(approved.status, 422) << approved.text;
  bool named = false;
  for (const json& e : approved.body["errors"]) named = named || e["field"] == "acquisition_id";
  EXPECT_TRUE(named) << approved.text;
  EXPECT_EQ(call("GET", request_path(made.body), "finance").body["status"], "pending");
  EXPECT_TRUE(call("GET", "/api/v1/expenditures", "finance").body["items"].empty());
  EXPECT_EQ(journal_of("change_request", made.body["id"]).size(), 1u);
}

TEST_P(FourEyesApi, ARequestWhoseRecordMovedOnIsStale) {
  Answer later = patch_lease(json{{"end", "2031-06-30"}});
  ASSERT_EQ(later.status, 202) << later.text;
  // Meanwhile someone corrects the lessor's name.
  ASSERT_EQ(patch_lease(json{{"lessor", "Market Street Holdings Ltd"}}).status, 200);
  Answer approved = decide(later.body, "approve", "finance");
  EXPECT_EQ(approved.status, 409) << approved.text;
  json request = call("GET", request_path(later.body), "finance").body;
  EXPECT_EQ(request["status"], "stale");
  EXPECT_EQ(call("GET", path_of(lease_, "leases"), "facilities").body["end"], "2026-06-30");
  EXPECT_EQ(journal_of("change_request", request["id"]).back()["action"], "stale");
}

TEST_P(FourEyesApi, ARejectedDeleteLeavesTheRecordAndNeedsANote) {
  Answer made = call("DELETE", path_of(lease_, "leases"), "facilities", std::nullopt,
                     if_match(lease_));
  ASSERT_EQ(made.status, 202) << made.text;
  EXPECT_EQ(made.body["reason_required"], "register_delete");
  EXPECT_EQ(made.body["approver_role"], "facilities");
  // Deletes are decided by another user of the maker's role.
  EXPECT_EQ(decide(made.body, "reject", "finance", json{{"note", "no"}}).status, 403);
  Answer no_note = decide(made.body, "reject", "facilities2");
  EXPECT_EQ(no_note.status, 422) << no_note.text;
  EXPECT_EQ(no_note.body["errors"][0]["field"], "note");
  Answer rejected =
      decide(made.body, "reject", "facilities2", json{{"note", "the lease is still in force"}});
  ASSERT_EQ(rejected.status, 200) << rejected.text;
  EXPECT_EQ(rejected.body["status"], "rejected");
  EXPECT_EQ(rejected.body["decision_note"], "the lease is still in force");
  EXPECT_EQ(call("GET", path_of(lease_, "leases"), "facilities").status, 200);
  EXPECT_EQ(decide(rejected.body, "approve", "facilities2").status, 409);
  // Nothing but the request and its decision was journalled.
  EXPECT_EQ(journal_of("lease", lease_["id"]).size(), 1u);
}

TEST_P(FourEyesApi, OnlyTheMakerWithdrawsARequest) {
  Answer made = call("DELETE", path_of(mission_, "missions"), "facilities", std::nullopt,
                     if_match(mission_));
  ASSERT_EQ(made.status, 202) << made.text;
  EXPECT_EQ(call("POST", request_path(made.body) + "/withdraw", "facilities2").status, 403);
  Answer withdrawn = call("POST", request_path(made.body) + "/withdraw", "facilities");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.text;
  EXPECT_EQ(withdrawn.body["status"], "withdrawn");
  EXPECT_EQ(decide(withdrawn.body, "approve", "facilities2").status, 409);
  EXPECT_EQ(call("GET", path_of(mission_, "missions"), "facilities").status, 200);
}

TEST_P(FourEyesApi, ListsShowWhatWaitsForWhom) {
  json line = budget_line();
  ASSERT_EQ(expenditure(line, "20000000.00").status, 202);
  ASSERT_EQ(patch_lease(json{{"end", "2031-06-30"}}).status, 202);
  ASSERT_EQ(call("DELETE", path_of(office_, "properties"), "facilities", std::nullopt,
                 if_match(office_))
                .status,
            202);
  auto ids = [&](const std::string& query, const std::string& who) {
    std::vector<std::string> out;
    Answer a = call("GET", "/api/v1/change-requests" + query, who);
    EXPECT_EQ(a.status, 200) << a.text;
    for (const json& item : a.body["items"]) out.push_back(item["reason_required"]);
    return out;
  };
  // Newest first. test-finance made the expenditure: only the lease waits for them.
  using V = std::vector<std::string>;
  EXPECT_EQ(ids("?status=pending&decidable=true", "finance"), V({"lease_extension"}));
  EXPECT_EQ(ids("?status=pending&decidable=true", "finance2"),
            V({"lease_extension", "amount_above_threshold"}));
  EXPECT_EQ(ids("?decidable=true", "facilities2"), V({"register_delete"}));
  EXPECT_EQ(ids("?mine=true", "facilities"), V({"register_delete", "lease_extension"}));
  EXPECT_EQ(ids("", "auditor").size(), 3u);
  EXPECT_EQ(ids("?limit=1", "auditor").size(), 1u);
  EXPECT_EQ(call("GET", "/api/v1/change-requests?status=open", "auditor").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/change-requests?mine=yes", "auditor").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/change-requests", "admin").status, 403);
  EXPECT_EQ(call("GET", "/api/v1/change-requests/999", "auditor").status, 404);
}

TEST_P(FourEyesApi, AnImportWithOneSensitiveRowIsOneRequestForTheWholeFile) {
  budget_line();
  const std::string header =
      "budget_line_code,on,amount,currency,description,project_code,acquisition_code\n";
  const std::string small = "MOFA-PREMISES,2026-03-01,4500000.00,TWD,Sydney office: survey,,\n";
  const std::string large = "MOFA-PREMISES,2026-03-02,12000000.00,TWD,Sydney office: deposit,,\n";
  auto import = [&](const std::string& csv, const char* query) {
    return call_raw("POST", std::string("/api/v1/imports") + query, "finance", csv,
                    {{"Content-Type", "text/csv"}});
  };
  // A dry run reports as before and holds nothing.
  Answer dry = import(header + small + large, "?dry_run=true&sheet=expenditures");
  ASSERT_EQ(dry.status, 200) << dry.text;
  EXPECT_TRUE(dry.body["change_request"].is_null());

  Answer held = import(header + small + large, "?dry_run=false&sheet=expenditures");
  ASSERT_EQ(held.status, 202) << held.text;
  EXPECT_EQ(held.body["applied"], false);
  json request = held.body["change_request"];
  EXPECT_EQ(held.headers["location"], request_path(request));
  EXPECT_EQ(request["entity"], "import");
  EXPECT_EQ(request["action"], "import");
  EXPECT_EQ(request["reason_required"], "amount_above_threshold");
  EXPECT_EQ(request["change"]["changes"].size(), 2u);
  EXPECT_FALSE(request["change"].contains("file"));
  // Neither row was written, not even the small one.
  EXPECT_EQ(call("GET", "/api/v1/expenditures", "finance").body["items"].size(), 0u);

  EXPECT_EQ(decide(request, "approve", "finance").status, 403);
  Answer approved = decide(request, "approve", "finance2");
  ASSERT_EQ(approved.status, 200) << approved.text;
  json items = call("GET", "/api/v1/expenditures", "finance").body["items"];
  ASSERT_EQ(items.size(), 2u);
  for (const json& e : items) {
    json entries = journal_of("expenditure", e["id"]);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0]["actor"], "test-finance");
    EXPECT_EQ(entries[0]["approved_by"], "test-finance-2");
  }
  // A file of small amounts only applies at once.
  const std::string another = "MOFA-PREMISES,2026-04-01,100000.00,TWD,Sydney office: keys,,\n";
  Answer direct = import(header + another, "?dry_run=false&sheet=expenditures");
  ASSERT_EQ(direct.status, 200) << direct.text;
  EXPECT_EQ(direct.body["applied"], true);
}

TEST_P(FourEyesApi, AnImportWhoseRegisterMovedOnIsStale) {
  budget_line();
  const std::string csv =
      "budget_line_code,on,amount,currency,description,project_code,acquisition_code\n"
      "MOFA-PREMISES,2026-03-01,12000000.00,TWD,Sydney office: deposit,,\n";
  Answer held = call_raw("POST", "/api/v1/imports?dry_run=false&sheet=expenditures", "finance",
                         csv, {{"Content-Type", "text/csv"}});
  ASSERT_EQ(held.status, 202) << held.text;
  // Meanwhile the same expenditure (same budget line, day and description: the import's key)
  // is entered by hand and approved: the file would now leave it unchanged, not create it.
  Answer by_hand = expenditure(budget_line_of_test(), "12000000.00", "finance2");
  ASSERT_EQ(by_hand.status, 202);
  ASSERT_EQ(decide(by_hand.body, "approve", "finance").status, 200);
  Answer approved = decide(held.body["change_request"], "approve", "finance2");
  EXPECT_EQ(approved.status, 409) << approved.text;
  EXPECT_EQ(call("GET", request_path(held.body["change_request"]), "finance").body["status"],
            "stale");
}

// --no-approvals: one person's installation, where every change applies when it is made.
class NoApprovalsApi : public FourEyesApi {
 protected:
  std::vector<std::string> server_flags() const override { return {"--no-approvals"}; }
};

TEST_P(NoApprovalsApi, SensitiveChangesApplyAtOnce) {
  json acq = acquisition();
  EXPECT_EQ(stage(acq, "budget_approved", "2025-01-15").status, 200);
  EXPECT_EQ(stage(acq, "contracted", "2025-03-01").status, 200);
  EXPECT_EQ(patch_lease(json{{"end", "2031-06-30"}}).status, 200);
  json line = budget_line();
  EXPECT_EQ(expenditure(line, "20000000.00").status, 201);
  EXPECT_EQ(call("DELETE", path_of(mission_, "missions"), "facilities", std::nullopt,
                 if_match(mission_))
                .status,
            409);  // its property depends on it: the delete's own rule still holds
  EXPECT_EQ(call("GET", "/api/v1/change-requests", "auditor").body["items"].size(), 0u);
  EXPECT_TRUE(journal_of("acquisition", acq["id"]).back()["approved_by"].is_null());
}

ESTATE_API_ON_BOTH_BACKENDS(FourEyesApi);
ESTATE_API_ON_BOTH_BACKENDS(NoApprovalsApi);

}  // namespace
}  // namespace estate::testing
