#include "trainer/src/ride_train.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "trainer/src/dataset.h"
#include "trainer/src/mcgsm_train.h"
#include "trainer/src/random.h"
#include "trainer/src/ride_objective.h"

namespace ride::trainer {
namespace {

constexpr int kEvaluationChunk = 25;  // patches per forward pass, to bound memory
constexpr uint64_t kValidationStream = 0xF00D;

std::vector<ValueImage> DequantizedImages(const std::vector<GrayImage>& images, bool flips, std::mt19937_64& rng) {
  std::vector<ValueImage> out;
  for (const GrayImage& image : images) {
    ValueImage values;
    values.width = image.width;
    values.height = image.height;
    values.values = Dequantize(image, rng);
    if (flips) out.push_back(FlipHorizontally(values));
    out.push_back(std::move(values));
  }
  return out;
}

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
  std::mt19937_64 rng = StreamGenerator(seed, kValidationStream);
  const std::vector<PatchOrigin> origins = SamplePatchOrigins(images, size, patches, rng);
  double nats = 0;
  for (std::size_t first = 0; first < origins.size(); first += kEvaluationChunk) {
    const std::vector<PatchOrigin> chunk(origins.begin() + first,
                                         origins.begin() + std::min(origins.size(), first + kEvaluationChunk));
    const PatchBatch batch = BuildPatchBatch(images, chunk, size, model.window, model.padding, model.whitening);
    nats += RideBatchLogLikelihood(model, batch, threads, nullptr, nullptr);
  }
  return BitsPerPixel(nats, double(patches) * size * size, model.whitening.LogJacobian());
}

void TrainRide(RideModel* model, RideTrainState* state, const std::vector<GrayImage>& train,
               const std::vector<ValueImage>& validation, const RideTrainOptions& options,
               const std::function<void(const RideModel&, const RideTrainState&)>& after_stage,
               const std::function<void(const RideStageReport&)>& progress) {
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
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };

  for (int stage = state->stages_done; stage < stages && !state->stopped; ++stage) {
    std::mt19937_64 rng = StreamGenerator(options.seed, static_cast<uint64_t>(stage));
    const std::vector<ValueImage> images = DequantizedImages(train, options.flips, rng);
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
    const auto stage_start = std::chrono::steady_clock::now();

    RideStageReport report;
    report.stage = stage;
    report.stages = stages;
    report.patch_size = size;
    report.batches = batches;
    double nats = 0, pixels = 0;
    Eigen::VectorXd slstm_gradient, mcgsm_gradient;
    for (int b = 0; b < batches; ++b) {
      const auto origins = SamplePatchOrigins(images, size, options.batch_size, rng);
      const PatchBatch batch = BuildPatchBatch(images, origins, size, model->window, model->padding, model->whitening);
      const double value = RideBatchLogLikelihood(*model, batch, threads, &slstm_gradient, &mcgsm_gradient);
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
      report.elapsed_seconds = elapsed();
      report.stage_elapsed_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - stage_start).count();
      if (progress) progress(report);
      if (!std::isfinite(value)) throw std::runtime_error("RIDE training diverged at stage " + std::to_string(stage + 1));
      if (options.should_stop && options.should_stop()) return abandon_stage();
    }

    // Refit the MCGSM on the frozen spatial LSTM's features.
    if (options.refit_iterations > 0) {
      const int refit_patches = static_cast<int>(std::max<int64_t>(1, options.refit_pixels / (int64_t{size} * size)));
      Eigen::MatrixXd z, z_val;
      Eigen::RowVectorXd y, y_val;
      RideMcgsmPairs(*model, BuildPatchBatch(images, SamplePatchOrigins(images, size, refit_patches, rng), size,
                                             model->window, model->padding, model->whitening),
                     &z, &y);
      std::mt19937_64 validation_rng = StreamGenerator(options.seed, kValidationStream + 1);
      RideMcgsmPairs(*model,
                     BuildPatchBatch(validation, SamplePatchOrigins(validation, size, refit_patches / 4 + 1, validation_rng),
                                     size, model->window, model->padding, model->whitening),
                     &z_val, &y_val);
      McgsmTrainOptions refit;
      refit.max_iterations = options.refit_iterations;
      refit.threads = threads;
      refit.should_stop = options.should_stop;
      const McgsmTrainResult refitted = TrainMcgsm(&model->mcgsm, z, y, z_val, y_val, log_jacobian, refit);
      if (refitted.cancelled) return abandon_stage();
      state->mcgsm_velocity.setZero();
    }

    const double validation_bpp =
        RidePatchRate(*model, validation, options.validation_patches, options.validation_patch_size, options.seed,
                      threads);
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
    report.elapsed_seconds = elapsed();
    if (progress) progress(report);
    if (after_stage) after_stage(*model, *state);
  }
}

}  // namespace ride::trainer
