// RimWriter: a version-2 .rim file written front to back as its parts become known — the header,
// metadata before the image, each group's block as soon as the group is coded, metadata after the
// image, the end block — so that a writer never holds more than one group (docs/bitstream.md).
// The writer runs the readers' RimBlockSequence on what it writes and hashes every block byte for
// the end block, so it cannot write a file a reader would refuse.
#ifndef RIDE_RUNTIME_SRC_CONTAINER_RIM_WRITER_H_
#define RIDE_RUNTIME_SRC_CONTAINER_RIM_WRITER_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/container/rim_blocks.h"
#include "runtime/src/container/rim_header.h"

namespace ride::container {

class RimWriter {
 public:
  // Writes the version-2 header (kInvalidArgument for invalid fields) to `sink`, which must outlive
  // the writer.
  Status Start(const RimHeader& header, coder::ByteSink* sink);
  // A metadata block: before the first group or after the last (else kInvalidArgument).
  Status Metadata(const RimTag& tag, const uint8_t* data, std::size_t size);
  // The next group's block: its method, then exactly `payload_bytes` more bytes through Append.
  Status BeginGroup(uint8_t method, uint64_t payload_bytes);
  Status Append(const uint8_t* data, std::size_t size);
  // The end block, after every group: the pixel checksum and the blocks checksum.
  Status Finish(uint64_t pixel_checksum);

  uint64_t bytes_written() const { return bytes_written_; }

 private:
  Status Head(RimBlockKind kind, uint64_t payload_bytes);
  Status Put(const uint8_t* data, std::size_t size);
  Status CheckNoPayloadOwed() const;

  coder::ByteSink* sink_ = nullptr;
  RimBlockSequence sequence_{RimHeader()};
  PixelChecksum hash_;
  uint64_t bytes_written_ = 0;
  uint64_t payload_owed_ = 0;  // of the group block being written
};

}  // namespace ride::container

#endif  // RIDE_RUNTIME_SRC_CONTAINER_RIM_WRITER_H_
