#include "trainer/src/mcgsm_run.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "trainer/src/checkpoint.h"
#include "trainer/src/dataset.h"
#include "trainer/src/elapsed.h"
#include "trainer/src/omp_threads.h"
#include "trainer/src/whitening.h"
#include "tools/common/file_error.h"

namespace ride::trainer {

McgsmRunResult RunMcgsmTraining(const McgsmRunOptions& options, const McgsmRunHooks& hooks, Communicator& comm) {
  const auto start = std::chrono::steady_clock::now();
  auto note = [&](const std::string& line) {
    if (hooks.note && comm.is_root()) hooks.note(line);
  };
  // For everything, the whitening included, not only the L-BFGS.
  const ScopedOmpThreads omp_threads(options.threads);
  const CausalWindow window = CausalWindow::Parse(options.window);
  const TrainingImages images = ReadTrainingImages(options, comm);
  if (images.texture) {
    note("texture " + options.texture + ": " + std::to_string(images.train.count()) + " training regions of " +
         std::to_string(images.region_width) + "x" + std::to_string(images.region_height) + ", region " +
         std::to_string(options.held_out_region) + " validates");
  } else {
    note("reading " + std::to_string(images.train.count()) + " training and " +
         std::to_string(images.validation.count()) + " validation images from " + images.data);
  }
  PairSet train = BuildPairs(images.train, window, kPadding, options.pixels, options.seed);
  // The validation pixels use their own random streams, so they never share noise with training.
  PairSet val = BuildPairs(images.validation, window, kPadding, options.val_pixels, options.seed ^ 0x76616cULL);
  const Whitening whitening = Whitening::Fit(train.inputs, train.outputs, comm);
  whitening.WhitenInPlace(&train.inputs, &train.outputs);
  if (val.size() > 0) whitening.WhitenInPlace(&val.inputs, &val.outputs);
  const auto train_pairs = static_cast<long long>(comm.SumInRankOrder(static_cast<double>(train.size())));
  const auto val_pairs = static_cast<long long>(comm.SumInRankOrder(static_cast<double>(val.size())));
  const double data_seconds = Seconds(start);
  {
    char line[512];
    std::snprintf(line, sizeof line, "%lld training, %lld validation pairs of %d inputs (window %s)%s; data ready in %s",
                  train_pairs, val_pairs, window.Inputs(), window.ToString().c_str(), RanksNote(comm).c_str(),
                  Duration(data_seconds).c_str());
    note(line);
  }

  McgsmModel model;
  model.window = window;
  model.whitening = whitening;
  model.mcgsm = McgsmParams::Initial({window.Inputs(), options.components, options.scales, options.features},
                                     options.seed);
  model.training.data = images.data;
  model.training.train_pixels = train_pairs;
  model.training.seed = options.seed;
  model.training.trainer_version = RIDE_TRAINER_VERSION;
  model.training.date = TodayUtc();
  model.training.command = options.command;

  std::ofstream metrics;
  if (!options.metrics.empty() && comm.is_root()) {
    metrics.open(options.metrics, std::ios::trunc);
    if (!metrics) tools::ThrowIoError(options.metrics, "cannot open for writing", errno);
  }
  McgsmTrainOptions train_options;
  train_options.max_iterations = options.max_iter;
  train_options.validate_every = options.validate_every;
  train_options.patience = options.patience;
  train_options.threads = options.threads;
  train_options.should_stop = hooks.should_stop;
  int saved_best = -1;
  train_options.on_iteration = [&](const TrainProgress& p, const McgsmParams& best) {
    if (!comm.is_root()) return;  // rank 0 alone reports and writes
    if (hooks.on_iteration) hooks.on_iteration(p);
    if (metrics.is_open()) {
      nlohmann::json line = {{"iteration", p.iteration},
                             {"evaluations", p.evaluations},
                             {"train_bits_per_pixel", p.train_bpp},
                             {"elapsed_seconds", p.elapsed_seconds}};
      if (p.validated) line["validation_bits_per_pixel"] = p.val_bpp;
      metrics << line.dump() << "\n" << std::flush;
    }
    // Keep the best model on disk as training goes, so a stopped run still leaves one.
    if (p.validated && p.best_iteration != saved_best) {
      saved_best = p.best_iteration;
      McgsmModel snapshot = model;
      snapshot.mcgsm = best;
      snapshot.training.validation_bits_per_pixel = p.best_val_bpp;
      snapshot.training.iterations = p.iteration;
      SaveCheckpoint(snapshot, options.output);
    }
  };
  const auto train_start = std::chrono::steady_clock::now();
  const CommunicationStats before = comm.stats();
  McgsmRunResult result;
  result.train = TrainMcgsm(&model.mcgsm, train.inputs, train.outputs, val.inputs, val.outputs,
                            whitening.LogJacobian(), train_options, comm);
  const double train_seconds = Seconds(train_start);
  const OperationStats sums = (comm.stats() - before).sum;
  result.elapsed_seconds = Seconds(start);
  if (!comm.is_root()) return result;
  model.training.validation_bits_per_pixel = result.train.val_bpp;
  model.training.iterations = result.train.iterations;
  SaveCheckpoint(model, options.output);
  if (metrics.is_open()) {
    metrics << nlohmann::json({{"done", true},
                               {"iterations", result.train.iterations},
                               {"best_iteration", result.train.best_iteration},
                               {"train_bits_per_pixel", result.train.train_bpp},
                               {"validation_bits_per_pixel", result.train.val_bpp},
                               {"stop_reason", result.train.stop_reason},
                               {"elapsed_seconds", Seconds(start)},
                               {"ranks", comm.size()},
                               {"data_seconds", data_seconds},
                               {"train_seconds", train_seconds},
                               // rank 0's part of the sums over ranks (one per evaluation)
                               {"communication",
                                {{"sums", sums.calls}, {"sum_seconds", sums.seconds}, {"bytes_sent", sums.bytes_sent}}}})
                   .dump()
            << "\n";
  }
  return result;
}

}  // namespace ride::trainer
