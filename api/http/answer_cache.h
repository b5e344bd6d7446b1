// AnswerCache keeps the 200 answers of register reads, already serialised, each under the
// journal length (the head's seq) read before it was computed. Every write, by any process,
// appends to the journal in its own transaction, so while the journal length is unchanged no
// answer can have changed: a hit costs one read of the journal head instead of the record's
// queries, its JSON tree and its serialisation; any write anywhere retires every entry.
// Memory is bounded by max_bytes (0 disables the cache). Thread-safety: all methods may be
// called from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "api/http/routing.h"

namespace estate::api {

class AnswerCache {
 public:
  explicit AnswerCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  bool enabled() const { return max_bytes_ > 0; }
  // The key of a request: its resource path and its query, in one canonical order.
  static std::string key(const HttpRequest& request);
  // The answer stored under `key` at this journal length, if there is one.
  std::optional<Reply> find(const std::string& key, std::int64_t journal_length);
  // Keeps a 200 answer (serialising its JSON body once) made at `journal_length`; answers
  // made at an older length than the newest seen are not kept, and keeping one made at a
  // newer length drops all others.
  void store(const std::string& key, std::int64_t journal_length, Reply& reply);

  struct Stats {
    std::uint64_t hits = 0, misses = 0;
    std::size_t entries = 0, bytes = 0;
  };
  Stats stats();

 private:
  struct Entry {
    std::int64_t journal_length;
    Reply reply;
  };
  std::size_t max_bytes_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::int64_t newest_length_ = -1;
  Stats stats_;
};

}  // namespace estate::api
