// "WxH" on the command line (ride sample --size).
#ifndef RIDE_TOOLS_RIDE_IMAGE_SIZE_H_
#define RIDE_TOOLS_RIDE_IMAGE_SIZE_H_

#include <cstdint>
#include <string>

namespace ride::cli {

struct ImageSize {
  uint32_t width = 0;
  uint32_t height = 0;
};

// Parses "WxH" (x or X between two decimal numbers of at most 9 digits, nothing else). Throws
// tools::FileError of kind kUsage naming the text otherwise, or when a side is 0.
ImageSize ParseImageSize(const std::string& text);

}  // namespace ride::cli

#endif  // RIDE_TOOLS_RIDE_IMAGE_SIZE_H_
