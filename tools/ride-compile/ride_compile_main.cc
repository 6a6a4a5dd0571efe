// ride-compile: a trainer checkpoint -> a frozen .ride model for the runtime, verified.
//
//   ride-compile model.ckpt.json -o model.ride [--verify-images DIR] [--test-bits-per-pixel X]
//
// The checkpoint may hold an MCGSM (ride-train mcgsm) or RIDE of any depth (ride-train ride).
//
// Folds the whitening into the weights (compiler/src/fold_model.h), writes the file atomically,
// loads it back through the runtime's loader and checks that the runtime's per-pixel log-densities
// match the trainer's on real image patches.
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <exception>
#include <string>
#include <sys/stat.h>

#include "compiler/src/fold_model.h"
#include "ride/ride_version.h"
#include "runtime/src/model/model_writer.h"
#include "compiler/src/trainer_bridge.h"
#include "compiler/src/verify_model.h"
#include "tools/common/output_file.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/model/model_loader.h"
#include "trainer/src/checkpoint.h"
#include "trainer/src/ride_checkpoint.h"

namespace {

bool IsDirectory(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

std::size_t Floats(const ride::engine::EngineModel& model) {
  std::size_t count = 0;
  for (const auto& layer : model.layers) count += layer.weights.size() + layer.bias.size();
  const auto& h = model.head;
  for (const auto* v : {&h.feature_weights, &h.feature_bias, &h.feature_weights_squared, &h.gate_bias, &h.gate_scale,
                        &h.predictor_weights, &h.predictor_bias, &h.expert_inv_std}) {
    count += v->size();
  }
  return count;
}

void Check(const ride::Status& status, const std::string& what) {
  if (!status.ok()) throw std::runtime_error(what + ": " + status.message());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ride-compile: freeze a trained model into a .ride file for the runtime", "ride-compile"};
  app.set_version_flag("--version", std::string("ride-compile ") + RIDE_VERSION_STRING + " (" +
                                        (*RIDE_BUILD_TYPE ? RIDE_BUILD_TYPE " build" : "no build type") + ")");
  std::string checkpoint_path, output_path, verify_dir, notes;
  double test_bits = NAN;
  int verify_patches = 8;
  bool force = false;
  app.add_option("checkpoint", checkpoint_path, "Trainer checkpoint (.ckpt.json)")->required();
  app.add_option("-o,--output", output_path, "Model file to write (.ride)")->required();
  app.add_option("--verify-images", verify_dir,
                 "Folder of images whose patches check the compiled model (default: the training data)");
  app.add_option("--verify-patches", verify_patches, "Number of 64x64 patches to check")->check(CLI::Range(1, 1000));
  app.add_option("--test-bits-per-pixel", test_bits, "Test-set log-likelihood rate to record in the provenance");
  app.add_option("--notes", notes, "Free text to record in the provenance");
  app.add_flag("-f,--force", force, "Overwrite an existing output");
  CLI11_PARSE(app, argc, argv);

  try {
    // An MCGSM-only or a RIDE checkpoint: the same folding, and verification against its trainer.
    const bool is_ride = ride::trainer::CheckpointModelKind(checkpoint_path) == "ride";
    ride::trainer::McgsmModel mcgsm_checkpoint;
    ride::trainer::RideModel ride_checkpoint;
    if (is_ride) {
      ride_checkpoint = ride::trainer::LoadRideCheckpoint(checkpoint_path, nullptr);
    } else {
      mcgsm_checkpoint = ride::trainer::LoadCheckpoint(checkpoint_path);
    }
    const ride::trainer::TrainingInfo& training = is_ride ? ride_checkpoint.training : mcgsm_checkpoint.training;
    const ride::engine::EngineModel folded = ride::compiler::FoldModel(
        is_ride ? ride::compiler::FromRideModel(ride_checkpoint) : ride::compiler::FromCheckpoint(mcgsm_checkpoint));

    ride::model::ModelProvenance provenance;
    provenance.training_data = training.data;
    provenance.validation_bits_per_pixel = training.validation_bits_per_pixel;
    provenance.test_bits_per_pixel = test_bits;
    provenance.trainer_version = training.trainer_version;
    provenance.created = training.date;
    provenance.command = training.command;
    provenance.notes = notes;
    std::vector<uint8_t> bytes;
    Check(ride::model::WriteModelFile(folded, provenance, &bytes), "the folded model cannot be written");

    // Verify before publishing: a file that does not reproduce the trainer never appears.
    ride::model::LoadedModel loaded;
    Check(ride::model::LoadModelFromBuffer(bytes.data(), bytes.size(), &loaded), "the written model does not load");
    if (verify_dir.empty()) verify_dir = training.data;
    if (!IsDirectory(verify_dir)) {
      throw std::runtime_error("no images to verify with: '" + verify_dir + "' is not a folder (pass --verify-images)");
    }
    const auto patches = ride::compiler::VerificationPatches(verify_dir, verify_patches, 64);
    const ride::compiler::VerifyReport report =
        is_ride ? ride::compiler::CompareWithTrainer(ride_checkpoint, loaded.model, patches)
                : ride::compiler::CompareWithTrainer(mcgsm_checkpoint, loaded.model, patches);
    std::printf("verified on %d patches (%lld pixels) of %s: max |runtime - trainer| = %.2e nats/px (limit %.0e)\n",
                report.patches, static_cast<long long>(report.pixels), verify_dir.c_str(), report.max_abs_difference,
                ride::compiler::kMaxLogDensityError);
    if (!(report.max_abs_difference <= ride::compiler::kMaxLogDensityError)) {
      throw std::runtime_error("verification failed: the runtime does not reproduce the trainer");
    }

    ride::tools::OutputFileOptions options;
    options.overwrite = force;
    options.input_path = checkpoint_path;
    ride::tools::WriteFileAtomically(output_path, {reinterpret_cast<const char*>(bytes.data()), bytes.size()},
                                     options);

    char fingerprint[2 * ride::model::kModelFingerprintBytes + 1];
    ride::model::FingerprintToHex(loaded.fingerprint, fingerprint);
    const auto& head = folded.head;
    std::printf("wrote %s: %zu bytes\n", output_path.c_str(), bytes.size());
    std::printf("  model:       %s, window %zux%zu (%zu inputs), padding %.3g\n",
                folded.layers.empty() ? "MCGSM" : "RIDE", folded.window.width, folded.window.height,
                folded.window.Inputs(), folded.padding);
    for (std::size_t l = 0; l < folded.layers.size(); ++l) {
      std::printf("  layer %zu:     spatial LSTM, %zu hidden%s\n", l + 1, folded.layers[l].hidden,
                  folded.layers[l].extended ? ", extended" : "");
    }
    std::printf("  MCGSM:       %zu components x %zu scales, %zu features\n", head.components, head.scales,
                head.features);
    std::printf("  parameters:  %zu floats, %zu multiply-adds per pixel\n", Floats(folded), folded.MultiplyAddsPerPixel());
    std::printf("  fingerprint: %s\n", fingerprint);
    std::printf("  validation:  %.4f bit/px (trainer)\n", provenance.validation_bits_per_pixel);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "ride-compile: %s\n", error.what());
    return 1;
  }
  return 0;
}
