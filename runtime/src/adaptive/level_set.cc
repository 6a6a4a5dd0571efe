#include "runtime/src/adaptive/level_set.h"

#include <cstring>

#include "runtime/src/adaptive/cost_mixer.h"
#include "runtime/src/container/leb128.h"

namespace ride::adaptive {
namespace {

constexpr uint8_t kFormAll = 0;
constexpr uint8_t kFormBitmap = 1;
constexpr uint8_t kFormRuns = 2;
constexpr std::size_t kBitmapBytes = kValues / 8;

// The runs form into out (which has room for 1 + 256 bytes); returns its length.
std::size_t WriteRuns(const LevelSet& set, uint8_t* out) {
  std::size_t length = 0;
  out[length++] = kFormRuns;
  bool present = false;  // the first run counts absent values
  uint32_t run = 0;
  for (uint32_t v = 0; v < kValues; ++v) {
    if (set.present[v] != present) {
      length += container::EncodeLeb128(run, out + length);
      present = !present;
      run = 0;
    }
    ++run;
  }
  length += container::EncodeLeb128(run, out + length);
  return length;
}

// Σ count(v) · 16 log2(width of v's bin) over the present values, log2 as CostSixteenths.
uint64_t BinGain(const LevelSet& set, const uint64_t histogram[kValues]) {
  uint64_t gain = 0;
  for (uint32_t i = 0; i < set.count; ++i) {
    const uint32_t width = set.edge[i + 1] - set.edge[i];
    gain += histogram[set.level[i]] * (16 * 24 - CostSixteenths(width));
  }
  return gain;
}

}  // namespace

void ChooseLevelSet(const uint64_t histogram[kValues], LevelSet* set) {
  bool present[kValues] = {}, span[kValues] = {};
  uint32_t least = kValues, greatest = 0;
  for (uint32_t v = 0; v < kValues; ++v) {
    present[v] = histogram[v] != 0;
    if (present[v]) {
      least = v < least ? v : least;
      greatest = v;
    }
  }
  for (uint32_t v = least; v <= greatest && v < kValues; ++v) span[v] = true;
  LevelSet spanned;
  BuildLevelSet(present, set);
  BuildLevelSet(span, &spanned);
  uint8_t bytes[kMaxLevelSetBytes];
  // In sixteenths of a bit, the bins' gain halved: 2 · 16 · 8 = 256 per written byte.
  const uint64_t exact_cost = 256 * WriteLevelSet(*set, bytes), span_cost = 256 * WriteLevelSet(spanned, bytes);
  if (BinGain(*set, histogram) + span_cost < BinGain(spanned, histogram) + exact_cost) *set = spanned;
}

void CountValues(const uint8_t* values, std::size_t count, uint64_t histogram[kValues]) {
  for (std::size_t i = 0; i < count; ++i) ++histogram[values[i]];
}

void BuildLevelSet(const bool present[kValues], LevelSet* set) {
  set->count = 0;
  for (uint32_t v = 0; v < kValues; ++v) {
    set->present[v] = present[v];
    if (present[v]) set->level[set->count++] = static_cast<uint8_t>(v);
  }
  // Bin i ends half way to the next present value (the lower half, rounding the gap down).
  set->edge[0] = 0;
  for (uint32_t i = 1; i < set->count; ++i) {
    const uint32_t below = set->level[i - 1], above = set->level[i];
    set->edge[i] = static_cast<uint16_t>(below + 1 + (above - below - 1) / 2);
  }
  set->edge[set->count] = kValues;
  for (uint32_t i = 0; i < set->count; ++i) {
    for (uint32_t v = set->edge[i]; v < set->edge[i + 1]; ++v) set->bin_of[v] = static_cast<uint8_t>(i);
  }
}

std::size_t WriteLevelSet(const LevelSet& set, uint8_t* out) {
  if (set.count == kValues) {
    out[0] = kFormAll;
    return 1;
  }
  uint8_t runs[2 + kValues + container::kMaxLeb128Bytes];
  const std::size_t runs_length = WriteRuns(set, runs);
  if (runs_length <= 1 + kBitmapBytes) {
    std::memcpy(out, runs, runs_length);
    return runs_length;
  }
  out[0] = kFormBitmap;
  std::memset(out + 1, 0, kBitmapBytes);
  for (uint32_t v = 0; v < kValues; ++v) {
    if (set.present[v]) out[1 + v / 8] = static_cast<uint8_t>(out[1 + v / 8] | (1u << (v % 8)));
  }
  return 1 + kBitmapBytes;
}

Status ReadLevelSet(const uint8_t* data, std::size_t size, LevelSet* set, std::size_t* consumed) {
  if (size == 0) return Status::Error(StatusCode::kCorrupt, "level set: missing");
  bool present[kValues] = {};
  std::size_t position = 1;
  switch (data[0]) {
    case kFormAll:
      for (bool& flag : present) flag = true;
      break;
    case kFormBitmap:
      if (size < 1 + kBitmapBytes) return Status::Error(StatusCode::kCorrupt, "level set: bitmap runs past the block");
      for (uint32_t v = 0; v < kValues; ++v) present[v] = ((data[1 + v / 8] >> (v % 8)) & 1u) != 0;
      position += kBitmapBytes;
      break;
    case kFormRuns: {
      uint32_t value = 0;
      bool run_present = false;
      for (uint32_t run_index = 0; value < kValues; ++run_index, run_present = !run_present) {
        uint64_t run = 0;
        std::size_t used = 0;
        if (container::DecodeLeb128(data + position, size - position, &run, &used) != container::Leb128Result::kOk) {
          return Status::Error(StatusCode::kCorrupt, "level set: run %u is cut short or not a minimal varint", run_index);
        }
        position += used;
        if (run == 0 && run_index > 0) return Status::Error(StatusCode::kCorrupt, "level set: run %u is empty", run_index);
        if (run > kValues - value) return Status::Error(StatusCode::kCorrupt, "level set: runs pass value 255");
        for (uint64_t k = 0; k < run; ++k) present[value++] = run_present;
      }
      break;
    }
    default:
      return Status::Error(StatusCode::kCorrupt, "level set: form %u is not known (0 all, 1 bitmap, 2 runs)",
                           static_cast<unsigned>(data[0]));
  }
  bool any = false;
  for (bool flag : present) any = any || flag;
  if (!any) return Status::Error(StatusCode::kCorrupt, "level set: no value is present");
  BuildLevelSet(present, set);
  *consumed = position;
  return Status();
}

}  // namespace ride::adaptive
