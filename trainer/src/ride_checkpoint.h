// RIDE checkpoints: the model and the training state between stages, in the trainer's checkpoint
// JSON (docs/trainer.md), written atomically; saving then loading gives the same bits, which is what
// makes resumed training end with the same model.
#ifndef RIDE_TRAINER_SRC_RIDE_CHECKPOINT_H_
#define RIDE_TRAINER_SRC_RIDE_CHECKPOINT_H_

#include <nlohmann/json.hpp>

#include <string>

#include "trainer/src/ride_model.h"
#include "trainer/src/ride_train.h"

namespace ride::trainer {

nlohmann::json RideModelToJson(const RideModel& model, const RideTrainState* state);
// Validates as it reads (errors name the field); `state` may be null.
RideModel RideModelFromJson(const nlohmann::json& json, RideTrainState* state);

void SaveRideCheckpoint(const RideModel& model, const RideTrainState* state, const std::string& path);
RideModel LoadRideCheckpoint(const std::string& path, RideTrainState* state);
// LoadRideCheckpoint in two steps, for ranks that load what rank 0 read: the file's text, then the
// checkpoint in it (`name`, the file's path, names it in errors).
std::string ReadCheckpointText(const std::string& path);
RideModel ParseRideCheckpoint(const std::string& text, const std::string& name, RideTrainState* state);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_RIDE_CHECKPOINT_H_
