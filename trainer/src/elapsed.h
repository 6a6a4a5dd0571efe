// Elapsed time for the trainer's progress lines: seconds since a start, and durations as people
// read them ("3m07s", "2h05m").
#ifndef RIDE_TRAINER_SRC_ELAPSED_H_
#define RIDE_TRAINER_SRC_ELAPSED_H_

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

namespace ride::trainer {

inline double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

inline std::string Duration(double seconds) {
  const long s = std::lround(seconds);
  char buffer[32];
  if (s >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%ldh%02ldm", s / 3600, s / 60 % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%ldm%02lds", s / 60, s % 60);
  }
  return buffer;
}

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_ELAPSED_H_
