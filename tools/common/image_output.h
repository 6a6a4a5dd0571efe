// An image file being written: the atomic output file (tools/common/output_file.h) and the PNG
// or PGM writer on top of it, created together as every program that writes an image needs them.
#ifndef RIDE_TOOLS_COMMON_IMAGE_OUTPUT_H_
#define RIDE_TOOLS_COMMON_IMAGE_OUTPUT_H_

#include <cstdint>
#include <memory>
#include <string>

#include "tools/common/image_file.h"
#include "tools/common/output_file.h"

namespace ride::tools {

struct ImageOutput {
  std::unique_ptr<OutputFile> file;
  std::unique_ptr<ImageWriter> writer;  // writes into *file
};

// Creates `path` (refused when it exists unless `overwrite`, and always when it is `input_path`)
// and a `format` writer of width × height into it, with `options` (FileError kUsage, before any
// file, when `format` cannot hold options.channels). Write the rows, Finish the
// writer, then Commit the file; until then nothing appears under `path`. Throws FileError.
ImageOutput CreateImageOutput(const std::string& path, bool overwrite, const std::string& input_path,
                              ImageFormat format, uint32_t width, uint32_t height,
                              const ImageWriteOptions& options = {});

// A whole gray image (width × height pixels, raster order) written to `path` as PNG or PGM by its
// extension, atomically. Throws FileError.
void WriteImageFile(const std::string& path, uint32_t width, uint32_t height, const uint8_t* pixels,
                    const OutputFileOptions& options = {});

}  // namespace ride::tools

#endif  // RIDE_TOOLS_COMMON_IMAGE_OUTPUT_H_
