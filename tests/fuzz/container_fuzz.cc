// libFuzzer target: parses arbitrary bytes as a .rim file (header, then layout) and checks that the
// parser stays inside its contract: errors as statuses with a message, and on success a header whose
// fields are within the documented limits and a layout that exactly fills the input. For version 2
// it also reads the blocks as a stream (RimStreamReader) and checks that it accepts exactly the files
// the memory reader accepts whose blocks checksum matches.
//
// Build and run (docs/bitstream.md, docs/fuzzing.md):
//   cmake --preset host-fuzz && cmake --build build/host-fuzz --target container_fuzz
//   build/host-fuzz/tests/fuzz/container_fuzz -max_total_time=60 -rss_limit_mb=2048
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/container/rim_blocks.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/container/rim_header.h"
#include "tests/runtime/container/rim_test_bytes.h"

namespace {

using namespace ride::container;

void CheckOne(const uint8_t* data, std::size_t size) {
  RimHeader header;
  std::size_t header_bytes = 0;
  const ride::Status parsed = ParseRimHeader(data, size, &header, &header_bytes);
  if (!parsed.ok()) {
    if (parsed.message()[0] == '\0') std::abort();
    return;
  }
  if (header.width < 1 || header.width > kRimMaxWidth || header.height < 1 || header.height > kRimMaxHeight ||
      header.lane_count() < 1 || header.lane_count() > kRimMaxLanes || header.lane_count() > header.height ||
      header.layout != kRimLayoutGray || header.maxval < 1 || header.maxval > 255 || header_bytes > size ||
      header_bytes < kRimMinHeaderBytes || header.group_rows == 0) {
    std::abort();
  }
  if (header.version == 2 && (header.group_rows % header.lanes != 0 || RimMaxStoredGroupBytes(header) > kRimMaxGroupBytes)) {
    std::abort();
  }
  // A parsed header re-serializes to the same bytes: the encoding is canonical.
  ride::coder::VectorByteSink sink;
  if (!WriteRimHeader(header, &sink).ok()) std::abort();
  if (sink.bytes().size() != header_bytes || std::memcmp(sink.bytes().data(), data, header_bytes) != 0) std::abort();

  RimReader reader;
  const ride::Status opened = reader.Open(data, size);
  if (!opened.ok() && opened.message()[0] == '\0') std::abort();
  if (header.version == 1) {
    const ride::Status layout = ValidateRimLayout(header, header_bytes, size);
    if (layout.ok() != opened.ok()) std::abort();
    if (opened.ok()) {
      uint64_t end = header_bytes;
      for (uint32_t lane = 0; lane < header.lane_count(); ++lane) {
        const ByteSpan span = reader.lane(lane);
        if (span.data != data + end) std::abort();
        end += span.size;
      }
      if (end != size) std::abort();
    }
    return;
  }
  const ride::Status streamed = testing::ReadRimAsAStream(data, size, /*allocate_beyond_input=*/false);
  if (!streamed.ok() && streamed.message()[0] == '\0') std::abort();
  const bool checksum = opened.ok() && CheckRimBlocksChecksum(reader.end(), reader.ComputeBlocksChecksum()).ok();
  if (streamed.ok() != checksum) std::abort();
  if (opened.ok()) {
    // Every group's payload stays within its stored form, and the groups are all there.
    RimReader::GroupCursor groups = reader.groups();
    uint64_t counted = 0;
    for (uint32_t g = 0; g < RimGroupCount(header); ++g) {
      const RimGroupView group = groups.Next();
      if (group.payload.size > RimStoredGroupBytes(header, g)) std::abort();
      if (group.payload.data < data + header_bytes || group.payload.data + group.payload.size > data + size) std::abort();
    }
    for (int m = 0; m < 256; ++m) counted += reader.groups_with_method(static_cast<uint8_t>(m));
    if (counted != RimGroupCount(header)) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  CheckOne(data, size);
  // A mutated header almost never keeps a valid XXH3 checksum, which would hide every later check
  // from the fuzzer: also parse a copy whose header checksum is recomputed.
  std::size_t header_bytes = 0;
  if (ReadRimHeaderSize(data, size, &header_bytes).ok() && header_bytes <= size) {
    std::vector<uint8_t> copy(data, data + size);
    const std::size_t checked = header_bytes - kRimHeaderChecksumBytes;
    const uint64_t hash = Xxh3Hash64(copy.data(), checked);
    for (int i = 0; i < 8; ++i) copy[checked + i] = static_cast<uint8_t>(hash >> (8 * i));
    CheckOne(copy.data(), copy.size());
  }
  return 0;
}
