// ride-train ride: trains RIDE (spatial LSTMs + MCGSM) with the paper's recipe, a checkpoint after
// every stage, resuming from the last one (trainer/src/ride_run.h). The data is a folder of images
// (--train-dir, the last --val-count validate) or one texture (--texture, texture_split.h: 15
// regions train, the held-out one validates), which also switches the defaults to the paper's
// texture recipe.
#ifndef RIDE_TRAINER_SRC_TOOLS_RIDE_COMMAND_H_
#define RIDE_TRAINER_SRC_TOOLS_RIDE_COMMAND_H_

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "trainer/src/distributed.h"
#include "trainer/src/ride_run.h"

namespace ride::trainer {

// The options of ride_run.h, and the program's own.
struct RideArgs : RideRunOptions {
  bool force = false, quiet = false;
  double mpi_timeout = Communicator::kDefaultTimeoutSeconds;
};

CLI::App* AddRideCommand(CLI::App* app, RideArgs* args);
// Data-parallel over the ranks of `comm` (docs/trainer.md, "Several machines"); rank 0 alone writes.
int RunRide(RideArgs args, const std::string& command, Communicator& comm);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_TOOLS_RIDE_COMMAND_H_
