#include "tools/ride-train/training_data.h"

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "tools/common/file_error.h"
#include "trainer/src/neighborhood.h"

namespace ride::trainer {

void RefuseExistingOutput(const std::string& path, bool force, const Communicator& comm) {
  if (comm.is_root() && !force && std::filesystem::exists(path)) {
    tools::ThrowFileError(tools::FileErrorKind::kUsage, path, "exists; use -f to overwrite");
  }
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
