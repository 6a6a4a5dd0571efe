#include "trainer/src/colour_run.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "trainer/src/colour_dataset.h"
#include "trainer/src/elapsed.h"
#include "trainer/src/omp_threads.h"
#include "trainer/src/training_images.h"
#include "trainer/src/whitening.h"
#include "tools/common/file_error.h"
#include "tools/common/image_folder.h"

namespace ride::trainer {
namespace {

struct ColourSet {
  std::vector<ColourImage> images;
  int skipped_gray = 0;
};

// Every colour image of the folders, in folder then name order, each downscaled.
ColourSet ReadColourFolders(const std::vector<std::string>& dirs, int downscale, ColourTransform transform) {
  ColourSet set;
  for (const std::string& dir : dirs) {
    for (const std::string& path : tools::ListImageFiles(dir)) {
      if (!IsColourImageFile(path)) {
        ++set.skipped_gray;
        continue;
      }
      set.images.push_back(ApplyColourTransform(DownscaleByArea(ReadRgbImage(path), downscale), transform));
    }
  }
  return set;
}

std::string Describe(const std::vector<std::string>& dirs) {
  std::string text;
  for (const std::string& dir : dirs) text += (text.empty() ? "" : " + ") + dir;
  return text;
}

}  // namespace

ColourMcgsmModel RunColourTraining(const ColourRunOptions& options, const ColourRunHooks& hooks, Communicator& comm) {
  const auto start = std::chrono::steady_clock::now();
  auto note = [&](const std::string& line) {
    if (hooks.note && comm.is_root()) hooks.note(line);
  };
  const ScopedOmpThreads omp_threads(options.threads);
  ColourMcgsmModel model;
  if (options.resume) {
    model = LoadColourCheckpoint(options.output);
    if (model.complete()) {
      note(options.output + ": all 3 heads are trained already");
      return model;
    }
  } else {
    if (options.train_dirs.empty()) throw std::invalid_argument("--train-dir: at least one folder");
    model.window = CausalWindow::Parse(options.window);
    model.transform = ParseColourTransform(options.transform);
    model.downscale = options.downscale;
    model.training.data = Describe(options.train_dirs) + " (colour images, downscaled " +
                          std::to_string(options.downscale) + "x by area averaging); validation " +
                          Describe(options.val_dirs);
    model.training.seed = options.seed;
    model.training.trainer_version = RIDE_TRAINER_VERSION;
    model.training.date = TodayUtc();
    model.training.command = options.command;
  }
  // Every rank reads every image (colour sets are small next to their pairs) and keeps its shard.
  ColourSet train = ReadColourFolders(options.train_dirs, model.downscale, model.transform);
  ColourSet val = ReadColourFolders(options.val_dirs, 1, model.transform);
  if (train.images.empty()) throw std::invalid_argument("--train-dir: no colour image in " + Describe(options.train_dirs));
  note("reading " + std::to_string(train.images.size()) + " training images (" + std::to_string(train.skipped_gray) +
       " gray ones skipped), downscaled " + std::to_string(model.downscale) + "x, and " +
       std::to_string(val.images.size()) + " validation images (" + std::to_string(val.skipped_gray) +
       " gray skipped); transform " + ColourTransformName(model.transform) + RanksNote(comm));
  const ImageShard<ColourImage> train_shard = TakeShard(std::move(train.images), comm.rank(), comm.size());
  const ImageShard<ColourImage> val_shard = TakeShard(std::move(val.images), comm.rank(), comm.size());

  std::ofstream metrics;
  if (!options.metrics.empty() && comm.is_root()) {
    metrics.open(options.metrics, std::ios::app);
    if (!metrics) tools::ThrowIoError(options.metrics, "cannot open for writing", errno);
  }
  for (int channel = static_cast<int>(model.heads.size()); channel < kColourChannels; ++channel) {
    const auto head_start = std::chrono::steady_clock::now();
    const uint64_t seed = model.training.seed;
    PairSet pairs = BuildColourPairs(train_shard, model.window, model.transform, channel, options.pixels, seed);
    PairSet val_pairs =
        BuildColourPairs(val_shard, model.window, model.transform, channel, options.val_pixels, seed ^ 0x76616cULL);
    ColourHead head;
    head.whitening = Whitening::Fit(pairs.inputs, pairs.outputs, comm);
    head.whitening.WhitenInPlace(&pairs.inputs, &pairs.outputs);
    if (val_pairs.size() > 0) head.whitening.WhitenInPlace(&val_pairs.inputs, &val_pairs.outputs);
    const int inputs = ColourInputs(model.window, channel);
    const auto train_count = static_cast<long long>(comm.SumInRankOrder(static_cast<double>(pairs.size())));
    if (channel == 0) model.training.train_pixels = train_count;
    note("channel " + std::to_string(channel) + ": " + std::to_string(train_count) + " training pairs of " +
         std::to_string(inputs) + " inputs; data ready in " + Duration(Seconds(head_start)));
    head.mcgsm = McgsmParams::Initial({inputs, options.components, options.scales, options.features},
                                      seed + static_cast<uint64_t>(channel));
    McgsmTrainOptions train_options;
    train_options.max_iterations = options.max_iter;
    train_options.validate_every = options.validate_every;
    train_options.patience = options.patience;
    train_options.threads = options.threads;
    train_options.should_stop = hooks.should_stop;
    train_options.on_iteration = [&](const TrainProgress& p, const McgsmParams&) {
      if (!comm.is_root()) return;
      if (hooks.on_iteration) hooks.on_iteration(channel, p);
      if (metrics.is_open()) {
        nlohmann::json line = {{"channel", channel},
                               {"iteration", p.iteration},
                               {"train_bits_per_pixel", p.train_bpp},
                               {"elapsed_seconds", p.elapsed_seconds}};
        if (p.validated) line["validation_bits_per_pixel"] = p.val_bpp;
        metrics << line.dump() << "\n" << std::flush;
      }
    };
    const McgsmTrainResult result = TrainMcgsm(&head.mcgsm, pairs.inputs, pairs.outputs, val_pairs.inputs,
                                               val_pairs.outputs, head.whitening.LogJacobian(), train_options, comm);
    if (result.cancelled) {
      note("stopped in channel " + std::to_string(channel) + "; " + std::to_string(model.heads.size()) +
           " heads are saved, --resume continues");
      return model;
    }
    head.validation_bits_per_pixel = result.val_bpp;
    head.iterations = result.iterations;
    head.stop_reason = result.stop_reason;
    model.heads.push_back(std::move(head));
    double rate_sum = 0;
    for (const ColourHead& done : model.heads) rate_sum += done.validation_bits_per_pixel;
    model.training.validation_bits_per_pixel = rate_sum / static_cast<double>(model.heads.size());
    model.training.iterations += result.iterations;
    if (comm.is_root()) {
      SaveColourCheckpoint(model, options.output);
      if (metrics.is_open()) {
        metrics << nlohmann::json({{"channel", channel},
                                   {"done", true},
                                   {"iterations", result.iterations},
                                   {"validation_bits_per_pixel", result.val_bpp},
                                   {"stop_reason", result.stop_reason},
                                   {"head_seconds", Seconds(head_start)},
                                   {"elapsed_seconds", Seconds(start)}})
                       .dump()
                << "\n" << std::flush;
      }
    }
    char line[256];
    std::snprintf(line, sizeof line, "channel %d: validation rate %.4f bit/px after %d iterations (%s), in %s",
                  channel, result.val_bpp, result.iterations, result.stop_reason.c_str(),
                  Duration(Seconds(head_start)).c_str());
    note(line);
  }
  return model;
}

}  // namespace ride::trainer
