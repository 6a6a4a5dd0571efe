// AdaptivePixel: one pixel's coded distribution under the adaptive coding method (method 2,
// docs/adaptive.md). Over the bins of the group's level set, three components give reduced CDFs
// R_k(i) in [0, T − n] (T = 2^24, n bins):
//   learned  R_0(i) = floor(F(edge_i) · (T − n)), the model's CDF F at the bin edges; for a channel
//            no model predicts (alpha) the distribution is null and R_0(i) = floor(i · (T − n) / n);
//   matches  R_1 = counts of which neighbour the pixel repeated, in its equality pattern, over R_0;
//   relative R_2 = counts of the residual from W in the context of the neighbours' differences
//                  (W − NW, N − NW, NE − N, W − WW, N − NN, each clamped to ±6), over R_1;
//   order 4  R_3 = counts of (W, N, NW, NE) blended over counts of (W, N) blended over R_2;
//   order 6  R_4 = counts of (W, N, NW, NE, WW, NN) blended over R_3;
//   order 11 R_5 = counts of those and (WWW, NWW, NEE, NNW, NNE) blended over R_4;
// where a blend of counts c over a base R is floor((C_<i · (T − n) + α · R(i)) / (C + α)), C_<i
// the counts of the context's values in bins below i and C all of them (for matches, α also
// holds the count of pixels that repeated no neighbour). The mixer's weights w_k
// give the coded CDF M(i) = floor(Σ w_k R_k(i) / Σ w_k) + i, strictly increasing from M(0) = 0 to
// M(n) = T, so every present value keeps a frequency of at least 1. Only F is floating point, and
// it is the engine's deterministic CDF; everything else is integer.
//
// Use: Begin for the pixel, then Cumulative (encoders) or Find (decoders), then Finish with the
// coded bin, which teaches the lane's state. The object is scratch for one worker.
#ifndef RIDE_RUNTIME_SRC_ADAPTIVE_ADAPTIVE_PIXEL_H_
#define RIDE_RUNTIME_SRC_ADAPTIVE_ADAPTIVE_PIXEL_H_

#include <cstdint>

#include "runtime/src/adaptive/cost_mixer.h"
#include "runtime/src/adaptive/lane_state.h"
#include "runtime/src/adaptive/level_set.h"
#include "runtime/src/adaptive/recent_rows.h"
#include "runtime/src/engine/pixel_distribution.h"

namespace ride::adaptive {

inline constexpr int kPrecisionBits = engine::kCodingPrecisionBits;
inline constexpr uint32_t kTotal = uint32_t{1} << kPrecisionBits;

// The blends' weights of their base, in count steps (kCountStep = one occurrence).
inline constexpr uint32_t kAlphaOrder2 = 8;
inline constexpr uint32_t kAlphaOrder4 = 4;
inline constexpr uint32_t kAlphaOrder6 = 2;
inline constexpr uint32_t kAlphaOrder11 = 2;
inline constexpr uint32_t kAlphaMatches = 8;
inline constexpr uint32_t kAlphaRelative = 8;
// The relative context's differences are clamped to ±this.
inline constexpr int32_t kRelativeClamp = 6;

class AdaptivePixel {
 public:
  // Everything must outlive the pixel's Finish; `distribution` may be null (R_0 is then uniform).
  void Begin(const LevelSet* set, const engine::PixelDistribution* distribution, LaneState* lane,
             const Neighbours& around);
  // Brings the count slots a pixel with neighbours `around` in `lane` will read into the cache, so
  // that they are there when its Begin comes (speed only: any neighbours will do).
  static void Prefetch(const LaneState& lane, const Neighbours& around);

  uint32_t bins() const { return set_->count; }
  // M(bin), 0 <= bin <= bins().
  uint32_t Cumulative(uint32_t bin);
  // The bin with M(bin) <= target < M(bin + 1), and those bounds; target < T.
  uint32_t Find(uint32_t target, uint32_t* start, uint32_t* end);
  // What coding `bin` costs each component alone, in sixteenths of a bit (the mixer's input).
  void ComponentCosts(uint32_t bin, uint32_t costs[kComponents]);
  // Teaches the lane that the pixel was `bin` (its value set_->level[bin]).
  void Finish(uint32_t bin);

  // The weight the mixer gave each component (for maps of which it trusted), and their sum.
  const uint32_t* weights() const { return weights_; }
  uint64_t weight_sum() const { return weight_sum_; }
  // After Finish: each component's frequency of the pixel's bin out of 2^24 (R_k(b + 1) − R_k(b)
  // + 1), of which the mixer's costs are −log2 in sixteenths of a bit.
  const uint32_t* component_frequencies() const { return frequencies_; }

 private:
  // One context's counts over the bins: entries (bin, count) of its present values (a slot's
  // values, or the matches' roles).
  static constexpr uint32_t kMaxEntries = kSlotValues > kMatchRoles ? kSlotValues : kMatchRoles;
  struct BinCounts {
    uint32_t entries = 0;
    uint32_t bin[kMaxEntries] = {};
    uint32_t count[kMaxEntries] = {};
    uint32_t total = 0;
    uint32_t Below(uint32_t b) const {
      uint32_t sum = 0;
      for (uint32_t k = 0; k < entries; ++k) sum += bin[k] < b ? count[k] : 0;
      return sum;
    }
  };
  // The exact contexts of orders 2, 4, 6 and 11, and the context of the neighbourhood's shape.
  static void ContextKeys(const Neighbours& around, uint64_t keys[4]);
  static uint64_t RelativeKey(const Neighbours& around);
  void Gather(const CountSlot* slot, BinCounts* counts) const;
  void GatherMatches(const MatchSlot& slot, const Neighbours& around);
  void GatherRelative(const CountSlot* slot);
  uint32_t Learned(uint32_t bin) const;
  // Every R_k at `bin`, computed once per pixel (the encoder's coding and the learning after it,
  // and the decoder's search and its learning, share them).
  const uint32_t* Components(uint32_t bin);
  uint32_t Blend(const BinCounts& counts, uint32_t alpha, uint32_t bin, uint32_t base) const;

  const LevelSet* set_ = nullptr;
  const engine::PixelDistribution* distribution_ = nullptr;
  LaneState* lane_ = nullptr;
  uint64_t keys_[4] = {};  // orders 2, 4, 6, 11
  BinCounts counts_[4];
  BinCounts matches_;
  BinCounts relative_;
  uint64_t relative_key_ = 0;
  uint32_t relative_base_ = 0;
  uint32_t match_context_ = 0;
  uint32_t match_alpha_ = 0;
  Neighbours around_;
  uint32_t bucket_ = 0;
  uint32_t weights_[kComponents] = {};
  uint64_t weight_sum_ = 0;
  uint32_t costs_[kComponents] = {};
  uint32_t frequencies_[kComponents] = {};
  uint32_t reduced_total_ = 0;  // T − n
  // The R_k at each bin edge this pixel asked for: valid where stamp_ == generation_.
  uint32_t generation_ = 0;
  uint32_t stamp_[kValues + 1] = {};
  uint32_t reduced_[kValues + 1][kComponents] = {};
};

}  // namespace ride::adaptive

#endif  // RIDE_RUNTIME_SRC_ADAPTIVE_ADAPTIVE_PIXEL_H_
