#include "api/exchange/workbook_reader.h"

#include <expat.h>
#include <iconv.h>
#include <minizip/unzip.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>

#include "domain/validation.h"

namespace estate::exchange {

namespace {

Error file_error(const std::string& message) { return Error::invalid_field("file", message); }

// ---- minizip over a buffer: the seven callbacks its ioapi asks for ----

struct MemoryFile {
  const std::string* bytes = nullptr;
  ZPOS64_T at = 0;
};

voidpf mem_open(voidpf opaque, const void*, int) { return opaque; }
uLong mem_read(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const ZPOS64_T left = f->bytes->size() > f->at ? f->bytes->size() - f->at : 0;
  const uLong n = static_cast<uLong>(std::min<ZPOS64_T>(size, left));
  std::memcpy(buf, f->bytes->data() + f->at, n);
  f->at += n;
  return n;
}
uLong mem_write(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T mem_tell(voidpf, voidpf stream) { return static_cast<MemoryFile*>(stream)->at; }
long mem_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                  : origin == ZLIB_FILEFUNC_SEEK_CUR ? f->at
                                                     : f->bytes->size();
  if (base + offset > f->bytes->size()) return -1;
  f->at = base + offset;
  return 0;
}
int mem_close(voidpf, voidpf) { return 0; }
int mem_error(voidpf, voidpf) { return 0; }

// The local part of an XML name: "x:row" → "row".
std::string local(const XML_Char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

const char* attribute(const XML_Char** atts, const char* wanted, bool any_prefix = false) {
  for (int i = 0; atts[i]; i += 2) {
    if (std::strcmp(atts[i], wanted) == 0) return atts[i + 1];
    if (any_prefix) {
      const char* colon = std::strrchr(atts[i], ':');
      if (colon && std::strcmp(colon + 1, wanted) == 0) return atts[i + 1];
    }
  }
  return nullptr;
}

// One XML part parsed by expat as it unzips. A document type declaration stops the parse:
// no spreadsheet needs one, and refusing it refuses entity expansion of every kind.
class XmlPart {
 public:
  using Start = std::function<void(const std::string&, const XML_Char**)>;
  using End = std::function<void(const std::string&)>;
  using Text = std::function<void(const char*, int)>;

  XmlPart(Start start, End end, Text text)
      : start_(std::move(start)), end_(std::move(end)), text_(std::move(text)),
        parser_(XML_ParserCreate("UTF-8")) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XmlPart::on_start, &XmlPart::on_end);
    XML_SetCharacterDataHandler(parser_, &XmlPart::on_text);
    XML_SetStartDoctypeDeclHandler(parser_, &XmlPart::on_doctype);
    XML_SetEntityDeclHandler(parser_, &XmlPart::on_entity);
  }
  ~XmlPart() { XML_ParserFree(parser_); }
  XmlPart(const XmlPart&) = delete;
  XmlPart& operator=(const XmlPart&) = delete;

  // Stops the parse with `message` (a limit the handlers found).
  void stop(std::string message) {
    if (problem_.empty()) problem_ = std::move(message);
    XML_StopParser(parser_, XML_FALSE);
  }

  Status feed(const char* data, std::size_t n, bool last, const std::string& part) {
    if (XML_Parse(parser_, data, static_cast<int>(n), last ? 1 : 0) == XML_STATUS_ERROR) {
      if (!problem_.empty()) return file_error(part + ": " + problem_);
      return file_error(part + " is not well-formed XML (line " +
                        std::to_string(XML_GetCurrentLineNumber(parser_)) + ": " +
                        XML_ErrorString(XML_GetErrorCode(parser_)) + ")");
    }
    return {};
  }

 private:
  static void on_start(void* self, const XML_Char* name, const XML_Char** atts) {
    static_cast<XmlPart*>(self)->start_(local(name), atts);
  }
  static void on_end(void* self, const XML_Char* name) {
    static_cast<XmlPart*>(self)->end_(local(name));
  }
  static void on_text(void* self, const XML_Char* s, int len) {
    static_cast<XmlPart*>(self)->text_(s, len);
  }
  static void on_doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    static_cast<XmlPart*>(self)->stop(
        "declares a document type (DTD and entities), which a workbook never needs; refused");
  }
  static void on_entity(void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                        const XML_Char*, const XML_Char*, const XML_Char*) {
    static_cast<XmlPart*>(self)->stop("declares an XML entity; refused");
  }

  Start start_;
  End end_;
  Text text_;
  std::string problem_;
  XML_Parser parser_;
};

// Parses entry `part` of the zip with the handlers, within the unzipped-bytes budget.
Status parse_part(ZipArchive& zip, const std::string& part, std::size_t& budget, XmlPart& xml) {
  Status read = zip.read(part, budget, [&](const char* data, std::size_t n) {
    return xml.feed(data, n, false, part);
  });
  if (!read.ok()) return read;
  return xml.feed("", 0, true, part);
}

int column_index(const char* ref) {
  int col = 0;
  bool any = false;
  for (const char* p = ref; *p >= 'A' && *p <= 'Z'; ++p) {
    col = col * 26 + (*p - 'A' + 1);
    any = true;
    if (col > 16384) return -1;
  }
  return any ? col - 1 : -1;
}

Result<std::shared_ptr<std::vector<std::string>>> read_shared_strings(ZipArchive& zip,
                                                                     std::size_t& budget,
                                                                     const ReadLimits& limits) {
  auto strings = std::make_shared<std::vector<std::string>>();
  if (!zip.has("xl/sharedStrings.xml")) return strings;
  std::string current;
  bool in_si = false, in_t = false;
  int in_phonetic = 0;
  XmlPart* parser = nullptr;
  XmlPart xml(
      [&](const std::string& name, const XML_Char**) {
        if (name == "si") in_si = true, current.clear();
        else if (name == "rPh") ++in_phonetic;
        else if (name == "t" && in_si && in_phonetic == 0) in_t = true;
      },
      [&](const std::string& name) {
        if (name == "si") {
          in_si = false;
          if (strings->size() >= limits.max_shared_strings) {
            parser->stop("holds more than " + std::to_string(limits.max_shared_strings) +
                         " shared strings, the import limit");
            return;
          }
          strings->push_back(current);
        } else if (name == "rPh") {
          --in_phonetic;
        } else if (name == "t") {
          in_t = false;
        }
      },
      [&](const char* s, int n) {
        if (in_t) current.append(s, static_cast<std::size_t>(n));
      });
  parser = &xml;
  if (Status s = parse_part(zip, "xl/sharedStrings.xml", budget, xml); !s.ok()) return s.error();
  return strings;
}

}  // namespace

// ---- ZipArchive ----

struct ZipArchive::State {
  MemoryFile file;  // the caller's bytes, read in place (a copy would cost the file's size again)
  unzFile zip = nullptr;
  std::map<std::string, unz64_file_pos> entries;  // name → where its header is
};

Result<ZipArchive> ZipArchive::open(const std::string& bytes, std::size_t max_entries) {
  auto state = std::make_unique<State>();
  state->file.bytes = &bytes;
  zlib_filefunc64_def io{};
  io.zopen64_file = mem_open;
  io.zread_file = mem_read;
  io.zwrite_file = mem_write;
  io.ztell64_file = mem_tell;
  io.zseek64_file = mem_seek;
  io.zclose_file = mem_close;
  io.zerror_file = mem_error;
  io.opaque = &state->file;
  state->zip = unzOpen2_64("memory", &io);
  if (!state->zip) return file_error("is not a zip archive, so not an XLSX workbook");
  ZipArchive archive(state.release());
  unz_global_info64 info{};
  if (unzGetGlobalInfo64(archive.state_->zip, &info) != UNZ_OK)
    return file_error("is not a readable zip archive");
  if (info.number_entry > max_entries) {
    return file_error("is a zip of " + std::to_string(info.number_entry) + " entries; a workbook "
                      "or document has at most " + std::to_string(max_entries));
  }
  // One pass over the central directory: looking an entry up later is a map's work, so a
  // file naming many parts does not cost parts × entries.
  char name[1024];
  for (int at = unzGoToFirstFile(archive.state_->zip); at == UNZ_OK;
       at = unzGoToNextFile(archive.state_->zip)) {
    unz_file_info64 entry{};
    if (unzGetCurrentFileInfo64(archive.state_->zip, &entry, name, sizeof name, nullptr, 0,
                                nullptr, 0) != UNZ_OK)
      return file_error("is a zip archive with an unreadable entry");
    unz64_file_pos pos{};
    if (unzGetFilePos64(archive.state_->zip, &pos) != UNZ_OK)
      return file_error("is a zip archive with an unreadable entry");
    archive.state_->entries.emplace(name, pos);
  }
  return archive;
}

ZipArchive::ZipArchive(ZipArchive&& other) noexcept : state_(other.state_) {
  other.state_ = nullptr;
}

ZipArchive::~ZipArchive() {
  if (!state_) return;
  if (state_->zip) unzClose(state_->zip);
  delete state_;
}

bool ZipArchive::has(const std::string& entry) { return state_->entries.count(entry) > 0; }

Status ZipArchive::read(const std::string& entry, std::size_t& budget,
                        const std::function<Status(const char*, std::size_t)>& chunk) {
  auto found = state_->entries.find(entry);
  if (found == state_->entries.end()) return file_error("has no part " + entry);
  if (unzGoToFilePos64(state_->zip, &found->second) != UNZ_OK ||
      unzOpenCurrentFile(state_->zip) != UNZ_OK)
    return file_error("cannot open part " + entry);
  struct CloseEntry {
    unzFile z;
    ~CloseEntry() { unzCloseCurrentFile(z); }
  } close_entry{state_->zip};
  std::vector<char> buffer(64 * 1024);
  for (;;) {
    const int n = unzReadCurrentFile(state_->zip, buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n < 0) return file_error("part " + entry + " is corrupt (" + std::to_string(n) + ")");
    if (n == 0) return {};
    if (static_cast<std::size_t>(n) > budget) {
      return file_error("unzips to more than the import limit allows (a zip bomb, or a "
                        "workbook too large to import at once)");
    }
    budget -= static_cast<std::size_t>(n);
    if (Status s = chunk(buffer.data(), static_cast<std::size_t>(n)); !s.ok()) return s;
  }
}

std::string column_letters(int index) {
  std::string out;
  for (int n = index + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), char('A' + (n - 1) % 26));
  return out;
}

// ---- XLSX ----

Result<Workbook> read_xlsx(const std::string& bytes, const ReadLimits& limits) {
  auto opened = ZipArchive::open(bytes, limits.max_zip_entries);
  if (!opened.ok()) return opened.error();
  ZipArchive& zip = *opened;
  if (!zip.has("xl/workbook.xml")) {
    return file_error("is a zip without xl/workbook.xml, so not an XLSX workbook");
  }
  std::size_t budget = limits.max_unzipped_bytes;
  Workbook book;

  // The workbook: sheet names in tab order, and how each maps to its part.
  std::vector<std::pair<std::string, std::string>> sheet_ids;  // name, relationship id
  {
    XmlPart xml(
        [&](const std::string& name, const XML_Char** atts) {
          if (name == "sheet") {
            const char* n = attribute(atts, "name");
            const char* id = attribute(atts, "id", true);
            if (n && id) sheet_ids.emplace_back(n, id);
          } else if (name == "workbookPr") {
            const char* d = attribute(atts, "date1904");
            book.date1904 = d && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
          }
        },
        [](const std::string&) {}, [](const char*, int) {});
    if (Status s = parse_part(zip, "xl/workbook.xml", budget, xml); !s.ok()) return s.error();
  }
  if (sheet_ids.size() > limits.max_sheets) {
    return file_error("has " + std::to_string(sheet_ids.size()) + " sheets; an import takes at most " +
                      std::to_string(limits.max_sheets));
  }
  std::map<std::string, std::string> targets;  // relationship id → part path
  if (zip.has("xl/_rels/workbook.xml.rels")) {
    XmlPart xml(
        [&](const std::string& name, const XML_Char** atts) {
          if (name != "Relationship") return;
          const char* id = attribute(atts, "Id");
          const char* target = attribute(atts, "Target");
          if (!id || !target) return;
          std::string t = target;
          t = t.rfind("/", 0) == 0 ? t.substr(1) : "xl/" + t;
          targets[id] = t;
        },
        [](const std::string&) {}, [](const char*, int) {});
    if (Status s = parse_part(zip, "xl/_rels/workbook.xml.rels", budget, xml); !s.ok()) {
      return s.error();
    }
  }
  auto shared_strings = read_shared_strings(zip, budget, limits);
  if (!shared_strings.ok()) return shared_strings.error();
  const std::vector<std::string>& shared = **shared_strings;

  std::size_t rows_read = 0, cells_read = 0, text_bytes = 0;
  for (std::size_t i = 0; i < sheet_ids.size(); ++i) {
    Sheet sheet;
    sheet.name = sheet_ids[i].first;
    sheet.shared = *shared_strings;
    auto target = targets.find(sheet_ids[i].second);
    const std::string part = target != targets.end()
                                 ? target->second
                                 : "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml";
    if (!zip.has(part)) continue;  // a chart sheet or a missing part: nothing to import

    SheetRow row;
    SheetCell cell;
    std::string type, text;
    bool in_cell = false, in_value = false, in_inline = false, in_t = false, formula = false;
    int last_row = 0, last_column = -1, phonetic = 0;
    XmlPart* parser = nullptr;
    XmlPart xml(
        [&](const std::string& name, const XML_Char** atts) {
          if (name == "row") {
            const char* r = attribute(atts, "r");
            row = SheetRow{};
            row.number = r ? std::atoi(r) : last_row + 1;
            if (row.number <= last_row || row.number > 1'048'576) row.number = last_row + 1;
            last_row = row.number;
            last_column = -1;
          } else if (name == "c") {
            const char* r = attribute(atts, "r");
            const char* t = attribute(atts, "t");
            int col = r ? column_index(r) : -1;
            cell = SheetCell{};
            cell.column = col >= 0 ? col : last_column + 1;
            if (static_cast<std::size_t>(cell.column) >= limits.max_columns) {
              parser->stop("has a cell beyond column " + column_letters(static_cast<int>(limits.max_columns) - 1));
              return;
            }
            last_column = cell.column;
            type = t ? t : "n";
            text.clear();
            in_cell = true;
            formula = false;
          } else if (in_cell && name == "v") {
            in_value = true;
          } else if (in_cell && name == "f") {
            formula = true;
          } else if (in_cell && name == "is") {
            in_inline = true;
          } else if (name == "rPh") {
            ++phonetic;
          } else if (in_inline && name == "t" && phonetic == 0) {
            in_t = true;
          }
        },
        [&](const std::string& name) {
          if (name == "v") {
            in_value = false;
          } else if (name == "t") {
            in_t = false;
          } else if (name == "rPh") {
            --phonetic;
          } else if (name == "is") {
            in_inline = false;
          } else if (name == "c") {
            in_cell = false;
            if (formula || type == "str") {
              cell.kind = SheetCell::Kind::formula;
              cell.text = text;
            } else if (type == "s") {
              char* end = nullptr;
              const long index = std::strtol(text.c_str(), &end, 10);
              if (text.empty() || *end || index < 0 ||
                  static_cast<std::size_t>(index) >= shared.size()) {
                parser->stop("a cell names shared string " + text + ", which does not exist");
                return;
              }
              cell.kind = SheetCell::Kind::text;
              cell.shared = &shared[static_cast<std::size_t>(index)];
            } else if (type == "inlineStr" || type == "d") {
              cell.kind = SheetCell::Kind::text;
              cell.text = text;
            } else if (type == "b") {
              cell.kind = SheetCell::Kind::boolean;
              cell.text = text;
            } else if (type == "e") {
              cell.kind = SheetCell::Kind::error;
              cell.text = text;
            } else {
              cell.kind = SheetCell::Kind::number;
              cell.text = text;
            }
            if (!cell.value().empty() || cell.kind == SheetCell::Kind::formula) {
              if (++cells_read > limits.max_cells) {
                parser->stop("holds more than " + std::to_string(limits.max_cells) +
                             " cells with a value, the import limit");
                return;
              }
              text_bytes += cell.value().size();
              if (text_bytes > limits.max_text_bytes) {
                parser->stop("its cells hold more than " + std::to_string(limits.max_text_bytes >> 20) +
                             " MiB of text in all (a shared string counts for each cell naming it), "
                             "the import limit");
                return;
              }
              row.cells.push_back(std::move(cell));
            }
          } else if (name == "row") {
            if (row.cells.empty()) return;
            if (++rows_read > limits.max_rows) {
              parser->stop("holds more than " + std::to_string(limits.max_rows) +
                           " rows, the import limit");
              return;
            }
            sheet.rows.push_back(std::move(row));
            row = SheetRow{};
          }
        },
        [&](const char* s, int n) {
          if (in_value || in_t) text.append(s, static_cast<std::size_t>(n));
        });
    parser = &xml;
    if (Status s = parse_part(zip, part, budget, xml); !s.ok()) {
      Error e = s.error();
      for (FieldError& f : e.fields) f.message = "sheet " + sheet.name + " (" + f.message + ")";
      e.message = e.fields.empty() ? e.message : e.fields.front().message;
      return e;
    }
    book.sheets.push_back(std::move(sheet));
  }
  return book;
}

// ---- CSV ----

namespace {

// The text as UTF-8: as it is, or converted from Big5 (CP950, Microsoft's Big5 with its
// extensions); nullopt when it is neither.
std::optional<std::string> big5_to_utf8(const std::string& bytes) {
  iconv_t cd = iconv_open("UTF-8", "CP950");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in_p = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* out_p = out.data();
  std::size_t out_left = out.size();
  const std::size_t r = iconv(cd, &in_p, &in_left, &out_p, &out_left);
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

Result<Sheet> read_csv(const std::string& raw, const std::string& sheet_name,
                       const ReadLimits& limits) {
  if (raw.size() >= 2 && ((raw[0] == '\xFF' && raw[1] == '\xFE') ||
                          (raw[0] == '\xFE' && raw[1] == '\xFF'))) {
    return file_error("is UTF-16 text; save it as \"CSV UTF-8\" (or CSV) and import that");
  }
  std::string text;
  if (raw.rfind("\xEF\xBB\xBF", 0) == 0) {
    text = raw.substr(3);
    if (!is_valid_utf8(text)) return file_error("starts with a UTF-8 mark but is not UTF-8");
  } else if (is_valid_utf8(raw)) {
    text = raw;
  } else if (auto converted = big5_to_utf8(raw)) {
    text = std::move(*converted);
  } else {
    return file_error("is neither UTF-8 nor Big5 (CP950) text");
  }

  Sheet sheet;
  sheet.name = sheet_name;
  SheetRow row;
  std::string field;
  bool quoted_field = false;
  int record = 1;
  std::size_t i = 0, column = 0, cells_read = 0, text_bytes = 0;
  // Only fields with text become cells: a line of commas costs a count, not a cell each.
  auto end_field = [&]() -> Status {
    if (column >= limits.max_columns) {
      return file_error("row " + std::to_string(record) + " has more than " +
                        std::to_string(limits.max_columns) + " fields");
    }
    if (!field.empty()) {
      if (++cells_read > limits.max_cells) {
        return file_error("holds more than " + std::to_string(limits.max_cells) +
                          " cells with a value, the import limit");
      }
      text_bytes += field.size();
      if (text_bytes > limits.max_text_bytes) {
        return file_error("its cells hold more than " + std::to_string(limits.max_text_bytes >> 20) +
                          " MiB of text in all, the import limit");
      }
      row.cells.push_back(SheetCell{SheetCell::Kind::text, field, static_cast<int>(column)});
    }
    ++column;
    field.clear();
    quoted_field = false;
    return {};
  };
  auto end_record = [&]() -> Status {
    if (Status s = end_field(); !s.ok()) return s;
    column = 0;
    row.number = record++;
    if (!row.cells.empty()) {
      if (sheet.rows.size() >= limits.max_rows) {
        return file_error("holds more than " + std::to_string(limits.max_rows) +
                          " rows, the import limit");
      }
      sheet.rows.push_back(std::move(row));
    }
    row = SheetRow{};
    return {};
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' && field.empty() && !quoted_field) {
      // A quoted field: up to the closing quote, "" standing for one quote.
      quoted_field = true;
      const int starts_on = record;
      ++i;
      for (;;) {
        if (i >= text.size()) {
          return file_error("has a quoted field that never ends (opened on row " +
                            std::to_string(starts_on) + ")");
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        return file_error("row " + std::to_string(record) +
                          " has text after a closing quote; quote the whole field");
      }
      continue;
    }
    if (c == ',') {
      if (Status s = end_field(); !s.ok()) return s.error();
      ++i;
    } else if (c == '\r' || c == '\n') {
      if (Status s = end_record(); !s.ok()) return s.error();
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
    } else {
      field += c;
      ++i;
    }
  }
  if (!field.empty() || !row.cells.empty() || quoted_field) {
    if (Status s = end_record(); !s.ok()) return s.error();
  }
  return sheet;
}

}  // namespace estate::exchange
