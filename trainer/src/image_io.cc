#include "trainer/src/image_io.h"

#include <memory>
#include <stdexcept>

#include "tools/common/image_file.h"
#include "tools/common/image_output.h"

namespace ride::trainer {

GrayImage ReadGrayImage(const std::string& path) {
  tools::ImageReadOptions options;
  options.to_gray = true;
  const std::unique_ptr<tools::ImageReader> reader = tools::OpenImageReader(path, options);
  GrayImage image;
  image.width = static_cast<int>(reader->width());
  image.height = static_cast<int>(reader->height());
  image.pixels = tools::ReadAllRows(reader.get());
  return image;
}

void WriteGrayImage(const GrayImage& image, const std::string& path, bool overwrite) {
  if (image.width < 1 || image.height < 1 ||
      image.pixels.size() != static_cast<size_t>(image.width) * static_cast<size_t>(image.height)) {
    throw std::invalid_argument(path + ": image of " + std::to_string(image.width) + "x" +
                                std::to_string(image.height) + " with " + std::to_string(image.pixels.size()) +
                                " pixels");
  }
  tools::OutputFileOptions options;
  options.overwrite = overwrite;
  tools::WriteImageFile(path, static_cast<uint32_t>(image.width), static_cast<uint32_t>(image.height),
                        image.pixels.data(), options);
}

}  // namespace ride::trainer
