// The ride tool's subcommands. Each returns the process exit status and reports errors on stderr
// as "ride SUBCOMMAND: message"; none leaves a partial output file behind.
#ifndef RIDE_TOOLS_RIDE_COMMANDS_H_
#define RIDE_TOOLS_RIDE_COMMANDS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace ride::cli {

struct CompressOptions {
  std::string input, output, model_path;
  bool force = false, quiet = false, gray = false;
  bool strip = false;  // keep no metadata (a PNG's chunks)
  uint32_t lanes = 0;       // 0: the codec's default
  uint32_t group_rows = 0;  // 0: the codec's default
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

struct SampleOptions {
  std::string output, model_path;
  std::string size;          // "WxH"; optional with a context image (then its size)
  std::string context_path;  // image whose top rows / left columns are kept
  uint32_t context_rows = 0, context_columns = 0;
  uint64_t seed = 0;
  bool force = false, quiet = false, gray = false;
  uint32_t threads = 1;
};
int RunSample(const SampleOptions& options);

struct InpaintOptions {
  std::string input, mask_path, output, model_path;
  uint64_t seed = 0;
  uint32_t sweeps = 10;
  bool force = false, quiet = false, gray = false;
  uint32_t threads = 1;
};
int RunInpaint(const InpaintOptions& options);

// The default for -j: the machine's hardware threads, within the codec's limit.
uint32_t DefaultThreads();

}  // namespace ride::cli

#endif  // RIDE_TOOLS_RIDE_COMMANDS_H_
