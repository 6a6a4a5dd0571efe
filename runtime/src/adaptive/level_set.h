// LevelSet: the values that occur in a group of rows, and the bins the adaptive coding method
// codes them in (docs/adaptive.md, "Histogram compaction"). The learned model's probability of
// an absent value goes to the present value whose bin holds it: bin i is [edge[i], edge[i + 1])
// with the edges half way between neighbouring present values, so a synthetic image with 21 grey
// levels is coded over 21 symbols, not 256, and a photograph with every level present is coded as
// before.
//
// In the file a set is written as the shortest of three forms (docs/bitstream.md, "Method 2"):
//   0            every one of the 256 values is present;
//   1 + 32 bytes a bitmap, value v in bit v mod 8 of byte v / 8;
//   2 + runs     LEB128 lengths of alternating runs of absent and present values, starting with
//                an absent run (which may be empty), every later run non-empty, summing to 256.
#ifndef RIDE_RUNTIME_SRC_ADAPTIVE_LEVEL_SET_H_
#define RIDE_RUNTIME_SRC_ADAPTIVE_LEVEL_SET_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/status.h"

namespace ride::adaptive {

inline constexpr uint32_t kValues = 256;
// The longest written form: the runs of a set of alternating values (1 + 256 one-byte runs) are
// longer than its bitmap, so no form exceeds 1 + 32 bytes.
inline constexpr std::size_t kMaxLevelSetBytes = 1 + kValues / 8;

struct LevelSet {
  uint32_t count = 0;           // present values, 1..256
  uint8_t level[kValues] = {};  // level[0..count): the present values, increasing
  uint16_t edge[kValues + 1] = {};  // edge[0] = 0, edge[count] = 256
  uint8_t bin_of[kValues] = {};     // value → the bin that holds it
  bool present[kValues] = {};

  bool IsPresent(uint32_t value) const { return present[value]; }
};

// Adds the values in values[0..count) to a histogram.
void CountValues(const uint8_t* values, std::size_t count, uint64_t histogram[kValues]);

// The set a group of this histogram is coded over (a function of the histogram alone, so that a
// decoder finds a stored group's set from its samples): the values present, or every value from
// the least to the greatest present when that is estimated cheaper — a bin of width w is taken to
// save each of its pixels ½ log2 w bits, against 8 bits per byte of the written set. Small images
// with a few stray gaps in their histogram are then not charged a bitmap.
void ChooseLevelSet(const uint64_t histogram[kValues], LevelSet* set);

// The set of the flagged values; requires at least one.
void BuildLevelSet(const bool present[kValues], LevelSet* set);

// The set's shortest written form into out[0..kMaxLevelSetBytes); returns its length.
std::size_t WriteLevelSet(const LevelSet& set, uint8_t* out);

// Reads a written set from data[0..size): its length in *consumed. kCorrupt, naming the fault,
// for an unknown form, a bitmap or run past the end, runs that overrun 256 or are empty where they
// may not be, a varint that is not minimal, or a set with no value.
Status ReadLevelSet(const uint8_t* data, std::size_t size, LevelSet* set, std::size_t* consumed);

}  // namespace ride::adaptive

#endif  // RIDE_RUNTIME_SRC_ADAPTIVE_LEVEL_SET_H_
