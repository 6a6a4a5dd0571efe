#include "trainer/src/dead_leaves.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace ride::trainer {
namespace {

// SplitMix64 over a counter: fully specified, so a seed gives the same image everywhere.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  double Uniform() {  // [0, 1) with 53 random bits
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
  }

 private:
  uint64_t state_;
};

// Inverse CDF of p(r) ∝ r^-a on [r0, r1].
double SampleRadius(double u, const DeadLeavesParams& p) {
  const double a = p.exponent;
  if (std::fabs(a - 1.0) < 1e-12) return p.min_radius * std::pow(p.max_radius / p.min_radius, u);
  const double lo = std::pow(p.min_radius, 1.0 - a), hi = std::pow(p.max_radius, 1.0 - a);
  return std::pow(lo + u * (hi - lo), 1.0 / (1.0 - a));
}

}  // namespace

void DeadLeavesParams::Check() const {
  auto fail = [](const std::string& what) { throw std::invalid_argument("dead leaves: " + what); };
  if (width < 1 || height < 1 || width > 1 << 16 || height > 1 << 16) fail("width and height must be in 1..65536");
  if (!(min_radius > 0) || !(max_radius >= min_radius)) fail("need 0 < min_radius <= max_radius");
  if (!(exponent > 0) || !std::isfinite(exponent)) fail("exponent must be positive");
  if (max_disks < 1) fail("max_disks must be positive");
}

std::vector<uint8_t> GenerateDeadLeaves(const DeadLeavesParams& params, uint64_t seed) {
  params.Check();
  const int w = params.width, h = params.height;
  std::vector<uint8_t> image(static_cast<std::size_t>(w) * h, 0);
  std::vector<uint8_t> covered(image.size(), 0);
  std::size_t uncovered = image.size();
  Random random(seed);
  // Centres fall anywhere a disk of the largest radius could still touch the image.
  const double margin = std::min(params.max_radius, static_cast<double>(std::max(w, h)));
  for (int64_t disk = 0; disk < params.max_disks && uncovered > 0; ++disk) {
    const double cx = -margin + random.Uniform() * (w + 2 * margin);
    const double cy = -margin + random.Uniform() * (h + 2 * margin);
    const double r = SampleRadius(random.Uniform(), params);
    const uint8_t grey = static_cast<uint8_t>(random.Uniform() * 256.0);
    const int x0 = std::max(0, static_cast<int>(std::floor(cx - r)));
    const int x1 = std::min(w - 1, static_cast<int>(std::ceil(cx + r)));
    const int y0 = std::max(0, static_cast<int>(std::floor(cy - r)));
    const int y1 = std::min(h - 1, static_cast<int>(std::ceil(cy + r)));
    const double r2 = r * r;
    for (int y = y0; y <= y1; ++y) {
      const double dy = y + 0.5 - cy;
      for (int x = x0; x <= x1; ++x) {
        const double dx = x + 0.5 - cx;
        const std::size_t i = static_cast<std::size_t>(y) * w + x;
        // Front to back: a pixel keeps the first disk that covers it.
        if (!covered[i] && dx * dx + dy * dy <= r2) {
          covered[i] = 1;
          image[i] = grey;
          --uncovered;
        }
      }
    }
  }
  if (uncovered > 0) {
    const uint8_t grey = static_cast<uint8_t>(random.Uniform() * 256.0);
    for (std::size_t i = 0; i < image.size(); ++i) {
      if (!covered[i]) image[i] = grey;
    }
  }
  return image;
}

}  // namespace ride::trainer
