// Unsigned LEB128 varints, as the .rim header stores lane lengths (docs/bitstream.md): 7 bits per
// byte, least significant group first, bit 7 set on every byte but the last.
//
// The reader is strict, so that every value has exactly one encoding: at most kMaxLeb128Bytes bytes,
// the value must fit in 64 bits, and the last byte of a multi-byte varint must not be 0 (no
// redundant zero groups).
#ifndef RIDE_RUNTIME_SRC_CONTAINER_LEB128_H_
#define RIDE_RUNTIME_SRC_CONTAINER_LEB128_H_

#include <cstddef>
#include <cstdint>

namespace ride::container {

inline constexpr int kMaxLeb128Bytes = 10;

// Bytes EncodeLeb128 writes for `value` (1..10).
int Leb128Size(uint64_t value);

// Writes `value` to out[0..Leb128Size(value)) and returns the count. `out` needs kMaxLeb128Bytes.
int EncodeLeb128(uint64_t value, uint8_t* out);

enum class Leb128Result {
  kOk,
  kTruncated,     // the input ended inside the varint
  kOverflow,      // more than 64 bits of value, or more than kMaxLeb128Bytes bytes
  kNotMinimal,    // a redundant trailing zero group
};

// Reads one varint from data[0..size). On kOk stores the value and the bytes consumed.
Leb128Result DecodeLeb128(const uint8_t* data, std::size_t size, uint64_t* value, std::size_t* consumed);

}  // namespace ride::container

#endif  // RIDE_RUNTIME_SRC_CONTAINER_LEB128_H_
