// A folder of dead-leaves images (dead_leaves.h) as 8-bit gray PNG files, the paper's second data
// set: dead-leaves-0000.png, dead-leaves-0001.png, ... (zero-padded to at least 4 digits, more when
// the count needs them, so the sorted file order is the index order).
//
// Image i is GenerateDeadLeaves(params, DeadLeavesImageSeed(seed, i)), so any one image can be
// regenerated alone and the set does not depend on the thread count. With test_count > 0 the last
// test_count images go to DIR/test and the others to DIR/train (the layout of BSDS300, which
// `ride-train --train-dir DIR/train` and `ride-train eval --dir DIR/test` read); the file names keep
// the global index either way.
#ifndef RIDE_TRAINER_SRC_DEAD_LEAVES_SET_H_
#define RIDE_TRAINER_SRC_DEAD_LEAVES_SET_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "trainer/src/dead_leaves.h"
#include "trainer/src/image_io.h"

namespace ride::trainer {

struct DeadLeavesSetOptions {
  std::string dir;
  int count = 0;
  int test_count = 0;  // 0: every image directly in dir
  DeadLeavesParams params;
  uint64_t seed = 1;
  bool overwrite = false;  // otherwise an existing file is an error and nothing is written
  // Throws std::invalid_argument naming the field (empty dir, count < 1, test_count outside
  // 0..count - 1, bad params).
  void Check() const;
};

// The generator seed of image `index`: the first output of StreamGenerator(seed, index).
uint64_t DeadLeavesImageSeed(uint64_t seed, int index);

// Image `index` of a set, exactly as WriteDeadLeavesSet writes it.
GrayImage DeadLeavesImage(const DeadLeavesParams& params, uint64_t seed, int index);

// "dead-leaves-0042.png" for index 42 of a set of `count`.
std::string DeadLeavesFileName(int index, int count);

// Where each image of the set goes, in index order.
std::vector<std::string> DeadLeavesPaths(const DeadLeavesSetOptions& options);

// Creates the folders and writes every image atomically, in parallel (OpenMP). Before writing
// anything, throws std::runtime_error naming the first file that exists unless options.overwrite.
// `progress(done, count)` runs after each image, one call at a time (from any thread).
void WriteDeadLeavesSet(const DeadLeavesSetOptions& options, const std::function<void(int, int)>& progress = {});

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_DEAD_LEAVES_SET_H_
