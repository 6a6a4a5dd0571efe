// The exit statuses every ride program ends with (docs/cli.md has the table users read): one
// number per kind of failure, so that scripts can tell a bad file from a bad command line.
#ifndef RIDE_TOOLS_COMMON_EXIT_STATUS_H_
#define RIDE_TOOLS_COMMON_EXIT_STATUS_H_

#include <exception>

namespace ride::tools {

enum ExitStatus : int {
  kExitSuccess = 0,
  kExitInput = 1,     // an input is bad, truncated, not supported, or was made with another model
  kExitUsage = 2,     // the command line is wrong, or asks what cannot be done as asked (the output
                      // exists without -f, is the input, has the wrong extension)
  kExitIo = 3,        // the operating system refused to open, read or write (disk full, permissions)
  kExitInternal = 4,  // out of memory, or a broken invariant inside ride (a bug: please report it)
  kExitSignalBase = 128,  // + N: stopped by signal N (SIGHUP 129, SIGINT 130, SIGTERM 143)
};

// The status for an exception a program caught: FileError by its kind, std::bad_alloc and
// std::logic_error as internal except std::invalid_argument (a bad value or checkpoint: input),
// anything else as an input error. Programs with their own error
// types (the ride tool's ApiError) map those first.
int ExitStatusFor(const std::exception& error);

// Of several files' statuses, the one the program ends with: the first failure's, so that a
// script sees the same status whichever order parallel work finished in.
int CombinedExitStatus(int first, int next);

}  // namespace ride::tools

#endif  // RIDE_TOOLS_COMMON_EXIT_STATUS_H_
