// LaneBytes: a byte sink that keeps one lane's compressed bytes in memory until the container is
// written (container version 1 stores lane lengths before the lanes). It grows geometrically with
// malloc/realloc and reports an allocation that fails as kResourceExhausted, where a std::vector
// would abort a runtime built without exceptions.
#ifndef RIDE_RUNTIME_SRC_CODEC_LANE_BYTES_H_
#define RIDE_RUNTIME_SRC_CODEC_LANE_BYTES_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"

namespace ride::codec {

class LaneBytes final : public coder::ByteSink {
 public:
  LaneBytes() = default;
  LaneBytes(const LaneBytes&) = delete;
  LaneBytes& operator=(const LaneBytes&) = delete;
  ~LaneBytes() override;

  Status Append(const uint8_t* data, std::size_t size) override;

  const uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_LANE_BYTES_H_
