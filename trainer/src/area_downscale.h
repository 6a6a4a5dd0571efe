// Downscaling by area averaging, for training data: each factor × factor block of a plane of
// samples becomes its mean, rounded half up, so the copy holds integer samples as the codec sees
// them. The last rows and columns that do not fill a block are dropped.
//
// Why: a JPEG photograph's chroma is upsampled from half resolution and its detail is blurred by
// quantisation; averaging blocks gives samples the file really recorded, with the cleaner, sharper
// statistics of a smaller picture (docs/trainer.md, "Training data").
#ifndef RIDE_TRAINER_SRC_AREA_DOWNSCALE_H_
#define RIDE_TRAINER_SRC_AREA_DOWNSCALE_H_

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace ride::trainer {

// The size of a width × height image downscaled by `factor`. Throws std::invalid_argument for
// factor < 1 or an image smaller than one block.
inline void DownscaledSize(int width, int height, int factor, int* out_width, int* out_height) {
  if (factor < 1) throw std::invalid_argument("downscale factor " + std::to_string(factor) + " must be >= 1");
  *out_width = width / factor;
  *out_height = height / factor;
  if (*out_width < 1 || *out_height < 1) {
    throw std::invalid_argument("image of " + std::to_string(width) + "x" + std::to_string(height) +
                                " is smaller than one " + std::to_string(factor) + "x" + std::to_string(factor) +
                                " block");
  }
}

// `plane` (width × height samples, row-major, non-negative) averaged over factor × factor blocks.
template <typename Sample>
std::vector<Sample> AreaAverage(const std::vector<Sample>& plane, int width, int height, int factor) {
  int out_width = 0, out_height = 0;
  DownscaledSize(width, height, factor, &out_width, &out_height);
  const int area = factor * factor;
  std::vector<Sample> out(static_cast<size_t>(out_width) * out_height);
  for (int r = 0; r < out_height; ++r) {
    for (int x = 0; x < out_width; ++x) {
      long sum = 0;
      for (int dr = 0; dr < factor; ++dr) {
        const Sample* row = plane.data() + static_cast<size_t>(r * factor + dr) * width + x * factor;
        for (int dx = 0; dx < factor; ++dx) sum += row[dx];
      }
      out[static_cast<size_t>(r) * out_width + x] = static_cast<Sample>((sum + area / 2) / area);
    }
  }
  return out;
}

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_AREA_DOWNSCALE_H_
