// The rows of a stored group (coding method 0, docs/bitstream.md): each row's samples, `depth` bits
// each, most significant bit first, the row padded with zero bits to a whole byte (so an 8-bit row
// is its bytes, and a 1-bit row packs like a PBM row).
#ifndef RIDE_RUNTIME_SRC_CODEC_STORED_ROWS_H_
#define RIDE_RUNTIME_SRC_CODEC_STORED_ROWS_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/status.h"

namespace ride::codec {

// Bytes of a packed row of `count` samples.
inline std::size_t PackedRowBytes(std::size_t count, uint32_t depth) { return (count * depth + 7) / 8; }

// Packs samples[0..count) (each below 2^depth, 1 <= depth <= 8) into out[0..PackedRowBytes).
void PackRow(const uint8_t* samples, std::size_t count, uint32_t depth, uint8_t* out);

// The inverse, checking the packed row as a reader must: kCorrupt for a sample above `maxval` or
// padding bits that are not zero, naming the column.
Status UnpackRow(const uint8_t* packed, std::size_t count, uint32_t depth, uint32_t maxval, uint8_t* samples);

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_STORED_ROWS_H_
