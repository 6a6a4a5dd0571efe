// A whole colour MCGSM training run from image folders, what `ride-train colour` does
// (docs/trainer.md, "Colour models"): the colour photographs of the training folders, downscaled
// by area averaging (colour_image.h), and of the validation folders as they are; then one head per
// channel of the coding order, each with its own pairs (colour_dataset.h), whitening and L-BFGS
// with early stopping (mcgsm_train.h). The checkpoint is written after every head, so a stopped
// run resumes at the next head. Data-parallel over the ranks of a Communicator as `ride-train
// mcgsm` is: every rank calls it alike, rank 0 alone reports and writes.
#ifndef RIDE_TRAINER_SRC_COLOUR_RUN_H_
#define RIDE_TRAINER_SRC_COLOUR_RUN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "trainer/src/colour_checkpoint.h"
#include "trainer/src/distributed.h"
#include "trainer/src/mcgsm_train.h"

namespace ride::trainer {

struct ColourRunOptions {
  std::vector<std::string> train_dirs, val_dirs;  // gray files in them are skipped (and counted)
  int downscale = 2;                              // of the training images
  std::string transform = "rgb";
  int64_t pixels = 1000000;     // training pairs per channel
  int64_t val_pixels = 200000;  // validation pairs per channel
  std::string window = "9x5";
  int components = 32, scales = 4, features = 32;
  int max_iter = 1000, validate_every = 5, patience = 5, threads = 0;
  uint64_t seed = 1;
  std::string output;   // the checkpoint, rewritten after every head
  bool resume = false;  // continue the checkpoint at `output` (its options win over these)
  std::string metrics;  // JSON-lines log, appended to; empty: none
  std::string command;
};

struct ColourRunHooks {
  std::function<void(const std::string&)> note;                       // rank 0
  std::function<void(int channel, const TrainProgress&)> on_iteration;  // rank 0
  std::function<bool()> should_stop;                                  // every rank, or none
};

// The model as trained so far (complete unless stopped). Throws what reading the images throws,
// std::invalid_argument naming the option, std::runtime_error for a checkpoint that cannot resume.
ColourMcgsmModel RunColourTraining(const ColourRunOptions& options, const ColourRunHooks& hooks, Communicator& comm);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_COLOUR_RUN_H_
