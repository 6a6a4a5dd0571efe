#include "runtime/src/codec/image_costs.h"

#include <algorithm>
#include <memory>
#include <new>

#include "runtime/src/engine/wavefront_session.h"

namespace ride::codec {
namespace {

// Keeps each pixel of the band being run and its cost; rows of a band finish together.
class CostVisitor final : public engine::PixelVisitor {
 public:
  CostVisitor(const uint8_t* pixels, float* costs, uint32_t width) : pixels_(pixels), costs_(costs), width_(width) {}
  void SetFirstRow(uint32_t row) { first_row_ = row; }
  uint8_t Visit(uint32_t row, uint32_t column, const engine::PixelDistribution& distribution) override {
    const std::size_t at = std::size_t{row - first_row_} * width_ + column;
    const uint8_t value = pixels_[at];
    const double bits = distribution.CodedBits(value);
    total_bits_ += bits;
    costs_[at] = static_cast<float>(bits);
    return value;
  }
  double total_bits() const { return total_bits_; }

 private:
  const uint8_t* pixels_;
  float* costs_;
  uint32_t width_;
  uint32_t first_row_ = 0;
  double total_bits_ = 0;
};

}  // namespace

Status EvaluateImage(const engine::EngineModel& model, uint32_t width, uint32_t height, RowSource* source,
                     CostSink* costs, const EvaluateOptions& options, EvaluateResult* result) {
  if (width == 0 || height == 0) {
    return Status::Error(StatusCode::kInvalidArgument, "evaluate: size %ux%u, both sides must be at least 1", width,
                         height);
  }
  const uint32_t band_rows = std::min(options.band_rows, height);
  engine::WavefrontSession session;
  RIDE_RETURN_IF_ERROR(session.Init(&model, width, band_rows));
  const std::size_t band_pixels = std::size_t{width} * band_rows;
  std::unique_ptr<uint8_t[]> pixels(new (std::nothrow) uint8_t[band_pixels]);
  std::unique_ptr<float[]> band_costs(new (std::nothrow) float[band_pixels]);
  if (pixels == nullptr || band_costs == nullptr) {
    return Status::Error(StatusCode::kResourceExhausted, "evaluate: cannot allocate %u rows of %u pixels", band_rows,
                         width);
  }
  CostVisitor visitor(pixels.get(), band_costs.get(), width);
  for (uint32_t first = 0; first < height; first += band_rows) {
    const uint32_t count = std::min(band_rows, height - first);
    for (uint32_t i = 0; i < count; ++i) RIDE_RETURN_IF_ERROR(source->ReadRow(pixels.get() + std::size_t{i} * width));
    visitor.SetFirstRow(first);
    RIDE_RETURN_IF_ERROR(session.ProcessBand(first, count, &visitor));
    for (uint32_t i = 0; i < count; ++i) {
      const float* row = band_costs.get() + std::size_t{i} * width;
      if (costs != nullptr) RIDE_RETURN_IF_ERROR(costs->RowCosts(first + i, row, width));
    }
    if (options.progress != nullptr) options.progress->RowsDone(first + count, height);
  }
  if (result != nullptr) {
    result->total_bits = visitor.total_bits();
    result->pixels = uint64_t{width} * height;
    result->engine_memory_bytes = session.arena_bytes();
  }
  return Status();
}

}  // namespace ride::codec
