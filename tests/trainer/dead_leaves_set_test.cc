// Folders of dead-leaves PNG files: names, count, the train/test layout, determinism per image,
// refusal to overwrite.
#include "trainer/src/dead_leaves_set.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "trainer/src/image_io.h"
#include "tools/common/image_folder.h"

namespace ride::trainer {
namespace {

namespace fs = std::filesystem;
using tools::ListImageFiles;

// A folder of this process only: other builds of the project may run the same tests at once.
std::string FreshDir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir.string();
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

DeadLeavesSetOptions Small(const std::string& dir, int count) {
  DeadLeavesSetOptions options;
  options.dir = dir;
  options.count = count;
  options.params.width = 24;
  options.params.height = 16;
  options.params.min_radius = 2;
  options.params.max_radius = 40;
  options.seed = 3;
  return options;
}

TEST(DeadLeavesSetTest, NamesAreZeroPaddedSoSortedOrderIsIndexOrder) {
  EXPECT_EQ(DeadLeavesFileName(0, 1000), "dead-leaves-0000.png");
  EXPECT_EQ(DeadLeavesFileName(999, 1000), "dead-leaves-0999.png");
  EXPECT_EQ(DeadLeavesFileName(9999, 10000), "dead-leaves-9999.png");
  EXPECT_EQ(DeadLeavesFileName(10000, 10001), "dead-leaves-10000.png");
  EXPECT_EQ(DeadLeavesFileName(7, 10001), "dead-leaves-00007.png");
}

TEST(DeadLeavesSetTest, WritesCountGrayPngsThatMatchTheirImageIndex) {
  const DeadLeavesSetOptions options = Small(FreshDir("ride-dead-leaves-flat"), 5);
  WriteDeadLeavesSet(options);
  const std::vector<std::string> files = ListImageFiles(options.dir);
  ASSERT_EQ(files.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(fs::path(files[i]).filename().string(), DeadLeavesFileName(i, 5));
    const GrayImage read = ReadGrayImage(files[i]);
    EXPECT_EQ(read.width, 24);
    EXPECT_EQ(read.height, 16);
    EXPECT_EQ(read.pixels, DeadLeavesImage(options.params, options.seed, i).pixels) << i;
  }
  EXPECT_NE(DeadLeavesImage(options.params, 3, 0).pixels, DeadLeavesImage(options.params, 3, 1).pixels);
  EXPECT_NE(DeadLeavesImage(options.params, 3, 0).pixels, DeadLeavesImage(options.params, 4, 0).pixels);
  EXPECT_EQ(std::distance(fs::directory_iterator(options.dir), fs::directory_iterator()), 5) << "a temporary is left";
}

TEST(DeadLeavesSetTest, SameSeedGivesTheSameFilesWhateverTheCount) {
  const DeadLeavesSetOptions a = Small(FreshDir("ride-dead-leaves-a"), 4);
  const DeadLeavesSetOptions b = Small(FreshDir("ride-dead-leaves-b"), 2);
  WriteDeadLeavesSet(a);
  WriteDeadLeavesSet(b);
  for (int i = 0; i < 2; ++i) {
    const std::string name = DeadLeavesFileName(i, 4);
    EXPECT_EQ(ReadBytes(a.dir + "/" + name), ReadBytes(b.dir + "/" + name)) << name;
  }
}

TEST(DeadLeavesSetTest, TestCountPutsTheLastImagesIntoTest) {
  DeadLeavesSetOptions options = Small(FreshDir("ride-dead-leaves-split"), 6);
  options.test_count = 2;
  int calls = 0, last = 0;
  WriteDeadLeavesSet(options, [&](int done, int count) {
    ++calls;
    last = done;
    EXPECT_EQ(count, 6);
  });
  EXPECT_EQ(calls, 6);
  EXPECT_EQ(last, 6);
  const std::vector<std::string> train = ListImageFiles(options.dir + "/train");
  const std::vector<std::string> test = ListImageFiles(options.dir + "/test");
  ASSERT_EQ(train.size(), 4u);
  ASSERT_EQ(test.size(), 2u);
  EXPECT_EQ(fs::path(train[3]).filename().string(), "dead-leaves-0003.png");
  EXPECT_EQ(fs::path(test[0]).filename().string(), "dead-leaves-0004.png");
  EXPECT_EQ(ReadGrayImage(test[1]).pixels, DeadLeavesImage(options.params, options.seed, 5).pixels);
}

TEST(DeadLeavesSetTest, ExistingFileIsRefusedWithoutOverwriteAndNothingIsWritten) {
  DeadLeavesSetOptions options = Small(FreshDir("ride-dead-leaves-exists"), 3);
  fs::create_directories(options.dir);
  const std::string taken = options.dir + "/" + DeadLeavesFileName(2, 3);
  std::ofstream(taken) << "mine";
  EXPECT_THROW(WriteDeadLeavesSet(options), std::runtime_error);
  EXPECT_FALSE(fs::exists(options.dir + "/" + DeadLeavesFileName(0, 3)));
  EXPECT_EQ(ReadBytes(taken), "mine");
  options.overwrite = true;
  WriteDeadLeavesSet(options);
  EXPECT_EQ(ReadGrayImage(taken).pixels, DeadLeavesImage(options.params, options.seed, 2).pixels);
}

TEST(DeadLeavesSetTest, BadCountsAreRefused) {
  DeadLeavesSetOptions options = Small(FreshDir("ride-dead-leaves-bad"), 0);
  EXPECT_THROW(options.Check(), std::invalid_argument);
  options.count = 3;
  options.test_count = 3;
  EXPECT_THROW(options.Check(), std::invalid_argument);
  options.test_count = -1;
  EXPECT_THROW(options.Check(), std::invalid_argument);
  options.test_count = 2;
  EXPECT_NO_THROW(options.Check());
  options.dir.clear();
  EXPECT_THROW(options.Check(), std::invalid_argument);
}

}  // namespace
}  // namespace ride::trainer
