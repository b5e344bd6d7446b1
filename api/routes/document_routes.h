// Documents on records: /api/v1/{properties|leases|acquisitions|projects}/{id}/documents —
// POST files one (multipart/form-data with `file` and `kind`, as a browser sends, or the raw
// bytes with their Content-Type and ?filename=&kind=), GET lists them, GET
// …/documents/{doc_id}/content downloads one (Content-Disposition with an RFC 6266 filename*),
// and POST …/documents/{doc_id}/withdraw (If-Match) withdraws one, kept and journalled. The
// type is decided by the bytes: PDF, PNG, JPEG, XLSX or DOCX (a declared type that disagrees
// is a 415); an empty file is a 422, one over the configured size a 413. Facilities file on
// properties and leases, finance on acquisitions and projects; facilities, finance and
// auditors read. Thread-safety: handlers run concurrently; they share only the Store.
#pragma once

#include "api/http/routing.h"
#include "persistence/store.h"

namespace estate::api {

struct DocumentOptions {
  std::size_t max_bytes = 25u << 20;  // the largest document (body of a filing)
};

void add_document_routes(RouteTable& routes, persistence::Store& store, DocumentOptions options);

// The media type the bytes are, by their magic numbers (and, for a zip, whether it holds a
// workbook or a Word document): one of PDF, PNG, JPEG, XLSX, DOCX; nullopt for anything else.
std::optional<std::string> sniff_document_type(const std::string& bytes);

}  // namespace estate::api
