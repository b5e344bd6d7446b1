// The journal is the append-only, hash-chained record of every change to the store: who
// changed which record, when, and what it looked like before and after (in its API JSON form).
// Entry n's hash is the SHA-256 of a canonical serialisation of entry n including the hash of
// entry n−1, so editing, deleting, inserting or reordering any entry breaks the chain from
// there on. Entries are appended only through WriteTransaction::journal (database.h), inside
// the transaction of the change they record. Thread-safety: free functions on a Database.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "persistence/database.h"

namespace estate::persistence {

using estate::JournalEntry;

// The hash of the chain before its first entry.
inline const std::string kGenesisHash(64, '0');

// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(const std::string& data);

// `bytes` random bytes from the system's generator as lower-case hex: token and session
// secrets, CSRF tokens. Throws when the generator fails (never silently weak).
std::string random_hex(std::size_t bytes);

// SHA-256 over the canonical JSON of the entry's fields seq, at, actor, action, entity,
// entity_id, before, after and prev_hash (keys sorted, no spaces). `entry.hash` is ignored.
std::string journal_hash(const JournalEntry& entry);

using estate::JournalVerification;

// Reads the whole journal in order and checks that seqs run 1, 2, 3, ... without gaps, that
// each entry's prev_hash is the previous entry's hash, that each hash is right, and that the
// recorded head matches the last entry (so a truncated tail is caught too).
Result<JournalVerification> verify_journal(Database& db);

// How many entries the journal holds (the head's seq).
Result<std::int64_t> journal_length(Database& db);
// The seq of the newest entry about any of `entities` ("property", …; 0 when there is none),
// or journal_length when `entities` is empty. Writes take the journal head in turn, so a
// commit never brings an entry older than one already seen: while this number is unchanged,
// no record of these entities has changed, by any process.
Result<std::int64_t> journal_length_of(Database& db, const std::vector<std::string>& entities);

using estate::JournalPage;
using estate::JournalQuery;

// Entries matching `query` with seq > after_seq, at most `limit`.
Result<JournalPage> list_journal(Database& db, const JournalQuery& query);

// History, reconstructed from the journal: the `after` of the last entry for the record at or
// before `at`. Because a write's instant is taken under the journal head and never runs
// backwards (database.cpp), the last entry by seq is the last by time.
//
// The record (entity, id) as it stood at `at`: its JSON, or nullopt when it did not exist yet
// or had been deleted.
Result<std::optional<nlohmann::json>> record_as_of(Database& db, const std::string& entity,
                                                   std::int64_t id, Instant at);
// Every record of `entity` that existed at `at`, in id order.
Result<std::vector<nlohmann::json>> records_as_of(Database& db, const std::string& entity,
                                                  Instant at);

}  // namespace estate::persistence
