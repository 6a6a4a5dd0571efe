#include "trainer/src/neighborhood.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace ride::trainer {
namespace {

TEST(CausalWindowTest, SizeKIsKWideAndHalfHigh) {
  const CausalWindow w = CausalWindow::OfSize(5);
  EXPECT_EQ(w.width, 5);
  EXPECT_EQ(w.height, 3);
  EXPECT_EQ(w.Inputs(), 12);  // DESIGN §2: k = 5 gives 12 inputs
  EXPECT_EQ(CausalWindow::Parse("9x5").Inputs(), 40);
}

TEST(CausalWindowTest, ParseRejectsEvenWidthAndGarbage) {
  EXPECT_THROW(CausalWindow::Parse("8x5"), std::invalid_argument);
  EXPECT_THROW(CausalWindow::Parse("9x5x"), std::invalid_argument);
  EXPECT_THROW(CausalWindow::Parse("nine"), std::invalid_argument);
  EXPECT_THROW(CausalWindow::Parse("1x1"), std::invalid_argument);  // no inputs
}

// A 4 × 3 image whose value at (r, c) is r * 10 + c, so every input names its position.
std::vector<double> TinyImage() {
  std::vector<double> v;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 4; ++c) v.push_back(r * 10 + c);
  }
  return v;
}

TEST(NeighborhoodTest, RowsAboveTopFirstThenLeftPixelsInOrder) {
  const std::vector<double> image = TinyImage();
  const CausalWindow w{3, 3};  // 2 rows of 3, then 1 to the left: 7 inputs
  std::vector<double> out(w.Inputs());
  ExtractNeighborhood(image.data(), 4, 3, w, -1.0, 2, 2, out.data());
  EXPECT_EQ(out, (std::vector<double>{1, 2, 3, 11, 12, 13, 21}));
}

TEST(NeighborhoodTest, OutsideTheImageReadsPadding) {
  const std::vector<double> image = TinyImage();
  const CausalWindow w{5, 2};  // 1 row of 5, then 2 to the left
  std::vector<double> out(w.Inputs());
  ExtractNeighborhood(image.data(), 4, 3, w, kPadding, 0, 0, out.data());
  EXPECT_EQ(out, std::vector<double>(7, kPadding));
  ExtractNeighborhood(image.data(), 4, 3, w, kPadding, 1, 3, out.data());
  EXPECT_EQ(out, (std::vector<double>{1, 2, 3, kPadding, kPadding, 11, 12}));
  ExtractNeighborhood(image.data(), 4, 3, w, kPadding, 2, 1, out.data());
  EXPECT_EQ(out, (std::vector<double>{kPadding, 10, 11, 12, 13, kPadding, 20}));
}

TEST(NeighborhoodTest, AllPairsCoverEveryPixelInRasterOrder) {
  const std::vector<double> image = TinyImage();
  Eigen::MatrixXd x;
  Eigen::RowVectorXd y;
  ExtractAllPairs(image.data(), 4, 3, CausalWindow{3, 2}, kPadding, &x, &y);
  ASSERT_EQ(x.rows(), 4);
  ASSERT_EQ(x.cols(), 12);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(y[i], image[i]);
  // Pixel (1, 0): row above is (0,-1),(0,0),(0,1); left is (1,-1).
  EXPECT_EQ(x.col(4), Eigen::Vector4d(kPadding, 0, 1, kPadding));
}

}  // namespace
}  // namespace ride::trainer
