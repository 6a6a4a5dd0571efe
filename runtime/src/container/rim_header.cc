#include "runtime/src/container/rim_header.h"

#include <cinttypes>
#include <cstring>
#include <utility>

#include "runtime/src/container/leb128.h"
#include "runtime/src/container/pixel_checksum.h"

namespace ride::container {
namespace {

// Field offsets of a version-1 header (docs/bitstream.md, "Header").
constexpr std::size_t kVersionOffset = 8;
constexpr std::size_t kHeaderSizeOffset = 10;
constexpr std::size_t kWidthOffset = 14;
constexpr std::size_t kHeightOffset = 18;
constexpr std::size_t kChannelsOffset = 22;
constexpr std::size_t kBitDepthOffset = 23;
constexpr std::size_t kLaneCountOffset = 24;
constexpr std::size_t kFingerprintOffset = 26;
constexpr std::size_t kPixelChecksumOffset = 42;
static_assert(kPixelChecksumOffset + 8 == kRimFixedFieldsEnd, "field offsets");

uint16_t Load16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t Load32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}
uint64_t Load64(const uint8_t* p) {
  return static_cast<uint64_t>(Load32(p)) | (static_cast<uint64_t>(Load32(p + 4)) << 32);
}
void Store16(uint16_t v, uint8_t* p) {
  p[0] = static_cast<uint8_t>(v);
  p[1] = static_cast<uint8_t>(v >> 8);
}
void Store32(uint32_t v, uint8_t* p) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
void Store64(uint64_t v, uint8_t* p) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

// The checks on the fixed fields, shared by the reader and the writer.
Status CheckDimensions(uint32_t width, uint32_t height, uint8_t channels, uint8_t bit_depth, uint32_t lane_count) {
  if (width == 0) return Status::Error(StatusCode::kCorrupt, ".rim header: width is 0 (must be >= 1)");
  if (width > kRimMaxWidth) {
    return Status::Error(StatusCode::kResourceExhausted, ".rim header: width %" PRIu32 " exceeds the limit %" PRIu32,
                         width, kRimMaxWidth);
  }
  if (height == 0) return Status::Error(StatusCode::kCorrupt, ".rim header: height is 0 (must be >= 1)");
  if (height > kRimMaxHeight) {
    return Status::Error(StatusCode::kResourceExhausted, ".rim header: height %" PRIu32 " exceeds the limit %" PRIu32,
                         height, kRimMaxHeight);
  }
  if (channels != 1) {
    return Status::Error(StatusCode::kUnsupported, ".rim header: channels %u, this reader decodes 1 (grayscale)",
                         static_cast<unsigned>(channels));
  }
  if (bit_depth != 8) {
    return Status::Error(StatusCode::kUnsupported, ".rim header: bit_depth %u, this reader decodes 8",
                         static_cast<unsigned>(bit_depth));
  }
  if (lane_count == 0) return Status::Error(StatusCode::kCorrupt, ".rim header: lane_count is 0 (must be >= 1)");
  if (lane_count > kRimMaxLanes) {
    return Status::Error(StatusCode::kResourceExhausted, ".rim header: lane_count %" PRIu32 " exceeds the limit %" PRIu32,
                         lane_count, kRimMaxLanes);
  }
  if (lane_count > height) {
    return Status::Error(StatusCode::kCorrupt, ".rim header: lane_count %" PRIu32 " exceeds height %" PRIu32,
                         lane_count, height);
  }
  return Status::Ok();
}

}  // namespace

Status CheckRimHeaderFields(const RimHeader& header) {
  if (header.version == 0) return Status::Error(StatusCode::kCorrupt, ".rim header: version 0 does not exist");
  if (header.version > kRimVersion) {
    return Status::Error(StatusCode::kUnsupported, ".rim header: version %u is newer than this reader's %u",
                         static_cast<unsigned>(header.version), static_cast<unsigned>(kRimVersion));
  }
  if (header.lane_bytes.size() > kRimMaxLanes) {
    return Status::Error(StatusCode::kResourceExhausted, ".rim header: lane_count %zu exceeds the limit %" PRIu32,
                         header.lane_bytes.size(), kRimMaxLanes);
  }
  RIDE_RETURN_IF_ERROR(CheckDimensions(header.width, header.height, header.channels, header.bit_depth,
                                       header.lane_count()));
  uint64_t total = 0;
  for (std::size_t lane = 0; lane < header.lane_bytes.size(); ++lane) {
    if (header.lane_bytes[lane] > UINT64_MAX - total) {
      return Status::Error(StatusCode::kCorrupt, ".rim header: lane lengths overflow 64 bits at lane %zu", lane);
    }
    total += header.lane_bytes[lane];
  }
  return Status::Ok();
}

std::size_t RimHeaderSize(const RimHeader& header) {
  std::size_t size = kRimFixedFieldsEnd + kRimHeaderChecksumBytes;
  for (uint64_t length : header.lane_bytes) size += static_cast<std::size_t>(Leb128Size(length));
  return size;
}

Status WriteRimHeader(const RimHeader& header, coder::ByteSink* sink) {
  if (header.version != kRimVersion) {
    return Status::Error(StatusCode::kInvalidArgument, "cannot write .rim version %u: this writer writes %u",
                         static_cast<unsigned>(header.version), static_cast<unsigned>(kRimVersion));
  }
  const Status fields = CheckRimHeaderFields(header);
  if (!fields.ok()) {
    return Status::Error(StatusCode::kInvalidArgument, "cannot write %s", fields.message());
  }
  const std::size_t size = RimHeaderSize(header);  // <= kRimMaxHeaderBytes: at most 1024 lanes of 10 bytes
  std::vector<uint8_t> bytes(size);
  uint8_t* p = bytes.data();
  std::memcpy(p, kRimSignature.data(), kRimSignature.size());
  Store16(kRimVersion, p + kVersionOffset);
  Store32(static_cast<uint32_t>(size), p + kHeaderSizeOffset);
  Store32(header.width, p + kWidthOffset);
  Store32(header.height, p + kHeightOffset);
  p[kChannelsOffset] = header.channels;
  p[kBitDepthOffset] = header.bit_depth;
  Store16(static_cast<uint16_t>(header.lane_count()), p + kLaneCountOffset);
  std::memcpy(p + kFingerprintOffset, header.model_fingerprint.data(), model::kModelFingerprintBytes);
  Store64(header.pixel_checksum, p + kPixelChecksumOffset);
  std::size_t position = kRimFixedFieldsEnd;
  for (uint64_t length : header.lane_bytes) position += static_cast<std::size_t>(EncodeLeb128(length, p + position));
  Store64(Xxh3Hash64(p, position), p + position);
  return sink->Append(bytes.data(), bytes.size());
}

Status ReadRimHeaderSize(const uint8_t* data, std::size_t size, std::size_t* header_bytes) {
  const std::size_t compared = size < kRimSignature.size() ? size : kRimSignature.size();
  // (An empty input may come with a null pointer, which memcmp must not see even for 0 bytes.)
  if (compared > 0 && std::memcmp(data, kRimSignature.data(), compared) != 0) {
    if (compared == kRimSignature.size() && std::memcmp(data, kRimSignature.data(), 4) == 0) {
      return Status::Error(StatusCode::kCorrupt,
                           ".rim signature: bytes 4..7 altered, the file was probably transferred as text "
                           "(line endings converted)");
    }
    if (compared >= 4 && data[0] == 0x09 && std::memcmp(data + 1, kRimSignature.data() + 1, 3) == 0) {
      return Status::Error(StatusCode::kCorrupt, ".rim signature: high bit of byte 0 cleared (7-bit transfer)");
    }
    return Status::Error(StatusCode::kCorrupt, "not a .rim file: bad signature (magic bytes)");
  }
  if (size < kRimFramingBytes) {
    return Status::Error(StatusCode::kTruncated, ".rim header: file ends after %zu bytes, inside the first %zu", size,
                         kRimFramingBytes);
  }
  const uint32_t declared = Load32(data + kHeaderSizeOffset);
  if (declared < kRimMinHeaderBytes) {
    return Status::Error(StatusCode::kCorrupt, ".rim header: header_size %" PRIu32 " is below the minimum %zu",
                         declared, kRimMinHeaderBytes);
  }
  if (declared > kRimMaxHeaderBytes) {
    return Status::Error(StatusCode::kCorrupt, ".rim header: header_size %" PRIu32 " exceeds the limit %zu", declared,
                         kRimMaxHeaderBytes);
  }
  *header_bytes = declared;
  return Status::Ok();
}

Status ParseRimHeader(const uint8_t* data, std::size_t size, RimHeader* out, std::size_t* header_bytes) {
  std::size_t declared = 0;
  RIDE_RETURN_IF_ERROR(ReadRimHeaderSize(data, size, &declared));
  if (size < declared) {
    return Status::Error(StatusCode::kTruncated, ".rim header: header_size is %zu bytes but the file ends after %zu",
                         declared, size);
  }
  const std::size_t checked = declared - kRimHeaderChecksumBytes;
  const uint64_t stored = Load64(data + checked);
  const uint64_t computed = Xxh3Hash64(data, checked);
  if (stored != computed) {
    return Status::Error(StatusCode::kCorrupt,
                         ".rim header: header checksum mismatch (stored %016" PRIx64 ", computed %016" PRIx64
                         "): the header is corrupt",
                         stored, computed);
  }
  const uint16_t version = Load16(data + kVersionOffset);
  if (version == 0) return Status::Error(StatusCode::kCorrupt, ".rim header: version 0 does not exist");
  if (version > kRimVersion) {
    return Status::Error(StatusCode::kUnsupported, ".rim header: version %u is newer than this reader's %u",
                         static_cast<unsigned>(version), static_cast<unsigned>(kRimVersion));
  }
  const uint32_t width = Load32(data + kWidthOffset);
  const uint32_t height = Load32(data + kHeightOffset);
  const uint8_t channels = data[kChannelsOffset];
  const uint8_t bit_depth = data[kBitDepthOffset];
  const uint32_t lane_count = Load16(data + kLaneCountOffset);
  RIDE_RETURN_IF_ERROR(CheckDimensions(width, height, channels, bit_depth, lane_count));

  RimHeader header;
  header.version = version;
  header.width = width;
  header.height = height;
  header.channels = channels;
  header.bit_depth = bit_depth;
  std::memcpy(header.model_fingerprint.data(), data + kFingerprintOffset, model::kModelFingerprintBytes);
  header.pixel_checksum = Load64(data + kPixelChecksumOffset);
  header.lane_bytes.resize(lane_count);  // <= kRimMaxLanes
  std::size_t position = kRimFixedFieldsEnd;
  uint64_t total = 0;
  for (uint32_t lane = 0; lane < lane_count; ++lane) {
    uint64_t length = 0;
    std::size_t consumed = 0;
    const std::size_t available = position < checked ? checked - position : 0;
    switch (DecodeLeb128(data + position, available, &length, &consumed)) {
      case Leb128Result::kOk: break;
      case Leb128Result::kTruncated:
        return Status::Error(StatusCode::kCorrupt,
                             ".rim header: lane %" PRIu32 " length runs past header_size %zu (lane_count %" PRIu32 ")",
                             lane, declared, lane_count);
      case Leb128Result::kOverflow:
        return Status::Error(StatusCode::kCorrupt, ".rim header: lane %" PRIu32 " length varint overflows 64 bits",
                             lane);
      case Leb128Result::kNotMinimal:
        return Status::Error(StatusCode::kCorrupt,
                             ".rim header: lane %" PRIu32 " length varint is not minimal (trailing zero group)", lane);
    }
    if (length > UINT64_MAX - total) {
      return Status::Error(StatusCode::kCorrupt, ".rim header: lane lengths overflow 64 bits at lane %" PRIu32, lane);
    }
    total += length;
    header.lane_bytes[lane] = length;
    position += consumed;
  }
  if (position != checked) {
    return Status::Error(StatusCode::kCorrupt,
                         ".rim header: header_size %zu but the lane lengths end at byte %zu (expected %zu)", declared,
                         position + kRimHeaderChecksumBytes, declared);
  }
  *out = std::move(header);
  *header_bytes = declared;
  return Status::Ok();
}

Status ValidateRimLayout(const RimHeader& header, std::size_t header_bytes, uint64_t file_size) {
  if (file_size < header_bytes) {
    return Status::Error(StatusCode::kTruncated, ".rim file: %" PRIu64 " bytes, shorter than its %zu-byte header",
                         file_size, header_bytes);
  }
  uint64_t end = header_bytes;
  for (std::size_t lane = 0; lane < header.lane_bytes.size(); ++lane) {
    const uint64_t length = header.lane_bytes[lane];
    if (length > file_size - end) {
      return Status::Error(StatusCode::kTruncated,
                           ".rim file: lane %zu (%" PRIu64 " bytes at offset %" PRIu64 ") extends beyond the file's %" PRIu64
                           " bytes",
                           lane, length, end, file_size);
    }
    end += length;
  }
  if (end != file_size) {
    return Status::Error(StatusCode::kCorrupt, ".rim file: %" PRIu64 " bytes after the last lane (which ends at %" PRIu64 ")",
                         file_size - end, end);
  }
  return Status::Ok();
}

Status CheckModelFingerprint(const RimHeader& header, const model::ModelFingerprint& model) {
  if (header.model_fingerprint == model) return Status::Ok();
  char file_hex[2 * model::kModelFingerprintBytes + 1];
  char model_hex[2 * model::kModelFingerprintBytes + 1];
  model::FingerprintToHex(header.model_fingerprint, file_hex);
  model::FingerprintToHex(model, model_hex);
  return Status::Error(StatusCode::kModelMismatch,
                       "the file was compressed with model %s but the loaded model is %s", file_hex, model_hex);
}

Status CheckPixelChecksum(const RimHeader& header, uint64_t decoded) {
  if (decoded == header.pixel_checksum) return Status::Ok();
  return Status::Error(StatusCode::kCorrupt,
                       "pixel checksum mismatch: header %016" PRIx64 ", decoded pixels %016" PRIx64
                       " (the lanes are corrupt)",
                       header.pixel_checksum, decoded);
}

}  // namespace ride::container
