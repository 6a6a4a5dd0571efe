// The images the trainer learns from, as 8-bit gray, read and written through the tool library
// (tools/common/image_file.h), so that the trainer sees exactly the pixels ride codes.
//
// Reading takes every format that library reads (PNG, JPEG, PGM/PPM/PAM) and always converts:
// colour becomes gray by BT.601 (tools::GrayFromRgb) and alpha is dropped, never composited.
// 16-bit images and the other files that library refuses are refused. Errors throw
// tools::FileError (a std::runtime_error) "PATH: what went wrong".
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

GrayImage ReadGrayImage(const std::string& path);

// `image` as an 8-bit gray PNG or PGM, by the extension of `path`, written atomically
// (tools::OutputFile: a temporary beside it, fsync, rename); an existing file is replaced only if
// `overwrite`. Throws std::invalid_argument if the image is empty or its pixel count disagrees with
// its size, tools::FileError naming the file otherwise.
void WriteGrayImage(const GrayImage& image, const std::string& path, bool overwrite);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_IMAGE_IO_H_
