// Training data: (neighbourhood, pixel) pairs from gray images, as the paper builds them.
//
// Each image is dequantised once, x = (v + u) / 256 with u ~ U[0, 1) drawn for every pixel, and the
// whole dequantised image feeds both the neighbourhoods and the targets. A set of N pairs is a
// uniform random subset, without replacement, of all pixels of all images. Everything is
// deterministic given the seed (image i uses random stream i of the seed).
#ifndef RIDE_TRAINER_SRC_DATASET_H_
#define RIDE_TRAINER_SRC_DATASET_H_

#include <Eigen/Dense>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "trainer/src/image_io.h"
#include "trainer/src/image_shard.h"
#include "trainer/src/neighborhood.h"

namespace ride::trainer {

struct PairSet {
  Eigen::MatrixXd inputs;      // D × N, one pair per column
  Eigen::RowVectorXd outputs;  // 1 × N
  Eigen::Index size() const { return outputs.size(); }
};

// (v + u) / 256 for every pixel, u ~ U[0, 1) from `rng`.
std::vector<double> Dequantize(const GrayImage& image, std::mt19937_64& rng);
// (v + 0.5) / 256: the values the codec conditions on.
std::vector<double> Midpoints(const GrayImage& image);

// Pairs of `max_pairs` pixels chosen uniformly from all pixels of `images` (all of them if there
// are fewer), in image then raster order.
PairSet BuildPairs(const std::vector<GrayImage>& images, const CausalWindow& window, double padding,
                   int64_t max_pairs, uint64_t seed);
// The pairs that this rank's shard contributes to BuildPairs of the whole set: the same pixels with
// the same noise, in the same order, so that the ranks' pairs one after the other are exactly
// BuildPairs(every image). Every rank runs the selection over every pixel of the set (it needs only
// the sizes) and reads out only its own images.
PairSet BuildPairs(const ImageShard<GrayImage>& shard, const CausalWindow& window, double padding,
                   int64_t max_pairs, uint64_t seed);

// Which pixels a set of `max_pairs` pairs takes from images of these sizes: uniformly from all
// their pixels (all of them if there are fewer), as raster indices per image, for the `local`
// images first .. first + local − 1 (a rank's shard; 0 and sizes.size() for the whole set). The
// choice depends on the sizes and the seed only. Throws std::invalid_argument for max_pairs < 0.
std::vector<std::vector<int64_t>> SelectPixels(const std::vector<ImageSize>& sizes, int first, std::size_t local,
                                               int64_t max_pairs, uint64_t seed);
int64_t SelectedCount(const std::vector<std::vector<int64_t>>& kept);

std::vector<GrayImage> ReadGrayImages(const std::vector<std::string>& paths);

// The paper's BSDS300 split of a sorted training folder: the first files train, the last
// `validation_count` validate. Throws std::invalid_argument if that leaves no training file.
void SplitTrainValidation(const std::vector<std::string>& sorted_paths, int validation_count,
                          std::vector<std::string>* train, std::vector<std::string>* validation);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_DATASET_H_
