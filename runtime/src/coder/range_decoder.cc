#include "runtime/src/coder/range_decoder.h"

#include <cassert>
#include <cstddef>

namespace ride::coder {

RangeDecoder::RangeDecoder(ByteSource* source) : source_(source) {
  for (int i = 0; i < kRangeBytes; ++i) code_ = (code_ << 8) | NextByte();
  // A value at or above the initial range cannot come from the encoder.
  if (code_ >= range_) Fail(StatusCode::kCorrupt, "stream value exceeds the coding range");
}

void RangeDecoder::Fail(StatusCode code, const char* what) {
  if (status_.ok()) status_ = Status::Error(code, "range decoder: %s", what);
}

void RangeDecoder::Refill() {
  buffer_position_ = 0;
  buffer_size_ = 0;
  if (input_ended_) return;
  std::size_t read = 0;
  const Status status = source_->Read(buffer_, kCoderBufferBytes, &read);
  if (!status.ok()) {
    if (status_.ok()) status_ = status;
    input_ended_ = true;
    return;
  }
  if (read == 0) input_ended_ = true;
  buffer_size_ = static_cast<int>(read);
}

uint8_t RangeDecoder::NextByte() {
  if (buffer_position_ == buffer_size_) Refill();
  if (buffer_position_ < buffer_size_) return buffer_[buffer_position_++];
  if (++zeros_supplied_ > static_cast<uint64_t>(kRangeBytes)) {
    Fail(StatusCode::kTruncated, "input ended before the stream did");
  }
  return 0;
}

uint32_t RangeDecoder::GetTarget(int total_bits) {
  assert(total_bits >= kMinTotalBits && total_bits <= kMaxTotalBits);
  r_ = range_ >> total_bits;
  const uint64_t target = code_ / r_;
  const uint64_t total = uint64_t{1} << total_bits;
  if (target >= total) {
    // Only a corrupt stream gets here; keep the output inside the alphabet.
    Fail(StatusCode::kCorrupt, "coded value outside the symbol range");
    return static_cast<uint32_t>(total - 1);
  }
  return static_cast<uint32_t>(target);
}

void RangeDecoder::Consume(uint32_t start, uint32_t freq) {
  assert(freq >= 1);
  const uint64_t offset = r_ * start;
  range_ = r_ * freq;
  if (code_ < offset || code_ - offset >= range_) {
    // The caller's symbol does not hold the target: a corrupt stream (target clamped above) or a
    // search bug. Keep the state inside the range so decoding stays bounded.
    Fail(StatusCode::kCorrupt, "coded value outside the decoded symbol");
    code_ = code_ < offset ? 0 : range_ - 1;
  } else {
    code_ -= offset;
  }
  while (range_ < kRangeMin) {
    code_ = (code_ << 8) | NextByte();
    range_ <<= 8;
  }
}

Status RangeDecoder::Finish() {
  if (!status_.ok()) return status_;
  // The encoder's last byte is the first of the decoder's final window, so a complete stream leaves
  // the decoder at least kRangeBytes - 1 zeros of its own; fewer, or bytes still unread, mean bytes
  // were appended to the stream.
  if (buffer_position_ == buffer_size_) Refill();
  if (buffer_position_ < buffer_size_ || zeros_supplied_ + 1 < static_cast<uint64_t>(kRangeBytes)) {
    Fail(StatusCode::kCorrupt, "bytes follow the end of the stream");
  }
  return status_;
}

}  // namespace ride::coder
