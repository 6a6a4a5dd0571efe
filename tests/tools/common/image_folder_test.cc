#include "tools/common/image_folder.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "tests/shared_data.h"
#include "tests/tools/common/image_test_cases.h"

namespace ride::tools {
namespace {

using testing::Caught;
using testing::Contains;
using testing::KindOf;
using testing::ScratchDirectory;
using testing::WriteBytes;

TEST(ImageFolderTest, ListsTheImageExtensionsSortedByName) {
  ScratchDirectory dir;
  for (const char* name : {"b.PNG", "a.jpg", "c.jpeg", "d.pgm", "e.ppm", "f.pam", "g.pnm", "notes.txt", "h.gif",
                           ".a.png.ride-tmp-1-0", "noextension"}) {
    ASSERT_TRUE(WriteBytes(dir.File(name), "x"));
  }
  ASSERT_EQ(::mkdir(dir.File("sub.png").c_str(), 0755), 0);  // a folder, not an image
  const std::vector<std::string> files = ListImageFiles(dir.path());
  ::rmdir(dir.File("sub.png").c_str());
  std::vector<std::string> expected;
  for (const char* name : {"a.jpg", "b.PNG", "c.jpeg", "d.pgm", "e.ppm", "f.pam", "g.pnm"}) {
    expected.push_back(dir.File(name));
  }
  EXPECT_EQ(files, expected);
}

TEST(ImageFolderTest, AnEmptyOrMissingFolderIsAnErrorNamingIt) {
  ScratchDirectory dir;
  ASSERT_TRUE(WriteBytes(dir.File("readme.txt"), "x"));
  const auto empty = Caught([&] { ListImageFiles(dir.path()); });
  EXPECT_EQ(KindOf(empty), "input");
  EXPECT_TRUE(Contains(empty, dir.path() + ": no .png, .jpg"));
  const auto missing = Caught([] { ListImageFiles("/nonexistent-ride-dir"); });
  EXPECT_EQ(KindOf(missing), "I/O");
  EXPECT_TRUE(Contains(missing, "/nonexistent-ride-dir: cannot list directory"));
}

TEST(ImageFolderTest, BsdsTrainingFolderListsItsTwoHundredJpegsSorted) {
  RIDE_SKIP_WITHOUT_SHARED_DATA();
  const auto files = ListImageFiles(std::string(RIDE_SHARED_DATA_DIR) + "/bsds300/train");
  ASSERT_EQ(files.size(), 200u);
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
  EXPECT_EQ(files.front().substr(files.front().find_last_of('/') + 1), "100075.jpg");
}

}  // namespace
}  // namespace ride::tools
