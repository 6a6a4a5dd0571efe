// Reading the photographs the trainer learns from, as 8-bit gray.
//
// Formats, told apart by their first bytes: PNG (libpng), JPEG (libjpeg-turbo) and PGM (binary P5
// and ASCII P2, maxval <= 255, scaled to 8 bits as round(v * 255 / maxval)). Colour becomes gray by
// BT.601, GrayFromRgb below, the same integer formula the ride tool uses; alpha is ignored (never
// composited). 16-bit PNGs are refused. Errors throw std::runtime_error "PATH: what went wrong".
#ifndef RIDE_TRAINER_SRC_IMAGE_IO_H_
#define RIDE_TRAINER_SRC_IMAGE_IO_H_

#include <cstdint>
#include <string>
#include <vector>

namespace ride::trainer {

// An 8-bit gray image, row-major.
struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width * height
  uint8_t at(int row, int col) const { return pixels[static_cast<size_t>(row) * width + col]; }
};

// round(0.299 R + 0.587 G + 0.114 B) exactly in integers (halves round up).
inline uint8_t GrayFromRgb(uint8_t r, uint8_t g, uint8_t b) {
  return static_cast<uint8_t>((299u * r + 587u * g + 114u * b + 500u) / 1000u);
}

GrayImage ReadGrayImage(const std::string& path);

// The image files (.png, .jpg, .jpeg, .pgm, case-insensitive) directly in `dir`, as full paths
// sorted by file name (byte order), so that splits such as "first 180, last 20" are reproducible.
// Throws std::runtime_error if `dir` cannot be read or holds no image.
std::vector<std::string> ListImageFiles(const std::string& dir);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_IMAGE_IO_H_
