// NeighbourMatches: which neighbour a pixel repeats, by the pattern of equalities among its
// neighbours (docs/adaptive.md, "Neighbour matches"). Exact contexts learn "after these values
// comes that value" one set of values at a time; this learns "in a flat area the pixel is W", "on
// a vertical edge it is N" once for all values, which is what flat graphics, text and screenshots
// are made of. Per context it counts which of W, N, NE, NW and the plane through W, N and NW
// (W + N − NW, clamped: it continues a smooth gradient) was the first to equal the pixel, or that
// none did; like ContextCounts it halves the counts past a limit.
#ifndef RIDE_RUNTIME_SRC_ADAPTIVE_NEIGHBOUR_MATCHES_H_
#define RIDE_RUNTIME_SRC_ADAPTIVE_NEIGHBOUR_MATCHES_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/adaptive/context_counts.h"
#include "runtime/src/adaptive/recent_rows.h"

namespace ride::adaptive {

inline constexpr uint32_t kMatchRoles = 5;  // W, N, NE, NW and W + N − NW, in this order

struct MatchSlot {
  uint16_t count[kMatchRoles] = {};
  uint16_t none = 0;
  uint16_t total = 0;
};

class NeighbourMatches {
 public:
  // Contexts: 7 equalities among the neighbours × 8 activity classes.
  static constexpr std::size_t kSlots = std::size_t{1} << 10;

  // The context of a pixel with these neighbours (< kSlots).
  static uint32_t ContextOf(const Neighbours& around, uint32_t activity_bucket);
  // The neighbours' values by role (value + 1, 0 outside).
  static void Roles(const Neighbours& around, uint32_t roles[kMatchRoles]);

  explicit NeighbourMatches(MatchSlot* slots = nullptr) : slots_(slots) {}
  void Clear();
  const MatchSlot& At(uint32_t context) const { return slots_[context]; }
  // Counts what the pixel `value` repeated in `context`.
  void Add(uint32_t context, const Neighbours& around, uint8_t value);

 private:
  MatchSlot* slots_;
};

}  // namespace ride::adaptive

#endif  // RIDE_RUNTIME_SRC_ADAPTIVE_NEIGHBOUR_MATCHES_H_
