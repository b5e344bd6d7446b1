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

void AnswerCache::store(const std::string& key, std::int64_t journal_length, Reply& reply) {
  if (!enabled() || reply.status != 200) return;
  if (!reply.body.is_null()) {
    reply.raw = dump_json(reply.body);
    reply.body = nullptr;
    if (reply.content_type.empty()) reply.content_type = "application/json";
  }
  const std::size_t size = key.size() + reply.raw.size() + sizeof(Entry);
  if (size > max_bytes_ / 8) return;  // one answer never crowds out the rest
  std::lock_guard<std::mutex> lock(mutex_);
  if (journal_length < newest_length_) return;
  if (journal_length > newest_length_ || stats_.bytes + size > max_bytes_) {
    entries_.clear();  // answers made before a write are of no further use
    stats_.bytes = 0;
    newest_length_ = journal_length;
  }
  auto [it, inserted] = entries_.try_emplace(key, Entry{journal_length, reply});
  if (!inserted) {
    stats_.bytes -= it->first.size() + it->second.reply.raw.size() + sizeof(Entry);
    it->second = Entry{journal_length, reply};
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
