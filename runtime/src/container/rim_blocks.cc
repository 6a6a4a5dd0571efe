#include "runtime/src/container/rim_blocks.h"

#include <cinttypes>

#include "runtime/src/container/leb128.h"

namespace ride::container {
namespace {

const char* KindName(RimBlockKind kind) {
  switch (kind) {
    case RimBlockKind::kMetadata: return "metadata";
    case RimBlockKind::kGroup: return "group";
    case RimBlockKind::kEnd: return "end";
  }
  return "unknown";
}

void Store64(uint64_t v, uint8_t* p) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
uint64_t Load64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

std::size_t EncodeRimBlockHead(RimBlockKind kind, uint64_t size, uint8_t* out) {
  out[0] = static_cast<uint8_t>(kind);
  return 1 + static_cast<std::size_t>(EncodeLeb128(size, out + 1));
}

Status ParseRimBlockHead(const uint8_t* data, std::size_t size, uint64_t offset, RimBlockHead* head) {
  if (size == 0) {
    return Status::Error(StatusCode::kTruncated, ".rim block at offset %" PRIu64 ": the file ends there", offset);
  }
  const uint8_t kind = data[0];
  if (kind < static_cast<uint8_t>(RimBlockKind::kMetadata) || kind > static_cast<uint8_t>(RimBlockKind::kEnd)) {
    return Status::Error(StatusCode::kCorrupt,
                         ".rim block at offset %" PRIu64 ": kind %u does not exist (1 metadata, 2 group, 3 end)",
                         offset, static_cast<unsigned>(kind));
  }
  uint64_t payload = 0;
  std::size_t consumed = 0;
  switch (DecodeLeb128(data + 1, size - 1, &payload, &consumed)) {
    case Leb128Result::kOk: break;
    case Leb128Result::kTruncated:
      return Status::Error(StatusCode::kTruncated, ".rim block at offset %" PRIu64 ": the file ends inside its size",
                           offset);
    case Leb128Result::kOverflow:
      return Status::Error(StatusCode::kCorrupt, ".rim block at offset %" PRIu64 ": size varint overflows 64 bits",
                           offset);
    case Leb128Result::kNotMinimal:
      return Status::Error(StatusCode::kCorrupt,
                           ".rim block at offset %" PRIu64 ": size varint is not minimal (trailing zero group)", offset);
  }
  head->kind = static_cast<RimBlockKind>(kind);
  head->size = payload;
  head->offset = offset;
  head->head_bytes = 1 + consumed;
  return Status::Ok();
}

void EncodeRimEnd(const RimEnd& end, uint8_t out[kRimEndPayloadBytes]) {
  Store64(end.pixel_checksum, out);
  Store64(end.blocks_checksum, out + 8);
}

RimEnd DecodeRimEnd(const uint8_t payload[kRimEndPayloadBytes]) {
  RimEnd end;
  end.pixel_checksum = Load64(payload);
  end.blocks_checksum = Load64(payload + 8);
  return end;
}

Status CheckRimBlocksChecksum(const RimEnd& end, uint64_t computed) {
  if (end.blocks_checksum == computed) return Status::Ok();
  return Status::Error(StatusCode::kCorrupt,
                       ".rim end block: blocks checksum mismatch (stored %016" PRIx64 ", computed %016" PRIx64
                       "): the file's blocks are damaged",
                       end.blocks_checksum, computed);
}

RimBlockSequence::RimBlockSequence(const RimHeader& header) : header_(header), group_count_(RimGroupCount(header)) {}

Status RimBlockSequence::Accept(const RimBlockHead& head) {
  const char* kind = KindName(head.kind);
  if (ended_) {
    return Status::Error(StatusCode::kCorrupt, ".rim %s block at offset %" PRIu64 " follows the end block", kind,
                         head.offset);
  }
  switch (head.kind) {
    case RimBlockKind::kMetadata:
      if (groups_ != 0 && groups_ != group_count_) {
        return Status::Error(StatusCode::kCorrupt,
                             ".rim metadata block at offset %" PRIu64 " stands between groups %" PRIu32 " and %" PRIu32
                             " (metadata comes before the first group or after the last)",
                             head.offset, groups_ - 1, groups_);
      }
      if (head.size < kRimTagBytes) {
        return Status::Error(StatusCode::kCorrupt,
                             ".rim metadata block at offset %" PRIu64 ": %" PRIu64 " bytes, too few for its %zu-byte tag",
                             head.offset, head.size, kRimTagBytes);
      }
      if (metadata_blocks_ == kRimMaxMetadataBlocks) {
        return Status::Error(StatusCode::kResourceExhausted,
                             ".rim metadata block at offset %" PRIu64 ": more than %" PRIu32 " metadata blocks",
                             head.offset, kRimMaxMetadataBlocks);
      }
      if (head.size > kRimMaxMetadataBytes - metadata_bytes_) {
        return Status::Error(StatusCode::kResourceExhausted,
                             ".rim metadata block at offset %" PRIu64 ": %" PRIu64
                             " bytes bring the metadata beyond the limit of %" PRIu64 " bytes",
                             head.offset, head.size, kRimMaxMetadataBytes);
      }
      ++metadata_blocks_;
      metadata_bytes_ += head.size;
      return Status::Ok();
    case RimBlockKind::kGroup: {
      if (groups_ == group_count_) {
        return Status::Error(StatusCode::kCorrupt,
                             ".rim group block at offset %" PRIu64 ": the image has %" PRIu32 " groups, all seen",
                             head.offset, group_count_);
      }
      if (head.size == 0) {
        return Status::Error(StatusCode::kCorrupt, ".rim group %" PRIu32 " at offset %" PRIu64 ": no method byte",
                             groups_, head.offset);
      }
      const uint64_t stored = RimStoredGroupBytes(header_, groups_);
      if (head.size - 1 > stored) {
        return Status::Error(StatusCode::kCorrupt,
                             ".rim group %" PRIu32 " at offset %" PRIu64 ": %" PRIu64
                             " bytes of payload, more than its stored form (%" PRIu64 " bytes)",
                             groups_, head.offset, head.size - 1, stored);
      }
      ++groups_;
      return Status::Ok();
    }
    case RimBlockKind::kEnd:
      if (groups_ != group_count_) {
        return Status::Error(StatusCode::kCorrupt,
                             ".rim end block at offset %" PRIu64 " after %" PRIu32 " of %" PRIu32 " groups",
                             head.offset, groups_, group_count_);
      }
      if (head.size != kRimEndPayloadBytes) {
        return Status::Error(StatusCode::kCorrupt,
                             ".rim end block at offset %" PRIu64 ": %" PRIu64 " bytes of payload (must be %zu)",
                             head.offset, head.size, kRimEndPayloadBytes);
      }
      ended_ = true;
      return Status::Ok();
  }
  return Status::Error(StatusCode::kCorrupt, ".rim block at offset %" PRIu64 ": unknown kind", head.offset);
}

Status RimBlockSequence::EndOfInput(uint64_t offset) const {
  if (groups_ < group_count_) {
    return Status::Error(StatusCode::kTruncated,
                         ".rim file: ends at offset %" PRIu64 " after %" PRIu32 " of %" PRIu32 " groups", offset,
                         groups_, group_count_);
  }
  return Status::Error(StatusCode::kTruncated, ".rim file: ends at offset %" PRIu64 " without its end block", offset);
}

}  // namespace ride::container
