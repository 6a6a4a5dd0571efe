// Batches of image patches as RIDE trains on them: for every patch position, the whitened causal
// neighbourhoods (one column per patch) and the whitened pixels. Neighbourhoods read the image
// around the patch (padding only outside the image), as they do when whole images are coded.
#ifndef RIDE_TRAINER_SRC_PATCH_BATCH_H_
#define RIDE_TRAINER_SRC_PATCH_BATCH_H_

#include <Eigen/Dense>

#include <cstdint>
#include <random>
#include <vector>

#include "trainer/src/image_shard.h"
#include "trainer/src/neighborhood.h"
#include "trainer/src/spatial_lstm.h"
#include "trainer/src/whitening.h"

namespace ride::trainer {

// An image on the [0, 1) scale.
struct ValueImage {
  int width = 0, height = 0;
  std::vector<double> values;   // row-major: what conditions the pixels after each one
  std::vector<double> targets;  // what is predicted, when it differs from `values`; empty: `values`
  const std::vector<double>& Targets() const { return targets.empty() ? values : targets; }
};

// The image mirrored left to right (the paper's augmentation).
ValueImage FlipHorizontally(const ValueImage& image);

struct PatchBatch {
  PatchGrid inputs;                          // per position: D × N whitened neighbourhoods
  std::vector<Eigen::RowVectorXd> outputs;   // per position: 1 × N whitened pixels
  int patches() const { return inputs.at.empty() ? 0 : static_cast<int>(inputs.at[0].cols()); }
};

struct PatchOrigin {
  int image = 0, top = 0, left = 0;
};

// `count` patch origins of size × size drawn uniformly from `images` (an image is chosen with
// probability proportional to its number of patch positions).
std::vector<PatchOrigin> SamplePatchOrigins(const std::vector<ValueImage>& images, int size, int count,
                                            std::mt19937_64& rng);
// The same draws from images of these sizes (all a rank needs to draw from images it does not hold).
std::vector<PatchOrigin> SamplePatchOrigins(const std::vector<ImageSize>& sizes, int size, int count,
                                            std::mt19937_64& rng);

// The batch for `origins`; columns follow the order of `origins`.
PatchBatch BuildPatchBatch(const std::vector<ValueImage>& images, const std::vector<PatchOrigin>& origins, int size,
                           const CausalWindow& window, double padding, const Whitening& whitening);

// What the neighbourhoods of the size × size patch at `origin` read of its image, padding where that
// lies outside the image: (size + H − 1) rows of size + W − 1 values for a W × H window, the patch's
// top-left pixel at row H − 1, column (W − 1) / 2 (CropOrigin); and its targets, laid out alike. A batch built from crops equals the
// batch built from the images, bit for bit, so a rank can send a patch to another in ~size² values.
ValueImage PatchCrop(const ValueImage& image, const PatchOrigin& origin, int size, const CausalWindow& window,
                     double padding);
// Where the patch lies in crop `index` of a list of crops.
PatchOrigin CropOrigin(int index, const CausalWindow& window);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_PATCH_BATCH_H_
