// Where the image writers (and, through the programs, the model and container writers) stream their
// bytes: an OutputFile or a file descriptor.
#ifndef RIDE_TOOLS_COMMON_BYTE_WRITER_H_
#define RIDE_TOOLS_COMMON_BYTE_WRITER_H_

#include <cstddef>
#include <cstdint>

namespace ride::tools {

class ByteWriter {
 public:
  virtual ~ByteWriter() = default;
  // Takes the next `size` bytes (size may be 0). Throws FileError (tools/common/file_error.h) when
  // they cannot be written; after that the writer is unusable.
  virtual void Write(const uint8_t* data, std::size_t size) = 0;
};

}  // namespace ride::tools

#endif  // RIDE_TOOLS_COMMON_BYTE_WRITER_H_
