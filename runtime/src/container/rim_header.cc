#include "runtime/src/container/rim_header.h"

#include <cinttypes>
#include <cstring>
#include <utility>

#include "runtime/src/container/leb128.h"
#include "runtime/src/container/pixel_checksum.h"

namespace ride::container {
namespace {

// Offsets every version shares (docs/bitstream.md, "Framing").
constexpr std::size_t kVersionOffset = 8;
constexpr std::size_t kHeaderSizeOffset = 10;
constexpr std::size_t kWidthOffset = 14;
constexpr std::size_t kHeightOffset = 18;
// Version 1.
constexpr std::size_t kV1ChannelsOffset = 22;
constexpr std::size_t kV1BitDepthOffset = 23;
constexpr std::size_t kV1LaneCountOffset = 24;
constexpr std::size_t kV1FingerprintOffset = 26;
constexpr std::size_t kV1PixelChecksumOffset = 42;
static_assert(kV1PixelChecksumOffset + 8 == kRimFixedFieldsEnd, "version 1 field offsets");
// Version 2.
constexpr std::size_t kV2LayoutOffset = 22;
constexpr std::size_t kV2SourceFormatOffset = 23;
constexpr std::size_t kV2MaxvalOffset = 24;
constexpr std::size_t kV2LaneCountOffset = 26;
constexpr std::size_t kV2GroupRowsOffset = 28;
constexpr std::size_t kV2FingerprintOffset = 32;
constexpr std::size_t kV2ReservedOffset = 48;
constexpr std::size_t kV2ReservedBytes = 3;
static_assert(kV2ReservedOffset + kV2ReservedBytes + kRimHeaderChecksumBytes == kRimV2HeaderBytes,
              "version 2 field offsets");
static_assert(kRimV2HeaderBytes >= kRimMinHeaderBytes, "a version-1 reader must reach the version field");

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

Status CheckVersion(uint32_t version) {
  if (version == 0) return Status::Error(StatusCode::kCorrupt, ".rim header: version 0 does not exist");
  if (version > kRimVersion) {
    return Status::Error(StatusCode::kUnsupported, ".rim header: version %u is newer than this reader's %u",
                         static_cast<unsigned>(version), static_cast<unsigned>(kRimVersion));
  }
  return Status::Ok();
}

Status CheckSize(uint32_t width, uint32_t height) {
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
  return Status::Ok();
}

// Version 1 stores channels and a bit depth where version 2 has the layout and maxval.
Status CheckV1Format(uint32_t channels, uint32_t bit_depth) {
  if (channels != 1) {
    return Status::Error(StatusCode::kUnsupported, ".rim header: channels %u, this reader decodes 1 (grayscale)",
                         static_cast<unsigned>(channels));
  }
  if (bit_depth != 8) {
    return Status::Error(StatusCode::kUnsupported, ".rim header: bit_depth %u, this reader decodes 8",
                         static_cast<unsigned>(bit_depth));
  }
  return Status::Ok();
}

Status CheckV2Format(uint32_t layout, uint32_t source_format, uint32_t maxval) {
  if (layout == 0 || layout > kRimLayoutRgba) {
    return Status::Error(StatusCode::kCorrupt,
                         ".rim header: layout %u does not exist (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA)",
                         static_cast<unsigned>(layout));
  }
  if (source_format > kRimMaxSourceFormat) {
    return Status::Error(StatusCode::kCorrupt, ".rim header: source_format %u does not exist (0..%u)",
                         static_cast<unsigned>(source_format), static_cast<unsigned>(kRimMaxSourceFormat));
  }
  if (maxval == 0) return Status::Error(StatusCode::kCorrupt, ".rim header: maxval is 0 (bit depth 0)");
  if (maxval > kRimMaxMaxval) {
    return Status::Error(StatusCode::kUnsupported,
                         ".rim header: maxval %u (bit depth %u): this reader codes samples of 1 to 8 bits",
                         static_cast<unsigned>(maxval), static_cast<unsigned>(RimBitDepth(maxval)));
  }
  return Status::Ok();
}

Status CheckLanes(uint32_t lane_count, uint32_t height) {
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

// After every other field has passed.
Status CheckGroupRows(const RimHeader& header) {
  if (header.group_rows == 0) return Status::Error(StatusCode::kCorrupt, ".rim header: group_rows is 0 (must be >= 1)");
  if (header.group_rows % header.lanes != 0) {
    return Status::Error(StatusCode::kCorrupt,
                         ".rim header: group_rows %" PRIu32 " is not a multiple of lane_count %" PRIu32,
                         header.group_rows, header.lanes);
  }
  const uint64_t bytes = RimMaxStoredGroupBytes(header);
  if (bytes > kRimMaxGroupBytes) {
    return Status::Error(StatusCode::kResourceExhausted,
                         ".rim header: a group of %" PRIu32 " rows holds %" PRIu64 " bytes of samples, beyond the limit %" PRIu64,
                         header.group_rows, bytes, kRimMaxGroupBytes);
  }
  return Status::Ok();
}

}  // namespace

const char* RimLayoutName(uint8_t layout) {
  switch (layout) {
    case kRimLayoutGray: return "gray";
    case kRimLayoutGrayAlpha: return "gray+alpha";
    case kRimLayoutRgb: return "RGB";
    case kRimLayoutRgba: return "RGBA";
  }
  return "unknown";
}

const char* RimSourceFormatName(uint8_t source_format) {
  switch (source_format) {
    case kRimSourceUnspecified: return "raw";
    case kRimSourcePng: return "PNG";
    case kRimSourcePgm: return "PGM";
    case kRimSourcePpm: return "PPM";
    case kRimSourcePam: return "PAM";
    case kRimSourceJpeg: return "JPEG";
  }
  return "unknown";
}

uint32_t RimBitDepth(uint32_t maxval) {
  uint32_t bits = 0;
  while (maxval != 0) {
    ++bits;
    maxval >>= 1;
  }
  return bits;
}

uint32_t RimGroupCount(const RimHeader& header) {
  if (header.group_rows == 0) return 0;  // a header that has not passed its checks
  return static_cast<uint32_t>((uint64_t{header.height} + header.group_rows - 1) / header.group_rows);
}

uint32_t RimRowsInGroup(const RimHeader& header, uint32_t group) {
  const uint64_t first = uint64_t{group} * header.group_rows;
  const uint64_t rest = header.height - first;
  return static_cast<uint32_t>(rest < header.group_rows ? rest : header.group_rows);
}

uint64_t RimPackedRowBytes(const RimHeader& header) {
  const uint64_t bits = uint64_t{header.width} * header.layout * RimBitDepth(header.maxval);
  return (bits + 7) / 8;
}

uint64_t RimStoredGroupBytes(const RimHeader& header, uint32_t group) {
  return RimRowsInGroup(header, group) * RimPackedRowBytes(header);
}

uint64_t RimMaxStoredGroupBytes(const RimHeader& header) { return RimStoredGroupBytes(header, 0); }

Status CheckRimHeaderFields(const RimHeader& header) {
  RIDE_RETURN_IF_ERROR(CheckVersion(header.version));
  RIDE_RETURN_IF_ERROR(CheckSize(header.width, header.height));
  if (header.version == 1) {
    if (header.layout != kRimLayoutGray || header.maxval != 255) {
      return Status::Error(StatusCode::kUnsupported, ".rim header: version 1 holds 8-bit gray only, not layout %u maxval %u",
                           static_cast<unsigned>(header.layout), static_cast<unsigned>(header.maxval));
    }
    if (header.lane_bytes.size() != header.lanes) {
      return Status::Error(StatusCode::kInvalidArgument, ".rim header: %zu lane lengths for lane_count %" PRIu32,
                           header.lane_bytes.size(), header.lanes);
    }
  } else {
    RIDE_RETURN_IF_ERROR(CheckV2Format(header.layout, header.source_format, header.maxval));
  }
  RIDE_RETURN_IF_ERROR(CheckLanes(header.lanes, header.height));
  if (header.version == 1) {
    uint64_t total = 0;
    for (std::size_t lane = 0; lane < header.lane_bytes.size(); ++lane) {
      if (header.lane_bytes[lane] > UINT64_MAX - total) {
        return Status::Error(StatusCode::kCorrupt, ".rim header: lane lengths overflow 64 bits at lane %zu", lane);
      }
      total += header.lane_bytes[lane];
    }
    return Status::Ok();
  }
  return CheckGroupRows(header);
}

std::size_t RimHeaderSize(const RimHeader& header) {
  if (header.version != 1) return kRimV2HeaderBytes;
  std::size_t size = kRimFixedFieldsEnd + kRimHeaderChecksumBytes;
  for (uint64_t length : header.lane_bytes) size += static_cast<std::size_t>(Leb128Size(length));
  return size;
}

Status WriteRimHeader(const RimHeader& header, coder::ByteSink* sink) {
  if (header.version == 0 || header.version > kRimVersion) {
    return Status::Error(StatusCode::kInvalidArgument, "cannot write .rim version %u: this writer writes 1 to %u",
                         static_cast<unsigned>(header.version), static_cast<unsigned>(kRimVersion));
  }
  const Status fields = CheckRimHeaderFields(header);
  if (!fields.ok()) {
    return Status::Error(StatusCode::kInvalidArgument, "cannot write %s", fields.message());
  }
  // <= kRimMaxHeaderBytes: at most 1024 lanes of 10 bytes in version 1.
  const std::size_t size = RimHeaderSize(header);
  std::vector<uint8_t> bytes(size, 0);
  uint8_t* p = bytes.data();
  std::memcpy(p, kRimSignature.data(), kRimSignature.size());
  Store16(header.version, p + kVersionOffset);
  Store32(static_cast<uint32_t>(size), p + kHeaderSizeOffset);
  Store32(header.width, p + kWidthOffset);
  Store32(header.height, p + kHeightOffset);
  std::size_t position = 0;
  if (header.version == 1) {
    p[kV1ChannelsOffset] = header.layout;
    p[kV1BitDepthOffset] = 8;
    Store16(static_cast<uint16_t>(header.lanes), p + kV1LaneCountOffset);
    std::memcpy(p + kV1FingerprintOffset, header.model_fingerprint.data(), model::kModelFingerprintBytes);
    Store64(header.pixel_checksum, p + kV1PixelChecksumOffset);
    position = kRimFixedFieldsEnd;
    for (uint64_t length : header.lane_bytes) position += static_cast<std::size_t>(EncodeLeb128(length, p + position));
  } else {
    p[kV2LayoutOffset] = header.layout;
    p[kV2SourceFormatOffset] = header.source_format;
    Store16(header.maxval, p + kV2MaxvalOffset);
    Store16(static_cast<uint16_t>(header.lanes), p + kV2LaneCountOffset);
    Store32(header.group_rows, p + kV2GroupRowsOffset);
    std::memcpy(p + kV2FingerprintOffset, header.model_fingerprint.data(), model::kModelFingerprintBytes);
    position = kV2ReservedOffset + kV2ReservedBytes;  // reserved bytes stay 0
  }
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

namespace {

// Version 1 after the checksum and the version: the fields, then the lane lengths up to `checked`.
Status ParseV1Fields(const uint8_t* data, std::size_t declared, RimHeader* header) {
  const std::size_t checked = declared - kRimHeaderChecksumBytes;
  const uint32_t lane_count = Load16(data + kV1LaneCountOffset);
  RIDE_RETURN_IF_ERROR(CheckV1Format(data[kV1ChannelsOffset], data[kV1BitDepthOffset]));
  RIDE_RETURN_IF_ERROR(CheckLanes(lane_count, header->height));
  header->layout = kRimLayoutGray;
  header->maxval = 255;
  header->lanes = lane_count;
  header->group_rows = header->height;
  std::memcpy(header->model_fingerprint.data(), data + kV1FingerprintOffset, model::kModelFingerprintBytes);
  header->pixel_checksum = Load64(data + kV1PixelChecksumOffset);
  header->lane_bytes.resize(lane_count);  // <= kRimMaxLanes
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
    header->lane_bytes[lane] = length;
    position += consumed;
  }
  if (position != checked) {
    return Status::Error(StatusCode::kCorrupt,
                         ".rim header: header_size %zu but the lane lengths end at byte %zu (expected %zu)", declared,
                         position + kRimHeaderChecksumBytes, declared);
  }
  return Status::Ok();
}

Status ParseV2Fields(const uint8_t* data, std::size_t declared, RimHeader* header) {
  if (declared != kRimV2HeaderBytes) {
    return Status::Error(StatusCode::kCorrupt, ".rim header: header_size %zu, version %u headers have %zu bytes",
                         declared, static_cast<unsigned>(header->version), kRimV2HeaderBytes);
  }
  header->layout = data[kV2LayoutOffset];
  header->source_format = data[kV2SourceFormatOffset];
  header->maxval = Load16(data + kV2MaxvalOffset);
  header->lanes = Load16(data + kV2LaneCountOffset);
  header->group_rows = Load32(data + kV2GroupRowsOffset);
  RIDE_RETURN_IF_ERROR(CheckV2Format(header->layout, header->source_format, header->maxval));
  RIDE_RETURN_IF_ERROR(CheckLanes(header->lanes, header->height));
  RIDE_RETURN_IF_ERROR(CheckGroupRows(*header));
  std::memcpy(header->model_fingerprint.data(), data + kV2FingerprintOffset, model::kModelFingerprintBytes);
  for (std::size_t i = 0; i < kV2ReservedBytes; ++i) {
    if (data[kV2ReservedOffset + i] != 0) {
      return Status::Error(StatusCode::kCorrupt, ".rim header: reserved byte %zu is %u (must be 0)",
                           kV2ReservedOffset + i, static_cast<unsigned>(data[kV2ReservedOffset + i]));
    }
  }
  return Status::Ok();
}

}  // namespace

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
  RimHeader header;
  header.version = Load16(data + kVersionOffset);
  RIDE_RETURN_IF_ERROR(CheckVersion(header.version));
  header.width = Load32(data + kWidthOffset);
  header.height = Load32(data + kHeightOffset);
  RIDE_RETURN_IF_ERROR(CheckSize(header.width, header.height));
  RIDE_RETURN_IF_ERROR(header.version == 1 ? ParseV1Fields(data, declared, &header)
                                           : ParseV2Fields(data, declared, &header));
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

Status CheckPixelChecksum(uint64_t expected, uint64_t decoded) {
  if (decoded == expected) return Status::Ok();
  return Status::Error(StatusCode::kCorrupt,
                       "pixel checksum mismatch: file %016" PRIx64 ", decoded pixels %016" PRIx64
                       " (the coded data is corrupt)",
                       expected, decoded);
}

}  // namespace ride::container
