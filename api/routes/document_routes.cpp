#include "api/routes/document_routes.h"

#include <cstdio>
#include <cstdlib>

#include "api/exchange/workbook_reader.h"
#include "api/http/multipart.h"
#include "api/http/query_reader.h"
#include "api/routes/openapi.h"
#include "api/routes/register_routes.h"
#include "domain/unicode_text.h"
#include "domain/validation.h"

namespace estate::api {

using nlohmann::json;
using persistence::Store;

namespace {

struct Collection {
  const char* path;    // under /api/v1/
  const char* entity;  // as the journal names it
  const std::vector<Role>* writers;
  const char* type;  // in its operationIds: filePropertyDocument
};

const Collection kCollections[] = {{"properties", "property", &kRegisterWriters, "Property"},
                                   {"leases", "lease", &kRegisterWriters, "Lease"},
                                   {"acquisitions", "acquisition", &kFinanceWriters, "Acquisition"},
                                   {"projects", "project", &kFinanceWriters, "Project"}};

// The OpenAPI operations of a collection's four document routes, in add_document_routes' order.
std::vector<OperationDoc> document_docs(const Collection& c) {
  const std::string writers = roles_text(*c.writers), type = c.type;
  return {
      {"file" + type + "Document",
       "Documents",
       "file a document on the record (" + writers + "); PDF, PNG, JPEG, XLSX or DOCX by its bytes",
       {"filename", "document.kind"},
       "DocumentUpload",
       {{201, "DocumentFiled"}},
       {415},
       "A request without credentials is answered 401, and any other has its credentials, role "
       "and CSRF token checked (401/403), before its body is read. The stored name loses "
       "control, format (bidi) and separator characters and ends in an extension of the type "
       "the bytes are (minutes.html of PDF bytes is minutes.html.pdf)."},
      {"list" + type + "Documents",
       "Documents",
       "the record's documents, withdrawn ones included",
       {},
       "",
       {{200, "DocumentList"}},
       {}},
      {"get" + type + "DocumentContent",
       "Documents",
       "the document's bytes, as an attachment (filename* keeps non-ASCII names)",
       {},
       "",
       {{200, "DocumentContent"}},
       {}},
      {"withdraw" + type + "Document",
       "Documents",
       "withdraw the document (" + writers + "): kept, journalled, status withdrawn",
       {"If-Match"},
       "",
       {{200, "DocumentWithdrawn"}},
       {409}},
  };
}

// XLSX or DOCX by what the zip holds (read in memory with minizip), or nullopt.
std::optional<std::string> office_type(const std::string& bytes) {
  auto zip = exchange::ZipArchive::open(bytes);
  if (!zip.ok()) return std::nullopt;
  if (zip->has("xl/workbook.xml")) return std::string(kXlsx);
  if (zip->has("word/document.xml")) return std::string(kDocx);
  return std::nullopt;
}

Result<DocumentKind> kind_of(const std::optional<std::string>& text) {
  if (!text || text->empty()) return DocumentKind::other;
  if (auto k = parse_enum<DocumentKind>(*text)) return *k;
  return Error::invalid_field("kind", allowed_message<DocumentKind>());
}

// The path's record id, or the 404 a malformed one deserves.
Result<std::int64_t> id_param(const HttpRequest& request, const char* name) {
  auto it = request.params.find(name);
  std::int64_t id = 0;
  bool digits = it != request.params.end() && !it->second.empty() && it->second.size() <= 18;
  if (digits) {
    for (char c : it->second) digits = digits && c >= '0' && c <= '9';
  }
  if (digits) id = std::stoll(it->second);
  if (!digits || id <= 0) return Error::not_found("no such record at " + request.path);
  return id;
}

// What a filing sent: the file's bytes, name, declared type and kind, from either form.
struct Upload {
  std::string bytes, name, declared;
  std::optional<std::string> kind;
};

Result<Upload> read_upload(const HttpRequest& request) {
  const std::string content_type = request.header("content-type").value_or("");
  Upload up;
  if (auto boundary = multipart_boundary(content_type)) {
    QueryReader q(request);
    if (Status s = q.finish(); !s.ok()) return s.error();
    auto parts = parse_multipart(request.body, *boundary);
    if (!parts.ok()) return parts.error();
    bool file = false;
    for (FormPart& p : *parts) {
      if (p.name == "file" && p.filename) {
        file = true;
        up.bytes = std::move(p.data);
        up.name = *p.filename;
        up.declared = p.content_type;
      } else if (p.name == "kind") {
        up.kind = p.data;
      } else {
        return Error::invalid_field(p.name.empty() ? "body" : p.name,
                                    "is not a field of a filing (file, kind)");
      }
    }
    if (!file) return Error::invalid_field("file", "is required: a part named file with a filename");
    return up;
  }
  QueryReader q(request);
  q.require("filename");
  auto name = q.text("filename", 800);
  up.kind = q.text("kind");
  if (Status s = q.finish("the filing's parameters are not valid"); !s.ok()) return s.error();
  if (content_type.empty()) {
    return Error{ErrorKind::invalid, "send the document's own Content-Type", {{"Content-Type", "is required"}}};
  }
  up.bytes = request.body;
  up.name = name.value_or("");
  up.declared = media_type(content_type);
  return up;
}

Reply unsupported(const std::string& detail) {
  return problem_reply(415, detail, {{"file", detail}});
}

Result<Reply> file(Store& store, const Collection& c, std::size_t max_bytes,
                   const HttpRequest& request) {
  auto id = id_param(request, "id");
  if (!id.ok()) return id.error();
  auto up = read_upload(request);
  if (!up.ok()) return up.error();
  // Bidi overrides and invisible characters would make the name read as another file's.
  if (is_valid_utf8(up->name)) up->name = strip_invisible(up->name);
  std::vector<FieldError> errors;
  if (Status s = validate_document_name(up->name); !s.ok())
    errors.push_back({"filename", s.error().fields.empty() ? s.error().message : s.error().fields[0].message});
  auto kind = kind_of(up->kind);
  if (!kind.ok()) errors.push_back({"kind", kind.error().fields[0].message});
  if (up->bytes.empty()) errors.push_back({"file", "is empty"});
  if (!errors.empty()) return Error::invalid("the document is not valid", errors);
  if (up->bytes.size() > max_bytes) {
    return problem_reply(413, "the document is larger than " + std::to_string(max_bytes) + " bytes",
                         {{"file", "is too large"}});
  }
  const auto sniffed = sniff_document_type(up->bytes);
  if (!sniffed)
    return unsupported("only PDF, PNG, JPEG, XLSX and DOCX documents are filed; these bytes are none of them");
  const bool declared_ok = up->declared.empty() || up->declared == "application/octet-stream" ||
                           up->declared == *sniffed;
  if (!declared_ok) {
    return unsupported("the file says it is " + up->declared + " but its bytes are " + *sniffed);
  }
  Document draft;
  draft.entity = c.entity;
  draft.entity_id = *id;
  draft.name = document_file_name(up->name, *sniffed);
  draft.kind = *kind;
  draft.content_type = *sniffed;
  auto filed = store.documents->file(draft, up->bytes, Actor{request.caller.user});
  if (!filed.ok()) return filed.error();
  Reply r;
  r.status = 201;
  r.location = request.path + "/" + std::to_string(filed->id);
  r.version = filed->version;
  r.body = to_json(*filed);
  return r;
}

// The document the path names, on the record the path names (404 otherwise).
Result<Document> named_document(Store& store, const Collection& c, const HttpRequest& request) {
  auto id = id_param(request, "id");
  if (!id.ok()) return id.error();
  auto doc_id = id_param(request, "doc_id");
  if (!doc_id.ok()) return doc_id.error();
  auto d = store.documents->get(*doc_id);
  if (!d.ok()) return d.error();
  if (d->entity != c.entity || d->entity_id != *id)
    return Error::not_found("no document " + std::to_string(*doc_id) + " on this " + c.entity);
  return d;
}

Result<Reply> list(Store& store, const Collection& c, const HttpRequest& request) {
  auto id = id_param(request, "id");
  if (!id.ok()) return id.error();
  auto docs = store.documents->list(c.entity, *id);
  if (!docs.ok()) return docs.error();
  json items = json::array();
  for (const Document& d : *docs) items.push_back(to_json(d));
  Reply r;
  r.body = {{"items", items}, {"next_cursor", nullptr}};
  return r;
}

Result<Reply> content(Store& store, const Collection& c, const HttpRequest& request) {
  auto d = named_document(store, c, request);
  if (!d.ok()) return d.error();
  auto bytes = store.documents->content(d->id);
  if (!bytes.ok()) return bytes.error();
  Reply r;
  r.raw = std::move(*bytes);
  r.content_type = d->content_type;
  r.filename = document_file_name(d->name, d->content_type);  // also for ones filed before
  return r;
}

Result<Reply> withdraw(Store& store, const Collection& c, const HttpRequest& request) {
  auto d = named_document(store, c, request);
  if (!d.ok()) return d.error();
  Reply refusal;
  auto version = expected_version(request, refusal);
  if (!version) return refusal;
  auto done = store.documents->withdraw(d->id, *version, Actor{request.caller.user});
  if (!done.ok()) return done.error();
  Reply r;
  r.version = done->version;
  r.body = to_json(*done);
  return r;
}

}  // namespace

std::optional<std::string> sniff_document_type(const std::string& b) {
  auto starts = [&b](const char* magic, std::size_t n) { return b.size() >= n && b.compare(0, n, magic, n) == 0; };
  if (starts("%PDF-", 5)) return std::string(kPdf);
  if (starts("\x89PNG\r\n\x1a\n", 8)) return std::string(kPng);
  if (starts("\xFF\xD8\xFF", 3)) return std::string(kJpeg);
  if (starts("PK\x03\x04", 4)) return office_type(b);
  return std::nullopt;
}

void add_document_routes(RouteTable& routes, Store& store, DocumentOptions options) {
  Store* s = &store;
  for (const Collection& c : kCollections) {
    const std::string base = std::string("/api/v1/") + c.path + "/:id/documents";
    const std::string one = base + "/:doc_id";
    Route filing{"POST", base, *c.writers, {"filename", "kind"},
                 [s, c, options](const HttpRequest& r) { return file(*s, c, options.max_bytes, r); }};
    const std::vector<OperationDoc> docs = document_docs(c);
    filing.raw_body = true;
    filing.max_body = options.max_bytes + 64 * 1024;  // the multipart framing around a file
    filing.doc = docs[0];
    routes.push_back(filing);
    routes.push_back(documented({"GET",
                                 base,
                                 kRegisterReaders,
                                 {},
                                 [s, c](const HttpRequest& r) { return list(*s, c, r); }},
                                docs[1]));
    routes.push_back(documented({"GET",
                                 one + "/content",
                                 kRegisterReaders,
                                 {},
                                 [s, c](const HttpRequest& r) { return content(*s, c, r); }},
                                docs[2]));
    routes.push_back(documented({"POST",
                                 one + "/withdraw",
                                 *c.writers,
                                 {},
                                 [s, c](const HttpRequest& r) { return withdraw(*s, c, r); }},
                                docs[3]));
  }
}

}  // namespace estate::api
