#include "trainer/src/ride_run.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <utility>

#include "tools/common/output_file.h"
#include "trainer/src/dataset.h"
#include "trainer/src/elapsed.h"
#include "trainer/src/omp_threads.h"
#include "trainer/src/random.h"
#include "trainer/src/ride_checkpoint.h"
#include "trainer/src/ride_resume.h"
#include "trainer/src/training_curve.h"

namespace ride::trainer {
namespace {

constexpr uint64_t kValidationNoiseStream = 0x76616c;

// The validation images with fixed noise, image i of the set from its own stream; with exact
// neighbours, the noise is on the targets only.
ImageShard<ValueImage> ValidationValues(const ImageShard<GrayImage>& images, uint64_t seed, bool exact_neighbours) {
  ImageShard<ValueImage> out;
  out.rank = images.rank;
  out.begins = images.begins;
  out.sizes = images.sizes;
  for (int i = images.first(); i < images.end(); ++i) {
    std::mt19937_64 rng = StreamGenerator(seed ^ kValidationNoiseStream, static_cast<uint64_t>(i));
    ValueImage values;
    values.width = images.Get(i).width;
    values.height = images.Get(i).height;
    values.values = Dequantize(images.Get(i), rng);
    if (exact_neighbours) values.targets = std::exchange(values.values, Midpoints(images.Get(i)));
    out.images.push_back(std::move(values));
  }
  return out;
}

RideModel InitialModel(const RideRunOptions& options, const ImageShard<GrayImage>& train, const std::string& data,
                       Communicator& comm) {
  RideModel model;
  model.window = CausalWindow::Parse(options.window);
  const PairSet pairs = BuildPairs(train, model.window, kPadding, options.whitening_pixels, options.train.seed);
  model.whitening = Whitening::Fit(pairs.inputs, pairs.outputs, comm);
  model.slstm = SpatialLstm(model.window.Inputs(), options.hidden, options.extended, options.bounded,
                            options.train.seed);
  model.mcgsm =
      McgsmParams::Initial({options.hidden.back(), options.components, options.scales, options.features}, options.train.seed);
  model.training.data = data;
  model.training.seed = options.train.seed;
  model.training.trainer_version = RIDE_TRAINER_VERSION;
  model.training.date = TodayUtc();
  model.training.command = options.command;
  return model;
}

// The metrics line of a finished stage: the rates, then where the time went on rank 0 and what each
// rank sent per SGD step.
nlohmann::ordered_json StageMetrics(const RideTrainState& s, const RideStageReport& r, double elapsed_seconds) {
  auto cost = [](const RideStageCost& c) {
    return nlohmann::ordered_json{{"seconds", c.seconds},
                                  {"cpu_seconds", c.cpu_seconds},
                                  {"communication",
                                   {{"sum_seconds", c.communication.sum.seconds},
                                    {"exchange_seconds", c.communication.exchange.seconds},
                                    {"bytes_sent", c.communication.Total().bytes_sent}}}};
  };
  std::vector<double> per_step;
  for (double bytes : r.sgd_bytes_by_rank) per_step.push_back(bytes / r.batches);
  nlohmann::ordered_json sgd = cost(r.sgd);
  sgd["steps"] = r.batches;
  sgd["bytes_sent_per_step_by_rank"] = per_step;
  return {{"stage", s.stages_done},
          {"train_bits_per_pixel", s.train_bpp.back()},
          {"validation_bits_per_pixel", s.validation_bpp.back()},
          {"stopped", s.stopped},
          {"elapsed_seconds", elapsed_seconds},
          {"ranks", r.ranks},
          {"sgd", sgd},
          {"refit", cost(r.refit)},
          {"validation", cost(r.validation)}};
}

// Checks a resumed run's settings against its checkpoint's, and re-baselines the validation when
// asked to and only its settings differ. Collective (the re-baselining validates).
void CheckResume(const RideRunOptions& options, const std::string& latest, const ImageShard<ValueImage>& validation,
                 const RideModel& model, RideTrainState* state, Communicator& comm,
                 const std::function<void(const std::string&)>& note) {
  const nlohmann::json requested = RideRunSettings(options);
  if (state->settings.is_null()) {
    note(latest + " records no settings (an earlier trainer wrote it): they cannot be checked against this run's");
    state->settings = requested;
    return;
  }
  const std::vector<SettingDifference> differences = DifferentSettings(state->settings, requested);
  if (differences.empty()) return;
  std::vector<SettingDifference> others;
  for (const SettingDifference& d : differences) {
    if (!d.validation) others.push_back(d);
  }
  const std::string refused = "cannot resume from " + latest + ", whose run had other settings: ";
  const std::string remedy = "; run with the checkpoint's settings, or start afresh in another --checkpoint-dir";
  if (!others.empty()) throw std::invalid_argument(refused + DescribeDifferences(others) + remedy);
  if (!options.rebaseline_validation) {
    throw std::invalid_argument(refused + DescribeDifferences(differences) + remedy +
                                ", or pass --rebaseline-validation to measure the checkpoint's model on the new "
                                "validation and compare later stages with that");
  }
  const RideTrainOptions& t = options.train;
  const double rate = RidePatchRate(model, validation, t.validation_patches, t.validation_patch_size, t.seed,
                                    omp_get_max_threads(), t.exact_neighbours, comm);  // ScopedOmpThreads set it
  char line[256];
  std::snprintf(line, sizeof line,
                "validation re-baselined (%s): the checkpoint's model (stage %d) validates at %.4f bit/px, was %.4f",
                DescribeDifferences(differences).c_str(), state->best_stage + 1, rate, state->best_validation_bpp);
  note(line);
  state->best_validation_bpp = rate;
  state->settings = requested;
}

}  // namespace

void ApplyTextureDefaults(int region_width, int region_height, int train_regions, RideRunOptions* options) {
  RideTrainOptions& t = options->train;
  if (!options->patch_sizes_given) t.patch_sizes = {20, 24, 28, 32, 36, 40};
  if (!options->learning_rates_given) {
    t.learning_rates = {1, .5, .1, .05, .01, .005, .001, .0005};
    t.learning_rates.resize(std::min(t.learning_rates.size(), t.patch_sizes.size()));
  }
  if (!options->epoch_pixels_given) {
    t.epoch_pixels = std::max(kMinTextureEpochPixels, int64_t{train_regions} * region_width * region_height);
  }
  const int short_side = std::min(region_width, region_height), long_side = std::max(region_width, region_height);
  if (!options->validation_patch_size_given) t.validation_patch_size = short_side;
  if (!options->validation_patches_given) {
    t.validation_patches = t.validation_patch_size == short_side ? (long_side + short_side - 1) / short_side : 200;
  }
}

RideRunResult RunRideTraining(RideRunOptions options, const RideRunHooks& hooks, Communicator& comm) {
  const auto start = std::chrono::steady_clock::now();
  auto note = [&](const std::string& line) {
    if (hooks.note && comm.is_root()) hooks.note(line);
  };
  const TrainingImages images = ReadTrainingImages(options, comm);
  if (images.texture) {
    ApplyTextureDefaults(images.region_width, images.region_height, images.train.count(), &options);
    char line[512];
    std::snprintf(line, sizeof line, "texture %s: %d training regions of %dx%d, region %d validates (%d patch%s of %d)",
                  options.texture.c_str(), images.train.count(), images.region_width, images.region_height,
                  options.held_out_region, options.train.validation_patches,
                  options.train.validation_patches == 1 ? "" : "es", options.train.validation_patch_size);
    note(line);
  }
  options.train.should_stop = hooks.should_stop;
  options.train.Check();
  const ScopedOmpThreads omp_threads(options.train.threads);
  const ImageShard<ValueImage> validation = ValidationValues(images.validation, options.train.seed, options.train.exact_neighbours);

  RideModel model;
  RideRunResult result;
  RideTrainState& state = result.state;
  const std::string latest = options.checkpoint_dir.empty() ? "" : options.checkpoint_dir + "/latest.ckpt.json";
  // Rank 0 reads the checkpoint and sends it to the others: only its disk needs the directory.
  std::string resume = comm.is_root() && !latest.empty() && std::filesystem::exists(latest) ? "yes" : "no";
  comm.Broadcast(&resume);
  if (resume == "yes") {
    std::string text;
    if (comm.is_root()) text = ReadCheckpointText(latest);
    comm.Broadcast(&text);
    model = ParseRideCheckpoint(text, latest, &state);
    note("resuming from " + latest + " after stage " + std::to_string(state.stages_done) + RanksNote(comm));
    CheckResume(options, latest, validation, model, &state, comm, note);
  } else {
    model = InitialModel(options, images.train, images.data, comm);
    state.settings = RideRunSettings(options);
    if (!latest.empty() && comm.is_root()) std::filesystem::create_directories(options.checkpoint_dir);
  }
  std::ofstream metrics;
  if (!options.metrics.empty() && comm.is_root()) metrics.open(options.metrics, std::ios::app);

  RideStageReport finished;
  auto progress = [&](const RideStageReport& r) {
    if (r.finished) finished = r;
    if (hooks.progress) hooks.progress(r);
  };
  auto after_stage = [&](const RideModel& current, const RideTrainState& s) {
    if (!comm.is_root()) return;  // rank 0 alone writes checkpoints, curves and metrics
    if (!latest.empty()) {
      char name[64];
      std::snprintf(name, sizeof name, "/stage-%02d.ckpt.json", s.stages_done);
      SaveRideCheckpoint(current, &s, options.checkpoint_dir + name);
      SaveRideCheckpoint(current, &s, latest);
    }
    if (!options.curve.empty()) {
      tools::OutputFileOptions replace;
      replace.overwrite = true;  // redrawn after every stage
      tools::WriteFileAtomically(
          options.curve,
          TrainingCurveSvg("RIDE training: " + images.data, "stage",
                           {{"train", s.train_bpp, "#1f77b4"}, {"validation", s.validation_bpp, "#d62728"}}),
          replace);
    }
    if (metrics) {
      metrics << StageMetrics(s, finished, Seconds(start)).dump() << "\n";
      metrics.flush();
    }
  };
  TrainRide(&model, &state, images.train, validation, options.train, after_stage, progress, comm);
  result.stages = static_cast<int>(options.train.patch_sizes.size());
  result.cancelled = !state.stopped && state.stages_done < result.stages;
  if (comm.is_root() && (!result.cancelled || state.stages_done > 0)) {
    model.training.validation_bits_per_pixel = state.best_validation_bpp;
    model.training.train_pixels = options.train.epoch_pixels * static_cast<int64_t>(state.stages_done);
    SaveRideCheckpoint(model, &state, options.output);
    result.output_written = true;
  }
  result.elapsed_seconds = Seconds(start);
  return result;
}

}  // namespace ride::trainer
