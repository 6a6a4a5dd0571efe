#include "trainer/src/texture_split.h"

#include <stdexcept>

namespace ride::trainer {

GrayImage CropGray(const GrayImage& image, int top, int left, int width, int height) {
  if (top < 0 || left < 0 || width < 1 || height < 1 || top + height > image.height ||
      left + width > image.width) {
    throw std::invalid_argument("crop: " + std::to_string(width) + "x" + std::to_string(height) + " at (" +
                                std::to_string(top) + ", " + std::to_string(left) + ") is not inside a " +
                                std::to_string(image.width) + "x" + std::to_string(image.height) + " image");
  }
  GrayImage out;
  out.width = width;
  out.height = height;
  out.pixels.resize(static_cast<size_t>(width) * height);
  for (int r = 0; r < height; ++r) {
    for (int c = 0; c < width; ++c) {
      out.pixels[static_cast<size_t>(r) * width + c] = image.at(top + r, left + c);
    }
  }
  return out;
}

TextureSplit SplitTexture(const GrayImage& image, int held_out_region) {
  if (held_out_region < 0 || held_out_region >= kTextureRegions) {
    throw std::invalid_argument("held-out region: " + std::to_string(held_out_region) + " is not in 0.." +
                                std::to_string(kTextureRegions - 1));
  }
  if (image.width < kTextureGrid || image.height < kTextureGrid) {
    throw std::invalid_argument("texture: a " + std::to_string(image.width) + "x" + std::to_string(image.height) +
                                " image is smaller than the 4x4 grid of regions");
  }
  TextureSplit split;
  split.region_width = image.width / kTextureGrid;
  split.region_height = image.height / kTextureGrid;
  split.held_out_region = held_out_region;
  for (int k = 0; k < kTextureRegions; ++k) {
    GrayImage region = CropGray(image, (k / kTextureGrid) * split.region_height, (k % kTextureGrid) * split.region_width,
                                split.region_width, split.region_height);
    if (k == held_out_region) {
      split.held_out = std::move(region);
    } else {
      split.train.push_back(std::move(region));
    }
  }
  return split;
}

TextureSplit ReadTextureSplit(const std::string& path, int held_out_region) {
  const GrayImage image = ReadGrayImage(path);
  try {
    return SplitTexture(image, held_out_region);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path + ": " + e.what());
  }
}

}  // namespace ride::trainer
