// A whole RIDE training run from image files: everything `ride-train ride` does but its command
// line, so that the program and the Python module's train_ride() give the same checkpoints for the
// same options (docs/trainer.md, "RIDE"). The images (training_images.h; a texture switches the
// defaults to the paper's texture recipe), the whitening, the initial model, the stages
// (ride_train.h), and the files: a checkpoint per stage and latest.ckpt.json in checkpoint_dir,
// from which a run with the same options resumes, the JSON-lines metrics (appended), the training
// curve (SVG, redrawn after every stage) and the final checkpoint. A resume must ask for the
// checkpoint's settings (ride_resume.h). Data-parallel over the ranks of a
// Communicator (docs/trainer.md, "Several machines"): every rank calls it alike, rank 0 alone
// reports and writes, and resumes from its own disk's checkpoint_dir.
#ifndef RIDE_TRAINER_SRC_RIDE_RUN_H_
#define RIDE_TRAINER_SRC_RIDE_RUN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "trainer/src/distributed.h"
#include "trainer/src/ride_train.h"
#include "trainer/src/training_images.h"

namespace ride::trainer {

// The options of `ride-train ride`, with their defaults and names.
struct RideRunOptions : TrainingImageSource {
  // Which training options the caller set: texture mode changes the defaults of the others.
  bool patch_sizes_given = false, learning_rates_given = false, epoch_pixels_given = false,
       validation_patches_given = false, validation_patch_size_given = false;
  std::string window = "5x3";
  std::vector<int> hidden = {64};
  bool extended = false;
  bool bounded = false;  // cells bounded by construction (spatial_lstm.h)
  int components = 32, scales = 4, features = 32;
  int64_t whitening_pixels = 500000;
  RideTrainOptions train;  // train.should_stop comes from the hooks
  std::string output;          // the final checkpoint (the best stage's model); replaced if it exists
  std::string checkpoint_dir;  // stage checkpoints, and resuming; empty: none
  std::string metrics;         // JSON lines, appended; empty: none
  std::string curve;           // SVG training curves; empty: none
  std::string command;         // how training was asked for, recorded in the checkpoint
  // A resume whose validation settings differ from the checkpoint's measures the checkpoint's
  // model on the new validation and compares later stages with that; false: such a resume is
  // refused. Other differences are always refused (ride_resume.h).
  bool rebaseline_validation = false;
};

struct RideRunHooks {
  std::function<void(const std::string&)> note;          // rank 0: a line about the data or a resumed run
  std::function<void(const RideStageReport&)> progress;  // every rank (TrainRide's)
  std::function<bool()> should_stop;  // every rank, or none (RideTrainOptions::should_stop)
};

struct RideRunResult {
  RideTrainState state;
  int stages = 0;          // of the schedule
  // should_stop ended the run: the state is the last finished stage's, and the final checkpoint
  // was written only if a stage had finished (resume from checkpoint_dir).
  bool cancelled = false;
  bool output_written = false;  // by rank 0
  double elapsed_seconds = 0;
};

// Texture mode: the paper's texture recipe for every option the caller left at its default
// (patch sizes 20, 24, .., 40; learning rates 1, .5, .1, .05, .01, .005; validation on the whole
// held-out region, one patch of its size when it is square, else ceil(long side / short side) random
// square patches of the short side). Two defaults go beyond the paper because without them a 640 ×
// 640 texture's run diverged and ended below its MCGSM: an epoch is all training-region pixels but
// at least kMinTextureEpochPixels (the 384,000 pixels of 15 regions of 160 × 160 are only ~20 SGD
// steps at patch size 20), and each step's gradient is clipped to norm 1.
inline constexpr int64_t kMinTextureEpochPixels = 3'000'000;
void ApplyTextureDefaults(int region_width, int region_height, int train_regions, RideRunOptions* options);

// Throws what reading the images and checkpoints throws, std::invalid_argument for options out of
// range (naming them) and for a resume whose settings differ from the checkpoint's (naming each), std::runtime_error for a run that diverged, CommunicationError when a rank
// is lost. Collective.
RideRunResult RunRideTraining(RideRunOptions options, const RideRunHooks& hooks, Communicator& comm);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_RIDE_RUN_H_
