// Progress on stderr for work that takes longer than a second: nothing for quick jobs, then one
// line that updates in place on a terminal (or a line every few seconds when stderr is a file).
#ifndef RIDE_TOOLS_COMMON_PROGRESS_METER_H_
#define RIDE_TOOLS_COMMON_PROGRESS_METER_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace ride::tools {

// One progress line on stderr: rewritten in place on a terminal (`last` ends it); written to a
// file or a pipe, a plain line each time, with no carriage return or escape code in it.
void PrintProgressLine(const std::string& text, bool last);

class ProgressMeter final {
 public:
  // `label` starts each line, e.g. "compress photo.png". A quiet meter prints nothing.
  ProgressMeter(std::string label, bool quiet);
  ~ProgressMeter();
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  // `rows` of `height` rows are done. Not thread-safe: calls from several threads must come one at a
  // time (the codec and the sampler call their progress that way).
  void RowsDone(uint32_t rows, uint32_t height);
  // Ends the progress line, if one was started.
  void Done();

  // RowsDone as a C callback of ride.h's ride_progress_fn shape; `user` is the ProgressMeter.
  static void Report(void* user, uint32_t rows_done, uint32_t height);

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

#endif  // RIDE_TOOLS_COMMON_PROGRESS_METER_H_
