// The coding methods a group of rows can be written with (docs/bitstream.md, "Coding methods"), by
// the number a group block stores: a registry that only grows, like the built-in models', so that
// every file a release wrote keeps decoding. Method 0 stores the samples as they are (a group never
// costs more than its raw samples); method 1 codes them with the model, in lanes of range-coded
// streams; method 2 codes them with the model mixed with what the image has taught so far, over the
// values present in the group (docs/adaptive.md). An unknown number is refused by name.
#ifndef RIDE_RUNTIME_SRC_CODEC_CODING_METHODS_H_
#define RIDE_RUNTIME_SRC_CODEC_CODING_METHODS_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/adaptive/level_set.h"
#include "runtime/src/base/status.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/container/rim_header.h"

namespace ride::codec {

inline constexpr uint8_t kMethodStored = 0;
inline constexpr uint8_t kMethodModel = 1;
inline constexpr uint8_t kMethodAdaptive = 2;

struct CodingMethod {
  uint8_t number;
  const char* name;     // stable: "stored", "model", "adaptive"
  const char* summary;  // one line for tools
};

// The registry: entry i is method i (numbers are never retired).
std::size_t CodingMethodCount();
const CodingMethod& GetCodingMethod(std::size_t index);
// The method numbered `number`, null when this build does not know it.
const CodingMethod* FindCodingMethod(uint8_t number);

// What a group's payload (after the method byte) holds, as its method says:
//   - stored: the packed samples of the group's rows (stored_rows.h), exactly
//     RimStoredGroupBytes(header, group) bytes → *stored;
//   - model: L varint lane lengths, then the L lanes, which fill the payload exactly → lanes[0..L);
//   - adaptive: the group's level sets (adaptive/level_set.h), one per sample of a pixel (the
//     header's layout: 1 to 4) → levels[0..layout), then lanes as for model.
// The model method codes gray only: in a file of another layout it is kCorrupt.
// Errors: kUnsupported for a method this build does not know (naming it and the known ones),
// kCorrupt for a payload that does not fit its method, naming the group and the lane.
Status SplitGroupPayload(const container::RimHeader& header, uint32_t group, uint8_t method,
                         container::ByteSpan payload, container::ByteSpan* lanes, container::ByteSpan* stored,
                         adaptive::LevelSet* levels);

// A model group's payload size for these lane lengths (their varints and the lanes); an adaptive
// group's is that plus its level set's.
uint64_t ModelPayloadBytes(const uint64_t* lane_bytes, uint32_t lanes);

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_CODING_METHODS_H_
