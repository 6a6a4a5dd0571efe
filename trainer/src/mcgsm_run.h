// A whole MCGSM training run from image files: everything `ride-train mcgsm` does but its command
// line, so that the program and the Python module's train_mcgsm() give the same checkpoint for
// the same options (docs/trainer.md). The images (training_images.h), the training and validation
// pairs, the whitening, L-BFGS with early stopping (mcgsm_train.h), and the files: the checkpoint,
// written whenever the validation rate improves and once more at the end, and the JSON-lines
// metrics log. Data-parallel over the ranks of a Communicator (docs/trainer.md, "Several
// machines"): every rank calls it alike, rank 0 alone reports and writes.
#ifndef RIDE_TRAINER_SRC_MCGSM_RUN_H_
#define RIDE_TRAINER_SRC_MCGSM_RUN_H_

#include <cstdint>
#include <functional>
#include <string>

#include "trainer/src/distributed.h"
#include "trainer/src/mcgsm_train.h"
#include "trainer/src/training_images.h"

namespace ride::trainer {

// The options of `ride-train mcgsm`, with their defaults and names.
struct McgsmRunOptions : TrainingImageSource {
  int64_t pixels = 1000000;      // training pairs, drawn uniformly from all training pixels
  int64_t val_pixels = 200000;   // validation pairs
  std::string window = "9x5";    // causal window WIDTHxHEIGHT
  int components = 32, scales = 4, features = 32;
  int max_iter = 1000, validate_every = 5, patience = 5, threads = 0;  // threads 0: all cores
  uint64_t seed = 1;
  std::string output;   // the checkpoint (rank 0's disk); replaced if it exists (callers refuse that first)
  std::string metrics;  // JSON-lines log, truncated; empty: none
  std::string command;  // how training was asked for, recorded in the checkpoint
};

struct McgsmRunHooks {
  std::function<void(const std::string&)> note;            // rank 0: a line about the data, as it is read
  std::function<void(const TrainProgress&)> on_iteration;  // rank 0
  std::function<bool()> should_stop;  // every rank, or none (McgsmTrainOptions::should_stop)
};

struct McgsmRunResult {
  McgsmTrainResult train;
  double elapsed_seconds = 0;
};

// Throws what reading the images throws (tools::FileError, std::invalid_argument), and
// std::invalid_argument / std::runtime_error naming the option or the file for everything else,
// CommunicationError when a rank is lost. Collective.
McgsmRunResult RunMcgsmTraining(const McgsmRunOptions& options, const McgsmRunHooks& hooks, Communicator& comm);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_MCGSM_RUN_H_
