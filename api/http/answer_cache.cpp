#include "api/http/answer_cache.h"

namespace estate::api {

std::string AnswerCache::key(const HttpRequest& request) {
  std::string k = request.path;
  char sep = '?';
  for (const auto& [name, value] : request.query) {  // std::map: sorted by name
    k += sep + name + '=' + value;
    sep = '&';
  }
  return k;
}

std::optional<Reply> AnswerCache::find(const std::string& key, std::int64_t journal_length) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.journal_length != journal_length) {
    ++stats_.misses;
    return std::nullopt;
  }
  ++stats_.hits;
  return it->second.reply;
}

std::string AnswerCache::scope_name(const std::vector<std::string>& entities) {
  std::string name;
  for (const std::string& e : entities) name += (name.empty() ? "" : ",") + e;
  return name;
}

void AnswerCache::store(const std::string& key, const std::string& scope,
                        std::int64_t journal_length, Reply& reply) {
  if (!enabled() || reply.status != 200) return;
  if (!reply.body.is_null()) {
    reply.raw = dump_json(reply.body);
    reply.body = nullptr;
    if (reply.content_type.empty()) reply.content_type = "application/json";
  }
  Entry entry{scope, journal_length, reply};
  const std::size_t size = size_of(key, entry);
  if (size > max_bytes_ / 8) return;  // one answer never crowds out the rest
  std::lock_guard<std::mutex> lock(mutex_);
  auto newest = newest_length_.try_emplace(scope, journal_length).first;
  if (journal_length < newest->second) return;
  if (journal_length > newest->second) {
    // Answers of this scope made before a write are of no further use.
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (it->second.scope == scope) {
        stats_.bytes -= size_of(it->first, it->second);
        it = entries_.erase(it);
      } else {
        ++it;
      }
    }
    newest->second = journal_length;
  }
  if (stats_.bytes + size > max_bytes_) {
    entries_.clear();
    stats_.bytes = 0;
  }
  auto [it, inserted] = entries_.try_emplace(key, std::move(entry));
  if (!inserted) {
    stats_.bytes -= size_of(it->first, it->second);
    it->second = Entry{scope, journal_length, reply};
  }
  stats_.bytes += size;
  stats_.entries = entries_.size();
}

AnswerCache::Stats AnswerCache::stats() {
  std::lock_guard<std::mutex> lock(mutex_);
  stats_.entries = entries_.size();
  return stats_;
}

}  // namespace estate::api
