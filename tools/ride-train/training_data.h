// What the training subcommands (mcgsm, ride) share about their data and their ranks: the images as
// this rank's shards (trainer/src/image_shard.h), and the checks only rank 0 can make.
#ifndef RIDE_TRAINER_SRC_TOOLS_TRAINING_DATA_H_
#define RIDE_TRAINER_SRC_TOOLS_TRAINING_DATA_H_

#include <CLI/CLI.hpp>

#include <string>

#include "trainer/src/distributed.h"
#include "trainer/src/image_io.h"
#include "trainer/src/image_shard.h"

namespace ride::trainer {

struct TrainingImages {
  ImageShard<GrayImage> train, validation;
  std::string data;  // what the checkpoint's training.data says
  bool texture = false;
  int region_width = 0, region_height = 0;  // texture mode
};

// A folder (`train_dir`): rank 0 lists it and sends the sorted list to the others, so only rank 0
// needs to see every file name; the last `val_count` files validate (SplitTrainValidation) and every
// rank reads only the files of its shards. Or one texture (`texture`, not empty): every rank reads
// the image and keeps its shards of the 15 training regions and of the held-out one. Collective.
TrainingImages ReadTrainingImages(const std::string& train_dir, int val_count, const std::string& texture,
                                  int held_out_region, Communicator& comm);

// On rank 0: throws "PATH: exists (use -f to overwrite)" unless `force` or PATH is new. The other
// ranks need not see rank 0's disk; they end with it.
void RefuseExistingOutput(const std::string& path, bool force, const Communicator& comm);

// ", over N ranks" for progress lines of a run with several ranks, "" for one.
std::string RanksNote(const Communicator& comm);

// --mpi-timeout SECONDS on a training subcommand (distributed.h: how long a rank waits for another).
void AddMpiTimeoutOption(CLI::App* command, double* seconds);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_TOOLS_TRAINING_DATA_H_
