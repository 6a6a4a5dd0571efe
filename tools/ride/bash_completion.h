// A bash completion script for a program, written from its command line's own definition, so that
// it never lists a command or an option the program does not have.
#ifndef RIDE_TOOLS_RIDE_BASH_COMPLETION_H_
#define RIDE_TOOLS_RIDE_BASH_COMPLETION_H_

#include <CLI/CLI.hpp>

#include <string>

namespace ride::cli {

// The script for `app`: its commands after the program's name, each command's options after it, and
// file names elsewhere. Source it, or install it as share/bash-completion/completions/NAME.
std::string BashCompletion(const CLI::App& app);

}  // namespace ride::cli

#endif  // RIDE_TOOLS_RIDE_BASH_COMPLETION_H_
