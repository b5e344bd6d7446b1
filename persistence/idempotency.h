// Idempotent creation: a client that retries a POST with the same Idempotency-Key gets the
// first response again instead of a second record. The key, a hash of the request and the
// response are stored in the same transaction as the record they created, so a crash can never
// leave a record without its key or a key without its record. Keys are scoped per caller
// (one user's key never collides with another's) and kept for seven days.
// Thread-safety: free functions on a Database; concurrent calls with one key are serialised by
// the write transaction, so exactly one of them creates.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "persistence/database.h"

namespace estate::persistence {

// Runs `create` once per (scope, key) inside one write transaction (handed to `create` as its
// UnitOfWork) and stores its response. A later call with the same key
// and the same request_hash returns the stored response with replayed = true; with a different
// request_hash it is a conflict. Errors from `create` are returned and nothing is stored, so
// the client may fix the request and retry with the same key.
Result<StoredResponse> create_once(Database& db, const std::string& actor,
                                   const IdempotencyKey& key,
                                   const std::function<Result<StoredResponse>(UnitOfWork&)>& create);

}  // namespace estate::persistence
