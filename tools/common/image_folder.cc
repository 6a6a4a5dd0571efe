#include "tools/common/image_folder.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "tools/common/file_error.h"

namespace ride::tools {

std::vector<std::string> ListImageFiles(const std::string& dir) {
  static const char* const kExtensions[] = {".png", ".jpg", ".jpeg", ".pgm", ".ppm", ".pnm", ".pam"};
  std::error_code error;
  std::filesystem::directory_iterator it(dir, error);
  if (error) ThrowFileError(FileErrorKind::kIo, dir, "cannot list directory: " + error.message());
  std::vector<std::string> files;
  for (const auto& entry : it) {
    if (!entry.is_regular_file()) continue;
    std::string extension = entry.path().extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::find(std::begin(kExtensions), std::end(kExtensions), extension) != std::end(kExtensions)) {
      files.push_back(entry.path().string());
    }
  }
  if (files.empty()) ThrowFileError(FileErrorKind::kInput, dir, "no .png, .jpg, .jpeg, .pgm, .ppm, .pnm or .pam files");
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace ride::tools
