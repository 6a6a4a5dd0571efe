// FloatArray: a view reads someone else's floats and is never written through; building makes
// storage of the array's own.
#include "runtime/src/engine/float_array.h"

#include <gtest/gtest.h>

#include <vector>

namespace ride::engine {
namespace {

TEST(FloatArrayTest, ViewReadsTheFloatsWhereTheyAre) {
  const float floats[] = {1.0f, 2.0f, 3.0f};
  const FloatArray view = FloatArray::View(floats, 3);
  EXPECT_TRUE(view.is_view());
  EXPECT_EQ(view.data(), floats);
  EXPECT_EQ(view.size(), 3u);
  EXPECT_FALSE(view.empty());
  EXPECT_EQ(view[2], 3.0f);
  EXPECT_EQ(view.front(), 1.0f);
  EXPECT_EQ(view.back(), 3.0f);
  float sum = 0;
  for (float v : view) sum += v;
  EXPECT_EQ(sum, 6.0f);
}

TEST(FloatArrayTest, CopyOfAViewIsAViewOfTheSameFloats) {
  const float floats[] = {4.0f, 5.0f};
  const FloatArray view = FloatArray::View(floats, 2);
  const FloatArray copy = view;
  EXPECT_TRUE(copy.is_view());
  EXPECT_EQ(copy.data(), floats);
  FloatArray moved = FloatArray(view);
  FloatArray target;
  target = std::move(moved);
  EXPECT_EQ(target.data(), floats);
  EXPECT_TRUE(moved.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
}

TEST(FloatArrayTest, WritingToAViewCopiesFirstAndLeavesTheFloatsAlone) {
  float floats[] = {1.0f, 2.0f, 3.0f};
  FloatArray array = FloatArray::View(floats, 3);
  array[1] = 20.0f;
  EXPECT_FALSE(array.is_view());
  EXPECT_NE(array.data(), floats);
  EXPECT_EQ(floats[1], 2.0f);
  EXPECT_EQ(array[1], 20.0f);
  EXPECT_EQ(array[2], 3.0f);

  FloatArray pushed = FloatArray::View(floats, 3);
  pushed.push_back(4.0f);
  EXPECT_EQ(pushed.size(), 4u);
  EXPECT_EQ(pushed[0], 1.0f);
  pushed.pop_back();
  pushed.pop_back();
  EXPECT_EQ(pushed.size(), 2u);
  EXPECT_EQ(floats[2], 3.0f);
}

TEST(FloatArrayTest, BuildsLikeAVector) {
  FloatArray array;
  EXPECT_TRUE(array.empty());
  EXPECT_FALSE(array.is_view());
  array.resize(3);
  for (float& v : array) v = 7.0f;
  EXPECT_EQ(array[2], 7.0f);
  array = std::vector<float>{1.0f, 2.0f};
  EXPECT_EQ(array.size(), 2u);
  array = {9.0f};
  EXPECT_EQ(array[0], 9.0f);
  array.assign(4, 0.5f);
  EXPECT_EQ(array.size(), 4u);
  EXPECT_EQ(array[3], 0.5f);
  const std::vector<float> source = {1.0f, 2.0f, 3.0f};
  array.assign(source.begin(), source.end());
  array.erase(array.begin());
  EXPECT_EQ(array, FloatArray({2.0f, 3.0f}));
  const FloatArray copy = array;
  EXPECT_NE(copy.data(), array.data());
  EXPECT_EQ(copy, array);
  array.clear();
  EXPECT_TRUE(array.empty());
  EXPECT_NE(copy, array);
}

TEST(FloatArrayTest, EqualityComparesValuesNotStorage) {
  const float floats[] = {1.0f, 2.0f};
  EXPECT_EQ(FloatArray::View(floats, 2), FloatArray({1.0f, 2.0f}));
  EXPECT_NE(FloatArray::View(floats, 1), FloatArray({1.0f, 2.0f}));
}

}  // namespace
}  // namespace ride::engine
