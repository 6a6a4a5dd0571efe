#include "tools/ride/image_size.h"

#include <gtest/gtest.h>

#include "tools/common/file_error.h"

namespace ride::cli {
namespace {

TEST(ParseImageSizeTest, AcceptsWidthByHeightOnly) {
  const ImageSize size = ParseImageSize("256x128");
  EXPECT_EQ(size.width, 256u);
  EXPECT_EQ(size.height, 128u);
  EXPECT_EQ(ParseImageSize("1X65535").height, 65535u);
  EXPECT_EQ(ParseImageSize("999999999x1").width, 999999999u);  // the sampler's limit is checked by ride.h
  for (const char* bad : {"", "x", "256", "256x", "x256", "256x128x", "-1x5", " 5x5", "5x5 ", "5*5", "0x5", "5x0",
                          "1234567890x1"}) {
    EXPECT_THROW(ParseImageSize(bad), tools::FileError) << bad;
  }
}

}  // namespace
}  // namespace ride::cli
