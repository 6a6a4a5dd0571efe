// Trainer checkpoints: JSON files that the compiler turns into frozen models (format in
// docs/trainer.md). Doubles are written in round-trip-exact form, so save → load gives the same
// bits. Files are written atomically: to "PATH.tmp", then renamed over PATH.
#ifndef RIDE_TRAINER_SRC_CHECKPOINT_H_
#define RIDE_TRAINER_SRC_CHECKPOINT_H_

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "trainer/src/mcgsm.h"
#include "trainer/src/neighborhood.h"
#include "trainer/src/whitening.h"

namespace ride::trainer {

inline constexpr int kCheckpointVersion = 1;

struct TrainingInfo {
  std::string data;
  int64_t train_pixels = 0;
  double validation_bits_per_pixel = 0;
  int iterations = 0;
  uint64_t seed = 0;
  std::string trainer_version;
  std::string date;  // YYYY-MM-DD
  std::string command;
};

// An MCGSM on whitened causal neighbourhoods: everything needed to give every pixel a density.
struct McgsmModel {
  CausalWindow window;
  double padding = kPadding;
  Whitening whitening;
  McgsmParams mcgsm;
  TrainingInfo training;
  // Throws std::invalid_argument naming the field when the parts disagree (e.g. whitening inputs
  // ≠ window inputs ≠ MCGSM inputs).
  void Check() const;
};

nlohmann::json McgsmModelToJson(const McgsmModel& model);
// Validates as it reads; throws std::runtime_error "checkpoint: FIELD: problem".
McgsmModel McgsmModelFromJson(const nlohmann::json& json);

// Throws std::runtime_error naming the file on I/O errors.
void SaveCheckpoint(const McgsmModel& model, const std::string& path);
McgsmModel LoadCheckpoint(const std::string& path);

// The "model" field of a checkpoint file: "mcgsm" or "ride".
std::string CheckpointModelKind(const std::string& path);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_CHECKPOINT_H_
