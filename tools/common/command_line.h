// What every ride program's command line shares, over CLI11: "PROGRAM help [COMMAND]", unknown
// commands named, --help-all, defaults shown in --help, and CLI11's own exit codes mapped into
// tools/common/exit_status.h's table (a usage error is 2, --help and --version are 0).
#ifndef RIDE_TOOLS_COMMON_COMMAND_LINE_H_
#define RIDE_TOOLS_COMMON_COMMAND_LINE_H_

#include <CLI/CLI.hpp>

#include <optional>

namespace ride::tools {

// Call on the program's App before adding options: every option's default appears in --help, and
// --help-all prints every command's help at once (the text a man page would hold).
void SetUpCommandLine(CLI::App& app);

// Parses argv into `app` (whose subcommands, if it has any, are its commands: one is required).
// Returns the status to exit with
// when the program should stop here: after "help", --help, --help-all or --version (0, the text on
// stdout), or a usage error (2, one line on stderr: "ride: unknown command 'frobnicate'; see ride
// --help"). Returns nothing when a command should run.
std::optional<int> ParseCommandLine(CLI::App& app, int argc, char** argv);

}  // namespace ride::tools

#endif  // RIDE_TOOLS_COMMON_COMMAND_LINE_H_
