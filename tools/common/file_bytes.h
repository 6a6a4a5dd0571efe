// Reading a whole (compressed) file into memory, with the operating system's reason on failure.
#ifndef RIDE_RUNTIME_SRC_CLI_FILE_BYTES_H_
#define RIDE_RUNTIME_SRC_CLI_FILE_BYTES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/src/base/status.h"

namespace ride::tools {

// Files larger than `max_bytes` are refused (kResourceExhausted) before anything is read.
Status ReadFileBytes(const std::string& path, uint64_t max_bytes, std::vector<uint8_t>* out);

}  // namespace ride::tools

#endif  // RIDE_RUNTIME_SRC_CLI_FILE_BYTES_H_
