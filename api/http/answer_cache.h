// AnswerCache keeps the 200 answers of register reads, already serialised, each under the
// journal length read before it was computed: the seq of the newest journal entry of the
// entities the answer depends on (its scope: persistence::journal_length_of), or the whole
// journal's length for an answer without a scope. Every write, by any process, appends to the
// journal in its own transaction, taking the journal head in turn, so while that length is
// unchanged no answer can have changed: a hit costs one index read of the journal instead of
// the record's queries, its JSON tree and its serialisation; a write retires every entry of
// the scopes it wrote to and of the whole journal's, and keeps the others.
// Memory is bounded by max_bytes (0 disables the cache). Thread-safety: all methods may be
// called from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/http/routing.h"

namespace estate::api {

class AnswerCache {
 public:
  explicit AnswerCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  bool enabled() const { return max_bytes_ > 0; }
  // The key of a request: its resource path and its query, in one canonical order.
  static std::string key(const HttpRequest& request);
  // The name of a scope (its entities, joined; "" for the whole journal).
  static std::string scope_name(const std::vector<std::string>& entities);
  // The answer stored under `key` at this journal length, if there is one. A key's scope is
  // always the same (its route and query decide it).
  std::optional<Reply> find(const std::string& key, std::int64_t journal_length);
  // Keeps a 200 answer (serialising its JSON body once) made at `journal_length` of `scope`;
  // answers made at an older length than the newest seen in their scope are not kept, and
  // keeping one made at a newer length drops all others of its scope.
  void store(const std::string& key, const std::string& scope, std::int64_t journal_length,
             Reply& reply);

  struct Stats {
    std::uint64_t hits = 0, misses = 0;
    std::size_t entries = 0, bytes = 0;
  };
  Stats stats();

 private:
  struct Entry {
    std::string scope;
    std::int64_t journal_length;
    Reply reply;
  };
  std::size_t size_of(const std::string& key, const Entry& e) const {
    return key.size() + e.scope.size() + e.reply.raw.size() + sizeof(Entry);
  }
  std::size_t max_bytes_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, std::int64_t> newest_length_;  // by scope
  Stats stats_;
};

}  // namespace estate::api
