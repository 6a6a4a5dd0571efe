#include "tools/common/progress_meter.h"

#include <unistd.h>

#include <cstdio>
#include <utility>

namespace ride::tools {

void PrintProgressLine(const std::string& text, bool last) {
  static const bool terminal = isatty(STDERR_FILENO) != 0;
  if (terminal) {
    std::fprintf(stderr, "\r%s\033[K%s", text.c_str(), last ? "\n" : "");
  } else {
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  std::fflush(stderr);
}

ProgressMeter::ProgressMeter(std::string label, bool quiet)
    : label_(std::move(label)), quiet_(quiet), terminal_(isatty(STDERR_FILENO) != 0), start_(Clock::now()),
      last_print_(start_) {}

ProgressMeter::~ProgressMeter() { Done(); }

void ProgressMeter::RowsDone(uint32_t rows, uint32_t height) {
  if (quiet_ || height == 0) return;
  const Clock::time_point now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double since_print = std::chrono::duration<double>(now - last_print_).count();
  if (elapsed < 1.0 || (since_print < (terminal_ ? 0.2 : 5.0) && rows < height)) return;
  last_print_ = now;
  const double fraction = static_cast<double>(rows) / height;
  const double remaining = fraction > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
  char text[160];
  std::snprintf(text, sizeof text, ": %5.1f%% (row %u of %u), %.1f s, about %.1f s left", 100.0 * fraction, rows,
                height, elapsed, remaining);
  PrintProgressLine(label_ + text, false);
  shown_ = true;
}

void ProgressMeter::Report(void* user, uint32_t rows_done, uint32_t height) {
  static_cast<ProgressMeter*>(user)->RowsDone(rows_done, height);
}

void ProgressMeter::Done() {
  if (shown_ && terminal_) std::fputc('\n', stderr);
  shown_ = false;
}

}  // namespace ride::tools
