// ride-train colour: trains a colour MCGSM, one head per channel, on the colour photographs of
// image folders downscaled by area averaging (trainer/src/colour_run.h), a checkpoint after every
// head; --resume continues one.
#ifndef RIDE_TOOLS_RIDE_TRAIN_COLOUR_COMMAND_H_
#define RIDE_TOOLS_RIDE_TRAIN_COLOUR_COMMAND_H_

#include <CLI/CLI.hpp>

#include <string>

#include "trainer/src/colour_run.h"
#include "trainer/src/distributed.h"

namespace ride::trainer {

struct ColourArgs : ColourRunOptions {
  bool force = false, quiet = false;
};

CLI::App* AddColourCommand(CLI::App* app, ColourArgs* args);
int RunColour(ColourArgs args, const std::string& command, Communicator& comm);

}  // namespace ride::trainer

#endif  // RIDE_TOOLS_RIDE_TRAIN_COLOUR_COMMAND_H_
