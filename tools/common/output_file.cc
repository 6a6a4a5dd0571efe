#include "tools/common/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "tools/common/file_error.h"
#include "tools/common/interrupts.h"

namespace ride::tools {
namespace {

constexpr std::size_t kBufferBytes = 1 << 16;

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

[[noreturn]] void ThrowExists(const std::string& path) {
  ThrowFileError(FileErrorKind::kUsage, path, "exists; use -f to overwrite");
}

}  // namespace

FileDescriptorWriter::FileDescriptorWriter(int fd, std::string name) : fd_(fd), name_(std::move(name)) {
  buffer_.reserve(kBufferBytes);
}

void FileDescriptorWriter::WriteAll(const uint8_t* data, std::size_t size) {
  try {
    while (size > 0) {
      const ssize_t written = ::write(fd_, data, size);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) ThrowIoError(name_, "write failed", written < 0 ? errno : ENOSPC);
      data += written;
      size -= static_cast<std::size_t>(written);
      bytes_written_ += static_cast<uint64_t>(written);
    }
  } catch (const FileError&) {
    error_ = std::current_exception();
    throw;
  }
}

void FileDescriptorWriter::Write(const uint8_t* data, std::size_t size) {
  if (error_) std::rethrow_exception(error_);
  if (buffer_.size() + size > kBufferBytes) {
    Flush();
    if (size >= kBufferBytes) return WriteAll(data, size);
  }
  buffer_.insert(buffer_.end(), data, data + size);
}

void FileDescriptorWriter::Flush() {
  if (error_) std::rethrow_exception(error_);
  WriteAll(buffer_.data(), buffer_.size());
  buffer_.clear();
}

std::unique_ptr<OutputFile> OutputFile::Create(const std::string& path, const OutputFileOptions& options) {
  if (path.empty()) throw FileError(FileErrorKind::kUsage, "output file name is empty");
  if (path == "-") {
    if (::isatty(STDOUT_FILENO)) {
      ThrowFileError(FileErrorKind::kUsage, kStandardOutputName,
                     "is a terminal; refusing to write binary data to it (redirect it, or name a file with -o)");
    }
    return std::unique_ptr<OutputFile>(new OutputFile());
  }
  struct stat destination;
  if (::stat(path.c_str(), &destination) == 0) {
    struct stat input;
    if (!options.input_path.empty() && ::stat(options.input_path.c_str(), &input) == 0 &&
        input.st_dev == destination.st_dev && input.st_ino == destination.st_ino) {
      ThrowFileError(FileErrorKind::kUsage, path, "is the input file; choose another output name");
    }
    if (!S_ISREG(destination.st_mode)) {
      ThrowFileError(FileErrorKind::kUsage, path, "exists and is not a regular file; refusing to replace it");
    }
    if (!options.overwrite) ThrowExists(path);
  } else if (errno != ENOENT) {
    ThrowIoError(path, "cannot check the output", errno);
  }

  static std::atomic<unsigned> counter{0};
  const std::string prefix = DirectoryOf(path) + "/." + BaseNameOf(path) + ".ride-tmp-" + std::to_string(::getpid()) + "-";
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string temporary = prefix + std::to_string(counter.fetch_add(1));
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return std::unique_ptr<OutputFile>(new OutputFile(path, std::move(temporary), fd, options.overwrite));
    if (errno != EEXIST) ThrowIoError(path, "cannot create a temporary file beside it", errno);
  }
  ThrowFileError(FileErrorKind::kIo, path, "cannot find a free temporary name beside it");
}

OutputFile::OutputFile(std::string path, std::string temporary_path, int fd, bool overwrite)
    : path_(std::move(path)), temporary_path_(std::move(temporary_path)), fd_(fd), overwrite_(overwrite),
      interrupt_slot_(RegisterTemporaryFile(temporary_path_)), writer_(fd, path_) {}

OutputFile::OutputFile()
    : path_(kStandardOutputName), fd_(STDOUT_FILENO), overwrite_(false), interrupt_slot_(-1),
      writer_(STDOUT_FILENO, kStandardOutputName) {}

OutputFile::~OutputFile() { Abandon(); }

void OutputFile::Write(const uint8_t* data, std::size_t size) {
  if (done_) throw std::logic_error(path_ + ": written after commit or abandon");
  writer_.Write(data, size);
}

void OutputFile::Abandon() noexcept {
  if (done_) return;
  done_ = true;
  if (is_standard_output()) return;  // what went out stays out; the exit status tells
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(temporary_path_.c_str());
  UnregisterTemporaryFile(interrupt_slot_);
}

void OutputFile::Commit() {
  if (done_) throw std::logic_error(path_ + ": committed twice or after abandon");
  try {
    Publish();
  } catch (...) {
    Abandon();
    throw;
  }
  done_ = true;
}

void OutputFile::Publish() {
  writer_.Flush();
  if (is_standard_output()) return;
  if (::fsync(fd_) != 0) ThrowIoError(path_, "fsync failed", errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) ThrowIoError(path_, "close failed", errno);
  if (overwrite_) {
    if (::rename(temporary_path_.c_str(), path_.c_str()) != 0) ThrowIoError(path_, "cannot rename into place", errno);
  } else {
    // link() fails if the destination appeared meanwhile, so an existing file is never replaced.
    if (::link(temporary_path_.c_str(), path_.c_str()) == 0) {
      ::unlink(temporary_path_.c_str());
    } else if (errno == EEXIST) {
      ThrowExists(path_);
    } else {
      // File systems without hard links: check, then rename.
      struct stat destination;
      if (::lstat(path_.c_str(), &destination) == 0) ThrowExists(path_);
      if (::rename(temporary_path_.c_str(), path_.c_str()) != 0) {
        ThrowIoError(path_, "cannot rename into place", errno);
      }
    }
  }
  done_ = true;
  UnregisterTemporaryFile(interrupt_slot_);
  SyncDirectory(DirectoryOf(path_));
}

void WriteFileAtomically(const std::string& path, std::string_view bytes, const OutputFileOptions& options) {
  const std::unique_ptr<OutputFile> file = OutputFile::Create(path, options);
  file->Write(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  file->Commit();
}

}  // namespace ride::tools
