// Writing 8-bit gray PNG files (libpng), e.g. generated training images.
#ifndef RIDE_TRAINER_SRC_PNG_WRITER_H_
#define RIDE_TRAINER_SRC_PNG_WRITER_H_

#include <string>

#include "trainer/src/image_io.h"

namespace ride::trainer {

// The bytes of a PNG file (8-bit gray, no interlacing) holding `image`. Throws std::invalid_argument
// if the image is empty or its pixel count disagrees with its size, std::runtime_error if libpng fails.
std::string EncodeGrayPng(const GrayImage& image);

// EncodeGrayPng written atomically (PATH.tmp, then renamed over PATH); throws std::runtime_error
// naming the file on failure.
void WriteGrayPng(const GrayImage& image, const std::string& path);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_PNG_WRITER_H_
