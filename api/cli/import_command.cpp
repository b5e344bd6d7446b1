// estate-server import: register records from an XLSX workbook or a CSV sheet, as the given
// facilities or finance user; prints the import's report (exit 1 when any row is refused).
#include <fstream>
#include <iostream>
#include <iterator>

#include "api/cli/command.h"
#include "api/exchange/register_import.h"
#include "domain/result_macros.h"

namespace estate::cli {

namespace {

class ImportCommand final : public Command {
 public:
  void add_options(CLI::App& command) override {
    command.add_option("file", file_, "the .xlsx or .csv file")
        ->required()
        ->check(CLI::ExistingFile);
    command.add_option("--sheet", sheet_,
                       "the sheet a CSV file is; for a workbook, the sheets to import (a,b)");
    command.add_flag("--dry-run", dry_run_, "check and report, write nothing");
    command.add_option("--changes-from", changes_from_,
                       "list the changes from this one (0 the first; at most 1,000 are listed)");
    command.add_option("--user", user_, "who imports (their role decides which sheets)")
        ->required();
    command.add_option("--max-rows", max_rows_, "rows one import may hold")
        ->envname("ESTATE_IMPORT_MAX_ROWS")
        ->check(CLI::Range(1, 10'000'000));
    command.add_option("--max-unzipped-mb", max_unzipped_mb_, "MiB a workbook may unzip to")
        ->envname("ESTATE_IMPORT_MAX_UNZIPPED_MB")
        ->check(CLI::Range(1, 4096));
  }

  Result<int> run(persistence::Store& store) override {
    exchange::ImportOptions o;
    o.dry_run = dry_run_;
    o.changes_from = changes_from_;
    o.user = user_;
    o.limits = {max_unzipped_mb_ << 20, max_rows_};
    ASSIGN_OR_RETURN(const auto role, store.accounts->role_of(user_));
    if (!role || (*role != Role::facilities && *role != Role::finance)) {
      std::cerr << "error: " << user_
                << " is neither an enabled facilities nor finance user nor holds such a token\n";
      return 1;
    }
    o.role = *role;
    if (!sheet_.empty()) {
      ASSIGN_OR_RETURN(o.sheets, exchange::sheet_list(sheet_));
    }
    std::ifstream in(file_, std::ios::binary);
    const std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const bool xlsx = content.rfind("PK\x03\x04", 0) == 0;
    ASSIGN_OR_RETURN(
        const auto report,
        exchange::import_register(
            store, content, xlsx ? exchange::ImportFormat::xlsx : exchange::ImportFormat::csv, o));
    std::cout << report.dump(1) << "\n";
    return report.at("error_count").get<std::size_t>() == 0 ? 0 : 1;
  }

 private:
  std::string file_, sheet_, user_;
  bool dry_run_ = false;
  std::size_t changes_from_ = 0;
  std::size_t max_rows_ = exchange::ReadLimits{}.max_rows, max_unzipped_mb_ = 64;
};

}  // namespace

std::unique_ptr<Command> import_command() {
  return std::make_unique<ImportCommand>();
}

}  // namespace estate::cli
