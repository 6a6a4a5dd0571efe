#include "tools/ride-train/colour_command.h"

#include <cstdio>

#include "tools/ride-train/training_data.h"
#include "trainer/src/elapsed.h"

namespace ride::trainer {

CLI::App* AddColourCommand(CLI::App* app, ColourArgs* a) {
  CLI::App* c = app->add_subcommand("colour", "train a colour MCGSM (R, G, B heads) on colour photographs");
  c->add_option("--train-dir", a->train_dirs, "folder of training images (repeatable; gray files are skipped)");
  c->add_option("--val-dir", a->val_dirs, "folder of validation images, used as they are (repeatable)");
  c->add_option("--downscale", a->downscale, "area-average the training images by this factor (JPEG chroma)")
      ->capture_default_str()
      ->check(CLI::Range(1, 16));
  c->add_option("--transform", a->transform, "colour planes the heads model: rgb or ycocg-r")
      ->capture_default_str()
      ->check(CLI::IsMember({"rgb", "ycocg-r"}));
  c->add_option("--pixels", a->pixels, "training pairs per channel")->capture_default_str();
  c->add_option("--val-pixels", a->val_pixels, "validation pairs per channel")->capture_default_str();
  c->add_option("--window", a->window, "causal window WIDTHxHEIGHT (width odd), in every channel")
      ->capture_default_str()
      ->check(WindowValidator());
  c->add_option("--components", a->components)->capture_default_str()->check(AtLeast(1));
  c->add_option("--scales", a->scales)->capture_default_str()->check(AtLeast(1));
  c->add_option("--features", a->features)->capture_default_str()->check(AtLeast(1));
  c->add_option("--max-iter", a->max_iter, "L-BFGS iterations at most, per head")->capture_default_str()->check(AtLeast(1));
  c->add_option("--validate-every", a->validate_every)->capture_default_str()->check(AtLeast(1));
  c->add_option("--patience", a->patience)->capture_default_str()->check(AtLeast(1));
  c->add_option("--seed", a->seed)->capture_default_str();
  AddThreadsOption(c, &a->threads);
  c->add_option("-o,--output", a->output, "checkpoint to write (JSON), after every head")->required();
  c->add_flag("--resume", a->resume, "continue the checkpoint at -o (its data options win)");
  c->add_option("--metrics", a->metrics, "JSON-lines metrics log (appended)");
  c->add_flag("-f,--force", a->force, "overwrite the output");
  c->add_flag("-q,--quiet", a->quiet, "no progress on stderr");
  return c;
}

int RunColour(ColourArgs args, const std::string& command, Communicator& comm) {
  if (!args.resume) RefuseExistingOutput(args.output, args.force, comm);
  const bool talk = !args.quiet && comm.is_root();
  args.command = command;
  ColourRunHooks hooks;
  hooks.note = [&](const std::string& line) {
    if (talk) std::fprintf(stderr, "%s\n", line.c_str());
  };
  hooks.on_iteration = [&](int channel, const TrainProgress& p) {
    if (!talk || !p.validated) return;
    const double eta = p.elapsed_seconds / p.iteration * (args.max_iter - p.iteration);
    std::fprintf(stderr, "channel %d iter %4d/%d  rate train %.4f, validation %.4f bit/px (best %.4f @%d)  elapsed %s  eta %s\n",
                 channel, p.iteration, args.max_iter, p.train_bpp, p.val_bpp, p.best_val_bpp, p.best_iteration,
                 Duration(p.elapsed_seconds).c_str(), Duration(eta).c_str());
  };
  const ColourMcgsmModel model = RunColourTraining(args, hooks, comm);
  if (!comm.is_root()) return 0;
  std::printf("%zu of 3 heads trained; validation rate", model.heads.size());
  for (const ColourHead& head : model.heads) std::printf(" %.4f", head.validation_bits_per_pixel);
  std::printf(" bit/px (about %.4f bits per sub-pixel) -> %s\n", 8 - model.training.validation_bits_per_pixel,
              args.output.c_str());
  return 0;
}

}  // namespace ride::trainer
