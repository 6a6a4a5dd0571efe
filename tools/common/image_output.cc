#include "tools/common/image_output.h"

#include "tools/common/file_error.h"

namespace ride::tools {

ImageOutput CreateImageOutput(const std::string& path, bool overwrite, const std::string& input_path,
                              ImageFormat format, uint32_t width, uint32_t height,
                              const ImageWriteOptions& writer_options) {
  // A name whose format cannot hold the image is the user's choice to correct, before any file.
  if (writer_options.channels >= 1 && writer_options.channels <= 4 && !ImageFormatHolds(format, writer_options.channels)) {
    static const char* const kKinds[] = {"gray", "gray+alpha", "RGB", "RGBA"};
    ThrowFileError(FileErrorKind::kUsage, path,
                   std::string("a .") + ImageFormatExtension(format) + " file cannot hold this " +
                       kKinds[writer_options.channels - 1] + " image (PGM: gray; PPM: RGB; PNG and PAM: any)");
  }
  OutputFileOptions options;
  options.overwrite = overwrite;
  options.input_path = input_path;
  ImageOutput output;
  output.file = OutputFile::Create(path, options);
  output.writer = OpenImageWriter(format, width, height, output.file.get(), path, writer_options);
  return output;
}

void WriteImageFile(const std::string& path, uint32_t width, uint32_t height, const uint8_t* pixels,
                    const OutputFileOptions& options) {
  const ImageFormat format = ImageFormatForPath(path);
  ImageOutput output = CreateImageOutput(path, options.overwrite, options.input_path, format, width, height);
  for (uint32_t r = 0; r < height; ++r) output.writer->WriteRow(pixels + std::size_t{r} * width);
  output.writer->Finish();
  output.file->Commit();
}

}  // namespace ride::tools
