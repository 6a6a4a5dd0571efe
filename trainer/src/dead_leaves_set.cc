#include "trainer/src/dead_leaves_set.h"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <stdexcept>

#include "trainer/src/random.h"
#include "tools/common/file_error.h"

namespace ride::trainer {

void DeadLeavesSetOptions::Check() const {
  if (dir.empty()) throw std::invalid_argument("dead leaves: the output folder is empty");
  if (count < 1) throw std::invalid_argument("dead leaves: count must be positive, got " + std::to_string(count));
  if (test_count < 0 || test_count >= count) {
    throw std::invalid_argument("dead leaves: test count must be in 0.." + std::to_string(count - 1) + ", got " +
                                std::to_string(test_count));
  }
  params.Check();
}

uint64_t DeadLeavesImageSeed(uint64_t seed, int index) {
  return StreamGenerator(seed, static_cast<uint64_t>(index))();
}

GrayImage DeadLeavesImage(const DeadLeavesParams& params, uint64_t seed, int index) {
  GrayImage image;
  image.width = params.width;
  image.height = params.height;
  image.pixels = GenerateDeadLeaves(params, DeadLeavesImageSeed(seed, index));
  return image;
}

std::string DeadLeavesFileName(int index, int count) {
  int digits = 4;
  for (int limit = 10000; count - 1 >= limit && digits < 10; limit *= 10) ++digits;
  char name[64];
  std::snprintf(name, sizeof name, "dead-leaves-%0*d.png", digits, index);
  return name;
}

std::vector<std::string> DeadLeavesPaths(const DeadLeavesSetOptions& options) {
  options.Check();
  const std::filesystem::path dir(options.dir);
  const int train_count = options.count - options.test_count;
  std::vector<std::string> paths;
  for (int i = 0; i < options.count; ++i) {
    const std::filesystem::path folder =
        options.test_count == 0 ? dir : dir / (i < train_count ? "train" : "test");
    paths.push_back((folder / DeadLeavesFileName(i, options.count)).string());
  }
  return paths;
}

void WriteDeadLeavesSet(const DeadLeavesSetOptions& options, const std::function<void(int, int)>& progress) {
  const std::vector<std::string> paths = DeadLeavesPaths(options);
  if (!options.overwrite) {
    for (const std::string& path : paths) {
      if (std::filesystem::exists(path)) {
        tools::ThrowFileError(tools::FileErrorKind::kUsage, path, "exists; use -f to overwrite");
      }
    }
  }
  for (const std::string& path : paths) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  }
  const int n = options.count;
  std::vector<std::string> errors(n);
  int done = 0;
#pragma omp parallel for schedule(dynamic, 1)
  for (int i = 0; i < n; ++i) {
    try {
      WriteGrayImage(DeadLeavesImage(options.params, options.seed, i), paths[i], options.overwrite);
    } catch (const std::exception& e) {
      errors[i] = e.what();
    }
#pragma omp critical(ride_dead_leaves_progress)
    {
      ++done;
      if (progress) progress(done, n);
    }
  }
  for (const std::string& e : errors) {
    if (!e.empty()) throw std::runtime_error(e);
  }
}

}  // namespace ride::trainer
