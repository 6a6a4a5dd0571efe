#include "tools/common/file_bytes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "tools/common/file_error.h"

namespace ride::tools {
namespace {

// Closes the descriptor on every way out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() { ::close(fd_); }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

namespace {

// Standard input to its end, within the limit.
std::vector<uint8_t> ReadStandardInput(uint64_t max_bytes) {
  const std::string name = kStandardInputName;
  std::vector<uint8_t> bytes;
  uint8_t buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) ThrowIoError(name, "", errno);
    if (got == 0) return bytes;
    if (bytes.size() + static_cast<uint64_t>(got) > max_bytes) {
      ThrowFileError(FileErrorKind::kInput, name, "more than the limit of " + std::to_string(max_bytes) + " bytes");
    }
    bytes.insert(bytes.end(), buffer, buffer + got);
  }
}

}  // namespace

std::vector<uint8_t> ReadFileBytes(const std::string& path, uint64_t max_bytes) {
  if (path == "-") return ReadStandardInput(max_bytes);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) ThrowIoError(path, "", errno);
  const Descriptor file(fd);
  struct stat info;
  if (::fstat(fd, &info) != 0) ThrowIoError(path, "", errno);
  if (!S_ISREG(info.st_mode)) ThrowFileError(FileErrorKind::kUsage, path, "not a regular file");
  if (static_cast<uint64_t>(info.st_size) > max_bytes) {
    ThrowFileError(FileErrorKind::kInput, path,
                   std::to_string(info.st_size) + " bytes, more than the limit of " + std::to_string(max_bytes));
  }
  std::vector<uint8_t> bytes(static_cast<std::size_t>(info.st_size));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t got = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) ThrowIoError(path, "", errno);
    if (got == 0) break;  // the file shrank while we read it: what we have is what it holds
    done += static_cast<std::size_t>(got);
  }
  bytes.resize(done);
  return bytes;
}

}  // namespace ride::tools
