#include "runtime/src/codec/coding_methods.h"

#include <cinttypes>

#include "runtime/src/container/leb128.h"

namespace ride::codec {
namespace {

constexpr CodingMethod kMethods[] = {
    {kMethodStored, "stored", "the samples as they are, packed at their bit depth"},
    {kMethodModel, "model", "the built-in or given model, range-coded in lanes"},
    {kMethodAdaptive, "adaptive", "the model mixed with what the image taught so far, over the values present"},
};

}  // namespace

std::size_t CodingMethodCount() { return sizeof(kMethods) / sizeof(kMethods[0]); }

const CodingMethod& GetCodingMethod(std::size_t index) { return kMethods[index]; }

const CodingMethod* FindCodingMethod(uint8_t number) {
  return number < CodingMethodCount() ? &kMethods[number] : nullptr;
}

namespace {

// The lanes of a model or adaptive group: L varint lengths, then the lanes, filling `payload`.
Status SplitLanes(const container::RimHeader& header, uint32_t group, container::ByteSpan payload,
                  container::ByteSpan* lanes) {
  const uint32_t lane_count = header.lane_count();
  std::size_t position = 0;
  uint64_t total = 0;
  for (uint32_t lane = 0; lane < lane_count; ++lane) {
    uint64_t length = 0;
    std::size_t consumed = 0;
    switch (container::DecodeLeb128(payload.data + position, payload.size - position, &length, &consumed)) {
      case container::Leb128Result::kOk: break;
      case container::Leb128Result::kTruncated:
        return Status::Error(StatusCode::kCorrupt, ".rim group %" PRIu32 ": lane %" PRIu32 " length runs past the block",
                             group, lane);
      case container::Leb128Result::kOverflow:
        return Status::Error(StatusCode::kCorrupt,
                             ".rim group %" PRIu32 ": lane %" PRIu32 " length varint overflows 64 bits", group, lane);
      case container::Leb128Result::kNotMinimal:
        return Status::Error(StatusCode::kCorrupt,
                             ".rim group %" PRIu32 ": lane %" PRIu32 " length varint is not minimal", group, lane);
    }
    position += consumed;
    // Each length is checked against what is left, so the sum cannot overflow.
    if (length > payload.size - position || total > payload.size - position - length) {
      return Status::Error(StatusCode::kCorrupt,
                           ".rim group %" PRIu32 ": lane %" PRIu32 " (%" PRIu64 " bytes) runs past the block", group,
                           lane, length);
    }
    total += length;
    lanes[lane].size = static_cast<std::size_t>(length);
  }
  if (position + total != payload.size) {
    return Status::Error(StatusCode::kCorrupt,
                         ".rim group %" PRIu32 ": %zu bytes after the last lane", group,
                         static_cast<std::size_t>(payload.size - position - total));
  }
  const uint8_t* at = payload.data + position;
  for (uint32_t lane = 0; lane < lane_count; ++lane) {
    lanes[lane].data = at;
    at += lanes[lane].size;
  }
  return Status::Ok();
}

}  // namespace

Status SplitGroupPayload(const container::RimHeader& header, uint32_t group, uint8_t method,
                         container::ByteSpan payload, container::ByteSpan* lanes, container::ByteSpan* stored,
                         adaptive::LevelSet* levels) {
  if (method == kMethodStored) {
    const uint64_t expected = container::RimStoredGroupBytes(header, group);
    if (payload.size != expected) {
      return Status::Error(StatusCode::kCorrupt,
                           ".rim group %" PRIu32 ": stored, %zu bytes of samples where its rows hold %" PRIu64, group,
                           payload.size, expected);
    }
    *stored = payload;
    return Status::Ok();
  }
  if (method == kMethodModel) {
    if (header.layout != container::kRimLayoutGray) {
      return Status::Error(StatusCode::kCorrupt, ".rim group %" PRIu32 ": coding method 1 (model) in a %s file (gray only)",
                           group, container::RimLayoutName(header.layout));
    }
    return SplitLanes(header, group, payload, lanes);
  }
  if (method != kMethodAdaptive) {
    return Status::Error(StatusCode::kUnsupported,
                         ".rim group %" PRIu32 ": coding method %u is not known to this reader (it knows 0 stored, "
                         "1 model, 2 adaptive): a newer ride wrote this file",
                         group, static_cast<unsigned>(method));
  }
  std::size_t position = 0;
  for (uint32_t sample = 0; sample < header.layout; ++sample) {
    std::size_t consumed = 0;
    const Status read = adaptive::ReadLevelSet(payload.data + position, payload.size - position, levels + sample, &consumed);
    if (!read.ok()) {
      if (header.layout == container::kRimLayoutGray) return Status::Error(read.code(), ".rim group %" PRIu32 ": %s", group, read.message());
      return Status::Error(read.code(), ".rim group %" PRIu32 ", sample %" PRIu32 ": %s", group, sample, read.message());
    }
    position += consumed;
  }
  return SplitLanes(header, group, container::ByteSpan{payload.data + position, payload.size - position}, lanes);
}

uint64_t ModelPayloadBytes(const uint64_t* lane_bytes, uint32_t lanes) {
  uint64_t total = 0;
  for (uint32_t k = 0; k < lanes; ++k) total += container::Leb128Size(lane_bytes[k]) + lane_bytes[k];
  return total;
}

}  // namespace ride::codec
