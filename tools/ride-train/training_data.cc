#include "tools/ride-train/training_data.h"

#include <filesystem>
#include <stdexcept>

namespace ride::trainer {

void RefuseExistingOutput(const std::string& path, bool force, const Communicator& comm) {
  if (comm.is_root() && !force && std::filesystem::exists(path)) {
    throw std::runtime_error(path + ": exists (use -f to overwrite)");
  }
}

void AddMpiTimeoutOption(CLI::App* command, double* seconds) {
  command
      ->add_option("--mpi-timeout", *seconds,
                   "with MPI: seconds a rank waits for another before it reports that rank lost and ends the job")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

}  // namespace ride::trainer
