// Reading a whole (compressed) file into memory, with the operating system's reason on failure.
#ifndef RIDE_TOOLS_COMMON_FILE_BYTES_H_
#define RIDE_TOOLS_COMMON_FILE_BYTES_H_

#include <cstdint>
#include <string>
#include <vector>

namespace ride::tools {

// The bytes of `path`. Throws FileError (tools/common/file_error.h) naming the file: kIo when it
// cannot be opened or read, kUsage when it is not a regular file, kInput when it is larger than
// `max_bytes` (refused before anything is read). "-" reads standard input to its end ("standard
// input" in messages; beyond `max_bytes` is refused as it arrives).
std::vector<uint8_t> ReadFileBytes(const std::string& path, uint64_t max_bytes);

}  // namespace ride::tools

#endif  // RIDE_TOOLS_COMMON_FILE_BYTES_H_
