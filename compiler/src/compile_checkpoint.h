// The whole compiler as one call, what ride-compile and the Python module's compile() run: a
// trainer checkpoint (MCGSM, RIDE of any depth, or a colour MCGSM) -> folded weights (fold_model.h) -> the .ride
// file's bytes with the checkpoint's provenance -> loaded back through the runtime's loader and
// verified against the trainer on real image patches (verify_model.h). Nothing is written: the
// caller publishes the bytes once Verified() says they reproduce the trainer.
#ifndef RIDE_COMPILER_SRC_COMPILE_CHECKPOINT_H_
#define RIDE_COMPILER_SRC_COMPILE_CHECKPOINT_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/src/verify_model.h"
#include "runtime/src/engine/engine_model.h"

namespace ride::compiler {

struct CompileOptions {
  // Folder of images whose centre patches check the compiled model; empty: the checkpoint's
  // training data (training.data).
  std::string verify_dir;
  int verify_patches = 8;  // 64 × 64 patches, one per image, 1 .. 1000
  // Recorded in the provenance: the test-set log-likelihood rate (NaN: not measured), free text.
  double test_bits_per_pixel = NAN;
  std::string notes;
  // How the caller's users name verify_dir, for the message when it is not a folder
  // ("--verify-images").
  std::string verify_dir_option = "--verify-images";
};

struct CompiledCheckpoint {
  std::vector<uint8_t> bytes;  // the .ride file
  engine::EngineModel model;   // as folded, for a summary
  std::string fingerprint_hex;
  double validation_bits_per_pixel = 0;  // the trainer's, from the checkpoint
  std::string verify_dir;                // the folder the patches came from
  VerifyReport report;
  // Whether the runtime reproduces the trainer within the report's limit on every sample.
  bool Verified() const { return report.max_abs_difference <= report.limit; }
};

// Throws std::invalid_argument for options out of range or a verification folder that is not one,
// std::runtime_error naming the problem for a checkpoint that does not load or a model that cannot
// be written or read back. A failed verification is not thrown: see Verified() and
// kVerificationFailed.
CompiledCheckpoint CompileCheckpoint(const std::string& checkpoint_path, const CompileOptions& options);

inline constexpr const char* kVerificationFailed = "verification failed: the runtime does not reproduce the trainer";

}  // namespace ride::compiler

#endif  // RIDE_COMPILER_SRC_COMPILE_CHECKPOINT_H_
