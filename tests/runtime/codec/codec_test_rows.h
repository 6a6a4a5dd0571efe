// Rows for the codec's tests: an image held in memory as a row source, and a sink that collects
// the rows it is given.
#ifndef RIDE_TESTS_RUNTIME_CODEC_CODEC_TEST_ROWS_H_
#define RIDE_TESTS_RUNTIME_CODEC_CODEC_TEST_ROWS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "runtime/src/codec/image_codec.h"

namespace ride::codec::testing {

class ImageRows final : public RowSource, public RowSink {
 public:
  // Rows of `width` pixels; `pixels` (row-major) is what ReadRow hands out.
  explicit ImageRows(uint32_t width, std::vector<uint8_t> pixels = {}) : width_(width), pixels_(std::move(pixels)) {}
  Status ReadRow(uint8_t* row) override {
    std::memcpy(row, pixels_.data() + next_, width_);
    next_ += width_;
    return Status();
  }
  Status WriteRow(const uint8_t* row) override {
    written.insert(written.end(), row, row + width_);
    return Status();
  }
  std::vector<uint8_t> written;

 private:
  uint32_t width_;
  std::vector<uint8_t> pixels_;
  std::size_t next_ = 0;
};

}  // namespace ride::codec::testing

#endif  // RIDE_TESTS_RUNTIME_CODEC_CODEC_TEST_ROWS_H_
