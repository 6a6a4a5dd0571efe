// Writes gray copies of the images in a folder, the way ride and its trainer see them (BT.601), as
// PGM and PNG, so that every codec in the comparison codes exactly the same pixels:
//   gray_set_tool IN_DIR OUT_DIR
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

#include "tools/common/image_file.h"
#include "tools/common/output_file.h"
#include "trainer/src/image_io.h"

namespace {

bool Write(const ride::trainer::GrayImage& image, const std::string& path, ride::tools::ImageFormat format) {
  std::unique_ptr<ride::tools::OutputFile> file;
  std::unique_ptr<ride::tools::ImageWriter> writer;
  ride::tools::OutputFileOptions options;
  options.overwrite = true;
  ride::Status status = ride::tools::OutputFile::Create(path, options, &file);
  if (status.ok()) {
    status = ride::tools::OpenImageWriter(format, image.width, image.height, file.get(), path, &writer);
  }
  for (int row = 0; status.ok() && row < image.height; ++row) {
    status = writer->WriteRow(image.pixels.data() + static_cast<std::size_t>(row) * image.width);
  }
  if (status.ok()) status = writer->Finish();
  if (status.ok()) status = file->Commit();
  if (!status.ok()) std::fprintf(stderr, "gray_set_tool: %s\n", status.message());
  return status.ok();
}

}  // namespace

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
      if (!Write(image, out + ".pgm", ride::tools::ImageFormat::kPgm) ||
          !Write(image, out + ".png", ride::tools::ImageFormat::kPng)) {
        return 1;
      }
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "gray_set_tool: %s\n", error.what());
    return 1;
  }
  return 0;
}
