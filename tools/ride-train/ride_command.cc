#include "tools/ride-train/ride_command.h"

#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "trainer/src/dataset.h"
#include "trainer/src/image_io.h"
#include "trainer/src/random.h"
#include "trainer/src/ride_checkpoint.h"
#include "trainer/src/texture_split.h"
#include "tools/ride-train/tool_common.h"
#include "tools/ride-train/training_data.h"
#include "trainer/src/training_curve.h"
#include "tools/common/output_file.h"

namespace ride::trainer {
namespace {

constexpr uint64_t kValidationNoiseStream = 0x76616c;

// The validation images with fixed noise, image i of the set from its own stream.
ImageShard<ValueImage> ValidationValues(const ImageShard<GrayImage>& images, uint64_t seed) {
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
    out.images.push_back(std::move(values));
  }
  return out;
}

RideModel InitialModel(const RideArgs& args, const ImageShard<GrayImage>& train, const std::string& data,
                       const std::string& command, Communicator& comm) {
  RideModel model;
  model.window = CausalWindow::Parse(args.window);
  const PairSet pairs = BuildPairs(train, model.window, kPadding, args.whitening_pixels, args.train.seed);
  model.whitening = Whitening::Fit(pairs.inputs, pairs.outputs, comm);
  model.slstm = SpatialLstm(model.window.Inputs(), args.hidden, args.extended, args.train.seed);
  model.mcgsm = McgsmParams::Initial({args.hidden.back(), args.components, args.scales, args.features}, args.train.seed);
  model.training.data = data;
  model.training.seed = args.train.seed;
  model.training.trainer_version = RIDE_TRAINER_VERSION;
  model.training.date = Today();
  model.training.command = command;
  return model;
}

}  // namespace

void ApplyTextureDefaults(int region_width, int region_height, int train_regions, RideArgs* args) {
  RideTrainOptions& t = args->train;
  if (!args->patch_sizes_given) t.patch_sizes = {20, 24, 28, 32, 36, 40};
  if (!args->learning_rates_given) {
    t.learning_rates = {1, .5, .1, .05, .01, .005, .001, .0005};
    t.learning_rates.resize(std::min(t.learning_rates.size(), t.patch_sizes.size()));
  }
  if (!args->epoch_pixels_given) {
    t.epoch_pixels = std::max(kMinTextureEpochPixels, int64_t{train_regions} * region_width * region_height);
  }
  if (!args->max_gradient_norm_given) t.max_gradient_norm = 1;
  const int short_side = std::min(region_width, region_height), long_side = std::max(region_width, region_height);
  if (!args->validation_patch_size_given) t.validation_patch_size = short_side;
  if (!args->validation_patches_given) {
    t.validation_patches = t.validation_patch_size == short_side ? (long_side + short_side - 1) / short_side : 200;
  }
}

CLI::App* AddRideCommand(CLI::App* app, RideArgs* a) {
  CLI::App* c = app->add_subcommand("ride", "train RIDE: spatial LSTMs and an MCGSM, the paper's staged recipe");
  CLI::Option* train_dir =
      c->add_option("--train-dir", a->train_dir, "folder of training images (sorted; the last --val-count validate)");
  CLI::Option* texture = c->add_option(
      "--texture", a->texture,
      "train on one texture image instead: a 4x4 grid of equal regions (remainder pixels dropped), 15 train "
      "and --held-out-region validates; defaults become the paper's texture recipe (patch sizes 20,24,..,40, "
      "learning rates 1,.5,.1,.05,.01,.005, an epoch = all training-region pixels but at least 3e6, "
      "gradient norm clipped to 1, validation on the whole held-out region)");
  train_dir->excludes(texture);
  c->add_option("--held-out-region", a->held_out_region,
                "--texture: region held out, 0..15 in raster order (15: bottom right)")
      ->capture_default_str();
  c->add_option("--val-count", a->val_count, "images at the end of the folder used for validation")
      ->capture_default_str();
  c->add_option("--window", a->window, "causal window WIDTHxHEIGHT")->capture_default_str();
  c->add_option("--hidden", a->hidden, "hidden units per layer, e.g. --hidden 64 64 for two layers")
      ->capture_default_str();
  c->add_flag("--extended", a->extended, "memory units as extra inputs");
  c->add_option("--components", a->components)->capture_default_str();
  c->add_option("--scales", a->scales)->capture_default_str();
  c->add_option("--features", a->features)->capture_default_str();
  c->add_option("--patch-sizes", a->train.patch_sizes, "patch size of each stage")->capture_default_str();
  c->add_option("--learning-rates", a->train.learning_rates, "SGD learning rate of each stage")->capture_default_str();
  c->add_option("--momentum", a->train.momentum)->capture_default_str();
  c->add_option("--batch-size", a->train.batch_size, "patches per SGD step")->capture_default_str();
  c->add_option("--epoch-pixels", a->train.epoch_pixels, "training pixels per stage (one epoch)")
      ->capture_default_str();
  c->add_option("--max-gradient-norm", a->train.max_gradient_norm, "clip each step's gradient (0: off)")
      ->capture_default_str();
  c->add_option("--refit-pixels", a->train.refit_pixels, "pixels for the MCGSM refit after each stage")
      ->capture_default_str();
  c->add_option("--refit-iterations", a->train.refit_iterations, "L-BFGS iterations of each refit")
      ->capture_default_str();
  c->add_option("--validation-patches", a->train.validation_patches,
                "validation patches (--texture: 1, the whole held-out region, when it is square)")
      ->capture_default_str();
  c->add_option("--validation-patch-size", a->train.validation_patch_size,
                "size of the validation patches (--texture: the held-out region's short side)")
      ->capture_default_str();
  c->add_flag("--no-flips", [a](int64_t) { a->train.flips = false; }, "no horizontal flips as augmentation");
  c->add_option("--threads", a->train.threads, "threads (0: all cores)")->capture_default_str();
  c->add_option("--seed", a->train.seed)->capture_default_str();
  c->add_option("-o,--output", a->output, "final checkpoint (the best stage's model)")->required();
  c->add_option("--checkpoint-dir", a->checkpoint_dir,
                "write stage checkpoints here and resume from its latest.ckpt.json");
  c->add_option("--metrics", a->metrics, "JSON-lines metrics log (appended)");
  c->add_option("--curve", a->curve, "training curves as a picture (SVG), redrawn after every stage");
  c->add_flag("-f,--force", a->force, "overwrite the output");
  c->add_flag("-q,--quiet", a->quiet, "no progress on stderr");
  AddMpiTimeoutOption(c, &a->mpi_timeout);
  c->callback([c, a] {
    if (c->count("--train-dir") + c->count("--texture") == 0) {
      throw CLI::RequiredError("--train-dir or --texture");
    }
    a->patch_sizes_given = c->count("--patch-sizes") > 0;
    a->learning_rates_given = c->count("--learning-rates") > 0;
    a->epoch_pixels_given = c->count("--epoch-pixels") > 0;
    a->max_gradient_norm_given = c->count("--max-gradient-norm") > 0;
    a->validation_patches_given = c->count("--validation-patches") > 0;
    a->validation_patch_size_given = c->count("--validation-patch-size") > 0;
  });
  return c;
}

namespace {

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

}  // namespace

int RunRide(RideArgs args, const std::string& command, Communicator& comm) {
  RefuseExistingOutput(args.output, args.force, comm);
  const bool talk = !args.quiet && comm.is_root();
  const auto start = std::chrono::steady_clock::now();
  const TrainingImages images =
      ReadTrainingImages(args.train_dir, args.val_count, args.texture, args.held_out_region, comm);
  if (images.texture) {
    ApplyTextureDefaults(images.region_width, images.region_height, images.train.count(), &args);
    if (talk) {
      std::fprintf(stderr, "texture %s: %d training regions of %dx%d, region %d validates (%d patch%s of %d)\n",
                   args.texture.c_str(), images.train.count(), images.region_width, images.region_height,
                   args.held_out_region, args.train.validation_patches,
                   args.train.validation_patches == 1 ? "" : "es", args.train.validation_patch_size);
    }
  }
  args.train.Check();
  if (args.train.threads > 0) omp_set_num_threads(args.train.threads);
  const ImageShard<ValueImage> validation = ValidationValues(images.validation, args.train.seed);

  RideModel model;
  RideTrainState state;
  const std::string latest = args.checkpoint_dir.empty() ? "" : args.checkpoint_dir + "/latest.ckpt.json";
  // Rank 0 reads the checkpoint and sends it to the others: only its disk needs the directory.
  std::string resume = comm.is_root() && !latest.empty() && std::filesystem::exists(latest) ? "yes" : "no";
  comm.Broadcast(&resume);
  if (resume == "yes") {
    std::string text;
    if (comm.is_root()) text = ReadCheckpointText(latest);
    comm.Broadcast(&text);
    model = ParseRideCheckpoint(text, latest, &state);
    if (talk) {
      std::fprintf(stderr, "resuming from %s after stage %d%s\n", latest.c_str(), state.stages_done,
                   RanksNote(comm).c_str());
    }
  } else {
    model = InitialModel(args, images.train, images.data, command, comm);
    if (!latest.empty() && comm.is_root()) std::filesystem::create_directories(args.checkpoint_dir);
  }
  std::ofstream metrics;
  if (!args.metrics.empty() && comm.is_root()) metrics.open(args.metrics, std::ios::app);

  auto last_print = std::chrono::steady_clock::now() - std::chrono::seconds(10);
  RideStageReport finished;
  auto progress = [&](const RideStageReport& r) {
    if (r.finished) finished = r;
    if (!talk) return;
    const bool due = Seconds(last_print) >= 2.0;
    if (!r.finished && !due) return;
    last_print = std::chrono::steady_clock::now();
    if (r.finished) {
      std::fprintf(stderr, "\rstage %d/%d done: train %.4f, validation %.4f bit/px, elapsed %s\033[K\n", r.stage + 1,
                   r.stages, r.train_bpp, r.validation_bpp, Duration(Seconds(start)).c_str());
    } else {
      const double stage_eta = r.stage_elapsed_seconds / r.batch * (r.batches - r.batch);
      std::fprintf(stderr, "\rstage %d/%d (patches %d): batch %d/%d, train %.4f bit/px, elapsed %s, stage ETA %s\033[K",
                   r.stage + 1, r.stages, args.train.patch_sizes[r.stage], r.batch, r.batches, r.train_bpp,
                   Duration(Seconds(start)).c_str(), Duration(stage_eta).c_str());
    }
  };
  auto after_stage = [&](const RideModel& current, const RideTrainState& s) {
    if (!comm.is_root()) return;  // rank 0 alone writes checkpoints, curves and metrics
    if (!latest.empty()) {
      char name[64];
      std::snprintf(name, sizeof name, "/stage-%02d.ckpt.json", s.stages_done);
      SaveRideCheckpoint(current, &s, args.checkpoint_dir + name);
      SaveRideCheckpoint(current, &s, latest);
    }
    if (!args.curve.empty()) {
      tools::OutputFileOptions replace;
      replace.overwrite = true;  // redrawn after every stage
      tools::WriteFileAtomically(
          args.curve,
          TrainingCurveSvg("RIDE training: " + images.data, "stage",
                           {{"train", s.train_bpp, "#1f77b4"}, {"validation", s.validation_bpp, "#d62728"}}),
          replace);
    }
    if (metrics) {
      metrics << StageMetrics(s, finished, Seconds(start)).dump() << "\n";
      metrics.flush();
    }
  };
  TrainRide(&model, &state, images.train, validation, args.train, after_stage, progress, comm);
  if (!comm.is_root()) return 0;
  model.training.validation_bits_per_pixel = state.best_validation_bpp;
  model.training.train_pixels = args.train.epoch_pixels * static_cast<int64_t>(state.stages_done);
  SaveRideCheckpoint(model, &state, args.output);
  std::fprintf(stderr, "%s after %d stages; best validation %.4f bit/px (stage %d) -> %s, total %s\n",
               state.stopped ? "stopped early" : "finished", state.stages_done, state.best_validation_bpp,
               state.best_stage + 1, args.output.c_str(), Duration(Seconds(start)).c_str());
  return 0;
}

}  // namespace ride::trainer
