#include "runtime/src/generate/pixel_drawer.h"

#include <cmath>
#include <memory>
#include <mutex>
#include <new>
#include <vector>

#include "runtime/src/parallel/band_runner.h"
#include "runtime/src/engine/wavefront_session.h"

namespace ride::generate {
namespace {

using engine::kCodingPrecisionBits;

class DrawingVisitor final : public engine::PixelVisitor {
 public:
  DrawingVisitor(const DrawRequest& request, std::size_t channels, double* row_bits, double* row_selected_bits)
      : request_(request), channels_(channels), row_bits_(row_bits), row_selected_bits_(row_selected_bits) {}

  uint8_t Visit(uint32_t row, uint32_t column, uint32_t channel, const engine::PixelDistribution& distribution) override {
    const std::size_t index = std::size_t{row} * request_.width + column;
    const bool selected = request_.mask != nullptr ? request_.mask[index] != 0
                                                   : row >= request_.keep_rows && column >= request_.keep_columns;
    uint8_t& sample = request_.pixels[index * channels_ + channel];
    double bits = 0;
    if (selected && request_.draw) {
      uint32_t start = 0, end = 0;
      const uint32_t target = request_.rng.Bits24(CounterRng::SampleCounter(row, column, channel));
      sample = static_cast<uint8_t>(distribution.FindValue(target, &start, &end));
      bits = kCodingPrecisionBits - std::log2(static_cast<double>(end - start));
    } else {
      bits = distribution.CodedBits(sample);
    }
    // Each row belongs to one band, so to one thread at a time.
    row_bits_[row] += bits;
    if (selected) row_selected_bits_[row] += bits;
    return sample;
  }

 private:
  const DrawRequest& request_;
  std::size_t channels_;
  double* row_bits_;
  double* row_selected_bits_;
};

Status CheckRequest(const DrawRequest& request) {
  if (request.pixels == nullptr || request.width == 0 || request.height == 0) {
    return Status::Error(StatusCode::kInvalidArgument, "no pixels to draw (%ux%u)", request.width, request.height);
  }
  RIDE_RETURN_IF_ERROR(parallel::CheckThreads(request.threads));
  if (request.band_rows == 0) return Status::Error(StatusCode::kInvalidArgument, "band rows must be at least 1");
  return Status();
}

}  // namespace

Status DrawPixels(const engine::EngineModel& model, const DrawRequest& request, DrawResult* result) {
  RIDE_RETURN_IF_ERROR(CheckRequest(request));
  RIDE_RETURN_IF_ERROR(model.Check());
  const uint32_t width = request.width, height = request.height;
  std::unique_ptr<double[]> sums(new (std::nothrow) double[2 * std::size_t{height}]());
  if (sums == nullptr) {
    return Status::Error(StatusCode::kResourceExhausted, "cannot allocate the sums of %u rows", height);
  }
  double* row_bits = sums.get();
  double* row_selected_bits = sums.get() + height;

  const uint32_t band_rows = request.band_rows < height ? request.band_rows : height;
  const uint32_t band_count = static_cast<uint32_t>((uint64_t{height} + band_rows - 1) / band_rows);
  const uint32_t threads = request.threads < band_count ? request.threads : band_count;
  engine::WavefrontSession session;
  RIDE_RETURN_IF_ERROR(session.Init(&model, width, band_rows, nullptr, threads));
  std::vector<DrawingVisitor> visitors(threads, DrawingVisitor(request, model.channels, row_bits, row_selected_bits));

  parallel::BandRunner runner(&session);
  std::mutex progress_mutex;
  uint32_t rows_done = 0;
  const Status ran = runner.Run(band_count, [&](uint32_t w, uint32_t band) -> Status {
    const uint32_t count = band_rows < height - band * band_rows ? band_rows : height - band * band_rows;
    RIDE_RETURN_IF_ERROR(session.ProcessParallelBand(band, count, &visitors[w]));
    if (request.progress != nullptr) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      rows_done += count;
      request.progress->RowsDone(rows_done, height);
    }
    return Status();
  });
  if (!ran.ok()) return ran;

  if (result != nullptr) {
    *result = DrawResult();
    for (uint32_t row = 0; row < height; ++row) {
      result->bits += row_bits[row];
      result->selected_bits += row_selected_bits[row];
    }
  }
  return Status();
}

}  // namespace ride::generate
