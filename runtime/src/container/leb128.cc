#include "runtime/src/container/leb128.h"

namespace ride::container {

int Leb128Size(uint64_t value) {
  int size = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++size;
  }
  return size;
}

int EncodeLeb128(uint64_t value, uint8_t* out) {
  int size = 0;
  while (value >= 0x80) {
    out[size++] = static_cast<uint8_t>(value | 0x80);
    value >>= 7;
  }
  out[size++] = static_cast<uint8_t>(value);
  return size;
}

Leb128Result DecodeLeb128(const uint8_t* data, std::size_t size, uint64_t* value, std::size_t* consumed) {
  uint64_t result = 0;
  for (std::size_t i = 0; i < static_cast<std::size_t>(kMaxLeb128Bytes); ++i) {
    if (i >= size) return Leb128Result::kTruncated;
    const uint8_t byte = data[i];
    const uint64_t group = byte & 0x7F;
    // The tenth byte holds bit 63 only: anything above it does not fit in 64 bits.
    if (i == kMaxLeb128Bytes - 1 && (byte & 0xFE) != 0) return Leb128Result::kOverflow;
    result |= group << (7 * i);
    if ((byte & 0x80) == 0) {
      if (i > 0 && byte == 0) return Leb128Result::kNotMinimal;
      *value = result;
      *consumed = i + 1;
      return Leb128Result::kOk;
    }
  }
  return Leb128Result::kOverflow;
}

}  // namespace ride::container
