#include "runtime/src/generate/sampler.h"

namespace ride::generate {
namespace {

// Tag of the pixel stream of a sample: CounterRng(seed).Child(kSampleTag).
constexpr uint64_t kSampleTag = 1;

}  // namespace

Status CheckSampleSize(uint32_t width, uint32_t height) {
  if (width == 0 || height == 0) {
    return Status::Error(StatusCode::kInvalidArgument, "size %ux%u: both sides must be at least 1", width, height);
  }
  if (width > kMaxSampleSide || height > kMaxSampleSide) {
    return Status::Error(StatusCode::kResourceExhausted, "size %ux%u: each side must be at most %u", width, height,
                         kMaxSampleSide);
  }
  return Status();
}

Status SampleImage(const engine::EngineModel& model, uint32_t width, uint32_t height, const SampleOptions& options,
                   uint8_t* pixels, double* bits) {
  RIDE_RETURN_IF_ERROR(CheckSampleSize(width, height));
  DrawRequest request;
  request.width = width;
  request.height = height;
  request.pixels = pixels;
  request.keep_rows = options.context_rows;
  request.keep_columns = options.context_columns;
  request.rng = CounterRng(options.seed).Child(kSampleTag);
  request.threads = options.threads;
  request.band_rows = options.band_rows;
  request.progress = options.progress;
  DrawResult result;
  RIDE_RETURN_IF_ERROR(DrawPixels(model, request, &result));
  if (bits != nullptr) *bits = result.bits;
  return Status();
}

}  // namespace ride::generate
