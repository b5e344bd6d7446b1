// The commands on the database as a whole: migrate, seed-demo, seed-synthetic, journal verify.
#include <iostream>

#include "api/cli/command.h"
#include "app/seed/demo_data.h"
#include "app/seed/synthetic_data.h"
#include "domain/result_macros.h"
#include "persistence/journal.h"
#include "persistence/migrations.h"

namespace estate::cli {

namespace {

class MigrateCommand final : public Command {
 public:
  void add_options(CLI::App&) override {}
  Result<int> run(persistence::Store& store) override {
    ASSIGN_OR_RETURN(const auto applied, persistence::migrate(*store.db));
    std::cout << "applied " << applied << " migration(s); schema at version "
              << persistence::migrations().back().version << "\n";
    return 0;
  }
};

// What a seeder wrote, up to its appropriations ("seeded 14 missions, ..., 6 appropriations, "),
// or that it wrote nothing (then false, and the line is whole).
template <class Seeded>
bool print_register_seeded(const Seeded& r) {
  if (!r.seeded) {
    std::cout << "the register already holds data; nothing seeded\n";
    return false;
  }
  std::cout << "seeded " << r.missions << " missions, " << r.properties << " properties, "
            << r.leases << " leases, " << r.fx_rates << " FX rates, " << r.acquisitions
            << " acquisitions, " << r.budget_lines << " budget lines, " << r.appropriations
            << " appropriations, ";
  return true;
}

class SeedDemoCommand final : public Command {
 public:
  void add_options(CLI::App&) override {}
  Result<int> run(persistence::Store& store) override {
    ASSIGN_OR_RETURN(const app::SeedResult r, app::seed_demo(store));
    if (print_register_seeded(r)) {
      std::cout << r.expenditures << " expenditures, " << r.commitments << " commitments, "
                << r.projects << " project with " << r.progress_reports
                << " progress reports (illustrative demo data)\n";
    }
    return 0;
  }
};

class SeedSyntheticCommand final : public Command {
 public:
  void add_options(CLI::App& command) override {
    command.add_option("--missions", options_.missions, "how many missions")
        ->check(CLI::Range(1, 10000));
    command.add_option("--properties", options_.properties, "how many properties")
        ->check(CLI::Range(0, 1000000));
    command
        .add_option("--acquisitions", options_.acquisitions,
                    "how many purchases of leased properties")
        ->check(CLI::Range(0, 1000000));
    command
        .add_option("--projects", options_.projects,
                    "how many construction projects (with budget lines and contracts)")
        ->check(CLI::Range(0, 100000));
    command.add_option("--expenditures", options_.expenditures, "how many expenditures")
        ->check(CLI::Range(0, 10000000));
    command.add_option("--seed", options_.seed, "the random seed: same seed, same data");
  }
  Result<int> run(persistence::Store& store) override {
    ASSIGN_OR_RETURN(const app::SyntheticResult r, app::seed_synthetic(store, options_));
    if (print_register_seeded(r)) {
      std::cout << r.projects << " projects, " << r.progress_reports << " progress reports, "
                << r.commitments << " commitments, " << r.expenditures
                << " expenditures (synthetic, seed " << options_.seed << ")\n";
    }
    return 0;
  }

 private:
  app::SyntheticOptions options_;
};

class JournalVerifyCommand final : public Command {
 public:
  void add_options(CLI::App&) override {}
  Result<int> run(persistence::Store& store) override {
    // The hash chain, every document's and every issued report's bytes.
    ASSIGN_OR_RETURN(const auto v, store.journal->verify());
    if (!v.ok) {
      std::cout << "journal broken at entry " << *v.first_bad_seq << ": " << v.problem << "\n";
      return 1;
    }
    std::cout << "journal ok: " << v.entries << " entries, head " << v.head << "\n";
    return 0;
  }
};

}  // namespace

std::unique_ptr<Command> migrate_command() {
  return std::make_unique<MigrateCommand>();
}
std::unique_ptr<Command> seed_demo_command() {
  return std::make_unique<SeedDemoCommand>();
}
std::unique_ptr<Command> seed_synthetic_command() {
  return std::make_unique<SeedSyntheticCommand>();
}
std::unique_ptr<Command> journal_verify_command() {
  return std::make_unique<JournalVerifyCommand>();
}

}  // namespace estate::cli
