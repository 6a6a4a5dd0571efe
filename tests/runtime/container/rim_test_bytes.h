// Test helpers: valid .rim headers as bytes, and editing them while keeping the header checksum
// valid, so that each corrupt-file test reaches the check it is about.
#ifndef RIDE_TESTS_RUNTIME_CONTAINER_RIM_TEST_BYTES_H_
#define RIDE_TESTS_RUNTIME_CONTAINER_RIM_TEST_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/container/rim_header.h"

namespace ride::container::testing {

inline RimHeader MakeHeader(uint32_t width, uint32_t height, std::vector<uint64_t> lane_bytes) {
  RimHeader header;
  header.width = width;
  header.height = height;
  for (std::size_t i = 0; i < model::kModelFingerprintBytes; ++i) header.model_fingerprint[i] = static_cast<uint8_t>(0xA0 + i);
  header.pixel_checksum = 0x0123456789ABCDEFull;
  header.lane_bytes = std::move(lane_bytes);
  return header;
}

inline std::vector<uint8_t> HeaderBytes(const RimHeader& header) {
  coder::VectorByteSink sink;
  const Status status = WriteRimHeader(header, &sink);
  if (!status.ok()) return {};
  return sink.bytes();
}

inline void Put16(std::vector<uint8_t>* bytes, std::size_t offset, uint16_t v) {
  for (int i = 0; i < 2; ++i) (*bytes)[offset + i] = static_cast<uint8_t>(v >> (8 * i));
}
inline void Put32(std::vector<uint8_t>* bytes, std::size_t offset, uint32_t v) {
  for (int i = 0; i < 4; ++i) (*bytes)[offset + i] = static_cast<uint8_t>(v >> (8 * i));
}

// Recomputes the header checksum of bytes[0..header_size) after an edit, using the header_size field.
inline void Reseal(std::vector<uint8_t>* bytes) {
  const std::size_t size = static_cast<std::size_t>((*bytes)[10]) | (static_cast<std::size_t>((*bytes)[11]) << 8) |
                           (static_cast<std::size_t>((*bytes)[12]) << 16) | (static_cast<std::size_t>((*bytes)[13]) << 24);
  const std::size_t checked = size - kRimHeaderChecksumBytes;
  const uint64_t hash = Xxh3Hash64(bytes->data(), checked);
  for (int i = 0; i < 8; ++i) (*bytes)[checked + i] = static_cast<uint8_t>(hash >> (8 * i));
}

// Field offsets of the version-1 header, as docs/bitstream.md gives them.
inline constexpr std::size_t kVersionAt = 8, kHeaderSizeAt = 10, kWidthAt = 14, kHeightAt = 18, kChannelsAt = 22,
                             kBitDepthAt = 23, kLaneCountAt = 24, kFingerprintAt = 26, kPixelChecksumAt = 42,
                             kLaneLengthsAt = 50;

}  // namespace ride::container::testing

#endif  // RIDE_TESTS_RUNTIME_CONTAINER_RIM_TEST_BYTES_H_
