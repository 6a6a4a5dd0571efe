// Small helpers the ride-train subcommands share: dates and durations for progress lines, the
// description of a texture's training data.
#ifndef RIDE_TRAINER_SRC_TOOLS_TOOL_COMMON_H_
#define RIDE_TRAINER_SRC_TOOLS_TOOL_COMMON_H_

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <string>

namespace ride::trainer {

inline std::string Today() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
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

inline double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// What a checkpoint's training.data says for a model trained in texture mode.
inline std::string TextureDataDescription(const std::string& path, int held_out_region) {
  return path + " (texture: 4x4 regions, region " + std::to_string(held_out_region) + " held out)";
}

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_TOOLS_TOOL_COMMON_H_
