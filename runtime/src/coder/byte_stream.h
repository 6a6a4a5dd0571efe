// Byte sinks and sources that the range coder streams through, so that coding a message never needs
// memory proportional to its length. Implementations must not throw.
#ifndef RIDE_RUNTIME_SRC_CODER_BYTE_STREAM_H_
#define RIDE_RUNTIME_SRC_CODER_BYTE_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/src/base/status.h"

namespace ride::coder {

// Receives bytes in order. Append may be called with size 0.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status Append(const uint8_t* data, std::size_t size) = 0;
};

// Supplies bytes in order. Read stores up to `capacity` bytes and their count in *read; a count of 0
// means the input has ended.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual Status Read(uint8_t* data, std::size_t capacity, std::size_t* read) = 0;
};

// Collects everything in a vector (tests, and substreams the codec keeps in memory).
class VectorByteSink final : public ByteSink {
 public:
  Status Append(const uint8_t* data, std::size_t size) override {
    bytes_.insert(bytes_.end(), data, data + size);
    return Status::Ok();
  }
  const std::vector<uint8_t>& bytes() const { return bytes_; }
  std::vector<uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

// Counts the bytes and keeps none (evaluation: what a file would hold, without the file).
class CountingByteSink final : public ByteSink {
 public:
  Status Append(const uint8_t*, std::size_t size) override {
    bytes_ += size;
    return Status::Ok();
  }
  uint64_t bytes() const { return bytes_; }

 private:
  uint64_t bytes_ = 0;
};

// Reads from memory the caller owns; the memory must outlive the source.
class SpanByteSource final : public ByteSource {
 public:
  SpanByteSource(const uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  Status Read(uint8_t* data, std::size_t capacity, std::size_t* read) override;

 private:
  const uint8_t* data_;
  std::size_t size_;
  std::size_t position_ = 0;
};

}  // namespace ride::coder

#endif  // RIDE_RUNTIME_SRC_CODER_BYTE_STREAM_H_
