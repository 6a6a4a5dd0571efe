// An image file being written: the atomic output file (tools/common/output_file.h) and the PNG
// or PGM writer on top of it, created together as every command that writes an image needs them.
#ifndef RIDE_RUNTIME_SRC_CLI_IMAGE_OUTPUT_H_
#define RIDE_RUNTIME_SRC_CLI_IMAGE_OUTPUT_H_

#include <cstdint>
#include <memory>
#include <string>

#include "runtime/src/base/status.h"
#include "tools/common/image_file.h"
#include "tools/common/output_file.h"

namespace ride::tools {

// Creates `path` (refused when it exists unless `overwrite`, and always when it is `input_path`)
// and a `format` writer of width × height into it. Write the rows, Finish the writer, then Commit
// the file; until then nothing appears under `path`.
Status CreateImageOutput(const std::string& path, bool overwrite, const std::string& input_path, ImageFormat format,
                         uint32_t width, uint32_t height, std::unique_ptr<OutputFile>* file,
                         std::unique_ptr<ImageWriter>* writer);

}  // namespace ride::tools

#endif  // RIDE_RUNTIME_SRC_CLI_IMAGE_OUTPUT_H_
