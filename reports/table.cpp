#include "reports/table.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

namespace estate::reports {

namespace {

bool starts_like_formula(const std::string& text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos;
}

// RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled. Text is
// neutralised first (neutralise_formula).
std::string csv_field(const Cell& cell) {
  std::string v = cell.kind == Cell::Kind::text ? neutralise_formula(cell.text) : cell.text;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string neutralise_formula(const std::string& text) {
  return starts_like_formula(text) ? "'" + text : text;
}

std::string strip_formula_guard(const std::string& text) {
  return text.size() > 1 && text[0] == '\'' && starts_like_formula(text.substr(1))
             ? text.substr(1)
             : text;
}

std::string to_csv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark
  auto line = [&](const std::vector<Cell>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += csv_field(cells[i]);
    }
    out += "\r\n";
  };
  std::vector<Cell> header;
  for (const std::string& c : table.columns) header.push_back(Cell::of(c));
  line(header);
  for (const auto& row : table.rows) line(row);
  return out;
}

Result<std::string> to_xlsx(const Table& table) { return to_xlsx(std::vector<Table>{table}); }

Result<std::string> to_xlsx(const std::vector<Table>& tables) {
  char path[] = "/tmp/estate-report-XXXXXX.xlsx";
  int fd = ::mkstemps(path, 5);
  if (fd < 0) return Error::internal("cannot create a temporary file for the workbook");
  ::close(fd);
  struct Remove {
    const char* p;
    ~Remove() { std::remove(p); }
  } remove_file{path};

  // Constant memory: each row goes to the sheet's file as it is written, strings inline
  // rather than through a shared-strings table (the workbook reader reads both).
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(path, &options);
  if (!workbook) return Error::internal("libxlsxwriter could not start a workbook");
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  lxw_format* date_format = workbook_add_format(workbook);
  format_set_num_format(date_format, "yyyy-mm-dd");
  lxw_format* number_formats[7] = {};
  for (int places = 0; places <= 6; ++places) {
    number_formats[places] = workbook_add_format(workbook);
    std::string pattern =
        places == 0 ? "#,##0" : "#,##0." + std::string(static_cast<std::size_t>(places), '0');
    format_set_num_format(number_formats[places], pattern.c_str());
  }
  for (const Table& table : tables) {
  std::string sheet_name = table.name.substr(0, 31);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  if (!sheet) {
    workbook_close(workbook);
    return Error::internal("libxlsxwriter refused the sheet name " + sheet_name);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.columns[c].c_str(), header);
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 16, nullptr);
    if (c < table.choices.size() && !table.choices[c].empty()) {
      std::vector<const char*> list;
      for (const std::string& v : table.choices[c]) list.push_back(v.c_str());
      list.push_back(nullptr);
      lxw_data_validation validation{};
      validation.validate = LXW_VALIDATION_TYPE_LIST;
      validation.value_list = const_cast<char**>(list.data());
      worksheet_data_validation_range(sheet, 1, static_cast<lxw_col_t>(c), LXW_ROW_MAX - 1,
                                      static_cast<lxw_col_t>(c), &validation);
    }
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      const Cell& cell = table.rows[r][c];
      const auto col = static_cast<lxw_col_t>(c);
      switch (cell.kind) {
        case Cell::Kind::empty:
          break;
        case Cell::Kind::text:
          worksheet_write_string(sheet, row, col, neutralise_formula(cell.text).c_str(), nullptr);
          break;
        case Cell::Kind::integer:
          worksheet_write_number(sheet, row, col, std::strtod(cell.text.c_str(), nullptr),
                                 number_formats[0]);
          break;
        case Cell::Kind::number: {
          int places = cell.places < 0 ? 0 : cell.places > 6 ? 6 : cell.places;
          worksheet_write_number(sheet, row, col, std::strtod(cell.text.c_str(), nullptr),
                                 number_formats[places]);
          break;
        }
        case Cell::Kind::date: {
          auto d = parse_date(cell.text);
          if (!d.ok()) break;
          lxw_datetime dt = {static_cast<int>(d->year()),
                             static_cast<int>(unsigned(d->month())),
                             static_cast<int>(unsigned(d->day())),
                             0,
                             0,
                             0};
          worksheet_write_datetime(sheet, row, col, &dt, date_format);
          break;
        }
      }
    }
  }
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) {
    return Error::internal("libxlsxwriter could not write the workbook");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace estate::reports
