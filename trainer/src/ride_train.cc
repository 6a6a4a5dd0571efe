#include "trainer/src/ride_train.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <stdexcept>
#include <utility>

#include "trainer/src/dataset.h"
#include "trainer/src/mcgsm_train.h"
#include "trainer/src/random.h"
#include "trainer/src/ride_objective.h"
#include "trainer/src/sharded_batch.h"

namespace ride::trainer {
namespace {

constexpr int kEvaluationChunk = 25;  // patches per forward pass, to bound memory
constexpr uint64_t kValidationStream = 0xF00D;

// This rank's share of the stage's training images, dequantised with `rng` as one process holding
// the whole set would (image after image, one draw per pixel): the draws of the images before the
// shard are skipped, and `rng` ends past every image's. With flips, image i of the set becomes
// images 2i (mirrored) and 2i + 1. With exact neighbours, only the targets are dequantised.
ImageShard<ValueImage> DequantizedShard(const ImageShard<GrayImage>& train, bool flips, bool exact_neighbours,
                                        std::mt19937_64& rng) {
  const int copies = flips ? 2 : 1;
  ImageShard<ValueImage> out;
  out.rank = train.rank;
  out.begins.clear();
  for (int begin : train.begins) out.begins.push_back(copies * begin);
  int64_t before = 0, after = 0;
  for (int i = 0; i < train.count(); ++i) {
    for (int c = 0; c < copies; ++c) out.sizes.push_back(train.sizes[i]);
    if (i < train.first()) before += train.sizes[i].pixels();
    if (i >= train.end()) after += train.sizes[i].pixels();
  }
  rng.discard(static_cast<unsigned long long>(before));  // Dequantize draws one number per pixel
  for (const GrayImage& image : train.images) {
    ValueImage values;
    values.width = image.width;
    values.height = image.height;
    values.values = Dequantize(image, rng);
    if (exact_neighbours) values.targets = std::exchange(values.values, Midpoints(image));
    if (flips) out.images.push_back(FlipHorizontally(values));
    out.images.push_back(std::move(values));
  }
  rng.discard(static_cast<unsigned long long>(after));
  return out;
}

// ln p summed over this rank's part of the batch, with the gradients (zero for an empty part).
double PartLogLikelihood(const RideModel& model, const PatchBatch& batch, int threads, Eigen::VectorXd* slstm_gradient,
                         Eigen::VectorXd* mcgsm_gradient) {
  if (batch.patches() > 0) return RideBatchLogLikelihood(model, batch, threads, slstm_gradient, mcgsm_gradient);
  if (slstm_gradient != nullptr) slstm_gradient->setZero(model.slstm.ParameterCount());
  if (mcgsm_gradient != nullptr) mcgsm_gradient->setZero(model.mcgsm.ParameterCount());
  return 0;
}

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// This process's CPU time, all threads.
double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// Measures a part of a stage from its construction to Cost().
class StageCostMeter {
 public:
  explicit StageCostMeter(const Communicator& comm)
      : comm_(comm), start_(std::chrono::steady_clock::now()), cpu_(CpuSeconds()), communication_(comm.stats()) {}
  RideStageCost Cost() const { return {Since(start_), CpuSeconds() - cpu_, comm_.stats() - communication_}; }

 private:
  const Communicator& comm_;
  std::chrono::steady_clock::time_point start_;
  double cpu_;
  CommunicationStats communication_;
};

double BitsPerPixel(double nats_sum, double pixels, double log_jacobian) {
  return (nats_sum / pixels + log_jacobian) / std::log(2.0);
}

void ClipNorm(double max_norm, Eigen::VectorXd* a, Eigen::VectorXd* b) {
  if (max_norm <= 0) return;
  const double norm = std::sqrt(a->squaredNorm() + b->squaredNorm());
  if (norm > max_norm) {
    *a *= max_norm / norm;
    *b *= max_norm / norm;
  }
}

}  // namespace

void RideTrainOptions::Check() const {
  if (patch_sizes.empty() || patch_sizes.size() != learning_rates.size()) {
    throw std::invalid_argument("RIDE training: need one learning rate per patch size");
  }
  for (int size : patch_sizes)
    if (size < 1) throw std::invalid_argument("RIDE training: patch sizes must be positive");
  if (batch_size < 1) throw std::invalid_argument("RIDE training: batch_size must be positive");
  if (epoch_pixels < 1 || refit_pixels < 1 || validation_patches < 1 || validation_patch_size < 1 ||
      refit_iterations < 0) {
    throw std::invalid_argument("RIDE training: epoch_pixels, refit_pixels and validation_patches must be positive");
  }
  if (!(momentum >= 0 && momentum < 1)) throw std::invalid_argument("RIDE training: momentum must be in [0, 1)");
}

double RidePatchRate(const RideModel& model, const std::vector<ValueImage>& images, int patches, int size,
                     uint64_t seed, int threads) {
  LocalCommunicator alone;
  const bool with_targets = std::any_of(images.begin(), images.end(), [](const ValueImage& i) { return !i.targets.empty(); });
  return RidePatchRate(model, WholeSet(images), patches, size, seed, threads, with_targets, alone);
}

double RidePatchRate(const RideModel& model, const ImageShard<ValueImage>& images, int patches, int size,
                     uint64_t seed, int threads, bool with_targets, Communicator& comm) {
  std::mt19937_64 rng = StreamGenerator(seed, kValidationStream);
  const std::vector<PatchOrigin> origins = SamplePatchOrigins(images.sizes, size, patches, rng);
  const std::vector<ValueImage> crops = GatherPatchCrops(images, origins, size, model.window, model.padding, with_targets, comm);
  double nats = 0;
  for (std::size_t first = 0; first < crops.size(); first += kEvaluationChunk) {
    const std::size_t count = std::min<std::size_t>(kEvaluationChunk, crops.size() - first);
    const PatchBatch batch = BuildCropBatch(crops, first, count, size, model.window, model.padding, model.whitening);
    nats += RideBatchLogLikelihood(model, batch, threads, nullptr, nullptr);
  }
  nats = comm.SumInRankOrder(nats);
  return BitsPerPixel(nats, double(patches) * size * size, model.whitening.LogJacobian());
}

void TrainRide(RideModel* model, RideTrainState* state, const std::vector<GrayImage>& train,
               const std::vector<ValueImage>& validation, const RideTrainOptions& options,
               const std::function<void(const RideModel&, const RideTrainState&)>& after_stage,
               const std::function<void(const RideStageReport&)>& progress) {
  LocalCommunicator alone;
  TrainRide(model, state, WholeSet(train), WholeSet(validation), options, after_stage, progress, alone);
}

void TrainRide(RideModel* model, RideTrainState* state, const ImageShard<GrayImage>& train,
               const ImageShard<ValueImage>& validation, const RideTrainOptions& options,
               const std::function<void(const RideModel&, const RideTrainState&)>& after_stage,
               const std::function<void(const RideStageReport&)>& progress, Communicator& comm) {
  options.Check();
  model->Check();
  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
  const int stages = static_cast<int>(options.patch_sizes.size());
  const double log_jacobian = model->whitening.LogJacobian();
  if (state->slstm_velocity.size() != model->slstm.ParameterCount()) {
    state->slstm_velocity = Eigen::VectorXd::Zero(model->slstm.ParameterCount());
  }
  if (state->mcgsm_velocity.size() != model->mcgsm.ParameterCount()) {
    state->mcgsm_velocity = Eigen::VectorXd::Zero(model->mcgsm.ParameterCount());
  }
  const auto start = std::chrono::steady_clock::now();

  // options.should_stop, asked on every rank: any rank's yes stops them all (AnyRank, once per
  // batch), so that every rank leaves at the same step.
  std::function<bool()> stop_requested;
  if (options.should_stop) {
    stop_requested = [&] { return AnyRank(options.should_stop(), comm); };
  }

  for (int stage = state->stages_done; stage < stages && !state->stopped; ++stage) {
    const auto stage_start = std::chrono::steady_clock::now();
    const StageCostMeter sgd_meter(comm);
    std::mt19937_64 rng = StreamGenerator(options.seed, static_cast<uint64_t>(stage));
    const ImageShard<ValueImage> images = DequantizedShard(train, options.flips, options.exact_neighbours, rng);
    const int size = options.patch_sizes[stage];
    const double rate = options.learning_rates[stage];
    const int64_t patches = std::max<int64_t>(options.batch_size, options.epoch_pixels / (int64_t{size} * size));
    const int batches = static_cast<int>((patches + options.batch_size - 1) / options.batch_size);
    const RideModel before = *model;
    const RideTrainState state_before = *state;
    auto abandon_stage = [&] {  // options.should_stop: back to the last finished stage
      *model = before;
      *state = state_before;
    };

    RideStageReport report;
    report.stage = stage;
    report.stages = stages;
    report.patch_size = size;
    report.batches = batches;
    report.ranks = comm.size();
    double nats = 0, pixels = 0;
    Eigen::VectorXd slstm_gradient, mcgsm_gradient;
    for (int b = 0; b < batches; ++b) {
      const auto origins = SamplePatchOrigins(images.sizes, size, options.batch_size, rng);
      const PatchBatch batch =
          BuildShardedPatchBatch(images, origins, size, model->window, model->padding, model->whitening,
                                 options.exact_neighbours, comm);
      double value = PartLogLikelihood(*model, batch, threads, &slstm_gradient, &mcgsm_gradient);
      value = comm.SumInRankOrder(value, {&slstm_gradient, &mcgsm_gradient});
      const double batch_pixels = double(options.batch_size) * size * size;
      nats += value;
      pixels += batch_pixels;
      // Ascend the mean log-likelihood per pixel.
      slstm_gradient /= batch_pixels;
      mcgsm_gradient /= batch_pixels;
      ClipNorm(options.max_gradient_norm, &slstm_gradient, &mcgsm_gradient);
      state->slstm_velocity = options.momentum * state->slstm_velocity + rate * slstm_gradient;
      state->mcgsm_velocity = options.momentum * state->mcgsm_velocity + rate * mcgsm_gradient;
      model->slstm.SetParameters(model->slstm.Parameters() + state->slstm_velocity);
      Eigen::VectorXd mcgsm = model->mcgsm.Pack() + state->mcgsm_velocity;
      model->mcgsm.Unpack(mcgsm);
      report.batch = b + 1;
      report.train_bpp = BitsPerPixel(nats, pixels, log_jacobian);
      report.elapsed_seconds = Since(start);
      report.stage_elapsed_seconds = Since(stage_start);
      if (progress) progress(report);
      if (!std::isfinite(value)) throw std::runtime_error("RIDE training diverged at stage " + std::to_string(stage + 1));
      if (stop_requested && stop_requested()) return abandon_stage();
    }
    report.sgd = sgd_meter.Cost();

    // Refit the MCGSM on the frozen spatial LSTM's features.
    const StageCostMeter refit_meter(comm);
    if (options.refit_iterations > 0) {
      const int refit_patches = static_cast<int>(std::max<int64_t>(1, options.refit_pixels / (int64_t{size} * size)));
      Eigen::MatrixXd z, z_val;
      Eigen::RowVectorXd y, y_val;
      RideMcgsmPairs(*model,
                     BuildShardedPatchBatch(images, SamplePatchOrigins(images.sizes, size, refit_patches, rng), size,
                                            model->window, model->padding, model->whitening, options.exact_neighbours,
                                            comm),
                     &z, &y);
      std::mt19937_64 validation_rng = StreamGenerator(options.seed, kValidationStream + 1);
      RideMcgsmPairs(*model,
                     BuildShardedPatchBatch(validation,
                                            SamplePatchOrigins(validation.sizes, size, refit_patches / 4 + 1,
                                                               validation_rng),
                                            size, model->window, model->padding, model->whitening,
                                            options.exact_neighbours, comm),
                     &z_val, &y_val);
      McgsmTrainOptions refit;
      refit.max_iterations = options.refit_iterations;
      refit.threads = threads;
      refit.should_stop = options.should_stop;  // TrainMcgsm agrees it over the ranks
      const McgsmTrainResult refitted = TrainMcgsm(&model->mcgsm, z, y, z_val, y_val, log_jacobian, refit, comm);
      if (refitted.cancelled) return abandon_stage();
      state->mcgsm_velocity.setZero();
    }
    report.refit = refit_meter.Cost();

    const StageCostMeter validation_meter(comm);
    const double validation_bpp = RidePatchRate(*model, validation, options.validation_patches,
                                                options.validation_patch_size, options.seed, threads,
                                                options.exact_neighbours, comm);
    report.validation = validation_meter.Cost();
    report.sgd_bytes_by_rank = comm.AllGather({static_cast<double>(report.sgd.communication.Total().bytes_sent)});
    ExpectSameOnAllRanks(model->slstm.Parameters(), "the spatial LSTM's parameters after stage " + std::to_string(stage + 1),
                         comm);
    state->stages_done = stage + 1;
    state->train_bpp.push_back(report.train_bpp);
    state->validation_bpp.push_back(validation_bpp);
    if (validation_bpp > state->best_validation_bpp) {
      state->best_validation_bpp = validation_bpp;
      state->best_stage = stage;
    } else {
      *model = before;  // early stopping: the previous stage was the best
      state->stopped = true;
    }
    report.validation_bpp = validation_bpp;
    report.finished = true;
    report.elapsed_seconds = Since(start);
    report.stage_elapsed_seconds = Since(stage_start);
    if (progress) progress(report);
    if (after_stage) after_stage(*model, *state);
  }
}

}  // namespace ride::trainer
