#include "compiler/src/compile_checkpoint.h"

#include <sys/stat.h>

#include <stdexcept>

#include "compiler/src/fold_model.h"
#include "compiler/src/trainer_bridge.h"
#include "runtime/src/model/model_loader.h"
#include "runtime/src/model/model_writer.h"
#include "trainer/src/checkpoint.h"
#include "trainer/src/colour_checkpoint.h"
#include "trainer/src/ride_checkpoint.h"

namespace ride::compiler {
namespace {

bool IsDirectory(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

void Check(const Status& status, const std::string& what) {
  if (!status.ok()) throw std::runtime_error(what + ": " + status.message());
}

}  // namespace

CompiledCheckpoint CompileCheckpoint(const std::string& checkpoint_path, const CompileOptions& options) {
  if (options.verify_patches < 1 || options.verify_patches > 1000) {
    throw std::invalid_argument("verify patches: " + std::to_string(options.verify_patches) + " is not in 1..1000");
  }
  // An MCGSM-only, a RIDE or a colour checkpoint: folded, then verified against its trainer.
  const std::string kind = trainer::CheckpointModelKind(checkpoint_path);
  const bool is_ride = kind == "ride", is_colour = kind == "colour-mcgsm";
  trainer::McgsmModel mcgsm_checkpoint;
  trainer::RideModel ride_checkpoint;
  trainer::ColourMcgsmModel colour_checkpoint;
  CompiledCheckpoint compiled;
  if (is_ride) {
    ride_checkpoint = trainer::LoadRideCheckpoint(checkpoint_path, nullptr);
    compiled.model = FoldModel(FromRideModel(ride_checkpoint));
  } else if (is_colour) {
    colour_checkpoint = trainer::LoadColourCheckpoint(checkpoint_path);
    try {
      compiled.model = FoldColourModel(FromColourCheckpoint(colour_checkpoint));
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(checkpoint_path + ": " + e.what());
    }
  } else {
    mcgsm_checkpoint = trainer::LoadCheckpoint(checkpoint_path);
    compiled.model = FoldModel(FromCheckpoint(mcgsm_checkpoint));
  }
  const trainer::TrainingInfo& training =
      is_ride ? ride_checkpoint.training : is_colour ? colour_checkpoint.training : mcgsm_checkpoint.training;

  model::ModelProvenance provenance;
  provenance.training_data = training.data;
  provenance.validation_bits_per_pixel = training.validation_bits_per_pixel;
  provenance.test_bits_per_pixel = options.test_bits_per_pixel;
  provenance.trainer_version = training.trainer_version;
  provenance.created = training.date;
  provenance.command = training.command;
  provenance.notes = options.notes;
  compiled.validation_bits_per_pixel = provenance.validation_bits_per_pixel;
  Check(model::WriteModelFile(compiled.model, provenance, &compiled.bytes), "the folded model cannot be written");

  // Verify before anyone publishes: the file must reproduce the trainer.
  model::LoadedModel loaded;
  Check(model::LoadModelFromBuffer(compiled.bytes.data(), compiled.bytes.size(), &loaded),
        "the written model does not load");
  compiled.verify_dir = options.verify_dir.empty() ? training.data : options.verify_dir;
  if (!IsDirectory(compiled.verify_dir)) {
    throw std::invalid_argument("no images to verify with: '" + compiled.verify_dir + "' is not a folder (pass " +
                                options.verify_dir_option + ")");
  }
  if (is_colour) {
    compiled.report = CompareWithTrainer(
        colour_checkpoint, loaded.model, ColourVerificationPatches(compiled.verify_dir, options.verify_patches, 64));
  } else {
    const auto patches = VerificationPatches(compiled.verify_dir, options.verify_patches, 64);
    compiled.report = is_ride ? CompareWithTrainer(ride_checkpoint, loaded.model, patches)
                              : CompareWithTrainer(mcgsm_checkpoint, loaded.model, patches);
  }
  char fingerprint[2 * model::kModelFingerprintBytes + 1];
  model::FingerprintToHex(loaded.fingerprint, fingerprint);
  compiled.fingerprint_hex = fingerprint;
  return compiled;
}

}  // namespace ride::compiler
