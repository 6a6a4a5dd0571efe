#include "runtime/src/codec/stored_rows.h"

#include <cstring>

namespace ride::codec {

void PackRow(const uint8_t* samples, std::size_t count, uint32_t depth, uint8_t* out) {
  if (depth == 8) {
    std::memcpy(out, samples, count);
    return;
  }
  std::memset(out, 0, PackedRowBytes(count, depth));
  std::size_t bit = 0;
  for (std::size_t i = 0; i < count; ++i, bit += depth) {
    // A sample never straddles two bytes when depth divides 8; otherwise it may.
    const uint32_t value = samples[i];
    for (uint32_t b = 0; b < depth; ++b) {
      if ((value >> (depth - 1 - b)) & 1u) out[(bit + b) >> 3] |= static_cast<uint8_t>(0x80u >> ((bit + b) & 7));
    }
  }
}

Status UnpackRow(const uint8_t* packed, std::size_t count, uint32_t depth, uint32_t maxval, uint8_t* samples) {
  std::size_t bit = 0;
  for (std::size_t i = 0; i < count; ++i, bit += depth) {
    uint32_t value = 0;
    if (depth == 8) {
      value = packed[i];
    } else {
      for (uint32_t b = 0; b < depth; ++b) value = (value << 1) | ((packed[(bit + b) >> 3] >> (7 - ((bit + b) & 7))) & 1u);
    }
    if (value > maxval) {
      return Status::Error(StatusCode::kCorrupt, "stored sample %u at column %zu exceeds maxval %u", value, i, maxval);
    }
    samples[i] = static_cast<uint8_t>(value);
  }
  const std::size_t used_bits = count * depth;
  const std::size_t bytes = PackedRowBytes(count, depth);
  if (used_bits % 8 != 0 && (packed[bytes - 1] & (0xFFu >> (used_bits % 8))) != 0) {
    return Status::Error(StatusCode::kCorrupt, "stored row: padding bits after column %zu are not zero", count - 1);
  }
  return Status::Ok();
}

}  // namespace ride::codec
