#include "persistence/documents.h"

#include <openssl/evp.h>
#include <soci/soci.h>

#include "domain/json_codec.h"
#include "persistence/journal.h"
#include "persistence/sql_types.h"

namespace estate::persistence {

std::string to_base64(const std::string& raw) {
  std::string out(4 * ((raw.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(raw.data()),
                                static_cast<int>(raw.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> from_base64(const std::string& text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out(3 * text.size() / 4, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  std::size_t padding = 0;
  if (!text.empty() && text.back() == '=') ++padding;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++padding;
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

void write_chunks(soci::session& s, const char* table, const char* owner, std::int64_t id,
                  const std::string& bytes) {
  const std::string sql = std::string("INSERT INTO ") + table + " (" + owner +
                          ", seq, data) VALUES (:d, :s, :x)";
  for (std::size_t offset = 0, seq = 0; offset < bytes.size(); offset += kChunkBytes, ++seq) {
    const std::string data = to_base64(bytes.substr(offset, kChunkBytes));
    const int n = static_cast<int>(seq);
    s << sql, soci::use(id), soci::use(n), soci::use(data);
  }
}

std::optional<std::string> read_chunks(soci::session& s, const char* table, const char* owner,
                                       std::int64_t id) {
  std::string out;
  soci::rowset<soci::row> rows = (s.prepare << std::string("SELECT data FROM ") + table +
                                                   " WHERE " + owner + " = :id ORDER BY seq",
                                  soci::use(id));
  for (const soci::row& r : rows) {
    auto raw = from_base64(r.get<std::string>(0));
    if (!raw) return std::nullopt;
    out += *raw;
  }
  return out;
}

namespace {

constexpr const char* kColumns =
    "id, entity, entity_id, name, kind, content_type, bytes, sha256, uploaded_by, uploaded_at, "
    "status, version";

Document document_of(const soci::row& r) {
  Document d;
  d.id = row_integer(r, 0);
  d.entity = r.get<std::string>(1);
  d.entity_id = row_integer(r, 2);
  d.name = r.get<std::string>(3);
  d.kind = stored_enum<DocumentKind>(r.get<std::string>(4), "documents.kind");
  d.content_type = r.get<std::string>(5);
  d.bytes = row_integer(r, 6);
  d.sha256 = r.get<std::string>(7);
  d.uploaded_by = r.get<std::string>(8);
  d.uploaded_at = from_sql_instant(r.get<std::string>(9));
  d.status = stored_enum<DocumentStatus>(r.get<std::string>(10), "documents.status");
  d.version = row_integer(r, 11);
  return d;
}

std::optional<Document> find(soci::session& s, std::int64_t id) {
  soci::rowset<soci::row> rows =
      (s.prepare << std::string("SELECT ") + kColumns + " FROM documents WHERE id = :id", soci::use(id));
  for (const soci::row& r : rows) return document_of(r);
  return std::nullopt;
}

// The bytes of document `id`, from its chunks in order; nullopt when a chunk is not base64.
std::optional<std::string> bytes_of(soci::session& s, std::int64_t id) {
  return read_chunks(s, "document_chunks", "document_id", id);
}

// The tables documents may be filed on, by entity.
const char* table_of(const std::string& entity) {
  if (entity == "property") return "properties";
  if (entity == "lease") return "leases";
  if (entity == "acquisition") return "acquisitions";
  if (entity == "project") return "projects";
  return nullptr;
}

}  // namespace

Result<Document> SqlDocuments::file(const Document& draft, const std::string& bytes,
                                    const Actor& actor) {
  const char* parent = table_of(draft.entity);
  if (!parent) return Error::invalid_field("entity", "documents are filed on properties, leases, acquisitions and projects");
  const std::string sha = sha256_hex(bytes);
  return db_->write<Document>(actor.name, [&](WriteTransaction& tx) -> Result<Document> {
    soci::session& s = tx.session();
    int found = 0;
    s << std::string("SELECT COUNT(*) FROM ") + parent + " WHERE id = :id", soci::use(draft.entity_id),
        soci::into(found);
    if (found == 0)
      return Error::not_found("no " + draft.entity + " with id " + std::to_string(draft.entity_id));
    Document d = draft;
    d.bytes = static_cast<std::int64_t>(bytes.size());
    d.sha256 = sha;
    d.uploaded_by = actor.name;
    d.uploaded_at = tx.at();
    d.status = DocumentStatus::filed;
    d.version = 1;
    const std::string kind(to_string(d.kind)), status(to_string(d.status)),
        at = to_sql_instant(tx.at());
    s << "INSERT INTO documents (entity, entity_id, name, kind, content_type, bytes, sha256, "
         "uploaded_by, uploaded_at, status, version) VALUES (:e, :ei, :n, :k, :c, :b, :h, :u, "
         ":a, :s, :v)",
        soci::use(d.entity), soci::use(d.entity_id), soci::use(d.name), soci::use(kind),
        soci::use(d.content_type), soci::use(d.bytes), soci::use(d.sha256),
        soci::use(d.uploaded_by), soci::use(at), soci::use(status), soci::use(d.version);
    long long id = 0;
    s.get_last_insert_id("documents", id);
    d.id = id;
    write_chunks(s, "document_chunks", "document_id", d.id, bytes);
    tx.journal("create", "document", d.id, nullptr, to_json(d));
    return d;
  });
}

Result<std::vector<Document>> SqlDocuments::list(const std::string& entity, std::int64_t entity_id) {
  return db_->read<std::vector<Document>>([&](soci::session& s) -> Result<std::vector<Document>> {
    std::vector<Document> out;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string("SELECT ") + kColumns +
                          " FROM documents WHERE entity = :e AND entity_id = :i ORDER BY id",
         soci::use(entity), soci::use(entity_id));
    for (const soci::row& r : rows) out.push_back(document_of(r));
    return out;
  });
}

Result<Document> SqlDocuments::get(std::int64_t id) {
  return db_->read<Document>([&](soci::session& s) -> Result<Document> {
    auto d = find(s, id);
    if (!d) return Error::not_found("no document with id " + std::to_string(id));
    return *d;
  });
}

Result<std::string> SqlDocuments::content(std::int64_t id) {
  return db_->read<std::string>([&](soci::session& s) -> Result<std::string> {
    if (!find(s, id)) return Error::not_found("no document with id " + std::to_string(id));
    auto bytes = bytes_of(s, id);
    if (!bytes) return Error::internal("the stored bytes of document " + std::to_string(id) + " are damaged");
    return *bytes;
  });
}

Result<Document> SqlDocuments::withdraw(std::int64_t id, std::int64_t expected_version,
                                        const Actor& actor) {
  return db_->write<Document>(actor.name, [&](WriteTransaction& tx) -> Result<Document> {
    auto current = find(tx.session(), id);
    if (!current) return Error::not_found("no document with id " + std::to_string(id));
    if (current->version != expected_version) {
      return Error::stale("the document has changed: it is at version " +
                          std::to_string(current->version));
    }
    if (current->status == DocumentStatus::withdrawn)
      return Error::conflict("the document is already withdrawn");
    Document d = *current;
    d.status = DocumentStatus::withdrawn;
    d.version += 1;
    const std::string status(to_string(d.status));
    tx.session() << "UPDATE documents SET status = :s, version = :v WHERE id = :id AND version = :old",
        soci::use(status), soci::use(d.version), soci::use(id), soci::use(expected_version);
    tx.journal("update", "document", id, to_json(*current), to_json(d));
    return d;
  });
}

Result<std::optional<std::pair<std::int64_t, std::string>>> verify_documents(Database& db) {
  using Found = std::optional<std::pair<std::int64_t, std::string>>;
  return db.read<Found>([&](soci::session& s) -> Result<Found> {
    // What each filing journalled: the document id, its seq and the SHA-256 then.
    std::vector<std::tuple<std::int64_t, std::int64_t, std::string>> filed;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT seq, entity_id, after_json FROM journal WHERE entity = 'document' "
                      "AND action = 'create' ORDER BY seq");
    for (const soci::row& r : rows) {
      auto after = nlohmann::json::parse(r.get<std::string>(2), nullptr, false);
      std::string sha = after.is_object() ? after.value("sha256", "") : "";
      filed.emplace_back(row_integer(r, 0), row_integer(r, 1), sha);
    }
    for (const auto& [seq, id, journalled] : filed) {
      auto bytes = bytes_of(s, id);
      const std::string what = "document " + std::to_string(id);
      if (!bytes) return Found({seq, what + ": a stored chunk is not what was written"});
      if (sha256_hex(*bytes) != journalled) {
        return Found({seq, what + ": its stored bytes no longer match the SHA-256 journalled "
                                  "when it was filed"});
      }
    }
    return Found();
  });
}

}  // namespace estate::persistence
