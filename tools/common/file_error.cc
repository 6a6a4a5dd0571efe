#include "tools/common/file_error.h"

#include <cstring>

namespace ride::tools {

const char* FileErrorKindName(FileErrorKind kind) {
  switch (kind) {
    case FileErrorKind::kInput: return "input";
    case FileErrorKind::kIo: return "I/O";
    case FileErrorKind::kUsage: return "usage";
  }
  return "unknown";
}

void ThrowFileError(FileErrorKind kind, const std::string& name, const std::string& what) {
  throw FileError(kind, name + ": " + what);
}

void ThrowIoError(const std::string& name, const std::string& what, int error) {
  throw FileError(FileErrorKind::kIo, name + ": " + (what.empty() ? "" : what + ": ") + std::strerror(error));
}

}  // namespace ride::tools
