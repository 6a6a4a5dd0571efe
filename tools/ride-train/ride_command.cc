#include "tools/ride-train/ride_command.h"

#include <chrono>
#include <cstdio>

#include "tools/common/progress_meter.h"
#include "tools/ride-train/training_data.h"
#include "trainer/src/elapsed.h"
#include "trainer/src/texture_split.h"

namespace ride::trainer {

CLI::App* AddRideCommand(CLI::App* app, RideArgs* a) {
  CLI::App* c = app->add_subcommand("ride", "train RIDE: spatial LSTMs and an MCGSM, the paper's staged recipe");
  AddTrainingImageOptions(
      c, a,
      "train on one texture image instead: a 4x4 grid of equal regions (remainder pixels dropped), 15 train "
      "and --held-out-region validates; defaults become the paper's texture recipe (patch sizes 20,24,..,40, "
      "learning rates 1,.5,.1,.05,.01,.005, an epoch = all training-region pixels but at least 3e6, "
      "validation on the whole held-out region)");
  c->add_option("--window", a->window, "causal window WIDTHxHEIGHT")->check(WindowValidator());
  c->add_option("--hidden", a->hidden, "hidden units per layer, e.g. --hidden 64 64 for two layers")
      ->capture_default_str();
  c->add_flag("--extended", a->extended, "memory units as extra inputs");
  c->add_flag("--bounded-cells", a->bounded,
              "divide i, f_left, f_top by max(1, their sum) so that |c| <= 1 on images of any size");
  c->add_flag("--exact-neighbours", a->train.exact_neighbours,
              "condition on pixel centres (v + 0.5)/256 as the codec does; noise only on the predicted pixel");
  c->add_option("--components", a->components)->capture_default_str();
  c->add_option("--scales", a->scales)->capture_default_str();
  c->add_option("--features", a->features)->capture_default_str();
  c->add_option("--patch-sizes", a->train.patch_sizes, "patch size of each stage")->capture_default_str();
  c->add_option("--learning-rates", a->train.learning_rates, "SGD learning rate of each stage")->capture_default_str();
  c->add_option("--momentum", a->train.momentum)->capture_default_str();
  c->add_option("--batch-size", a->train.batch_size, "patches per SGD step")->capture_default_str();
  c->add_option("--epoch-pixels", a->train.epoch_pixels, "training pixels per stage (one epoch)")
      ->capture_default_str();
  c->add_option("--max-gradient-norm", a->train.max_gradient_norm, "clip each step's gradient to this norm (0: off)")
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
  AddThreadsOption(c, &a->train.threads);
  c->add_option("--seed", a->train.seed)->capture_default_str();
  c->add_option("-o,--output", a->output, "final checkpoint (the best stage's model)")->required();
  c->add_option("--checkpoint-dir", a->checkpoint_dir,
                "write stage checkpoints here and resume from its latest.ckpt.json (with the same settings)");
  c->add_flag("--rebaseline-validation", a->rebaseline_validation,
              "resume with other validation settings: measure the checkpoint's model on the new validation first");
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
    a->validation_patches_given = c->count("--validation-patches") > 0;
    a->validation_patch_size_given = c->count("--validation-patch-size") > 0;
  });
  return c;
}

int RunRide(RideArgs args, const std::string& command, Communicator& comm) {
  RefuseExistingOutput(args.output, args.force, comm);
  const bool talk = !args.quiet && comm.is_root();
  args.command = command;
  const auto start = std::chrono::steady_clock::now();
  auto last_print = start - std::chrono::seconds(10);
  RideRunHooks hooks;
  hooks.note = [&](const std::string& line) {
    if (talk) std::fprintf(stderr, "%s\n", line.c_str());
  };
  bool first_progress = true;
  hooks.progress = [&](const RideStageReport& r) {
    if (!talk) return;
    if (first_progress) std::fprintf(stderr, "%s\n", kRatesNote);
    first_progress = false;
    const bool due = Seconds(last_print) >= 2.0;
    if (!r.finished && !due) return;
    last_print = std::chrono::steady_clock::now();
    char line[256];
    if (r.finished) {
      std::snprintf(line, sizeof line, "stage %d/%d done: rate train %.4f, validation %.4f bit/px, elapsed %s",
                    r.stage + 1, r.stages, r.train_bpp, r.validation_bpp, Duration(Seconds(start)).c_str());
    } else {
      const double stage_eta = r.stage_elapsed_seconds / r.batch * (r.batches - r.batch);
      std::snprintf(line, sizeof line,
                    "stage %d/%d (patches %d): batch %d/%d, rate train %.4f bit/px, elapsed %s, stage ETA %s",
                    r.stage + 1, r.stages, r.patch_size, r.batch, r.batches, r.train_bpp,
                    Duration(Seconds(start)).c_str(), Duration(stage_eta).c_str());
    }
    tools::PrintProgressLine(line, r.finished);
  };
  const RideRunResult result = RunRideTraining(args, hooks, comm);
  if (!comm.is_root()) return 0;
  const RideTrainState& state = result.state;
  std::fprintf(stderr,
               "%s after %d stages; best log-likelihood rate: validation %.4f bit/px (stage %d; higher is better) "
               "-> %s, total %s\n",
               state.stopped ? "stopped early" : "finished", state.stages_done, state.best_validation_bpp,
               state.best_stage + 1, args.output.c_str(), Duration(Seconds(start)).c_str());
  return 0;
}

}  // namespace ride::trainer
