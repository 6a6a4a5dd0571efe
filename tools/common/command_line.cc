#include "tools/common/command_line.h"

#include <cstdio>
#include <string>

#include "tools/common/exit_status.h"

namespace ride::tools {
namespace {

int UsageError(const CLI::App& app, const std::string& message) {
  std::fprintf(stderr, "%s: %s; see %s --help\n", app.get_name().c_str(), message.c_str(), app.get_name().c_str());
  return kExitUsage;
}

// The subcommand called `name`, or null.
CLI::App* FindCommand(CLI::App& app, const std::string& name) {
  for (CLI::App* command : app.get_subcommands({})) {
    if (command->get_name() == name) return command;
  }
  return nullptr;
}

}  // namespace

void SetUpCommandLine(CLI::App& app) {
  app.option_defaults()->always_capture_default();
  app.set_help_all_flag("--help-all", "Print the help of every command");
  app.fallthrough(false);
}

std::optional<int> ParseCommandLine(CLI::App& app, int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "help") {
    std::printf("%s", app.help().c_str());
    return kExitSuccess;
  }
  // A program without commands (ride-compile) takes its first word as an argument.
  const bool has_commands = !app.get_subcommands({}).empty();
  if (has_commands) app.require_subcommand(1);
  if (has_commands && argc < 2) return UsageError(app, "no command given");
  if (has_commands && argv[1][0] != '-') {
    const std::string first = argv[1];
    if (first == "help") {
      const CLI::App* command = FindCommand(app, argv[2]);
      if (command == nullptr || argc > 3) return UsageError(app, "unknown command '" + std::string(argv[2]) + "'");
      std::printf("%s", command->help().c_str());
      return kExitSuccess;
    }
    if (FindCommand(app, first) == nullptr) return UsageError(app, "unknown command '" + first + "'");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) {  // --help, --help-all, --version: CLI11 prints them (stdout)
      app.exit(error);
      return kExitSuccess;
    }
    // The command the error is about, so that its --help is the one named.
    std::string where = app.get_name();
    for (const CLI::App* command : app.get_subcommands()) where += " " + command->get_name();
    std::fprintf(stderr, "%s: %s; see %s --help\n", where.c_str(), error.what(), where.c_str());
    return kExitUsage;
  }
  return std::nullopt;
}

}  // namespace ride::tools
