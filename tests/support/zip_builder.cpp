#include "tests/support/zip_builder.h"

#include <minizip/zip.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace estate::testing {

ZipEntry entry(std::string name, std::string content) {
  return {std::move(name), [content](const std::function<void(const std::string&)>& sink) {
            sink(content);
          }};
}

std::string zip_of(const std::vector<ZipEntry>& entries) {
  char path[] = "/tmp/estate-test-zip-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp");
  ::close(fd);
  zipFile zip = zipOpen64(path, APPEND_STATUS_CREATE);
  if (!zip) throw std::runtime_error("zipOpen64");
  for (const ZipEntry& e : entries) {
    zip_fileinfo info{};
    if (zipOpenNewFileInZip64(zip, e.name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                              Z_DEFLATED, 9, 1) != ZIP_OK) {
      throw std::runtime_error("zipOpenNewFileInZip64");
    }
    e.write([&](const std::string& bytes) {
      zipWriteInFileInZip(zip, bytes.data(), static_cast<unsigned>(bytes.size()));
    });
    zipCloseFileInZip(zip);
  }
  zipClose(zip, nullptr);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::remove(path);
  return out.str();
}

namespace {
// A workbook of one sheet whose XML `write` streams.
std::string streamed_xlsx(const std::string& sheet,
                          std::function<void(const std::function<void(const std::string&)>&)> write) {
  return zip_of({entry("xl/workbook.xml", "<workbook xmlns:r=\"r\"><sheets><sheet name=\"" + sheet +
                                              "\" r:id=\"rId1\"/></sheets></workbook>"),
                 entry("xl/_rels/workbook.xml.rels",
                       "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
                       "</Relationships>"),
                 {"xl/worksheets/sheet1.xml", std::move(write)}});
}
}  // namespace

std::string zip_bomb_xlsx(const std::string& sheet, int megabytes) {
  return streamed_xlsx(sheet, [megabytes](const std::function<void(const std::string&)>& sink) {
    sink("<worksheet><sheetData>");
    const std::string spaces(1 << 20, ' ');
    for (int i = 0; i < megabytes; ++i) sink(spaces);
    sink("</sheetData></worksheet>");
  });
}

std::string many_rows_xlsx(const std::string& sheet, int rows) {
  return streamed_xlsx(sheet, [rows](const std::function<void(const std::string&)>& sink) {
    sink("<worksheet><sheetData>");
    std::string chunk;
    for (int i = 0; i < 1000; ++i) chunk += "<row><c t=\"inlineStr\"><is><t>SYD</t></is></c></row>";
    for (int i = 0; i < rows / 1000; ++i) sink(chunk);
    sink("</sheetData></worksheet>");
  });
}

std::string xlsx_row(int number, const std::vector<std::string>& cells) {
  std::string row = "<row r=\"" + std::to_string(number) + "\">";
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].empty()) continue;
    std::string column(1, static_cast<char>('A' + c));
    row += "<c r=\"" + column + std::to_string(number) + "\" t=\"inlineStr\"><is><t>" + cells[c] +
           "</t></is></c>";
  }
  return row + "</row>";
}

std::string xlsx_of(const std::vector<std::pair<std::string, std::string>>& sheets,
                    const std::string& shared_strings) {
  const std::string ns =
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  std::string workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " + ns + "><sheets>";
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  std::vector<ZipEntry> entries;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    workbook += "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Target=\"worksheets/sheet" + n +
            ".xml\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"/>";
    entries.push_back(entry("xl/worksheets/sheet" + n + ".xml",
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " + ns +
                                "><sheetData>" + sheets[i].second + "</sheetData></worksheet>"));
  }
  entries.push_back(entry("xl/workbook.xml", workbook + "</sheets></workbook>"));
  entries.push_back(entry("xl/_rels/workbook.xml.rels", rels + "</Relationships>"));
  if (!shared_strings.empty()) entries.push_back(entry("xl/sharedStrings.xml", shared_strings));
  return zip_of(entries);
}

std::string shared_string_xlsx(const std::string& sheet, std::size_t string_bytes, int cells) {
  std::string data = xlsx_row(1, {"code", "name_en"});
  for (int r = 0; r * 100 < cells; ++r) {
    data += "<row r=\"" + std::to_string(r + 2) + "\">";
    for (int c = 0; c < 100 && r * 100 + c < cells; ++c)
      data += "<c t=\"s\"><v>0</v></c>";  // no r=: each cell is the next column
    data += "</row>";
  }
  const std::string sst = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst><si><t>" +
                          std::string(string_bytes, 'x') + "</t></si></sst>";
  return xlsx_of({{sheet, data}}, sst);
}

std::string empty_shared_strings_xlsx(const std::string& sheet, int count) {
  std::string sst = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst>";
  sst.reserve(sst.size() + static_cast<std::size_t>(count) * 5 + 8);
  for (int i = 0; i < count; ++i) sst += "<si/>";
  return xlsx_of({{sheet, xlsx_row(1, {"code"})}}, sst + "</sst>");
}

std::string many_sheets_xlsx(int sheets, int entries) {
  std::vector<std::pair<std::string, std::string>> parts;
  for (int i = 0; i < sheets; ++i) parts.emplace_back("s" + std::to_string(i), xlsx_row(1, {"code"}));
  std::string book = xlsx_of(parts);
  if (entries <= sheets + 2) return book;
  // Padding: the same workbook's entries plus empty ones, rewritten as one zip.
  std::vector<ZipEntry> padded;
  const std::string ns =
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  std::string workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " + ns + "><sheets>";
  for (int i = 0; i < sheets; ++i) {
    const std::string n = std::to_string(i + 1);
    workbook += "<sheet name=\"s" + std::to_string(i) + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    padded.push_back(entry("xl/worksheets/sheet" + n + ".xml",
                           "<worksheet " + ns + "><sheetData>" + xlsx_row(1, {"code"}) +
                               "</sheetData></worksheet>"));
  }
  padded.push_back(entry("xl/workbook.xml", workbook + "</sheets></workbook>"));
  for (int i = static_cast<int>(padded.size()); i < entries; ++i)
    padded.push_back(entry("pad/" + std::to_string(i) + ".bin", ""));
  return zip_of(padded);
}

}  // namespace estate::testing
