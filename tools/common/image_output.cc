#include "tools/common/image_output.h"

namespace ride::tools {

Status CreateImageOutput(const std::string& path, bool overwrite, const std::string& input_path, ImageFormat format,
                         uint32_t width, uint32_t height, std::unique_ptr<OutputFile>* file,
                         std::unique_ptr<ImageWriter>* writer) {
  OutputFileOptions options;
  options.overwrite = overwrite;
  options.input_path = input_path;
  Status status = OutputFile::Create(path, options, file);
  if (!status.ok()) return status;
  return OpenImageWriter(format, width, height, file->get(), path, writer);
}

}  // namespace ride::tools
