// Writes gray copies of the images in a folder, the way ride and its trainer see them (BT.601), as
// PGM and PNG, so that every codec in the comparison codes exactly the same pixels:
//   gray_set_tool IN_DIR OUT_DIR
#include <cstdio>
#include <exception>
#include <string>

#include "tools/common/image_output.h"
#include "trainer/src/image_io.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gray_set_tool IN_DIR OUT_DIR\n");
    return 2;
  }
  try {
    for (const std::string& path : ride::trainer::ListImageFiles(argv[1])) {
      const ride::trainer::GrayImage image = ride::trainer::ReadGrayImage(path);
      std::string stem = path.substr(path.find_last_of('/') + 1);
      stem = stem.substr(0, stem.find_last_of('.'));
      const std::string out = std::string(argv[2]) + "/" + stem;
      ride::tools::OutputFileOptions options;
      options.overwrite = true;
      for (const char* extension : {".pgm", ".png"}) {
        ride::tools::WriteImageFile(out + extension, image.width, image.height, image.pixels.data(), options);
      }
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "gray_set_tool: %s\n", error.what());
    return 1;
  }
  return 0;
}
