// ride-compile: a trainer checkpoint -> a frozen .ride model for the runtime, verified.
//
//   ride-compile model.ckpt.json -o model.ride [--verify-images DIR] [--test-bits-per-pixel X]
//
// The checkpoint may hold an MCGSM (ride-train mcgsm), RIDE of any depth (ride-train ride) or a
// colour MCGSM (ride-train colour, R, G, B heads).
//
// Folds the whitening into the weights, loads the file back through the runtime's loader and checks
// that the runtime's per-pixel log-densities match the trainer's on real image patches
// (compiler/src/compile_checkpoint.h), then writes the file atomically.
//
// Exit status (tools/common/exit_status.h): 1 for a bad checkpoint or image, 2 for a bad command line
// or an output that exists without -f, 3 when the system refuses a read or write, 4 when the
// compiled model does not reproduce the trainer (a bug), 128 + N after signal N.
#include <cmath>
#include <cstdio>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>

#include "compiler/src/compile_checkpoint.h"
#include "ride/ride_version.h"
#include "tools/common/command_line.h"
#include "tools/common/exit_status.h"
#include "tools/common/interrupts.h"
#include "tools/common/output_file.h"

namespace {

namespace tools = ride::tools;

// The compiled model does not reproduce the trainer: a bug in ride, not in the user's files.
class VerificationFailed : public std::runtime_error {
 public:
  VerificationFailed() : std::runtime_error(ride::compiler::kVerificationFailed) {}
};

// A model that does not reproduce the trainer is ride's fault; the rest as every program maps it.
int ExitStatusFor(const std::exception& error) {
  if (dynamic_cast<const VerificationFailed*>(&error) != nullptr) return tools::kExitInternal;
  return tools::ExitStatusFor(error);
}

}  // namespace

int main(int argc, char** argv) {
  tools::InstallInterruptHandlers();
  CLI::App app{"ride-compile: freeze a trained model into a .ride file for the runtime", "ride-compile"};
  tools::SetUpCommandLine(app);
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
  if (auto status = tools::ParseCommandLine(app, argc, argv)) return *status;

  try {
    ride::compiler::CompileOptions options;
    options.verify_dir = verify_dir;
    options.verify_patches = verify_patches;
    options.test_bits_per_pixel = test_bits;
    options.notes = notes;
    const ride::compiler::CompiledCheckpoint compiled = ride::compiler::CompileCheckpoint(checkpoint_path, options);
    const ride::compiler::VerifyReport& report = compiled.report;
    std::printf("verified on %d patches (%lld pixels) of %s: max |runtime - trainer| = %.2e nats/px (limit %.0e)\n",
                report.patches, static_cast<long long>(report.pixels), compiled.verify_dir.c_str(),
                report.max_abs_difference, report.limit);
    if (!compiled.Verified()) throw VerificationFailed();

    ride::tools::OutputFileOptions output_options;
    output_options.overwrite = force;
    output_options.input_path = checkpoint_path;
    ride::tools::WriteFileAtomically(
        output_path, {reinterpret_cast<const char*>(compiled.bytes.data()), compiled.bytes.size()}, output_options);

    const ride::engine::EngineModel& folded = compiled.model;
    const auto& head = folded.head;
    std::printf("wrote %s: %zu bytes\n", output_path.c_str(), compiled.bytes.size());
    std::printf("  model:       %s, window %zux%zu (%zu inputs), padding %.3g\n",
                folded.layers.empty() ? (folded.channels == 3 ? "colour MCGSM" : "MCGSM") : "RIDE", folded.window.width, folded.window.height,
                folded.window.Inputs(), folded.padding);
    for (std::size_t l = 0; l < folded.layers.size(); ++l) {
      std::printf("  layer %zu:     spatial LSTM, %zu hidden%s%s\n", l + 1, folded.layers[l].hidden,
                  folded.layers[l].extended ? ", extended" : "", folded.layers[l].bounded ? ", bounded cells" : "");
    }
    std::printf("  MCGSM:       %zu components x %zu scales, %zu features%s\n", head.components, head.scales,
                head.features, folded.channels == 3 ? ", one head per channel (R, G, B)" : "");
    std::printf("  parameters:  %zu floats, %zu multiply-adds per pixel\n", folded.ParameterCount(), folded.MultiplyAddsPerPixel());
    std::printf("  fingerprint: %s\n", compiled.fingerprint_hex.c_str());
    std::printf("  validation:  log-likelihood rate %.4f bit/px (trainer; higher is better)\n",
                compiled.validation_bits_per_pixel);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "ride-compile: %s\n", error.what());
    return ExitStatusFor(error);
  }
  return tools::kExitSuccess;
}
