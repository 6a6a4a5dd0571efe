#include "tools/ride/image_size.h"

#include "tools/common/file_error.h"

namespace ride::cli {
namespace {

// Reads a decimal number of at most 9 digits; advances `p`.
bool ReadNumber(const char** p, uint32_t* value) {
  uint32_t v = 0;
  int digits = 0;
  while (**p >= '0' && **p <= '9') {
    if (++digits > 9) return false;
    v = v * 10 + static_cast<uint32_t>(*(*p)++ - '0');
  }
  *value = v;
  return digits > 0;
}

}  // namespace

ImageSize ParseImageSize(const std::string& text) {
  const char* p = text.c_str();
  ImageSize size;
  bool ok = ReadNumber(&p, &size.width) && (*p == 'x' || *p == 'X');
  if (ok) {
    ++p;
    ok = ReadNumber(&p, &size.height) && *p == '\0';
  }
  if (!ok) tools::ThrowFileError(tools::FileErrorKind::kUsage, "size \"" + text + "\"", "expected WIDTHxHEIGHT, e.g. 256x256");
  if (size.width == 0 || size.height == 0) {
    tools::ThrowFileError(tools::FileErrorKind::kUsage, "size " + text, "both sides must be at least 1");
  }
  return size;
}

}  // namespace ride::cli
