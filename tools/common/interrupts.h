// Clean interrupts: SIGINT, SIGTERM and SIGHUP remove the temporary files of outputs not yet
// committed (tools/common/output_file.h registers them here) and end the program with status
// 128 + N, the shells' convention, so that an interrupted run leaves nothing behind.
//
// The handler only calls unlink() and _exit(), which are async-signal-safe; the table of paths is
// fixed in size and lock-free, so registering from any thread is safe while a signal arrives.
#ifndef RIDE_TOOLS_COMMON_INTERRUPTS_H_
#define RIDE_TOOLS_COMMON_INTERRUPTS_H_

#include <string>

namespace ride::tools {

// Installs the handlers (a program calls it once, first thing). Without it, registrations are kept
// but nothing happens on a signal, which is what a library user of tools/common gets.
void InstallInterruptHandlers();

// Remembers `path` to be removed on a signal; returns the slot to forget it by, or -1 when the table
// (256 files) is full or the path too long, in which case that file is not removed on a signal.
int RegisterTemporaryFile(const std::string& path) noexcept;
// Forgets a slot RegisterTemporaryFile returned (-1 is ignored).
void UnregisterTemporaryFile(int slot) noexcept;

}  // namespace ride::tools

#endif  // RIDE_TOOLS_COMMON_INTERRUPTS_H_
