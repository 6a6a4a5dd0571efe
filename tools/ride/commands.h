// The ride tool's subcommands. Each returns the process exit status (tools/common/exit_status.h)
// and reports errors on stderr as "ride SUBCOMMAND: message", one line naming the file once; none
// leaves a partial output file behind. Commands that take several files go on past a failing one
// (tools/ride/file_batch.h). "-" is standard input or output wherever a file is read or written.
#ifndef RIDE_TOOLS_RIDE_COMMANDS_H_
#define RIDE_TOOLS_RIDE_COMMANDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "ride/ride.h"

namespace ride::cli {

struct CompressOptions {
  std::vector<std::string> inputs;  // images, or folders with `recursive`
  std::string output;               // one input only; default: the input's stem + .rim ("-" for "-")
  std::string output_dir;           // where default names go instead of beside the inputs
  std::string model_path;
  bool force = false, quiet = false, gray = false;
  bool strip = false;       // keep no metadata (a PNG's chunks)
  bool recursive = false;   // walk folders for images
  bool force_name = false;  // allow an output name with an image's or model's extension
  uint32_t lanes = 0;       // 0: the codec's default
  uint32_t group_rows = 0;  // 0: the codec's default
  uint32_t effort = RIDE_DEFAULT_EFFORT;  // picks the built-in model when model_path is empty
  uint32_t threads = 1;
};
int RunCompress(const CompressOptions& options);

struct DecompressOptions {
  std::vector<std::string> inputs;  // .rim files, or folders with `recursive`
  std::string output;               // one input only; default: the stem + the source format's extension
  std::string output_dir;
  std::string format;               // "png", "pgm", "pam"; default: the name's, else the source format's
  std::string model_path;
  bool force = false, quiet = false, recursive = false, force_name = false;
  uint32_t threads = 1;
};
int RunDecompress(const DecompressOptions& options);

struct InfoOptions {
  std::vector<std::string> inputs;  // .rim or .ride files
  std::string model_path;
};
int RunInfo(const InfoOptions& options);

struct EvalOptions {
  std::vector<std::string> inputs;
  std::string model_path, map_path, trust_map_path;
  bool gray = false, force = false, quiet = false;
  uint32_t effort = RIDE_DEFAULT_EFFORT;  // as CompressOptions::effort
  uint32_t threads = 1;
};
int RunEval(const EvalOptions& options);

struct SampleOptions {
  std::string output, model_path;
  std::string format;        // as DecompressOptions::format; default PNG for "-"
  std::string size;          // "WxH"; optional with a context image (then its size)
  std::string context_path;  // image whose top rows / left columns are kept
  uint32_t context_rows = 0, context_columns = 0;
  uint64_t seed = 0;
  bool force = false, quiet = false, gray = false, force_name = false;
  uint32_t threads = 1;
};
int RunSample(const SampleOptions& options);

struct InpaintOptions {
  std::string input, mask_path, output, model_path;
  std::string format;  // as SampleOptions::format
  uint64_t seed = 0;
  uint32_t sweeps = 10;
  bool force = false, quiet = false, gray = false, force_name = false;
  uint32_t threads = 1;
};
int RunInpaint(const InpaintOptions& options);

// The default for -j: the machine's hardware threads, within the codec's limit.
uint32_t DefaultThreads();

}  // namespace ride::cli

#endif  // RIDE_TOOLS_RIDE_COMMANDS_H_
