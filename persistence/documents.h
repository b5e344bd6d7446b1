// Documents (domain/repository.h) on SQL: a `documents` row per filing and its bytes in
// `document_chunks`, base64 text of at most kChunkBytes raw bytes a row (text, not BLOB, so
// both backends and SOCI's string binding carry any byte unchanged), written with the row and
// its journal entry in one transaction. verify_documents recomputes every document's SHA-256
// from its chunks for the journal's verification.
// Thread-safety: any thread; the database serialises what must be.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "domain/repository.h"
#include "persistence/database.h"

namespace estate::persistence {

inline constexpr std::size_t kChunkBytes = 192 * 1024;

// Bytes as base64 text (RFC 4648, with padding), and back: nullopt when the text is not base64
// (a chunk edited by hand). Stored chunks and an approved import's kept file use them.
std::string to_base64(const std::string& raw);
std::optional<std::string> from_base64(const std::string& text);

// Stored bytes as rows (owner, seq, data) of `table`, the data base64 text of at most
// kChunkBytes raw bytes: written in the caller's transaction on `s`; read back in seq order,
// nullopt when a chunk is not base64 (edited by hand). Documents and issued reports share them.
void write_chunks(soci::session& s, const char* table, const char* owner, std::int64_t id,
                  const std::string& bytes);
std::optional<std::string> read_chunks(soci::session& s, const char* table, const char* owner,
                                       std::int64_t id);

class SqlDocuments final : public Documents {
 public:
  explicit SqlDocuments(std::shared_ptr<Database> db) : db_(std::move(db)) {}
  Result<Document> file(const Document& draft, const std::string& bytes, const Actor& actor) override;
  Result<std::vector<Document>> list(const std::string& entity, std::int64_t entity_id) override;
  Result<Document> get(std::int64_t id) override;
  Result<std::string> content(std::int64_t id) override;
  Result<Document> withdraw(std::int64_t id, std::int64_t expected_version,
                            const Actor& actor) override;

 private:
  std::shared_ptr<Database> db_;
};

// The first document whose stored bytes no longer hash to the SHA-256 its filing journalled:
// that entry's seq and what is wrong; nullopt when every document is intact.
Result<std::optional<std::pair<std::int64_t, std::string>>> verify_documents(Database& db);

}  // namespace estate::persistence
