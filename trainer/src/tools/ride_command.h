// ride-train ride: trains RIDE (spatial LSTMs + MCGSM) with the paper's recipe, a checkpoint after
// every stage, resuming from the last one.
#ifndef RIDE_TRAINER_SRC_TOOLS_RIDE_COMMAND_H_
#define RIDE_TRAINER_SRC_TOOLS_RIDE_COMMAND_H_

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "trainer/src/ride_train.h"

namespace ride::trainer {

struct RideArgs {
  std::string train_dir;
  int val_count = 20;
  std::string window = "5x3";
  std::vector<int> hidden = {64};
  bool extended = false;
  int components = 32, scales = 4, features = 32;
  int64_t whitening_pixels = 500000;
  RideTrainOptions train;
  std::string output, checkpoint_dir, metrics, curve;
  bool force = false, quiet = false;
};

CLI::App* AddRideCommand(CLI::App* app, RideArgs* args);
int RunRide(const RideArgs& args, const std::string& command);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_TOOLS_RIDE_COMMAND_H_
