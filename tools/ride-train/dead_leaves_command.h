// ride-train dead-leaves: writes a folder of dead-leaves images (dead_leaves_set.h).
#ifndef RIDE_TRAINER_SRC_TOOLS_DEAD_LEAVES_COMMAND_H_
#define RIDE_TRAINER_SRC_TOOLS_DEAD_LEAVES_COMMAND_H_

#include <CLI/CLI.hpp>

#include "trainer/src/dead_leaves_set.h"

namespace ride::trainer {

struct DeadLeavesArgs {
  DeadLeavesSetOptions set;
  int size = 256;
  int threads = 0;
  bool quiet = false;
};

CLI::App* AddDeadLeavesCommand(CLI::App* app, DeadLeavesArgs* args);
int RunDeadLeaves(DeadLeavesArgs args);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_TOOLS_DEAD_LEAVES_COMMAND_H_
