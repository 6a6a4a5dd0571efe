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

std::vector<std::vector<int64_t>> SelectPixels(const std::vector<ImageSize>& sizes, int first, std::size_t local,
                                               int64_t max_pairs, uint64_t seed) {
  if (max_pairs < 0) throw std::invalid_argument("max_pairs must be >= 0");
  int64_t total = 0;
  for (const ImageSize& size : sizes) total += size.pixels();
  const int64_t wanted = std::min(max_pairs, total);
  // Selection sampling (Knuth's algorithm S): each pixel is kept with probability
  // still_needed / still_left, which gives a uniform subset of exactly `wanted` pixels. Which pixels
  // are kept depends on the sizes only, so every rank finds the same ones; it keeps its own.
  std::vector<std::vector<int64_t>> kept(local);
  std::mt19937_64 pick = StreamGenerator(seed, ~uint64_t{0});
  int64_t left = total, needed = wanted;
  for (std::size_t i = 0; i < sizes.size() && needed > 0; ++i) {
    const bool mine = i >= static_cast<std::size_t>(first) && i < first + local;
    for (int64_t p = 0; p < sizes[i].pixels(); ++p, --left) {
      if (static_cast<double>(left) * Uniform01(pick) >= static_cast<double>(needed)) continue;
      --needed;
      if (mine) kept[i - first].push_back(p);
    }
  }
  return kept;
}

int64_t SelectedCount(const std::vector<std::vector<int64_t>>& kept) {
  int64_t count = 0;
  for (const auto& pixels : kept) count += static_cast<int64_t>(pixels.size());
  return count;
}

namespace {

// BuildPairs over the images with these sizes, of which `local` are images first .. first +
// local.size() − 1.
PairSet BuildPairsOf(const std::vector<ImageSize>& sizes, const std::vector<GrayImage>& local, int first,
                     const CausalWindow& window, double padding, int64_t max_pairs, uint64_t seed) {
  window.Check();
  const std::vector<std::vector<int64_t>> kept = SelectPixels(sizes, first, local.size(), max_pairs, seed);
  const int64_t local_count = SelectedCount(kept);
  PairSet set;
  set.inputs.resize(window.Inputs(), local_count);
  set.outputs.resize(local_count);
  int64_t k = 0;
  for (std::size_t j = 0; j < local.size(); ++j) {
    const GrayImage& image = local[j];
    if (kept[j].empty()) continue;
    std::mt19937_64 noise = StreamGenerator(seed, first + j);
    const std::vector<double> values = Dequantize(image, noise);
    for (const int64_t p : kept[j]) {
      const int r = static_cast<int>(p / image.width), c = static_cast<int>(p % image.width);
      ExtractNeighborhood(values.data(), image.width, image.height, window, padding, r, c, set.inputs.col(k).data());
      set.outputs[k] = values[static_cast<size_t>(p)];
      ++k;
    }
  }
  return set;
}

}  // namespace

PairSet BuildPairs(const std::vector<GrayImage>& images, const CausalWindow& window, double padding,
                   int64_t max_pairs, uint64_t seed) {
  std::vector<ImageSize> sizes;
  for (const GrayImage& image : images) sizes.push_back(SizeOf(image));
  return BuildPairsOf(sizes, images, 0, window, padding, max_pairs, seed);
}

PairSet BuildPairs(const ImageShard<GrayImage>& shard, const CausalWindow& window, double padding,
                   int64_t max_pairs, uint64_t seed) {
  return BuildPairsOf(shard.sizes, shard.images, shard.first(), window, padding, max_pairs, seed);
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
