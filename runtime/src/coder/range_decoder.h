// RangeDecoder: the inverse of RangeEncoder, reading bytes from a ByteSource.
//
// Decoding one symbol is two calls: GetTarget(total_bits) returns a value in [0, 2^total_bits);
// the caller finds the symbol whose [start, start + freq) holds it (e.g. FindSymbol in
// quantized_cdf.h) and calls Consume(start, freq). The decoder never reads past the end of its input:
// it supplies zeros there (the encoder drops trailing zeros), at most kRangeBytes of them.
//
// Errors are sticky and cheap to carry through the pixel loop: a truncated or corrupt stream makes
// the decoder return bounded values (targets stay inside the alphabet) and status() reports what
// went wrong; check it after a row or at the end. Finish() also rejects bytes after the stream.
#ifndef RIDE_RUNTIME_SRC_CODER_RANGE_DECODER_H_
#define RIDE_RUNTIME_SRC_CODER_RANGE_DECODER_H_

#include <cstdint>

#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/coder/range_coder_core.h"

namespace ride::coder {

class RangeDecoder {
 public:
  // `source` must outlive the decoder. Reads the first kRangeBytes bytes.
  explicit RangeDecoder(ByteSource* source);
  RangeDecoder(const RangeDecoder&) = delete;
  RangeDecoder& operator=(const RangeDecoder&) = delete;

  // The coded value scaled to [0, 2^total_bits). Requires kMinTotalBits <= total_bits <= kMaxTotalBits.
  uint32_t GetTarget(int total_bits);
  // Removes the symbol [start, start + freq) that holds the last target. Requires freq >= 1.
  void Consume(uint32_t start, uint32_t freq);

  // Checks that the input ended where the stream ended (no missing and no extra bytes).
  Status Finish();

  const Status& status() const { return status_; }
  bool ok() const { return status_.ok(); }

 private:
  uint8_t NextByte();
  void Refill();
  void Fail(StatusCode code, const char* what);

  ByteSource* source_;
  Status status_;
  uint64_t code_ = 0;   // value - low, always < range_ for a valid stream
  uint64_t range_ = kRangeInitial;
  uint64_t r_ = 0;      // range_ >> total_bits of the last GetTarget
  uint64_t zeros_supplied_ = 0;
  bool input_ended_ = false;
  int buffer_position_ = 0;
  int buffer_size_ = 0;
  uint8_t buffer_[kCoderBufferBytes];
};

}  // namespace ride::coder

#endif  // RIDE_RUNTIME_SRC_CODER_RANGE_DECODER_H_
