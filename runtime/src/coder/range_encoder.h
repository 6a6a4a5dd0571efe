// RangeEncoder: codes symbols given by integer frequencies (start, freq) out of a total of
// 2^total_bits into bytes, streaming them to a ByteSink. See range_coder_core.h for the traps and
// docs/range_coder.md for the byte-level definition the decoder follows.
//
// Usage: Encode(...) for every symbol, then Finish() exactly once. Errors from the sink are sticky:
// after one, further calls do nothing and Finish() returns it. Encode's arguments are programmer
// invariants (checked by assertions in debug builds), not input data.
#ifndef RIDE_RUNTIME_SRC_CODER_RANGE_ENCODER_H_
#define RIDE_RUNTIME_SRC_CODER_RANGE_ENCODER_H_

#include <cstdint>

#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/coder/range_coder_core.h"

namespace ride::coder {

class RangeEncoder {
 public:
  // `sink` must outlive the encoder.
  explicit RangeEncoder(ByteSink* sink) : sink_(sink) {}
  RangeEncoder(const RangeEncoder&) = delete;
  RangeEncoder& operator=(const RangeEncoder&) = delete;

  // Codes the symbol occupying [start, start + freq) of [0, 2^total_bits).
  // Requires kMinTotalBits <= total_bits <= kMaxTotalBits, freq >= 1, start + freq <= 2^total_bits.
  void Encode(uint32_t start, uint32_t freq, int total_bits);

  // Writes the last bytes and flushes the buffer to the sink. Call once.
  Status Finish();

  // Bytes handed to the sink or buffered so far (excludes the up to kRangeBytes + pending bytes
  // that Finish() may still write).
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  void ShiftLow();
  void PutByte(uint8_t byte);
  void FlushBuffer();

  ByteSink* sink_;
  Status status_;
  uint64_t low_ = 0;
  uint64_t range_ = kRangeInitial;
  // Last window byte produced but not yet final (a carry may still increment it).
  uint8_t cache_ = 0;
  bool has_cache_ = false;
  // 0xFF bytes after cache_ that a carry would turn into 0x00.
  uint64_t pending_ff_ = 0;
  uint64_t bytes_written_ = 0;
  bool finished_ = false;
  int buffer_size_ = 0;
  uint8_t buffer_[kCoderBufferBytes];
};

}  // namespace ride::coder

#endif  // RIDE_RUNTIME_SRC_CODER_RANGE_ENCODER_H_
