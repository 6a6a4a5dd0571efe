#include "trainer/src/png_writer.h"

#include <png.h>

#include <stdexcept>

#include "trainer/src/atomic_file.h"

namespace ride::trainer {

std::string EncodeGrayPng(const GrayImage& image) {
  if (image.width < 1 || image.height < 1 ||
      image.pixels.size() != static_cast<size_t>(image.width) * static_cast<size_t>(image.height)) {
    throw std::invalid_argument("png: image of " + std::to_string(image.width) + "x" + std::to_string(image.height) +
                                " with " + std::to_string(image.pixels.size()) + " pixels");
  }
  // libpng's simplified API: no longjmp-based error handling to carry across C++ frames.
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(image.width);
  png.height = static_cast<png_uint_32>(image.height);
  png.format = PNG_FORMAT_GRAY;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&png, nullptr, &size, 0, image.pixels.data(), 0, nullptr)) {
    const std::string message = png.message;
    png_image_free(&png);
    throw std::runtime_error("png: " + message);
  }
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&png, out.data(), &size, 0, image.pixels.data(), 0, nullptr)) {
    const std::string message = png.message;
    png_image_free(&png);
    throw std::runtime_error("png: " + message);
  }
  out.resize(size);
  return out;
}

void WriteGrayPng(const GrayImage& image, const std::string& path) {
  WriteTextAtomically(EncodeGrayPng(image), path);
}

}  // namespace ride::trainer
