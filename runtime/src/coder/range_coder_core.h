// Shared core of ride's range coder: the state sizes and the arithmetic both sides must agree on.
//
// Traps, read these before changing anything here:
// - Both sides compute the sub-range width as r = range >> total_bits. Any other rounding on one side
//   only desynchronises the decoder; change both or neither.
// - total_bits <= kMaxTotalBits keeps r >= 2^(kRangeMinBits - kMaxTotalBits) = 2^18, so the loss from
//   truncating the range is below 2^-18 relative per symbol (about 5e-6 bits).
// - A frequency of 0 cannot be coded. The integer CDF of quantized_cdf.h gives every symbol >= 1.
// - The encoder's low register holds a 56-bit window plus one carry bit; carries ripple into bytes
//   already produced but not yet written (one cached byte plus a run of 0xFF bytes), as in LZMA.
// - The final flush writes one byte (none if it is zero) that pins the stream's value; the decoder
//   reads zeros past the end of its input for the rest of its window, at most kRangeBytes of them;
//   needing more means the stream was truncated.
// - Byte order is fixed (big-endian window), so a stream is the same on every target.
#ifndef RIDE_RUNTIME_SRC_CODER_RANGE_CODER_CORE_H_
#define RIDE_RUNTIME_SRC_CODER_RANGE_CODER_CORE_H_

#include <cstdint>

namespace ride::coder {

// Width of the coding window in bits and in bytes.
inline constexpr int kRangeBits = 56;
inline constexpr int kRangeBytes = kRangeBits / 8;
// Normalisation keeps range >= 2^kRangeMinBits.
inline constexpr int kRangeMinBits = 48;
inline constexpr uint64_t kRangeMin = uint64_t{1} << kRangeMinBits;
inline constexpr uint64_t kRangeInitial = (uint64_t{1} << kRangeBits) - 1;
inline constexpr uint64_t kWindowMask = (uint64_t{1} << kRangeBits) - 1;

// Allowed precision of symbol frequencies: the frequencies of one symbol's alphabet sum to
// 2^total_bits.
inline constexpr int kMinTotalBits = 1;
inline constexpr int kMaxTotalBits = 30;

// Size of the internal byte buffers; memory use of an encoder or decoder does not depend on the
// length of the message.
inline constexpr int kCoderBufferBytes = 4096;

}  // namespace ride::coder

#endif  // RIDE_RUNTIME_SRC_CODER_RANGE_CODER_CORE_H_
