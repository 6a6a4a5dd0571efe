#include "tools/common/file_bytes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

namespace ride::tools {

Status ReadFileBytes(const std::string& path, uint64_t max_bytes, std::vector<uint8_t>* out) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::Error(StatusCode::kIoError, "%s: %s", path.c_str(), std::strerror(errno));
  struct stat info;
  Status status;
  if (fstat(fd, &info) != 0) {
    status = Status::Error(StatusCode::kIoError, "%s: %s", path.c_str(), std::strerror(errno));
  } else if (!S_ISREG(info.st_mode)) {
    status = Status::Error(StatusCode::kInvalidArgument, "%s: not a regular file", path.c_str());
  } else if (static_cast<uint64_t>(info.st_size) > max_bytes) {
    status = Status::Error(StatusCode::kResourceExhausted, "%s: %llu bytes, more than the limit of %llu",
                           path.c_str(), static_cast<unsigned long long>(info.st_size),
                           static_cast<unsigned long long>(max_bytes));
  } else {
    out->clear();
    out->resize(static_cast<std::size_t>(info.st_size));
    std::size_t done = 0;
    while (done < out->size()) {
      const ssize_t got = read(fd, out->data() + done, out->size() - done);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        status = Status::Error(StatusCode::kIoError, "%s: %s", path.c_str(), std::strerror(errno));
        break;
      }
      if (got == 0) break;  // the file shrank while we read it: what we have is what it holds
      done += static_cast<std::size_t>(got);
    }
    out->resize(done);
  }
  close(fd);
  return status;
}

}  // namespace ride::tools
