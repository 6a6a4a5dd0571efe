#include "runtime/src/coder/range_encoder.h"

#include <cassert>

namespace ride::coder {

void RangeEncoder::Encode(uint32_t start, uint32_t freq, int total_bits) {
  assert(total_bits >= kMinTotalBits && total_bits <= kMaxTotalBits);
  assert(freq >= 1 && uint64_t{start} + freq <= (uint64_t{1} << total_bits));
  const uint64_t r = range_ >> total_bits;
  low_ += r * start;
  range_ = r * freq;
  while (range_ < kRangeMin) {
    ShiftLow();
    range_ <<= 8;
  }
}

// Moves the top byte of the 56-bit window out of low_. The byte is only final once we know no later
// carry can reach it, i.e. once a byte other than 0xFF follows it.
void RangeEncoder::ShiftLow() {
  const uint64_t top = low_ >> kRangeMinBits;  // carry bit and the window's top byte
  if (top != 0xFF) {
    const uint8_t carry = static_cast<uint8_t>(top >> 8);
    if (has_cache_) PutByte(static_cast<uint8_t>(cache_ + carry));
    for (; pending_ff_ > 0; --pending_ff_) PutByte(static_cast<uint8_t>(0xFF + carry));
    cache_ = static_cast<uint8_t>(top);
    has_cache_ = true;
  } else {
    ++pending_ff_;
  }
  low_ = (low_ & (kRangeMin - 1)) << 8;
}

void RangeEncoder::PutByte(uint8_t byte) {
  if (buffer_size_ == kCoderBufferBytes) FlushBuffer();
  buffer_[buffer_size_++] = byte;
  ++bytes_written_;
}

void RangeEncoder::FlushBuffer() {
  if (status_.ok() && buffer_size_ > 0) status_ = sink_->Append(buffer_, buffer_size_);
  buffer_size_ = 0;
}

Status RangeEncoder::Finish() {
  if (finished_) return Status::Error(StatusCode::kInternal, "range encoder: Finish() called twice");
  finished_ = true;
  // Any value in [low, low + range) decodes to the same symbols. range >= 2^48, so the interval holds
  // a multiple of 2^48: a value whose window is a single byte followed by zeros, which the decoder
  // supplies itself past the end of its input.
  low_ = (low_ + (kRangeMin - 1)) & ~(kRangeMin - 1);
  ShiftLow();  // moves that byte into the cache, resolving any carry
  // A final zero byte is left out: the decoder supplies it.
  if (has_cache_ && (cache_ != 0 || pending_ff_ > 0)) PutByte(cache_);
  for (; pending_ff_ > 0; --pending_ff_) PutByte(0xFF);
  FlushBuffer();
  return status_;
}

}  // namespace ride::coder
