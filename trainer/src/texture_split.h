// The paper's texture protocol: one texture image cut into a 4 × 4 grid of equal regions, 15 of them
// training images and one held out (validation during training, the test image afterwards).
//
// Regions are numbered in raster order, 0 = top left, 3 = top right, 15 = bottom right (the default
// held-out region). Each region is floor(width / 4) × floor(height / 4) pixels; when the size is not
// divisible by 4 the remainder columns at the right and rows at the bottom are dropped.
#ifndef RIDE_TRAINER_SRC_TEXTURE_SPLIT_H_
#define RIDE_TRAINER_SRC_TEXTURE_SPLIT_H_

#include <string>
#include <vector>

#include "trainer/src/image_io.h"

namespace ride::trainer {

inline constexpr int kTextureGrid = 4;  // regions per row and per column
inline constexpr int kTextureRegions = kTextureGrid * kTextureGrid;
inline constexpr int kDefaultHeldOutRegion = kTextureRegions - 1;

struct TextureSplit {
  int region_width = 0, region_height = 0;
  int held_out_region = kDefaultHeldOutRegion;
  std::vector<GrayImage> train;  // the 15 other regions, in region order
  GrayImage held_out;
};

// The `width` × `height` block of `image` whose top-left pixel is (top, left). Throws
// std::invalid_argument if it does not lie inside the image.
GrayImage CropGray(const GrayImage& image, int top, int left, int width, int height);

// Throws std::invalid_argument if `held_out_region` is not in 0..15 or the image is smaller than
// 4 × 4 pixels (a region needs at least one pixel).
TextureSplit SplitTexture(const GrayImage& image, int held_out_region = kDefaultHeldOutRegion);

// Reads the image (gray, colour converted by ReadGrayImage) and splits it.
TextureSplit ReadTextureSplit(const std::string& path, int held_out_region = kDefaultHeldOutRegion);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_TEXTURE_SPLIT_H_
