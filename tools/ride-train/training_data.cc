#include "tools/ride-train/training_data.h"

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "tools/common/file_error.h"
#include "trainer/src/neighborhood.h"
#include "trainer/src/texture_split.h"

namespace ride::trainer {

void RefuseExistingOutput(const std::string& path, bool force, const Communicator& comm) {
  if (comm.is_root() && !force && std::filesystem::exists(path)) {
    tools::ThrowFileError(tools::FileErrorKind::kUsage, path, "exists; use -f to overwrite");
  }
}

void AddTrainingImageOptions(CLI::App* command, TrainingImageSource* source, const std::string& texture_help) {
  CLI::Option* train_dir = command->add_option(
      "--train-dir", source->train_dirs,
      "folder of training images, sorted by name (repeatable; without --val-dir the last --val-count validate)");
  CLI::Option* texture = command->add_option("--texture", source->texture, texture_help);
  train_dir->excludes(texture);
  command
      ->add_option("--held-out-region", source->held_out_region,
                   "--texture: region held out, 0..15 in raster order (15: bottom right)")
      ->check(CLI::Range(0, kTextureRegions - 1));
  CLI::Option* val_count =
      command->add_option("--val-count", source->val_count, "images at the end of the training folders used for validation")
          ->capture_default_str();
  command
      ->add_option("--val-dir", source->val_dirs,
                   "folder of validation images, used as they are (repeatable); the training folders then all train")
      ->excludes(val_count)
      ->excludes(texture);
  command
      ->add_option("--downscale", source->downscales,
                   "train on each image at each of these area-averaging factors, e.g. --downscale 1 2 4")
      ->check(CLI::Range(1, 16))
      ->excludes(texture)
      ->capture_default_str();
}

void AddThreadsOption(CLI::App* command, int* threads) {
  command->add_option("-j,--threads", *threads, "threads (0: all cores)")->check(AtLeast(0));
}

CLI::Validator AtLeast(long long minimum) {
  return CLI::Validator(
      [minimum](std::string& text) -> std::string {
        char* end = nullptr;
        errno = 0;
        const long long value = std::strtoll(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0' || errno != 0 || value < minimum) {
          return "'" + text + "' is not an integer >= " + std::to_string(minimum);
        }
        return "";
      },
      "", "at least " + std::to_string(minimum));
}

CLI::Validator WindowValidator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        try {
          CausalWindow::Parse(text);
          return "";
        } catch (const std::invalid_argument& error) {
          return error.what();
        }
      },
      "", "window");
}

void AddMpiTimeoutOption(CLI::App* command, double* seconds) {
  command
      ->add_option("--mpi-timeout", *seconds,
                   "with MPI: seconds a rank waits for another before it reports that rank lost and ends the job")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

}  // namespace ride::trainer
