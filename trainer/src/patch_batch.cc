#include "trainer/src/patch_batch.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "trainer/src/random.h"

namespace ride::trainer {

ValueImage FlipHorizontally(const ValueImage& image) {
  ValueImage out = image;
  for (auto [from, to] : {std::pair{&image.values, &out.values}, std::pair{&image.targets, &out.targets}}) {
    if (from->empty()) continue;
    for (int row = 0; row < image.height; ++row)
      for (int col = 0; col < image.width; ++col)
        (*to)[static_cast<std::size_t>(row) * image.width + col] =
            (*from)[static_cast<std::size_t>(row) * image.width + (image.width - 1 - col)];
  }
  return out;
}

std::vector<PatchOrigin> SamplePatchOrigins(const std::vector<ValueImage>& images, int size, int count,
                                            std::mt19937_64& rng) {
  std::vector<ImageSize> sizes;
  for (const ValueImage& image : images) sizes.push_back(SizeOf(image));
  return SamplePatchOrigins(sizes, size, count, rng);
}

std::vector<PatchOrigin> SamplePatchOrigins(const std::vector<ImageSize>& sizes, int size, int count,
                                            std::mt19937_64& rng) {
  std::vector<double> cumulative;
  double total = 0;
  for (const ImageSize& image : sizes) {
    const double positions = image.width >= size && image.height >= size
                                 ? double(image.width - size + 1) * double(image.height - size + 1)
                                 : 0.0;
    total += positions;
    cumulative.push_back(total);
  }
  if (total <= 0) throw std::invalid_argument("patches: no image holds a patch of size " + std::to_string(size));
  std::vector<PatchOrigin> origins(count);
  for (PatchOrigin& origin : origins) {
    const double u = Uniform01(rng) * total;
    origin.image = static_cast<int>(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
    origin.image = std::min<int>(origin.image, static_cast<int>(sizes.size()) - 1);
    const ImageSize& image = sizes[origin.image];
    origin.top = static_cast<int>(Uniform01(rng) * (image.height - size + 1));
    origin.left = static_cast<int>(Uniform01(rng) * (image.width - size + 1));
  }
  return origins;
}

ValueImage PatchCrop(const ValueImage& image, const PatchOrigin& origin, int size, const CausalWindow& window,
                     double padding) {
  const int above = window.height - 1, half = (window.width - 1) / 2;
  ValueImage crop;
  crop.width = size + 2 * half;
  crop.height = size + above;
  crop.values.resize(static_cast<std::size_t>(crop.width) * crop.height);
  if (!image.targets.empty()) crop.targets.resize(crop.values.size());
  for (int i = 0; i < crop.height; ++i) {
    const int row = origin.top - above + i;
    for (int j = 0; j < crop.width; ++j) {
      const int col = origin.left - half + j;
      const bool inside = row >= 0 && row < image.height && col >= 0 && col < image.width;
      const std::size_t from = static_cast<std::size_t>(row) * image.width + col;
      const std::size_t to = static_cast<std::size_t>(i) * crop.width + j;
      crop.values[to] = inside ? image.values[from] : padding;
      if (!image.targets.empty()) crop.targets[to] = inside ? image.targets[from] : padding;
    }
  }
  return crop;
}

PatchOrigin CropOrigin(int index, const CausalWindow& window) {
  return {index, window.height - 1, (window.width - 1) / 2};
}

PatchBatch BuildPatchBatch(const std::vector<ValueImage>& images, const std::vector<PatchOrigin>& origins, int size,
                           const CausalWindow& window, double padding, const Whitening& whitening) {
  const int d = window.Inputs(), n = static_cast<int>(origins.size());
  PatchBatch batch;
  batch.inputs.rows = size;
  batch.inputs.cols = size;
  batch.inputs.at.assign(static_cast<std::size_t>(size) * size, Eigen::MatrixXd(d, n));
  batch.outputs.assign(static_cast<std::size_t>(size) * size, Eigen::RowVectorXd(n));
  for (int k = 0; k < n; ++k) {
    const PatchOrigin& o = origins[k];
    const ValueImage& image = images[o.image];
    for (int i = 0; i < size; ++i)
      for (int j = 0; j < size; ++j) {
        const int p = i * size + j;
        ExtractNeighborhood(image.values.data(), image.width, image.height, window, padding, o.top + i, o.left + j,
                            batch.inputs.at[p].col(k).data());
        batch.outputs[p](k) = image.Targets()[static_cast<std::size_t>(o.top + i) * image.width + o.left + j];
      }
  }
  for (int p = 0; p < size * size; ++p) whitening.WhitenInPlace(&batch.inputs.at[p], &batch.outputs[p]);
  return batch;
}

}  // namespace ride::trainer
