// Runs a model over a known image (interleaved samples for colour) and records what the engine
// predicted for every sample: the wavefront session's tests compare these records.
#ifndef RIDE_TESTS_RUNTIME_ENGINE_RECORDING_VISITOR_H_
#define RIDE_TESTS_RUNTIME_ENGINE_RECORDING_VISITOR_H_

#include <gtest/gtest.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "runtime/src/engine/wavefront_session.h"
#include "runtime/src/kernels/kernel_table.h"

namespace ride::engine::testing {

class RecordingVisitor final : public PixelVisitor {
 public:
  RecordingVisitor(const std::vector<uint8_t>& image, uint32_t width, uint32_t channels = 1)
      : image_(image), width_(width), channels_(channels) {
    log_density_.assign(image.size(), NAN);
    cdf_.assign(image.size() * 257, 0);
  }
  uint8_t Visit(uint32_t row, uint32_t column, uint32_t channel, const PixelDistribution& d) override {
    EXPECT_LT(channel, channels_);
    const std::size_t index = (std::size_t{row} * width_ + column) * channels_ + channel;
    EXPECT_TRUE(std::isnan(log_density_[index])) << "sample visited twice: " << row << "," << column << "," << channel;
    // A pixel's channels come in order (the step's other pixels may come between them).
    EXPECT_TRUE(channel == 0 || !std::isnan(log_density_[index - 1]))
        << "channel " << channel << " before its predecessor at " << row << "," << column;
    const uint8_t v = image_[index];
    log_density_[index] = d.LogDensity((v + 0.5f) / 256.0f);
    for (uint32_t e = 0; e <= 256; ++e) cdf_[index * 257 + e] = d.QuantizedCdf(e);
    coded_bits_ += d.CodedBits(v);
    return v;
  }
  std::vector<float> log_density_;
  std::vector<uint32_t> cdf_;  // every sample's full quantised CDF
  double coded_bits_ = 0;

 private:
  const std::vector<uint8_t>& image_;
  uint32_t width_;
  uint32_t channels_;
};

inline RecordingVisitor RunModel(const EngineModel& model, const std::vector<uint8_t>& image, uint32_t width,
                                 uint32_t height, uint32_t rows_per_band, const kernels::KernelTable* kernels = nullptr) {
  WavefrontSession session;
  const Status init = session.Init(&model, width, rows_per_band, kernels);
  EXPECT_TRUE(init.ok()) << init.message();
  RecordingVisitor visitor(image, width, static_cast<uint32_t>(model.channels));
  for (uint32_t row = 0; row < height; row += rows_per_band) {
    const Status status = session.ProcessBand(row, std::min(rows_per_band, height - row), &visitor);
    EXPECT_TRUE(status.ok()) << status.message();
  }
  return visitor;
}

inline uint64_t Hash(const std::vector<uint32_t>& v) { return XXH64(v.data(), v.size() * sizeof(uint32_t), 0); }

}  // namespace ride::engine::testing

#endif  // RIDE_TESTS_RUNTIME_ENGINE_RECORDING_VISITOR_H_
