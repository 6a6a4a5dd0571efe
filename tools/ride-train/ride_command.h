// ride-train ride: trains RIDE (spatial LSTMs + MCGSM) with the paper's recipe, a checkpoint after
// every stage, resuming from the last one. The data is a folder of images (--train-dir, the last
// --val-count validate) or one texture (--texture, texture_split.h: 15 regions train, the held-out
// one validates), which also switches the defaults to the paper's texture recipe.
#ifndef RIDE_TRAINER_SRC_TOOLS_RIDE_COMMAND_H_
#define RIDE_TRAINER_SRC_TOOLS_RIDE_COMMAND_H_

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "trainer/src/distributed.h"
#include "trainer/src/ride_train.h"

namespace ride::trainer {

struct RideArgs {
  std::string train_dir;
  int val_count = 20;
  std::string texture;
  int held_out_region = 15;
  // Which options the command line set (texture mode changes the defaults of the others).
  bool patch_sizes_given = false, learning_rates_given = false, epoch_pixels_given = false,
       max_gradient_norm_given = false, validation_patches_given = false, validation_patch_size_given = false;
  std::string window = "5x3";
  std::vector<int> hidden = {64};
  bool extended = false;
  int components = 32, scales = 4, features = 32;
  int64_t whitening_pixels = 500000;
  RideTrainOptions train;
  std::string output, checkpoint_dir, metrics, curve;
  bool force = false, quiet = false;
  double mpi_timeout = Communicator::kDefaultTimeoutSeconds;
};

CLI::App* AddRideCommand(CLI::App* app, RideArgs* args);
// Data-parallel over the ranks of `comm` (docs/trainer.md, "Several machines"); rank 0 alone writes.
int RunRide(RideArgs args, const std::string& command, Communicator& comm);

// Texture mode: the paper's texture recipe for every option the command line left at its default
// (patch sizes 20, 24, .., 40; learning rates 1, .5, .1, .05, .01, .005; validation on the whole
// held-out region, one patch of its size when it is square, else ceil(long side / short side) random
// square patches of the short side). Two defaults go beyond the paper because without them a 640 ×
// 640 texture's run diverged and ended below its MCGSM: an epoch is all training-region pixels but
// at least kMinTextureEpochPixels (the 384,000 pixels of 15 regions of 160 × 160 are only ~20 SGD
// steps at patch size 20), and each step's gradient is clipped to norm 1.
inline constexpr int64_t kMinTextureEpochPixels = 3'000'000;
void ApplyTextureDefaults(int region_width, int region_height, int train_regions, RideArgs* args);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_TOOLS_RIDE_COMMAND_H_
