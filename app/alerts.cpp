#include "app/alerts.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/lease_events.h"
#include "domain/change_request.h"
#include "domain/time_zone.h"
#include "reports/lease_events.h"

namespace estate::app {

namespace {

std::string base64(const std::string& raw) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < raw.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(raw[i]) << 16) |
                       (static_cast<unsigned char>(raw[i + 1]) << 8) |
                       static_cast<unsigned char>(raw[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += table[(n >> k) & 63];
  }
  if (i < raw.size()) {
    unsigned n = static_cast<unsigned char>(raw[i]) << 16;
    if (i + 1 < raw.size()) n |= static_cast<unsigned char>(raw[i + 1]) << 8;
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += i + 1 < raw.size() ? table[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// One reminder in a digest: its claims and its line in each language.
struct Item {
  std::vector<AlertClaim> claims;
  std::string zh, en, link;
  bool acknowledgeable = false;
};

const std::map<std::string, std::pair<const char*, const char*>> kEvents = {
    {"expiry", {"租期屆滿", "lease expiry"}},
    {"notice_deadline", {"通知期限", "notice deadline"}},
    {"renewal_option", {"續租選擇權行使期限", "renewal option: exercise by"}},
    {"break_option", {"提前終止選擇權行使期限", "break option: exercise by"}},
    {"rent_review", {"租金調整", "rent review"}},
};

const std::map<std::string, std::pair<const char*, const char*>> kRules = {
    {kRuleStageMove, {"購置案階段變更", "purchase stage move"}},
    {kRuleLeaseExtension, {"租期延長", "lease extension"}},
    {kRuleRentIncrease, {"租金調漲", "rent increase"}},
    {kRuleAmountAboveThreshold, {"金額超過核准門檻", "amount above the approval amount"}},
    {kRuleRegisterDelete, {"刪除登錄資料", "deletion of a register record"}},
};

const std::map<std::string, std::pair<const char*, const char*>> kEntities = {
    {"mission", {"館處", "mission"}},         {"property", {"館產", "property"}},
    {"lease", {"租約", "lease"}},             {"acquisition", {"購置案", "acquisition"}},
    {"fx_rate", {"匯率", "FX rate"}},         {"budget_line", {"預算科目", "budget line"}},
    {"appropriation", {"法定預算", "appropriation"}}, {"expenditure", {"實支數", "expenditure"}},
    {"commitment", {"契約承諾", "commitment"}}, {"project", {"營建工程", "project"}},
    {"progress", {"進度報告", "progress report"}}, {"import", {"匯入", "import"}},
};

template <class Map>
std::pair<std::string, std::string> words(const Map& map, const std::string& key) {
  auto it = map.find(key);
  if (it == map.end()) return {key, key};
  return {it->second.first, it->second.second};
}

// The lease events due at a lead time, not acknowledged, for facilities users.
Result<std::vector<Item>> lease_items(persistence::Store& store, const AlertOptions& options,
                                      Date today, const std::set<std::string>& acknowledged) {
  // The report's own inputs and rule: a lease a purchase replaced raises nothing after the
  // purchase is occupied, in e-mail as in the report and the calendar feed.
  auto in = lease_event_inputs(store);
  if (!in.ok()) return in.error();
  const int widest = *std::max_element(options.lead_days.begin(), options.lead_days.end());
  std::map<std::int64_t, const Property*> property_of;
  for (const Property& p : in->properties) property_of[p.id.value()] = &p;
  std::map<std::int64_t, const Mission*> mission_of;
  for (const Mission& m : in->missions) mission_of[m.id.value()] = &m;
  std::vector<Item> out;
  for (const auto& e : lease_events(*in, today, widest)) {
    const std::string key = reports::event_key(e);
    if (acknowledged.count(key)) continue;
    Item item;
    for (int lead : options.lead_days)
      if (e.days_left <= lead) item.claims.push_back({key, lead});
    if (item.claims.empty()) continue;
    const Property* p = property_of.count(e.property_id.value()) ? property_of[e.property_id.value()] : nullptr;
    const Mission* m = e.mission_id && mission_of.count(e.mission_id->value()) ? mission_of[e.mission_id->value()] : nullptr;
    auto zone = TimeZone::of(e.time_zone);
    const std::string deadline = zone.ok() ? zone->local_text(e.deadline_utc) : format_instant(e.deadline_utc);
    const auto [zh, en] = words(kEvents, e.event);
    const std::string where_zh = (m ? m->name_zh : std::string("國內")) + "・" + (p ? p->code + " " + p->name : "");
    const std::string where_en = (m ? m->code : std::string("domestic")) + " · " + (p ? p->code + " " + p->name : "");
    item.link = options.public_url + "/#/leases/" + std::to_string(e.lease_id.value());
    item.zh = where_zh + "：" + zh + " " + format_date(e.date) + "（尚餘 " +
              std::to_string(e.days_left) + " 日），期限 " + deadline;
    item.en = where_en + ": " + en + " on " + format_date(e.date) + " (" +
              std::to_string(e.days_left) + " days), deadline " + deadline;
    item.acknowledgeable = true;
    out.push_back(std::move(item));
  }
  return out;
}

// Every pending change request, with the role that decides it and its maker.
Result<std::vector<ChangeRequest>> pending_requests(persistence::Store& store) {
  std::vector<ChangeRequest> out;
  ChangeRequestFilter filter;
  filter.status = ChangeStatus::pending;
  for (PageRequest page{500, 0};;) {
    auto found = store.change_requests->list(filter, page);
    if (!found.ok()) return found.error();
    for (ChangeRequest& c : found->items) out.push_back(std::move(c));
    if (!found->next_after_id) return out;
    page.after_id = *found->next_after_id;
  }
}

Item request_item(const ChangeRequest& r, const AlertOptions& options) {
  Item item;
  item.claims.push_back({"change_request:" + std::to_string(r.id), 0});
  const auto [zh, en] = words(kRules, r.sensitivity.rule);
  const auto [entity_zh, entity_en] = words(kEntities, r.proposed.entity);
  const std::string id = r.proposed.entity_id ? " " + std::to_string(*r.proposed.entity_id) : "";
  item.link = options.public_url + "/#/approvals/" + std::to_string(r.id);
  item.zh = "變更申請 " + std::to_string(r.id) + "（" + zh + "，" + entity_zh + id + "），申請人 " +
            r.requested_by + "，待您核決";
  item.en = "Change request " + std::to_string(r.id) + " (" + en + ", " + entity_en + id + ") by " +
            r.requested_by + " waits for your decision";
  return item;
}

std::string digest_text(const std::vector<const Item*>& items,
                        const std::map<std::string, std::string>& tokens,
                        const AlertOptions& options) {
  auto ack = [&](const Item& i) -> std::string {
    auto t = tokens.find(i.claims.front().event_key);
    if (!i.acknowledgeable || t == tokens.end()) return "";
    return options.public_url + "/alerts/ack/" + t->second;
  };
  std::string zh = "駐外館產管理系統提醒您下列事項：\n\n", en = "Mission Estate reminds you of:\n\n";
  for (const Item* i : items) {
    zh += "- " + i->zh + "\n  " + i->link + "\n";
    en += "- " + i->en + "\n  " + i->link + "\n";
    if (const std::string a = ack(*i); !a.empty()) {
      zh += "  不再提醒此事項：" + a + "\n";
      en += "  Stop reminders of this: " + a + "\n";
    }
  }
  return zh + "\n" + en;
}

}  // namespace

std::string mail_message(const std::string& from, const std::string& to, const std::string& subject,
                         const std::string& text, Instant at) {
  const auto seconds = date::floor<std::chrono::seconds>(at);
  std::string body = base64(text), wrapped;
  for (std::size_t i = 0; i < body.size(); i += 76) wrapped += body.substr(i, 76) + "\r\n";
  return "From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: =?UTF-8?B?" + base64(subject) +
         "?=\r\nDate: " + date::format("%a, %d %b %Y %H:%M:%S +0000", seconds) +
         "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" + wrapped;
}

Result<AlertRun> run_alerts(persistence::Store& store, Mailer& mailer, const AlertOptions& options,
                            Date today) {
  auto recipients = store.alerts->recipients();
  if (!recipients.ok()) return recipients.error();
  auto acknowledged = store.alerts->acknowledged();
  if (!acknowledged.ok()) return acknowledged.error();
  auto leases = lease_items(store, options, today, *acknowledged);
  if (!leases.ok()) return leases.error();
  auto requests = pending_requests(store);
  if (!requests.ok()) return requests.error();

  AlertRun run;
  std::optional<Error> first_error;
  for (const AlertRecipient& who : *recipients) {
    if (who.role != Role::facilities && who.role != Role::finance) continue;  // auditors, admins: none
    std::vector<Item> items;
    if (who.role == Role::facilities) items = *leases;
    for (const ChangeRequest& r : *requests) {
      if (r.sensitivity.approver == who.role && r.requested_by != who.user)
        items.push_back(request_item(r, options));
    }
    std::vector<AlertClaim> claims;
    for (const Item& i : items) claims.insert(claims.end(), i.claims.begin(), i.claims.end());
    if (claims.empty()) continue;
    int sent_items = 0;
    auto sent = store.alerts->deliver(
        who.user, claims,
        [&](const std::vector<AlertClaim>& kept, const std::map<std::string, std::string>& tokens) -> Status {
          std::set<std::string> keys;
          for (const AlertClaim& c : kept) keys.insert(c.event_key);
          std::vector<const Item*> chosen;
          for (const Item& i : items)
            if (keys.count(i.claims.front().event_key)) chosen.push_back(&i);
          sent_items = static_cast<int>(chosen.size());
          const std::string subject = "駐外館產管理提醒 " + std::to_string(chosen.size()) +
                                      " 項 · Mission Estate: " + std::to_string(chosen.size()) +
                                      (chosen.size() == 1 ? " reminder" : " reminders");
          return mailer.send(options.mail_from, who.email,
                             mail_message(options.mail_from, who.email, subject,
                                          digest_text(chosen, tokens, options), now()));
        });
    if (!sent.ok()) {
      if (!first_error) first_error = sent.error();
      continue;
    }
    if (*sent > 0) {
      ++run.messages;
      run.items += sent_items;
    }
  }
  if (first_error) return *first_error;
  return run;
}

}  // namespace estate::app
