#include "runtime/src/generate/sampler.h"

namespace ride::generate {
namespace {

// Tag of the pixel stream of a sample: CounterRng(seed).Child(kSampleTag).
constexpr uint64_t kSampleTag = 1;

// Reads a decimal number of at most 9 digits; advances `text`.
bool ReadNumber(const char** text, uint32_t* value) {
  const char* p = *text;
  uint32_t v = 0;
  int digits = 0;
  while (*p >= '0' && *p <= '9') {
    if (++digits > 9) return false;
    v = v * 10 + static_cast<uint32_t>(*p++ - '0');
  }
  if (digits == 0) return false;
  *text = p;
  *value = v;
  return true;
}

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

Status ParseImageSize(const char* text, uint32_t* width, uint32_t* height) {
  const char* p = text;
  uint32_t w = 0, h = 0;
  bool ok = ReadNumber(&p, &w) && (*p == 'x' || *p == 'X');
  if (ok) {
    ++p;
    ok = ReadNumber(&p, &h) && *p == '\0';
  }
  if (!ok) {
    return Status::Error(StatusCode::kInvalidArgument, "size \"%s\": expected WIDTHxHEIGHT, e.g. 256x256", text);
  }
  RIDE_RETURN_IF_ERROR(CheckSampleSize(w, h));
  *width = w;
  *height = h;
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
