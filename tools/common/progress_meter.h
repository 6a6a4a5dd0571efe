// Progress on stderr for work that takes longer than a second: nothing for quick jobs, then one
// line that updates in place on a terminal (or a line every few seconds when stderr is a file).
#ifndef RIDE_RUNTIME_SRC_CLI_PROGRESS_METER_H_
#define RIDE_RUNTIME_SRC_CLI_PROGRESS_METER_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "runtime/src/parallel/progress_observer.h"
#include "runtime/src/parallel/thread_limit.h"

namespace ride::tools {

class ProgressMeter final : public parallel::ProgressObserver {
 public:
  // `label` starts each line, e.g. "compress photo.png". A quiet meter prints nothing.
  ProgressMeter(std::string label, bool quiet);
  ~ProgressMeter() override;
  void RowsDone(uint32_t rows, uint32_t height) override;
  // Ends the progress line, if one was started.
  void Done();

 private:
  using Clock = std::chrono::steady_clock;
  std::string label_;
  bool quiet_;
  bool terminal_;
  bool shown_ = false;
  Clock::time_point start_;
  Clock::time_point last_print_;
};

}  // namespace ride::tools

#endif  // RIDE_RUNTIME_SRC_CLI_PROGRESS_METER_H_
