#include "persistence/change_requests.h"

#include <soci/soci.h>

#include "persistence/sql_types.h"

namespace estate::persistence {

namespace {

constexpr const char* kColumns =
    "id, status, entity, entity_id, action, change_json, base_version, rule, approver_role, "
    "requested_by, maker_role, requested_at, decided_by, decided_at, decision_note, "
    "applied_entity_id, version";

std::optional<std::int64_t> optional_integer(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return row_integer(r, i);
}
std::optional<std::string> optional_text(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return r.get<std::string>(i);
}

ChangeRequest request_of(const soci::row& r) {
  ChangeRequest c;
  c.id = row_integer(r, 0);
  c.status = stored_enum<ChangeStatus>(r.get<std::string>(1), "change_requests.status");
  c.proposed.entity = r.get<std::string>(2);
  c.proposed.entity_id = optional_integer(r, 3);
  c.proposed.action = r.get<std::string>(4);
  c.proposed.change = nlohmann::json::parse(r.get<std::string>(5), nullptr, false);
  if (c.proposed.change.is_discarded()) c.proposed.change = nullptr;
  c.proposed.base_version = optional_integer(r, 6);
  c.sensitivity.rule = r.get<std::string>(7);
  c.sensitivity.approver = stored_enum<Role>(r.get<std::string>(8), "change_requests.approver_role");
  c.requested_by = r.get<std::string>(9);
  c.maker_role = stored_enum<Role>(r.get<std::string>(10), "change_requests.maker_role");
  c.requested_at = from_sql_instant(r.get<std::string>(11));
  c.decided_by = optional_text(r, 12);
  if (auto at = optional_text(r, 13)) c.decided_at = from_sql_instant(*at);
  c.decision_note = optional_text(r, 14);
  c.applied_entity_id = optional_integer(r, 15);
  c.version = row_integer(r, 16);
  return c;
}

std::optional<ChangeRequest> find(soci::session& s, std::int64_t id) {
  soci::rowset<soci::row> rows =
      (s.prepare << std::string("SELECT ") + kColumns + " FROM change_requests WHERE id = :id",
       soci::use(id));
  for (const soci::row& r : rows) return request_of(r);
  return std::nullopt;
}

Error not_found(std::int64_t id) {
  return Error::not_found("no change request with id " + std::to_string(id));
}

// Every UnitOfWork in this process is a WriteTransaction (SqlTransactions makes them).
WriteTransaction& transaction(UnitOfWork& work) { return dynamic_cast<WriteTransaction&>(work); }

}  // namespace

Result<ChangeRequest> SqlChangeRequests::create(UnitOfWork& work, const ChangeRequest& draft) {
  WriteTransaction& tx = transaction(work);
  soci::session& s = tx.session();
  ChangeRequest c = draft;
  c.status = ChangeStatus::pending;
  c.requested_at = tx.at();
  c.version = 1;
  const std::string status(to_string(c.status)), change = c.proposed.change.dump(),
      approver(to_string(c.sensitivity.approver)), maker_role(to_string(c.maker_role)),
      at = to_sql_instant(c.requested_at);
  std::int64_t entity_id = c.proposed.entity_id.value_or(0),
               base = c.proposed.base_version.value_or(0);
  soci::indicator entity_ind = c.proposed.entity_id ? soci::i_ok : soci::i_null,
                  base_ind = c.proposed.base_version ? soci::i_ok : soci::i_null;
  s << "INSERT INTO change_requests (status, entity, entity_id, action, change_json, "
       "base_version, rule, approver_role, requested_by, maker_role, requested_at, version) "
       "VALUES (:s, :e, :ei, :a, :c, :b, :r, :ar, :rb, :mr, :at, :v)",
      soci::use(status), soci::use(c.proposed.entity), soci::use(entity_id, entity_ind),
      soci::use(c.proposed.action), soci::use(change), soci::use(base, base_ind),
      soci::use(c.sensitivity.rule), soci::use(approver), soci::use(c.requested_by),
      soci::use(maker_role), soci::use(at), soci::use(c.version);
  long long id = 0;
  s.get_last_insert_id("change_requests", id);
  c.id = id;
  tx.journal("create", "change_request", c.id, nullptr, to_json(c));
  return c;
}

Result<ChangeRequest> SqlChangeRequests::decide(UnitOfWork& work, const ChangeRequest& changed,
                                                std::int64_t expected_version,
                                                const std::string& action) {
  WriteTransaction& tx = transaction(work);
  soci::session& s = tx.session();
  auto current = find(s, changed.id);
  if (!current) return not_found(changed.id);
  if (current->version != expected_version) {
    return Error::stale("the change request has changed: it is at version " +
                        std::to_string(current->version));
  }
  ChangeRequest c = *current;
  c.status = changed.status;
  c.decided_by = changed.decided_by;
  c.decided_at = tx.at();
  c.decision_note = changed.decision_note;
  c.applied_entity_id = changed.applied_entity_id;
  c.version = expected_version + 1;
  const std::string status(to_string(c.status)), at = to_sql_instant(*c.decided_at),
      by = c.decided_by.value_or(""), note = c.decision_note.value_or("");
  soci::indicator by_ind = c.decided_by ? soci::i_ok : soci::i_null,
                  note_ind = c.decision_note ? soci::i_ok : soci::i_null,
                  applied_ind = c.applied_entity_id ? soci::i_ok : soci::i_null;
  std::int64_t applied = c.applied_entity_id.value_or(0);
  s << "UPDATE change_requests SET status = :s, decided_by = :b, decided_at = :a, "
       "decision_note = :n, applied_entity_id = :ap, version = :v WHERE id = :id AND version = :old",
      soci::use(status), soci::use(by, by_ind), soci::use(at), soci::use(note, note_ind),
      soci::use(applied, applied_ind), soci::use(c.version), soci::use(c.id),
      soci::use(expected_version);
  tx.journal(action, "change_request", c.id, to_json(*current), to_json(c));
  return c;
}

Result<ChangeRequest> SqlChangeRequests::get(UnitOfWork& work, std::int64_t id) {
  auto found = find(transaction(work).session(), id);
  if (!found) return not_found(id);
  return *found;
}

Result<ChangeRequest> SqlChangeRequests::get(std::int64_t id) {
  return db_->read<ChangeRequest>([&](soci::session& s) -> Result<ChangeRequest> {
    auto found = find(s, id);
    if (!found) return not_found(id);
    return *found;
  });
}

Result<Page<ChangeRequest>> SqlChangeRequests::list(const ChangeRequestFilter& filter,
                                                    const PageRequest& page) {
  return db_->read<Page<ChangeRequest>>([&](soci::session& s) -> Result<Page<ChangeRequest>> {
    std::string sql = std::string("SELECT ") + kColumns + " FROM change_requests WHERE 1 = 1";
    std::vector<std::string> params;
    auto where = [&](const std::string& condition, std::string value) {
      sql += " AND " + condition + " :p" + std::to_string(params.size());
      params.push_back(std::move(value));
    };
    if (filter.status) where("status =", std::string(to_string(*filter.status)));
    if (filter.requested_by) where("requested_by =", *filter.requested_by);
    if (filter.decidable_by) {
      where("status =", "pending");
      where("requested_by <>", filter.decidable_by->first);
      where("approver_role =", std::string(to_string(filter.decidable_by->second)));
    }
    if (page.after_id > 0) sql += " AND id < " + std::to_string(page.after_id);
    sql += " ORDER BY id DESC LIMIT " + std::to_string(page.limit + 1);
    soci::statement st(s);
    soci::row row;
    st.exchange(soci::into(row));
    for (const std::string& p : params) st.exchange(soci::use(p));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute();
    Page<ChangeRequest> out;
    while (st.fetch()) {
      if (out.items.size() == page.limit) {
        out.next_after_id = out.items.back().id;
        break;
      }
      out.items.push_back(request_of(row));
    }
    return out;
  });
}

}  // namespace estate::persistence
