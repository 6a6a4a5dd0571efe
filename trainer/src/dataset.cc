#include "trainer/src/dataset.h"

#include <stdexcept>

#include "trainer/src/random.h"

namespace ride::trainer {

std::vector<double> Dequantize(const GrayImage& image, std::mt19937_64& rng) {
  std::vector<double> values(image.pixels.size());
  for (size_t i = 0; i < values.size(); ++i) values[i] = (image.pixels[i] + Uniform01(rng)) / 256.0;
  return values;
}

std::vector<double> Midpoints(const GrayImage& image) {
  std::vector<double> values(image.pixels.size());
  for (size_t i = 0; i < values.size(); ++i) values[i] = (image.pixels[i] + 0.5) / 256.0;
  return values;
}

PairSet BuildPairs(const std::vector<GrayImage>& images, const CausalWindow& window, double padding,
                   int64_t max_pairs, uint64_t seed) {
  window.Check();
  if (max_pairs < 0) throw std::invalid_argument("max_pairs must be >= 0");
  int64_t total = 0;
  for (const GrayImage& image : images) total += static_cast<int64_t>(image.pixels.size());
  const int64_t wanted = std::min(max_pairs, total);
  PairSet set;
  set.inputs.resize(window.Inputs(), wanted);
  set.outputs.resize(wanted);
  // Selection sampling (Knuth's algorithm S): each pixel is kept with probability
  // still_needed / still_left, which gives a uniform subset of exactly `wanted` pixels.
  std::mt19937_64 pick = StreamGenerator(seed, ~uint64_t{0});
  int64_t left = total, needed = wanted, k = 0;
  for (size_t i = 0; i < images.size() && needed > 0; ++i) {
    const GrayImage& image = images[i];
    std::mt19937_64 noise = StreamGenerator(seed, i);
    const std::vector<double> values = Dequantize(image, noise);
    for (int r = 0; r < image.height; ++r) {
      for (int c = 0; c < image.width; ++c, --left) {
        if (static_cast<double>(left) * Uniform01(pick) >= static_cast<double>(needed)) continue;
        ExtractNeighborhood(values.data(), image.width, image.height, window, padding, r, c,
                            set.inputs.col(k).data());
        set.outputs[k] = values[static_cast<size_t>(r) * image.width + c];
        ++k;
        --needed;
      }
    }
  }
  return set;
}

std::vector<GrayImage> ReadGrayImages(const std::vector<std::string>& paths) {
  std::vector<GrayImage> images;
  images.reserve(paths.size());
  for (const std::string& path : paths) images.push_back(ReadGrayImage(path));
  return images;
}

void SplitTrainValidation(const std::vector<std::string>& sorted_paths, int validation_count,
                          std::vector<std::string>* train, std::vector<std::string>* validation) {
  const int n = static_cast<int>(sorted_paths.size());
  if (validation_count < 0 || validation_count >= n) {
    throw std::invalid_argument("--val-count " + std::to_string(validation_count) +
                                " must be in 0.." + std::to_string(n - 1) + " for " +
                                std::to_string(n) + " images");
  }
  train->assign(sorted_paths.begin(), sorted_paths.end() - validation_count);
  validation->assign(sorted_paths.end() - validation_count, sorted_paths.end());
}

}  // namespace ride::trainer
