// Whole .rim files: the header followed by the lanes (docs/bitstream.md).
//
// WriteRimFile streams a file to a ByteSink from lanes the encoder kept in memory. RimReader checks a
// file held in memory (header, then layout) and hands out each lane as a span of it; a decoder that
// reads from disk can instead use ParseRimHeader + ValidateRimLayout and the offsets they imply
// (lane k starts at header_bytes + the lengths of lanes 0..k-1).
#ifndef RIDE_RUNTIME_SRC_CONTAINER_RIM_FILE_H_
#define RIDE_RUNTIME_SRC_CONTAINER_RIM_FILE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/rim_header.h"

namespace ride::container {

// Bytes someone else owns.
struct ByteSpan {
  const uint8_t* data = nullptr;
  std::size_t size = 0;
};

// Writes the header and then the lanes. `fields` gives everything but the lane lengths
// (fields.lane_bytes is ignored): there is one lane per entry of lanes[0..lane_count), and their
// sizes become the header's lane lengths. Invalid fields give kInvalidArgument; sink errors pass through.
Status WriteRimFile(const RimHeader& fields, const ByteSpan* lanes, std::size_t lane_count, coder::ByteSink* sink);

// Convenience for lanes held in vectors (e.g. VectorByteSink::bytes()).
Status WriteRimFile(const RimHeader& fields, const std::vector<std::vector<uint8_t>>& lanes, coder::ByteSink* sink);

class RimReader {
 public:
  // Validates data[0..size) as a complete .rim file (ParseRimHeader, then ValidateRimLayout). The
  // memory must outlive the reader and the spans it returns. On error the reader stays empty.
  Status Open(const uint8_t* data, std::size_t size);

  const RimHeader& header() const { return header_; }
  std::size_t header_bytes() const { return header_bytes_; }
  // Requires lane < header().lane_count() after a successful Open.
  uint64_t lane_offset(uint32_t lane) const { return lane_offsets_[lane]; }
  ByteSpan lane(uint32_t lane) const;

 private:
  const uint8_t* data_ = nullptr;
  RimHeader header_;
  std::size_t header_bytes_ = 0;
  std::vector<uint64_t> lane_offsets_;
};

}  // namespace ride::container

#endif  // RIDE_RUNTIME_SRC_CONTAINER_RIM_FILE_H_
