// estate-server: the Mission Estate service and its operator commands, one subcommand each
// (the table: api/cli/commands.cpp). Every command takes --db URL (or ESTATE_DB); flags
// override the environment.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <map>

#include "api/cli/command.h"
#include "api/cli/options.h"

using namespace estate;

int main(int argc, char** argv) {
  auto logger = spdlog::stderr_logger_mt("estate");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%fZ %l %v", spdlog::pattern_time_type::utc);
  spdlog::set_default_logger(logger);

  CLI::App app{"Mission Estate: the register of a foreign ministry's premises and budget"};
  app.require_subcommand(1);
  app.fallthrough();
  cli::DatabaseFlags database;
  cli::add_database_options(app, database);

  std::vector<cli::Entry> table = cli::command_table();
  std::map<std::string, CLI::App*> groups{{"", &app}};
  std::vector<std::pair<CLI::App*, cli::Command*>> leaves;
  for (cli::Entry& e : table) {
    CLI::App* command = groups.at(e.group)->add_subcommand(e.name, e.help);
    if (!e.command) {
      command->require_subcommand(1);
      groups.emplace(e.name, command);
      continue;
    }
    e.command->add_options(*command);
    leaves.emplace_back(command, e.command.get());
  }

  CLI11_PARSE(app, argc, argv);

  cli::Command* chosen = nullptr;
  for (const auto& [command, run] : leaves)
    if (*command) chosen = run;
  if (!chosen) return 1;  // CLI11 requires one subcommand of each group: not reached
  if (std::optional<int> code = chosen->prepare()) return *code;
  persistence::Database::Options db_options = database.options();
  chosen->tune(db_options, database.io_timeout_given());
  auto store = persistence::open_store(database.url, db_options);
  if (!store.ok()) return cli::fail(store.error());
  Result<int> code = chosen->run(*store);
  return code.ok() ? *code : cli::fail(code.error());
}
