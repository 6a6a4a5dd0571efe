// Whole .rim files in memory (docs/bitstream.md): version 1 (header, then lanes) and version 2
// (header, then blocks).
//
// RimReader checks a file held in memory — the header, then the layout: version 1's lanes, or every
// version-2 block head in order (RimBlockSequence) up to the end block, which must be the file's
// last bytes — and hands out version 1's lanes, version 2's groups (in order, through a cursor),
// metadata blocks and end block as spans of it. Group payloads are the codec's to check
// (runtime/src/codec/coding_methods.h), as is the blocks checksum, which costs a pass over the file.
//
// WriteRimFile writes a version-1 file from lanes kept in memory: tests and tools that need files of
// 0.1.0's kind use it. Version 2 files are written a block at a time (rim_writer.h).
#ifndef RIDE_RUNTIME_SRC_CONTAINER_RIM_FILE_H_
#define RIDE_RUNTIME_SRC_CONTAINER_RIM_FILE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/rim_blocks.h"
#include "runtime/src/container/rim_header.h"

namespace ride::container {

// Bytes someone else owns.
struct ByteSpan {
  const uint8_t* data = nullptr;
  std::size_t size = 0;
};

// A metadata block: its tag, where it stands, its bytes.
struct RimMetadataView {
  RimTag tag = {};
  bool after_image = false;  // after the last group block (else before the first)
  ByteSpan data;
};

// A group block: its method byte and the rest of its payload.
struct RimGroupView {
  uint8_t method = 0;
  ByteSpan payload;  // after the method byte
  uint64_t offset = 0;
};

// Writes a version-1 header and then the lanes. `fields` gives everything but the lane lengths
// (fields.lane_bytes and fields.lanes are ignored, fields.version must be 1): there is one lane
// per entry of lanes[0..lane_count), and their sizes become the header's lane lengths. Invalid
// fields give kInvalidArgument; sink errors pass through.
Status WriteRimFile(const RimHeader& fields, const ByteSpan* lanes, std::size_t lane_count, coder::ByteSink* sink);

// Convenience for lanes held in vectors (e.g. VectorByteSink::bytes()).
Status WriteRimFile(const RimHeader& fields, const std::vector<std::vector<uint8_t>>& lanes, coder::ByteSink* sink);

class RimReader {
 public:
  // Validates data[0..size) as a complete .rim file (ParseRimHeader, then the layout). The memory
  // must outlive the reader and the spans it returns. On error the reader stays empty.
  Status Open(const uint8_t* data, std::size_t size);

  const RimHeader& header() const { return header_; }
  std::size_t header_bytes() const { return header_bytes_; }
  std::size_t file_bytes() const { return size_; }

  // Version 1. Requires lane < header().lane_count() after a successful Open.
  uint64_t lane_offset(uint32_t lane) const { return lane_offsets_[lane]; }
  ByteSpan lane(uint32_t lane) const;

  // Version 2 (empty for version 1).
  const std::vector<RimMetadataView>& metadata() const { return metadata_; }
  // Groups per method byte, and the end block.
  uint64_t groups_with_method(uint8_t method) const { return method_groups_[method]; }
  const RimEnd& end() const { return end_; }
  // XXH3-64 of the bytes the end block's blocks checksum covers.
  uint64_t ComputeBlocksChecksum() const;

  // Walks the groups in order: Next gives group 0, 1, ... (their heads passed Open's checks).
  class GroupCursor {
   public:
    RimGroupView Next();

   private:
    friend class RimReader;
    const RimReader* reader_ = nullptr;
    uint64_t offset_ = 0;
  };
  GroupCursor groups() const;

 private:
  Status OpenV2(const uint8_t* data, std::size_t size);

  const uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  RimHeader header_;
  std::size_t header_bytes_ = 0;
  std::vector<uint64_t> lane_offsets_;
  std::vector<RimMetadataView> metadata_;
  std::array<uint64_t, 256> method_groups_ = {};
  uint64_t first_group_offset_ = 0;
  uint64_t end_offset_ = 0;
  RimEnd end_;
};

}  // namespace ride::container

#endif  // RIDE_RUNTIME_SRC_CONTAINER_RIM_FILE_H_
