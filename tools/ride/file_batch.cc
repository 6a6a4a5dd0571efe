#include "tools/ride/file_batch.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <thread>

#include "tools/common/exit_status.h"
#include "tools/common/file_error.h"
#include "tools/ride/ride_api.h"

namespace ride::cli {
namespace {

bool IsDirectory(const std::string& path) {
  struct stat status;
  return path != "-" && ::stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

// One file's job, its failure reported; returns its exit status.
int RunOne(const std::string& command, std::size_t index, const std::string& input, uint32_t threads, bool progress,
           const FileJob& job) {
  try {
    if (IsDirectory(input)) {
      tools::ThrowFileError(tools::FileErrorKind::kUsage, input, "is a folder; pass -r to code the files in it");
    }
    job(index, input, threads, progress);
    return tools::kExitSuccess;
  } catch (const std::exception& error) {
    return ReportFailure(command, error);
  }
}

}  // namespace

std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs, bool recursive,
                                      bool (*wanted)(const std::string& path)) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    if (!recursive || !IsDirectory(input)) {
      files.push_back(input);
      continue;
    }
    std::vector<std::string> found;
    std::error_code error;
    for (auto it = std::filesystem::recursive_directory_iterator(input, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      const std::string path = it->path().string();
      if (it->is_regular_file(error) && wanted(path)) found.push_back(path);
    }
    if (error) tools::ThrowIoError(input, "cannot list the folder", error.value());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

int RunBatch(const std::string& command, const std::vector<std::string>& inputs, uint32_t threads, bool quiet,
             const FileJob& job) {
  threads = std::max<uint32_t>(threads, 1);
  std::vector<int> statuses(inputs.size(), tools::kExitSuccess);
  if (inputs.size() <= 1 || threads == 1) {
    for (std::size_t i = 0; i < inputs.size(); ++i) statuses[i] = RunOne(command, i, inputs[i], threads, !quiet, job);
  } else {
    const uint32_t workers = static_cast<uint32_t>(std::min<std::size_t>(threads, inputs.size()));
    const uint32_t each = std::max<uint32_t>(1, threads / workers);
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    for (uint32_t w = 0; w < workers; ++w) {
      pool.emplace_back([&] {
        for (std::size_t i = next++; i < inputs.size(); i = next++) {
          statuses[i] = RunOne(command, i, inputs[i], each, /*progress=*/false, job);
        }
      });
    }
    for (std::thread& worker : pool) worker.join();
  }
  int status = tools::kExitSuccess;
  std::size_t failed = 0;
  for (int one : statuses) {
    status = tools::CombinedExitStatus(status, one);
    failed += one != tools::kExitSuccess;
  }
  if (inputs.size() > 1 && failed > 0) {
    std::fprintf(stderr, "ride %s: %zu of %zu files failed\n", command.c_str(), failed, inputs.size());
  }
  return status;
}

}  // namespace ride::cli
