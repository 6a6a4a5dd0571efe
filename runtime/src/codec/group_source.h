// Where a decoder's groups come from: a file in memory (version 1 or 2), or a version-2 stream read
// front to back. The decoder asks for the groups in order, each when the first band that touches it
// starts, and is done with group g before it asks for group g + 2, so a source reading a stream
// needs room for two groups (GroupBuffer), never the whole file.
#ifndef RIDE_RUNTIME_SRC_CODEC_GROUP_SOURCE_H_
#define RIDE_RUNTIME_SRC_CODEC_GROUP_SOURCE_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/adaptive/level_set.h"
#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/codec/pixel_layout.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/container/rim_stream_reader.h"

namespace ride::codec {

// One group, as the decoder codes it: its method and its bytes, split by the method
// (coding_methods.h). The spans point into the source's memory or into `bytes`, and stay valid
// until the group after next is loaded.
struct GroupBuffer {
  uint8_t* bytes = nullptr;  // room the decoder provides for a stream's group (null for memory)
  std::size_t capacity = 0;
  container::ByteSpan* lanes = nullptr;  // lane_count spans the decoder provides
  uint8_t method = 0;
  container::ByteSpan stored;
  adaptive::LevelSet levels[kMaxSamples];  // an adaptive group's level sets, one per sample of a pixel
};

class GroupSource {
 public:
  virtual ~GroupSource() = default;
  // The header of the file the groups come from.
  virtual const container::RimHeader& header() const = 0;
  // Bytes GroupBuffer::bytes must hold for each group (0 when the source keeps the bytes itself).
  virtual std::size_t buffer_bytes() const = 0;
  // Group `group` (0, 1, ... in order) into `buffer`: its method and spans, checked by the method.
  virtual Status LoadGroup(uint32_t group, GroupBuffer* buffer) = 0;
  // After the last group: reads and checks the rest of the file and gives its pixel checksum.
  virtual Status Finish(uint64_t* pixel_checksum) = 0;
};

// A whole file held by a RimReader (which must outlive the source).
class MemoryGroupSource final : public GroupSource {
 public:
  explicit MemoryGroupSource(const container::RimReader* reader) : reader_(reader), cursor_(reader->groups()) {}
  const container::RimHeader& header() const override { return reader_->header(); }
  std::size_t buffer_bytes() const override { return 0; }
  Status LoadGroup(uint32_t group, GroupBuffer* buffer) override;
  Status Finish(uint64_t* pixel_checksum) override;

 private:
  const container::RimReader* reader_;
  container::RimReader::GroupCursor cursor_;
};

// Where a stream's metadata blocks after the image go, as they are read (Finish).
class MetadataSink {
 public:
  virtual ~MetadataSink() = default;
  // Room for the next block's payload (its tag, kRimTagBytes, then its bytes), which the source
  // then reads into *payload; kResourceExhausted when there is none.
  virtual Status Reserve(std::size_t size, bool after_image, uint8_t** payload) = 0;
};

// A version-2 file read through a RimStreamReader that has read the header and any metadata before
// the image (the next block is group 0's). Both must outlive the source.
class StreamGroupSource final : public GroupSource {
 public:
  StreamGroupSource(container::RimStreamReader* reader, const container::RimHeader* header, MetadataSink* metadata)
      : reader_(reader), header_(header), metadata_(metadata) {}
  const container::RimHeader& header() const override { return *header_; }
  std::size_t buffer_bytes() const override;
  Status LoadGroup(uint32_t group, GroupBuffer* buffer) override;
  Status Finish(uint64_t* pixel_checksum) override;

  // Groups loaded so far that have method `method`; after Finish, the end block's pixel checksum.
  uint32_t groups_with_method(uint8_t method) const { return method_groups_[method]; }
  uint64_t pixel_checksum() const { return pixel_checksum_; }

 private:
  container::RimStreamReader* reader_;
  const container::RimHeader* header_;
  MetadataSink* metadata_;
  uint32_t method_groups_[256] = {};
  uint64_t pixel_checksum_ = 0;
};

// Reads the metadata blocks that come before group 0 into `metadata` (a stream reader just past the
// header): what a decoder reads when it opens a stream.
Status ReadLeadingMetadata(container::RimStreamReader* reader, MetadataSink* metadata);

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_GROUP_SOURCE_H_
