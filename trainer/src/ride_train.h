// Training RIDE as the paper and the authors' code do (DESIGN §2): stages of one epoch each over
// patches of growing size, SGD with momentum on batches of patches, and after every stage a refit of
// the MCGSM by L-BFGS with the spatial LSTM frozen, then early stopping on the validation images.
//
// Every stage draws its randomness from stream `stage` of the seed, and the state between stages
// (model, momentum, best validation) is what a checkpoint holds, so a run resumed from the
// checkpoint of stage k ends with the same model as a run that was never interrupted.
//
// Data-parallel over ranks (distributed.h, docs/trainer.md "Several machines"): each rank holds a
// shard of the training and validation images. Every rank draws the same patches from the whole set
// (stage k's stream, exactly as one process would), computes its ShardBegin part of each batch
// (sharded_batch.h), and the log-likelihoods and gradients are added over ranks in rank order; every
// rank then takes the same step. The samples of a step do not depend on the number of ranks, only
// the grouping of the sums does, and the checkpointed state is the same on every rank, so a run can
// resume with any number of ranks.
#ifndef RIDE_TRAINER_SRC_RIDE_TRAIN_H_
#define RIDE_TRAINER_SRC_RIDE_TRAIN_H_

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "trainer/src/distributed.h"
#include "trainer/src/image_io.h"
#include "trainer/src/image_shard.h"
#include "trainer/src/patch_batch.h"
#include "trainer/src/ride_model.h"

namespace ride::trainer {

struct RideTrainOptions {
  // One entry per stage: the patch size and the SGD learning rate (the paper's schedule).
  std::vector<int> patch_sizes = {8, 10, 12, 14, 16, 18, 20, 22};
  std::vector<double> learning_rates = {1, .5, .1, .05, .01, .005, .001, .0005};
  double momentum = 0.9;
  int batch_size = 50;
  // An "epoch" is this many training pixels (patches of size P: epoch_pixels / P² of them); the
  // full training set is one epoch when it equals the number of training pixels.
  int64_t epoch_pixels = 5'000'000;
  bool flips = true;             // horizontal flips as augmentation
  // Condition on the pixels' bin centres (v + ½)/256, as the codec does, and dequantise only the
  // predicted pixel (x = (v + u)/256); false: the paper's dequantised neighbours.
  bool exact_neighbours = false;
  // > 0: scale each batch's gradient down to this norm (1 keeps the first, largest-rate stages of
  // both folders and textures from diverging; 0: off).
  double max_gradient_norm = 1;
  // MCGSM refit after each stage.
  int64_t refit_pixels = 200'000;
  int refit_iterations = 100;
  // Validation: bit/px on this many patches (of this size) of the validation images.
  int validation_patches = 200;
  int validation_patch_size = 64;
  int threads = 0;  // 0: all cores
  uint64_t seed = 1;
  // Asked after every SGD batch and every iteration of the MCGSM refit, on the calling thread:
  // true ends training (see TrainRide). For a caller's Ctrl-C or a deadline; may be empty. With
  // several ranks, set it on every rank or on none: each rank asks its own, and any rank's true
  // stops them all at the same step.
  std::function<bool()> should_stop;
  void Check() const;  // throws std::invalid_argument naming the field
};

// What survives between stages; a checkpoint stores it with the model.
struct RideTrainState {
  int stages_done = 0;
  Eigen::VectorXd slstm_velocity;
  Eigen::VectorXd mcgsm_velocity;
  double best_validation_bpp = -1e300;
  int best_stage = -1;
  bool stopped = false;  // early stopping triggered: the model is the best one
  std::vector<double> train_bpp, validation_bpp;  // per stage done
  // The settings of the run that trained it (ride_resume.h), null in checkpoints of trainers
  // before resumes were checked; TrainRide leaves them alone.
  nlohmann::json settings;
};

// What one part of a stage (the SGD, the refit, the validation) cost this rank: wall time, CPU time
// of all its threads (which leaves out waiting, also for the cores of a busy machine), and its
// communication (distributed.h).
struct RideStageCost {
  double seconds = 0, cpu_seconds = 0;
  CommunicationStats communication;
};

struct RideStageReport {
  int stage = 0, stages = 0;
  int patch_size = 0;          // the stage's
  int batch = 0, batches = 0;  // progress within the stage's SGD
  double train_bpp = 0;        // running mean over the stage so far
  double validation_bpp = 0;   // after the stage's refit (when finished)
  bool finished = false;
  double elapsed_seconds = 0;        // since TrainRide started
  double stage_elapsed_seconds = 0;  // since this stage started
  // When finished: what the stage's parts cost this rank (the SGD's include dequantising the
  // stage's images), and the bytes each rank sent during the SGD (gathered from all ranks).
  int ranks = 1;
  RideStageCost sgd, refit, validation;
  std::vector<double> sgd_bytes_by_rank;
};

// Runs the stages after state->stages_done. The training images are dequantised afresh, (v + u) /
// 256, for every stage; `validation` holds fixed values on the [0, 1) scale. When a stage's
// validation rate is not better than the best so far, training stops and *model goes back to the
// best stage's model (state->stopped). `after_stage` (e.g. writing a checkpoint) runs after every
// stage, `progress` now and then. When options.should_stop() says so, the stage under way is
// abandoned: *model and *state go back to what they were after the last finished stage (what its
// checkpoint holds, so a resumed run ends as an uninterrupted one would) and TrainRide returns
// with state->stages_done below the stage count and state->stopped false.
void TrainRide(RideModel* model, RideTrainState* state, const std::vector<GrayImage>& train,
               const std::vector<ValueImage>& validation, const RideTrainOptions& options,
               const std::function<void(const RideModel&, const RideTrainState&)>& after_stage,
               const std::function<void(const RideStageReport&)>& progress);
// The same, data-parallel: every rank passes its shards of the images (image_shard.h) and the same
// model and state, and every rank ends with the same model and state. Collective; after_stage and
// progress run on every rank.
void TrainRide(RideModel* model, RideTrainState* state, const ImageShard<GrayImage>& train,
               const ImageShard<ValueImage>& validation, const RideTrainOptions& options,
               const std::function<void(const RideModel&, const RideTrainState&)>& after_stage,
               const std::function<void(const RideStageReport&)>& progress, Communicator& comm);

// Log-likelihood rate (bit/px, Jacobian included) of `patches` patches of size × size drawn from
// `images` with the seed's validation stream.
double RidePatchRate(const RideModel& model, const std::vector<ValueImage>& images, int patches, int size,
                     uint64_t seed, int threads);
// The same over a set split over ranks, each rank computing its ShardBegin part; `with_targets` as
// for GatherPatchCrops. Collective.
double RidePatchRate(const RideModel& model, const ImageShard<ValueImage>& images, int patches, int size,
                     uint64_t seed, int threads, bool with_targets, Communicator& comm);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_RIDE_TRAIN_H_
