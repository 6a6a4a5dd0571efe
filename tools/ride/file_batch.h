// Many files in one command, as zstd takes them: folders walked with -r, every file tried even when
// one fails, several at a time over -j, one line at the end saying how many failed, and the exit
// status of the first that did.
#ifndef RIDE_TOOLS_RIDE_FILE_BATCH_H_
#define RIDE_TOOLS_RIDE_FILE_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ride::cli {

// The files a command runs on: `inputs` in order, each folder replaced (with `recursive`) by the
// files under it that `wanted` accepts by name, sorted; without `recursive` a folder stays in the
// list, and RunBatch reports it.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs, bool recursive,
                                      bool (*wanted)(const std::string& path));

// How one file (inputs[index]) is worked on: with `threads` threads, and a progress meter when
// `progress`.
using FileJob = std::function<void(std::size_t index, const std::string& input, uint32_t threads, bool progress)>;

// Runs `job` on each input: one at a time with all `threads` when there is one input or one
// thread (with progress meters unless `quiet`), else min(threads, inputs) at a time with the
// threads shared out and no progress meters.
// A job that throws is reported as "ride COMMAND: message" and the others go on. With several
// inputs, a failure ends with "ride COMMAND: N of M files failed". Returns the exit status.
int RunBatch(const std::string& command, const std::vector<std::string>& inputs, uint32_t threads, bool quiet,
             const FileJob& job);


}  // namespace ride::cli

#endif  // RIDE_TOOLS_RIDE_FILE_BATCH_H_
