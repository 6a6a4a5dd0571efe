#include "runtime/src/adaptive/adaptive_pixel.h"

#include "runtime/src/coder/cdf_search.h"
#include "runtime/src/coder/quantized_cdf.h"

namespace ride::adaptive {
namespace {

uint32_t Difference(uint32_t a, uint32_t b) { return a > b ? a - b : b - a; }
// A neighbour's value, 0 outside the image.
uint32_t ValueOf(uint32_t neighbour) { return neighbour == 0 ? 0 : neighbour - 1; }

}  // namespace

void AdaptivePixel::ContextKeys(const Neighbours& around, uint64_t keys[4]) {
  keys[0] = uint64_t{around.w} << 9 | around.n;
  keys[1] = (keys[0] << 9 | around.nw) << 9 | around.ne;
  keys[2] = (keys[1] << 9 | around.ww) << 9 | around.nn;
  // 99 bits: the order-6 key and the other five folded together (the table hashes it again).
  const uint64_t rest = (((uint64_t{around.www} << 9 | around.nww) << 9 | around.nee) << 9 | around.nnw) << 9 | around.nne;
  keys[3] = keys[2] ^ (rest * 0xD6E8FEB86659FD93ull);
}

uint64_t AdaptivePixel::RelativeKey(const Neighbours& around) {
  uint64_t key = 0;
  const int32_t differences[5] = {
      static_cast<int32_t>(around.w) - static_cast<int32_t>(around.nw),
      static_cast<int32_t>(around.n) - static_cast<int32_t>(around.nw),
      static_cast<int32_t>(around.ne) - static_cast<int32_t>(around.n),
      static_cast<int32_t>(around.w) - static_cast<int32_t>(around.ww),
      static_cast<int32_t>(around.n) - static_cast<int32_t>(around.nn)};
  for (const int32_t difference : differences) {
    const int32_t clamped =
        difference < -kRelativeClamp ? -kRelativeClamp : (difference > kRelativeClamp ? kRelativeClamp : difference);
    key = key * (2 * kRelativeClamp + 1) + static_cast<uint64_t>(clamped + kRelativeClamp);
  }
  return key;
}

void AdaptivePixel::Prefetch(const LaneState& lane, const Neighbours& around) {
  uint64_t keys[4];
  ContextKeys(around, keys);
  lane.order2.Prefetch(keys[0]);
  lane.order4.Prefetch(keys[1]);
  lane.order6.Prefetch(keys[2]);
  lane.order11.Prefetch(keys[3]);
  lane.relative.Prefetch(RelativeKey(around));
}

void AdaptivePixel::Begin(const LevelSet* set, const engine::PixelDistribution* distribution, LaneState* lane,
                          const Neighbours& around) {
  set_ = set;
  distribution_ = distribution;
  lane_ = lane;
  reduced_total_ = kTotal - set->count;
  if (++generation_ == 0) {  // wrapped: forget every stamp
    for (uint32_t& stamp : stamp_) stamp = 0;
    generation_ = 1;
  }
  ContextKeys(around, keys_);
  Gather(lane->order2.Find(keys_[0]), &counts_[0]);
  Gather(lane->order4.Find(keys_[1]), &counts_[1]);
  Gather(lane->order6.Find(keys_[2]), &counts_[2]);
  Gather(lane->order11.Find(keys_[3]), &counts_[3]);
  // The shape of the neighbourhood, as small differences, and the residual from W (or N).
  relative_base_ = around.w != 0 ? around.w - 1 : (around.n != 0 ? around.n - 1 : 0);
  relative_key_ = RelativeKey(around);
  GatherRelative(lane->relative.Find(relative_key_));
  const uint32_t w = ValueOf(around.w), n = ValueOf(around.n), nw = ValueOf(around.nw), ne = ValueOf(around.ne);
  const uint32_t activity = ActivityBucket(Difference(w, nw) + Difference(n, nw) + Difference(n, ne));
  around_ = around;
  match_context_ = NeighbourMatches::ContextOf(around, activity);
  GatherMatches(lane->matches.At(match_context_), around);
  // The mixer's bucket: the neighbours' activity, and whether the order-6 context has seen no
  // value here, one, or several.
  const uint32_t seen = counts_[2].entries == 0 ? 0 : (counts_[2].entries == 1 ? 1 : 2);
  bucket_ = activity * 3 + seen;
  lane->mixer.Weights(bucket_, weights_);
  weight_sum_ = 0;
  for (uint32_t weight : weights_) weight_sum_ += weight;
}

void AdaptivePixel::Gather(const CountSlot* slot, BinCounts* counts) const {
  counts->entries = 0;
  counts->total = 0;
  if (slot == nullptr) return;
  for (uint32_t k = 0; k < kSlotValues; ++k) {
    // Values absent from this group (counted in an earlier one) cannot occur here.
    if (slot->count[k] == 0 || !set_->IsPresent(slot->value[k])) continue;
    counts->bin[counts->entries] = set_->bin_of[slot->value[k]];
    counts->count[counts->entries] = slot->count[k];
    counts->total += slot->count[k];
    ++counts->entries;
  }
}

void AdaptivePixel::GatherRelative(const CountSlot* slot) {
  relative_.entries = 0;
  relative_.total = 0;
  if (slot == nullptr) return;
  for (uint32_t k = 0; k < kSlotValues; ++k) {
    // An entry is a residual r + 128 (mod 256) from the base value.
    const int32_t value = static_cast<int32_t>(relative_base_) + static_cast<int32_t>(slot->value[k]) - 128;
    if (slot->count[k] == 0 || value < 0 || value > 255 || !set_->IsPresent(static_cast<uint32_t>(value))) continue;
    relative_.bin[relative_.entries] = set_->bin_of[value];
    relative_.count[relative_.entries] = slot->count[k];
    relative_.total += slot->count[k];
    ++relative_.entries;
  }
}

void AdaptivePixel::GatherMatches(const MatchSlot& slot, const Neighbours& around) {
  uint32_t roles[kMatchRoles];
  NeighbourMatches::Roles(around, roles);
  matches_.entries = 0;
  matches_.total = 0;
  match_alpha_ = kAlphaMatches + slot.none;
  for (uint32_t r = 0; r < kMatchRoles; ++r) {
    if (roles[r] == 0 || slot.count[r] == 0 || !set_->IsPresent(roles[r] - 1)) continue;
    bool earlier = false;  // a value an earlier role holds: that role took every such pixel
    for (uint32_t q = 0; q < r; ++q) earlier = earlier || roles[q] == roles[r];
    if (earlier) continue;
    matches_.bin[matches_.entries] = set_->bin_of[roles[r] - 1];
    matches_.count[matches_.entries] = slot.count[r];
    matches_.total += slot.count[r];
    ++matches_.entries;
  }
}

uint32_t AdaptivePixel::Learned(uint32_t bin) const {
  if (bin == 0) return 0;
  if (bin == set_->count) return reduced_total_;
  // Without a model (alpha): uniform over the bins.
  if (distribution_ == nullptr) return static_cast<uint32_t>(uint64_t{bin} * reduced_total_ / set_->count);
  // QuantizeCdfValue with v = 0 gives floor(F · (T − n)) for n symbols.
  return coder::QuantizeCdfValue(distribution_->Cdf(set_->edge[bin]), 0, set_->count, kPrecisionBits);
}

uint32_t AdaptivePixel::Blend(const BinCounts& counts, uint32_t alpha, uint32_t bin, uint32_t base) const {
  if (counts.total == 0) return base;
  const uint64_t numerator = uint64_t{counts.Below(bin)} * reduced_total_ + uint64_t{alpha} * base;
  return static_cast<uint32_t>(numerator / (counts.total + alpha));
}

const uint32_t* AdaptivePixel::Components(uint32_t bin) {
  uint32_t* reduced = reduced_[bin];
  if (stamp_[bin] == generation_) return reduced;
  stamp_[bin] = generation_;
  reduced[0] = Learned(bin);
  reduced[1] = Blend(matches_, match_alpha_, bin, reduced[0]);
  reduced[2] = Blend(relative_, kAlphaRelative, bin, reduced[1]);
  const uint32_t order2 = Blend(counts_[0], kAlphaOrder2, bin, reduced[1]);
  reduced[3] = Blend(counts_[1], kAlphaOrder4, bin, order2);
  reduced[4] = Blend(counts_[2], kAlphaOrder6, bin, reduced[3]);
  reduced[5] = Blend(counts_[3], kAlphaOrder11, bin, reduced[4]);
  return reduced;
}

uint32_t AdaptivePixel::Cumulative(uint32_t bin) {
  const uint32_t* reduced = Components(bin);
  uint64_t sum = 0;
  for (uint32_t k = 0; k < kComponents; ++k) sum += uint64_t{weights_[k]} * reduced[k];
  return static_cast<uint32_t>(sum / weight_sum_) + bin;
}

uint32_t AdaptivePixel::Find(uint32_t target, uint32_t* start, uint32_t* end) {
  // The learned model's quantile of the target: the mixture is usually close to it.
  const uint32_t guess = distribution_ != nullptr ? set_->bin_of[distribution_->GuessValue(target)]
                                                 : static_cast<uint32_t>(uint64_t{target} * set_->count / kTotal);
  return coder::SearchCdf(guess, set_->count, target, [this](uint32_t bin) { return Cumulative(bin); }, start, end);
}

void AdaptivePixel::ComponentCosts(uint32_t bin, uint32_t costs[kComponents]) {
  const uint32_t* below = Components(bin);
  const uint32_t* above = Components(bin + 1);
  for (uint32_t k = 0; k < kComponents; ++k) {
    frequencies_[k] = above[k] - below[k] + 1;
    costs[k] = CostSixteenths(frequencies_[k]);
  }
}

void AdaptivePixel::Finish(uint32_t bin) {
  ComponentCosts(bin, costs_);
  lane_->mixer.Update(bucket_, costs_);
  const uint8_t value = set_->level[bin];
  lane_->matches.Add(match_context_, around_, value);
  lane_->relative.Add(relative_key_, static_cast<uint8_t>(value - relative_base_ + 128));
  lane_->order2.Add(keys_[0], value);
  lane_->order4.Add(keys_[1], value);
  lane_->order6.Add(keys_[2], value);
  lane_->order11.Add(keys_[3], value);
}

}  // namespace ride::adaptive
