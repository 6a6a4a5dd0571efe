#include "tools/common/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace ride::tools {
namespace {

constexpr std::size_t kBufferBytes = 1 << 16;

Status IoError(const std::string& name, const char* what, int error) {
  return Status::Error(StatusCode::kIoError, "%s: %s: %s", name.c_str(), what, std::strerror(error));
}

std::string DirectoryOf(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string BaseNameOf(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Makes a rename durable; some file systems refuse fsync on a directory, which is not an error here.
void SyncDirectory(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

FileDescriptorSink::FileDescriptorSink(int fd, std::string name) : fd_(fd), name_(std::move(name)) {
  buffer_.reserve(kBufferBytes);
}

Status FileDescriptorSink::WriteAll(const uint8_t* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd_, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      status_ = IoError(name_, "write failed", errno);
      return status_;
    }
    if (written == 0) {
      status_ = IoError(name_, "write failed", ENOSPC);
      return status_;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
    bytes_written_ += static_cast<uint64_t>(written);
  }
  return Status::Ok();
}

Status FileDescriptorSink::Append(const uint8_t* data, std::size_t size) {
  if (!status_.ok()) return status_;
  if (buffer_.size() + size <= kBufferBytes) {
    buffer_.insert(buffer_.end(), data, data + size);
    return Status::Ok();
  }
  RIDE_RETURN_IF_ERROR(Flush());
  if (size >= kBufferBytes) return WriteAll(data, size);
  buffer_.insert(buffer_.end(), data, data + size);
  return Status::Ok();
}

Status FileDescriptorSink::Flush() {
  if (!status_.ok()) return status_;
  const Status status = WriteAll(buffer_.data(), buffer_.size());
  buffer_.clear();
  return status;
}

Status OutputFile::Create(const std::string& path, const OutputFileOptions& options, std::unique_ptr<OutputFile>* out) {
  if (path.empty()) return Status::Error(StatusCode::kInvalidArgument, "output file name is empty");
  struct stat destination;
  if (::stat(path.c_str(), &destination) == 0) {
    struct stat input;
    if (!options.input_path.empty() && ::stat(options.input_path.c_str(), &input) == 0 &&
        input.st_dev == destination.st_dev && input.st_ino == destination.st_ino) {
      return Status::Error(StatusCode::kInvalidArgument, "%s: is the input file; choose another output name",
                           path.c_str());
    }
    if (!S_ISREG(destination.st_mode)) {
      return Status::Error(StatusCode::kInvalidArgument, "%s: exists and is not a regular file; refusing to replace it",
                           path.c_str());
    }
    if (!options.overwrite) {
      return Status::Error(StatusCode::kInvalidArgument, "%s: exists; use -f to overwrite", path.c_str());
    }
  } else if (errno != ENOENT) {
    return IoError(path, "cannot check the output", errno);
  }

  static std::atomic<unsigned> counter{0};
  const std::string prefix = DirectoryOf(path) + "/." + BaseNameOf(path) + ".ride-tmp-" + std::to_string(::getpid()) + "-";
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string temporary = prefix + std::to_string(counter.fetch_add(1));
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      out->reset(new OutputFile(path, std::move(temporary), fd, options.overwrite));
      return Status::Ok();
    }
    if (errno != EEXIST) return IoError(path, "cannot create a temporary file beside it", errno);
  }
  return Status::Error(StatusCode::kIoError, "%s: cannot find a free temporary name beside it", path.c_str());
}

OutputFile::OutputFile(std::string path, std::string temporary_path, int fd, bool overwrite)
    : path_(std::move(path)), temporary_path_(std::move(temporary_path)), fd_(fd), overwrite_(overwrite),
      sink_(fd, path_) {}

OutputFile::~OutputFile() { Abandon(); }

Status OutputFile::Append(const uint8_t* data, std::size_t size) {
  if (done_) return Status::Error(StatusCode::kInternal, "%s: written after commit or abandon", path_.c_str());
  return sink_.Append(data, size);
}

void OutputFile::Abandon() {
  if (done_) return;
  done_ = true;
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(temporary_path_.c_str());
}

Status OutputFile::Commit() {
  if (done_) return Status::Error(StatusCode::kInternal, "%s: committed twice or after abandon", path_.c_str());
  const Status status = Publish();
  if (!status.ok()) Abandon();
  done_ = true;
  return status;
}

Status OutputFile::Publish() {
  RIDE_RETURN_IF_ERROR(sink_.Flush());
  if (::fsync(fd_) != 0) return IoError(path_, "fsync failed", errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return IoError(path_, "close failed", errno);
  if (overwrite_) {
    if (::rename(temporary_path_.c_str(), path_.c_str()) != 0) return IoError(path_, "cannot rename into place", errno);
  } else {
    // link() fails if the destination appeared meanwhile, so an existing file is never replaced.
    if (::link(temporary_path_.c_str(), path_.c_str()) == 0) {
      ::unlink(temporary_path_.c_str());
    } else if (errno == EEXIST) {
      return Status::Error(StatusCode::kInvalidArgument, "%s: exists; use -f to overwrite", path_.c_str());
    } else {
      // File systems without hard links: check, then rename.
      struct stat destination;
      if (::lstat(path_.c_str(), &destination) == 0) {
        return Status::Error(StatusCode::kInvalidArgument, "%s: exists; use -f to overwrite", path_.c_str());
      }
      if (::rename(temporary_path_.c_str(), path_.c_str()) != 0) {
        return IoError(path_, "cannot rename into place", errno);
      }
    }
  }
  done_ = true;
  SyncDirectory(DirectoryOf(path_));
  return Status::Ok();
}

}  // namespace ride::tools
