// The images in a folder, for programs that take a folder of training, test or comparison images.
#ifndef RIDE_TOOLS_COMMON_IMAGE_FOLDER_H_
#define RIDE_TOOLS_COMMON_IMAGE_FOLDER_H_

#include <string>
#include <vector>

namespace ride::tools {

// The regular files directly in `dir` named like an image OpenImageReader reads (.png, .jpg,
// .jpeg, .pgm, .ppm, .pnm, .pam, case-insensitive), as full paths sorted by file name (byte order),
// so that splits such as "first 180, last 20" are reproducible. Throws FileError naming `dir`: kIo
// if it cannot be listed, kInput if it holds no image.
std::vector<std::string> ListImageFiles(const std::string& dir);

}  // namespace ride::tools

#endif  // RIDE_TOOLS_COMMON_IMAGE_FOLDER_H_
