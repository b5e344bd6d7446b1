#include "persistence/journal.h"

#include <openssl/evp.h>
#include <soci/soci.h>

namespace estate::persistence {

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0x0F];
  }
  return out;
}

std::string journal_hash(const JournalEntry& e) {
  // nlohmann::json objects keep keys sorted, and dump() without indent has no spaces: the
  // same entry always serialises to the same bytes.
  nlohmann::json canonical = {
      {"seq", e.seq},       {"at", e.at},         {"actor", e.actor},
      {"action", e.action}, {"entity", e.entity}, {"entity_id", e.entity_id},
      {"before", e.before}, {"after", e.after},   {"prev_hash", e.prev_hash},
  };
  return sha256_hex(canonical.dump());
}

Result<JournalVerification> verify_journal(Database& db) {
  return db.read<JournalVerification>([](soci::session& s) -> Result<JournalVerification> {
    JournalVerification v;
    v.head = kGenesisHash;
    JournalEntry e;
    std::string before_text, after_text;
    soci::indicator before_ind, after_ind;
    soci::statement st =
        (s.prepare << "SELECT seq, at, actor, action, entity, entity_id, before_json, after_json, "
                      "prev_hash, hash FROM journal ORDER BY seq",
         soci::into(e.seq), soci::into(e.at), soci::into(e.actor), soci::into(e.action),
         soci::into(e.entity), soci::into(e.entity_id), soci::into(before_text, before_ind),
         soci::into(after_text, after_ind), soci::into(e.prev_hash), soci::into(e.hash));
    st.execute();
    std::int64_t expected_seq = 1;
    auto fail = [&](std::int64_t seq, std::string problem) {
      v.ok = false;
      v.first_bad_seq = seq;
      v.problem = std::move(problem);
    };
    while (st.fetch()) {
      if (e.seq != expected_seq) {
        fail(expected_seq, "entry " + std::to_string(expected_seq) + " is missing (next is " +
                               std::to_string(e.seq) + ")");
        return v;
      }
      try {
        e.before =
            before_ind == soci::i_null ? nlohmann::json() : nlohmann::json::parse(before_text);
        e.after = after_ind == soci::i_null ? nlohmann::json() : nlohmann::json::parse(after_text);
      } catch (const std::exception&) {
        fail(e.seq, "its before/after is not valid JSON");
        return v;
      }
      if (e.prev_hash != v.head) {
        fail(e.seq, "its prev_hash does not match the previous entry's hash");
        return v;
      }
      if (journal_hash(e) != e.hash) {
        fail(e.seq, "its hash does not match its content");
        return v;
      }
      v.head = e.hash;
      v.entries = e.seq;
      ++expected_seq;
    }
    std::int64_t head_seq = 0;
    std::string head_hash;
    s << "SELECT seq, hash FROM journal_head WHERE id = 1", soci::into(head_seq),
        soci::into(head_hash);
    if (head_seq != v.entries || head_hash != v.head) {
      fail(v.entries + 1, "the journal ends at entry " + std::to_string(v.entries) +
                              " but its head records entry " + std::to_string(head_seq));
    }
    return v;
  });
}

}  // namespace estate::persistence
