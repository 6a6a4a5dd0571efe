// Writes gray copies of the images in a folder, the way `ride --gray` and the trainer see them
// (BT.601), as PGM and PNG, so that every codec in the comparison codes exactly the same pixels:
//   gray_set_tool IN_DIR OUT_DIR
#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "tools/common/image_file.h"
#include "tools/common/image_folder.h"
#include "tools/common/image_output.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gray_set_tool IN_DIR OUT_DIR\n");
    return 2;
  }
  try {
    ride::tools::ImageReadOptions gray;
    gray.to_gray = true;
    ride::tools::OutputFileOptions options;
    options.overwrite = true;
    for (const std::string& path : ride::tools::ListImageFiles(argv[1])) {
      const std::unique_ptr<ride::tools::ImageReader> image = ride::tools::OpenImageReader(path, gray);
      const std::vector<uint8_t> pixels = ride::tools::ReadAllRows(image.get());
      std::string stem = path.substr(path.find_last_of('/') + 1);
      stem = stem.substr(0, stem.find_last_of('.'));
      const std::string out = std::string(argv[2]) + "/" + stem;
      for (const char* extension : {".pgm", ".png"}) {
        ride::tools::WriteImageFile(out + extension, image->width(), image->height(), pixels.data(), options);
      }
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "gray_set_tool: %s\n", error.what());
    return 1;
  }
  return 0;
}
