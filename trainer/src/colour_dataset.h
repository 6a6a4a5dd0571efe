// Training data for colour models: for one channel c of the coding order, pairs of
//   inputs  z_c = [the causal window in plane 0, in plane 1, in plane 2 (3N values, the runtime's
//                  order, docs/model_format.md "Colour models"); the pixel's planes 0 .. c − 1]
//   target  the pixel's plane c,
// every value dequantised as for gray pixels, x = (v + u) / 256 with u ~ U[0, 1) (dataset.h), the
// same noise for every channel's set (image i's stream i of the seed, planes in order), so that
// the three sets describe one dequantised image. The pixels are the same for every channel.
#ifndef RIDE_TRAINER_SRC_COLOUR_DATASET_H_
#define RIDE_TRAINER_SRC_COLOUR_DATASET_H_

#include <cstdint>

#include "trainer/src/colour_image.h"
#include "trainer/src/dataset.h"
#include "trainer/src/image_shard.h"
#include "trainer/src/neighborhood.h"

namespace ride::trainer {

inline constexpr int kColourChannels = 3;

// The inputs of channel c's head: 3N + c.
inline int ColourInputs(const CausalWindow& window, int channel) {
  return kColourChannels * window.Inputs() + channel;
}

// This rank's part of channel `channel`'s pairs for `max_pairs` pixels drawn uniformly from the
// whole set (SelectPixels), in image then raster order.
PairSet BuildColourPairs(const ImageShard<ColourImage>& shard, const CausalWindow& window,
                         ColourTransform transform, int channel, int64_t max_pairs, uint64_t seed);

// The inputs of channel `channel` at pixel (row, col) of `values` (three planes of width × height
// values on the model's scale) into `out` (ColourInputs values).
void ExtractColourInputs(const std::array<std::vector<double>, 3>& values, int width, int height,
                         const CausalWindow& window, ColourTransform transform, int channel, int row, int col,
                         double* out);

// (v + u) / 256 for every sample of every plane, planes in order, u from `rng`.
std::array<std::vector<double>, 3> DequantizePlanes(const ColourImage& image, std::mt19937_64& rng);
// (v + 0.5) / 256: the values the codec conditions on.
std::array<std::vector<double>, 3> MidpointPlanes(const ColourImage& image);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_COLOUR_DATASET_H_
