// RimStreamReader: the blocks of a version-2 .rim file read front to back from a byte source (a
// pipe, a socket), holding nothing but the block being read: the caller gives each payload its
// buffer, after RimBlockSequence has checked the block's head (rim_blocks.h), so that no buffer is
// sized from an unchecked length.
//
// Usage: Peek() the next block's head, then Read() its payload (exactly head.size bytes) into a
// buffer of the caller's; for the end block, ReadEnd() checks the blocks checksum and that the input
// ends there. Every byte read after the header is hashed for the blocks checksum. The input ending
// early gives kTruncated, naming where.
#ifndef RIDE_RUNTIME_SRC_CONTAINER_RIM_STREAM_READER_H_
#define RIDE_RUNTIME_SRC_CONTAINER_RIM_STREAM_READER_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/container/rim_blocks.h"
#include "runtime/src/container/rim_header.h"

namespace ride::container {

class RimStreamReader {
 public:
  // `source` is positioned right after the version-2 header `header` (header_bytes long); both
  // must outlive the reader.
  RimStreamReader(const RimHeader& header, std::size_t header_bytes, coder::ByteSource* source);

  // The next block's head, read and checked on the first call, the same until Read or ReadEnd.
  Status Peek(RimBlockHead* head);
  // The peeked block's payload: exactly head.size bytes into `payload`.
  Status Read(uint8_t* payload);
  // The peeked block must be the end block: reads it, checks the blocks checksum and that nothing
  // follows it.
  Status ReadEnd(RimEnd* end);

  const RimBlockSequence& sequence() const { return sequence_; }
  // Bytes of the file read so far (header included).
  uint64_t bytes_read() const { return offset_; }

 private:
  // Reads exactly `size` bytes of the peeked block's payload, hashed; kTruncated, naming the block,
  // when the input ends first.
  Status ReadExactly(uint8_t* data, std::size_t size);

  coder::ByteSource* source_;
  RimBlockSequence sequence_;
  PixelChecksum hash_;
  uint64_t offset_;
  bool peeked_ = false;
  RimBlockHead head_;
  uint64_t blocks_checksum_ = 0;  // the hash when the end block's head was read
};

}  // namespace ride::container

#endif  // RIDE_RUNTIME_SRC_CONTAINER_RIM_STREAM_READER_H_
