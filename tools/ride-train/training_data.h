// What the training subcommands (mcgsm, ride) share on the command line: the checks only rank 0
// can make, and the MPI option. Their data and runs are the trainer's (trainer/src/training_images.h,
// mcgsm_run.h, ride_run.h).
#ifndef RIDE_TRAINER_SRC_TOOLS_TRAINING_DATA_H_
#define RIDE_TRAINER_SRC_TOOLS_TRAINING_DATA_H_

#include <CLI/CLI.hpp>

#include <string>

#include "trainer/src/distributed.h"
#include "trainer/src/training_images.h"

namespace ride::trainer {

// The first progress line of a training run: what its numbers are, since the ride tool prints costs.
inline constexpr const char* kRatesNote =
    "rates are log-likelihood rates in bit/px, higher is better (a codec's cost is about 8 - rate bit/px)";

// On rank 0: throws tools::FileError (kUsage) "PATH: exists; use -f to overwrite" unless `force`
// or PATH is new. The other ranks need not see rank 0's disk; they end with it.
void RefuseExistingOutput(const std::string& path, bool force, const Communicator& comm);

// The data options of a training subcommand (training_images.h): --train-dir (repeatable),
// --texture (described by `texture_help`), --held-out-region, --val-count, --val-dir (repeatable)
// and --downscale. Checks what CLI11 can check; ReadTrainingImages checks the rest.
void AddTrainingImageOptions(CLI::App* command, TrainingImageSource* source, const std::string& texture_help);

// -j/--threads N on a command, the ride tool's spelling: N >= 0, 0 for all cores.
void AddThreadsOption(CLI::App* command, int* threads);

// Refuses an integer option's value below `minimum` (a usage error, status 2), naming the bound.
CLI::Validator AtLeast(long long minimum);

// Refuses a --window that is not WIDTHxHEIGHT with an odd width (a usage error, status 2).
CLI::Validator WindowValidator();

// --mpi-timeout SECONDS on a training subcommand (distributed.h: how long a rank waits for another).
void AddMpiTimeoutOption(CLI::App* command, double* seconds);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_TOOLS_TRAINING_DATA_H_
