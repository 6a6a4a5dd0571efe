// The ride tool's subcommands. Each returns the process exit status and reports errors on stderr
// as "ride SUBCOMMAND: message"; none leaves a partial output file behind.
#ifndef RIDE_RUNTIME_SRC_CLI_COMMANDS_H_
#define RIDE_RUNTIME_SRC_CLI_COMMANDS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace ride::cli {

struct CompressOptions {
  std::string input, output, model_path;
  bool force = false, quiet = false, gray = false;
  uint32_t lanes = 0;  // 0: the codec's default
  uint32_t threads = 1;
};
int RunCompress(const CompressOptions& options);

struct DecompressOptions {
  std::string input, output, model_path;
  bool force = false, quiet = false;
  uint32_t threads = 1;
};
int RunDecompress(const DecompressOptions& options);

struct InfoOptions {
  std::string input, model_path;
};
int RunInfo(const InfoOptions& options);

struct EvalOptions {
  std::vector<std::string> inputs;
  std::string model_path, map_path;
  bool gray = false, force = false, quiet = false;
};
int RunEval(const EvalOptions& options);

// The default for -j: the machine's hardware threads, within the codec's limit.
uint32_t DefaultThreads();

}  // namespace ride::cli

#endif  // RIDE_RUNTIME_SRC_CLI_COMMANDS_H_
