// The blocks of a version-2 .rim file (docs/bitstream.md, "Blocks"): after the header, a sequence
// of `kind (u8), payload size (varint), payload`:
//
//   metadata* group × N metadata* end
//
// N = RimGroupCount(header). A metadata block holds a 4-byte tag and bytes carried verbatim; those
// before the first group block belong before the image data, those after the last one after it. A
// group block holds a method byte and the method's payload (the methods are the codec's:
// runtime/src/codec/coding_methods.h); no group's payload is larger than its stored form. The end
// block holds the XXH3-64 of the pixels and the XXH3-64 of every byte from the first block up to
// the end block, and is the last thing in the file.
//
// RimBlockSequence checks each block's head (its kind where it stands and its size) before the
// payload is read, so that no buffer is sized from an unchecked length; the memory reader
// (rim_file.h), the stream reader (rim_stream_reader.h) and the writer (rim_writer.h) all run it.
#ifndef RIDE_RUNTIME_SRC_CONTAINER_RIM_BLOCKS_H_
#define RIDE_RUNTIME_SRC_CONTAINER_RIM_BLOCKS_H_

#include <array>
#include <cstddef>
#include <cstdint>

#include "runtime/src/base/status.h"
#include "runtime/src/container/rim_header.h"

namespace ride::container {

enum class RimBlockKind : uint8_t { kMetadata = 1, kGroup = 2, kEnd = 3 };

// A block head is at most a kind byte and a ten-byte varint.
inline constexpr std::size_t kRimMaxBlockHeadBytes = 11;
inline constexpr std::size_t kRimTagBytes = 4;
inline constexpr std::size_t kRimEndPayloadBytes = 16;
// Limits on metadata, refused with kResourceExhausted: a decoder keeps every block until the end.
inline constexpr uint32_t kRimMaxMetadataBlocks = 4096;
inline constexpr uint64_t kRimMaxMetadataBytes = uint64_t{16} << 20;  // payloads, summed

using RimTag = std::array<uint8_t, kRimTagBytes>;

struct RimBlockHead {
  RimBlockKind kind = RimBlockKind::kEnd;
  uint64_t size = 0;           // payload bytes
  uint64_t offset = 0;         // of the block's first byte in the file
  std::size_t head_bytes = 0;  // kind byte and size varint
};

// Writes a block head to out[0..kRimMaxBlockHeadBytes) and returns its length.
std::size_t EncodeRimBlockHead(RimBlockKind kind, uint64_t size, uint8_t* out);

// Reads a block head from data[0..size), the file's bytes from `offset` on. kTruncated when they end
// inside the head, kCorrupt for an unknown kind or a size varint that overflows or is not minimal.
Status ParseRimBlockHead(const uint8_t* data, std::size_t size, uint64_t offset, RimBlockHead* head);

// The end block's payload.
struct RimEnd {
  uint64_t pixel_checksum = 0;   // XXH3-64 of the coded samples in raster order
  uint64_t blocks_checksum = 0;  // XXH3-64 of the file's bytes [header end, end block)
};
void EncodeRimEnd(const RimEnd& end, uint8_t out[kRimEndPayloadBytes]);
RimEnd DecodeRimEnd(const uint8_t payload[kRimEndPayloadBytes]);
// kCorrupt unless `computed` is the stored blocks checksum.
Status CheckRimBlocksChecksum(const RimEnd& end, uint64_t computed);

class RimBlockSequence {
 public:
  // For a version-2 header that passed ParseRimHeader or CheckRimHeaderFields.
  explicit RimBlockSequence(const RimHeader& header);

  // The next block's head: checks, in this order, that its kind may stand here (metadata before
  // the first group or after the last; groups in order, no more than N; the end after all of them)
  // and its size (metadata: a tag, the count and total limits; group: a method byte and a payload
  // no larger than the group's stored form; end: kRimEndPayloadBytes). kCorrupt, or
  // kResourceExhausted beyond the metadata limits, each naming the block and its offset.
  Status Accept(const RimBlockHead& head);
  // The input ended at `offset` where a block head should start: kTruncated, saying what is missing.
  Status EndOfInput(uint64_t offset) const;

  uint32_t groups() const { return groups_; }  // group blocks accepted
  uint32_t group_count() const { return group_count_; }
  uint32_t metadata_blocks() const { return metadata_blocks_; }
  bool ended() const { return ended_; }

 private:
  RimHeader header_;
  uint32_t group_count_ = 0;
  uint32_t groups_ = 0;
  uint32_t metadata_blocks_ = 0;
  uint64_t metadata_bytes_ = 0;
  bool ended_ = false;
};

}  // namespace ride::container

#endif  // RIDE_RUNTIME_SRC_CONTAINER_RIM_BLOCKS_H_
