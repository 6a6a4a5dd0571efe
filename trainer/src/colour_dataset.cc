#include "trainer/src/colour_dataset.h"

#include <stdexcept>

#include "trainer/src/random.h"

namespace ride::trainer {

std::array<std::vector<double>, 3> DequantizePlanes(const ColourImage& image, std::mt19937_64& rng) {
  std::array<std::vector<double>, 3> values;
  for (int c = 0; c < kColourChannels; ++c) {
    values[c].resize(image.planes[c].size());
    for (size_t i = 0; i < values[c].size(); ++i) values[c][i] = (image.planes[c][i] + Uniform01(rng)) / 256.0;
  }
  return values;
}

std::array<std::vector<double>, 3> MidpointPlanes(const ColourImage& image) {
  std::array<std::vector<double>, 3> values;
  for (int c = 0; c < kColourChannels; ++c) {
    values[c].resize(image.planes[c].size());
    for (size_t i = 0; i < values[c].size(); ++i) values[c][i] = (image.planes[c][i] + 0.5) / 256.0;
  }
  return values;
}

void ExtractColourInputs(const std::array<std::vector<double>, 3>& values, int width, int height,
                         const CausalWindow& window, ColourTransform transform, int channel, int row, int col,
                         double* out) {
  const int n = window.Inputs();
  for (int plane = 0; plane < kColourChannels; ++plane) {
    ExtractNeighborhood(values[plane].data(), width, height, window, ColourPadding(transform, plane), row, col,
                        out + plane * n);
  }
  const size_t index = static_cast<size_t>(row) * width + col;
  for (int earlier = 0; earlier < channel; ++earlier) out[kColourChannels * n + earlier] = values[earlier][index];
}

PairSet BuildColourPairs(const ImageShard<ColourImage>& shard, const CausalWindow& window,
                         ColourTransform transform, int channel, int64_t max_pairs, uint64_t seed) {
  window.Check();
  if (channel < 0 || channel >= kColourChannels) throw std::invalid_argument("channel must be 0, 1 or 2");
  const std::vector<std::vector<int64_t>> kept =
      SelectPixels(shard.sizes, shard.first(), shard.images.size(), max_pairs, seed);
  PairSet set;
  set.inputs.resize(ColourInputs(window, channel), SelectedCount(kept));
  set.outputs.resize(set.inputs.cols());
  int64_t k = 0;
  for (size_t j = 0; j < shard.images.size(); ++j) {
    if (kept[j].empty()) continue;
    const ColourImage& image = shard.images[j];
    std::mt19937_64 noise = StreamGenerator(seed, shard.first() + j);
    const std::array<std::vector<double>, 3> values = DequantizePlanes(image, noise);
    for (const int64_t p : kept[j]) {
      const int r = static_cast<int>(p / image.width), c = static_cast<int>(p % image.width);
      ExtractColourInputs(values, image.width, image.height, window, transform, channel, r, c,
                          set.inputs.col(k).data());
      set.outputs[k] = values[channel][static_cast<size_t>(p)];
      ++k;
    }
  }
  return set;
}

}  // namespace ride::trainer
