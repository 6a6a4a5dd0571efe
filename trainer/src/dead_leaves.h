// Dead-leaves images (Lee, Mumford & Huang 2001): opaque disks of uniform random grey level, with
// radii from a power law, stacked front to back until every pixel is covered. The paper's second
// data set; scale-invariant and occlusion-rich like natural images, with a known generative process.
#ifndef RIDE_TRAINER_SRC_DEAD_LEAVES_H_
#define RIDE_TRAINER_SRC_DEAD_LEAVES_H_

#include <cstdint>
#include <vector>

namespace ride::trainer {

struct DeadLeavesParams {
  int width = 256;
  int height = 256;
  // Radii r in pixels have density ∝ r^-exponent on [min_radius, max_radius]; exponent 3 makes the
  // image statistics scale invariant (Lee et al.).
  double exponent = 3.0;
  double min_radius = 1.0;
  double max_radius = 1000.0;
  // Disks stop once every pixel is covered, or after this many (then uncovered pixels get one last
  // uniform grey, a safeguard that the default parameters never reach).
  int64_t max_disks = 50'000'000;
  // Throws std::invalid_argument naming the field when a value is out of range.
  void Check() const;
};

// An 8-bit grey image, row-major, deterministic from `seed` on every platform (a counter-based
// generator and closed-form transforms; no std:: distributions).
std::vector<uint8_t> GenerateDeadLeaves(const DeadLeavesParams& params, uint64_t seed);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_DEAD_LEAVES_H_
