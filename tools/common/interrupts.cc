#include "tools/common/interrupts.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

#include "tools/common/exit_status.h"

namespace ride::tools {
namespace {

constexpr int kSlots = 256;
constexpr std::size_t kMaxPath = 4096;

// A slot is free, being filled, or holding a path the handler removes.
enum SlotState : int { kFree = 0, kFilling = 1, kHeld = 2 };

struct Slot {
  std::atomic<int> state{kFree};
  char path[kMaxPath];
};
Slot slots[kSlots];

extern "C" void RemoveTemporariesAndExit(int signal_number) {
  for (Slot& slot : slots) {
    if (slot.state.load(std::memory_order_acquire) == kHeld) ::unlink(slot.path);
  }
  ::_exit(kExitSignalBase + signal_number);
}

}  // namespace

void InstallInterruptHandlers() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = &RemoveTemporariesAndExit;
  sigfillset(&action.sa_mask);  // one handler at a time: a second signal waits for the first's exit
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    // A signal the program was started ignoring (nohup, a background job's SIGINT) stays ignored.
    struct sigaction inherited;
    if (::sigaction(signal_number, nullptr, &inherited) == 0 && inherited.sa_handler == SIG_IGN) continue;
    ::sigaction(signal_number, &action, nullptr);
  }
}

int RegisterTemporaryFile(const std::string& path) noexcept {
  if (path.size() >= kMaxPath) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (!slots[i].state.compare_exchange_strong(expected, kFilling, std::memory_order_acquire)) continue;
    std::memcpy(slots[i].path, path.c_str(), path.size() + 1);
    slots[i].state.store(kHeld, std::memory_order_release);
    return i;
  }
  return -1;
}

void UnregisterTemporaryFile(int slot) noexcept {
  if (slot < 0 || slot >= kSlots) return;
  slots[slot].state.store(kFree, std::memory_order_release);
}

}  // namespace ride::tools
