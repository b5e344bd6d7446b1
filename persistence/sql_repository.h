// SqlRepository implements a domain Repository port once for every register entity. What is
// the same for all of them — the write transaction, the journal entry, the version check, the
// unique-code check, keyset pagination — lives here; what differs (table, columns, child
// tables, references) lives in a Table class per entity (register_tables.h).
//
// A Table provides:
//   using Entity, Id, Filter;  static constexpr const char* kEntity ("mission"), kTable;
//   static constexpr bool kHasCode;
//   std::int64_t insert(soci::session&, const Entity&)          returns the new id
//   void update_row(soci::session&, const Entity&)
//   void write_children(soci::session&, const Entity&, bool replacing)
//   Status check_references(soci::session&, const Entity&)      invalid, naming the field
//   std::optional<std::string> dependents(soci::session&, Id)   why it cannot be deleted
//   std::vector<Entity> load(soci::session&, const std::vector<std::int64_t>& ids)
//   std::vector<std::int64_t> list_ids(soci::session&, const Filter&, std::int64_t after,
//                                      std::size_t limit)
#pragma once

#include <soci/soci.h>

#include <algorithm>
#include <memory>

#include "domain/json_codec.h"
#include "domain/repository.h"
#include "domain/result_macros.h"
#include "persistence/database.h"

namespace estate::persistence {

template <class Table>
class SqlRepository final
    : public Repository<typename Table::Entity, typename Table::Id, typename Table::Filter> {
 public:
  using Entity = typename Table::Entity;
  using Id = typename Table::Id;
  using Filter = typename Table::Filter;

  explicit SqlRepository(std::shared_ptr<Database> db) : db_(std::move(db)) {}

  Result<Entity> create(const Entity& draft, const Actor& actor) override {
    return db_->write<Entity>(actor.name,
                              [&](WriteTransaction& tx) { return create(tx, draft); });
  }

  using Repository<Entity, Id, Filter>::update;
  Result<Entity> update(const Entity& changed, std::int64_t expected_version, const Actor& actor,
                        const std::string& action) override {
    return db_->write<Entity>(actor.name, [&](WriteTransaction& tx) {
      return update(tx, changed, expected_version, action);
    });
  }

  Status remove(Id id, std::int64_t expected_version, const Actor& actor) override {
    auto r = db_->write<bool>(actor.name, [&](WriteTransaction& tx) -> Result<bool> {
      RETURN_IF_ERROR(remove(tx, id, expected_version));
      return true;
    });
    RETURN_IF_ERROR(r);
    return {};
  }

  Result<Entity> create(UnitOfWork& work, const Entity& draft) override {
    WriteTransaction& tx = transaction(work);
    Entity e = draft;
    e.meta = RecordMeta{1, tx.at(), tx.at()};
    RETURN_IF_ERROR(check(tx.session(), e));
    e.id = Id(Table::insert(tx.session(), e));
    Table::write_children(tx.session(), e, false);
    tx.journal("create", Table::kEntity, e.id.value(), nullptr, to_json(e));
    return e;
  }

  Result<Entity> update(UnitOfWork& work, const Entity& changed, std::int64_t expected_version,
                        const std::string& action) override {
    WriteTransaction& tx = transaction(work);
    ASSIGN_OR_RETURN(const Entity current, load_one(tx.session(), changed.id));
    if (current.meta.version != expected_version) return stale(current);
    Entity e = changed;
    e.meta = RecordMeta{expected_version + 1, current.meta.created_at, tx.at()};
    RETURN_IF_ERROR(check(tx.session(), e));
    Table::update_row(tx.session(), e);
    Table::write_children(tx.session(), e, true);
    tx.journal(action, Table::kEntity, e.id.value(), to_json(current), to_json(e));
    return e;
  }

  Status remove(UnitOfWork& work, Id id, std::int64_t expected_version) override {
    WriteTransaction& tx = transaction(work);
    ASSIGN_OR_RETURN(const Entity current, load_one(tx.session(), id));
    if (current.meta.version != expected_version) return stale(current);
    if (auto why = Table::dependents(tx.session(), id)) return Error::conflict(*why);
    std::int64_t raw = id.value();
    tx.session() << "DELETE FROM " + std::string(Table::kTable) + " WHERE id = :id",
        soci::use(raw);
    tx.journal("delete", Table::kEntity, raw, to_json(current), nullptr);
    return {};
  }

  Result<Entity> get(UnitOfWork& work, Id id) override {
    return load_one(transaction(work).session(), id);
  }

  Result<Entity> get(Id id) override {
    return db_->read<Entity>([&](soci::session& s) { return load_one(s, id); });
  }

  Result<std::vector<Entity>> get_many(const std::vector<Id>& ids) override {
    std::vector<std::int64_t> wanted;
    for (Id id : ids) wanted.push_back(id.value());
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    return db_->read<std::vector<Entity>>([&](soci::session& s) -> Result<std::vector<Entity>> {
      constexpr std::size_t kBatch = 1000;  // keeps each IN (…) list a sane length
      std::vector<Entity> out;
      for (std::size_t i = 0; i < wanted.size(); i += kBatch) {
        std::vector<std::int64_t> batch(
            wanted.begin() + static_cast<std::ptrdiff_t>(i),
            wanted.begin() + static_cast<std::ptrdiff_t>(std::min(wanted.size(), i + kBatch)));
        for (Entity& e : Table::load(s, batch)) out.push_back(std::move(e));
      }
      for (std::size_t i = 0; i < wanted.size(); ++i) {
        if (i >= out.size() || out[i].id.value() != wanted[i]) {
          return Error::not_found(
              {MessageCode::record_not_found_id, {Table::kEntity, std::to_string(wanted[i])}});
        }
      }
      return out;
    });
  }

  Result<Page<Entity>> list(const Filter& filter, const PageRequest& page) override {
    return db_->read<Page<Entity>>([&](soci::session& s) -> Result<Page<Entity>> {
      std::size_t limit = page.limit == 0 ? 1 : page.limit;
      auto ids = Table::list_ids(s, filter, page.after_id, limit + 1);
      Page<Entity> out;
      if (ids.size() > limit) {
        ids.resize(limit);
        out.next_after_id = ids.back();
      }
      out.items = Table::load(s, ids);
      return out;
    });
  }

  Result<std::int64_t> count() override {
    return db_->read<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
      std::int64_t n = 0;
      s << "SELECT COUNT(*) FROM " + std::string(Table::kTable), soci::into(n);
      return n;
    });
  }

 private:
  static Result<Entity> load_one(soci::session& s, Id id) {
    auto found = Table::load(s, {id.value()});
    if (found.empty()) {
      return Error::not_found(
          {MessageCode::record_not_found_id, {Table::kEntity, std::to_string(id.value())}});
    }
    return found.front();
  }

  // Every UnitOfWork in this process is a WriteTransaction (SqlTransactions makes them).
  static WriteTransaction& transaction(UnitOfWork& work) {
    return dynamic_cast<WriteTransaction&>(work);
  }

  static Error stale(const Entity& current) {
    return Error::stale(
          {MessageCode::record_changed, {Table::kEntity, std::to_string(current.meta.version)}});
  }

  // The domain rules (validate) and then the rules across records, for every create and
  // update whichever layer asks for it, so no path can store a record the rules refuse.
  static Status check(soci::session& s, const Entity& e) {
    if (auto errors = validate(e); !errors.empty()) {
      return Error::invalid({MessageCode::record_invalid, {Table::kEntity}}, std::move(errors));
    }
    if (Status refs = Table::check_references(s, e); !refs.ok()) return refs;
    if constexpr (Table::kHasCode) {
      std::int64_t other = 0;
      std::string code = e.code;
      s << "SELECT id FROM " + std::string(Table::kTable) + " WHERE code = :code", soci::use(code),
          soci::into(other);
      if (s.got_data() && other != e.id.value()) {
        return Error::conflict(
            {MessageCode::code_in_use, {e.code, Table::kEntity, std::to_string(other)}});
      }
    }
    return {};
  }

  std::shared_ptr<Database> db_;
};

}  // namespace estate::persistence
