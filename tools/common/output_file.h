// Output files that appear only when complete.
//
// OutputFile writes under a temporary name in the destination's directory
// (".<name>.ride-tmp-<pid>-<n>") and Commit() renames it into place after an fsync, so a failure at
// any point (disk full, a decoding error, a crash) never leaves a partial file under the final name.
// Without Commit() the destructor removes the temporary (a process killed outright can leave the
// hidden temporary behind, never a partial file under the final name). It is a ByteSink, so the container writer
// and the PNG/PGM writers stream straight into it.
//
// Errors (ride::Status, no exceptions), each naming the final path:
//   - the destination exists and overwrite is off: kInvalidArgument "... exists; use -f to overwrite";
//   - the destination is the input file (same device and inode, so links and other spellings count):
//     kInvalidArgument, even with overwrite;
//   - the destination exists and is not a regular file (a device, a directory): kInvalidArgument;
//   - the operating system refuses (ENOSPC, EACCES, EFBIG, ENOENT, ...): kIoError with strerror.
#ifndef RIDE_RUNTIME_SRC_CLI_OUTPUT_FILE_H_
#define RIDE_RUNTIME_SRC_CLI_OUTPUT_FILE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"

namespace ride::tools {

// Buffered writes to a file descriptor the caller owns; `name` is used in error messages. Errors are
// sticky: after one, Append and Flush return it again.
class FileDescriptorSink final : public coder::ByteSink {
 public:
  FileDescriptorSink(int fd, std::string name);
  Status Append(const uint8_t* data, std::size_t size) override;
  // Writes out the buffer.
  Status Flush();
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  Status WriteAll(const uint8_t* data, std::size_t size);

  int fd_;
  std::string name_;
  Status status_;
  std::vector<uint8_t> buffer_;
  uint64_t bytes_written_ = 0;
};

struct OutputFileOptions {
  bool overwrite = false;    // replace an existing destination (-f)
  std::string input_path;    // refused as the destination; empty for none
};

class OutputFile final : public coder::ByteSink {
 public:
  // Checks the destination and creates the temporary.
  static Status Create(const std::string& path, const OutputFileOptions& options, std::unique_ptr<OutputFile>* out);
  ~OutputFile() override;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  Status Append(const uint8_t* data, std::size_t size) override;
  // Flushes, fsyncs, closes and renames the temporary into place. On failure the temporary is removed
  // and nothing appears under path(). Call at most once; Append is not allowed afterwards.
  Status Commit();
  // Removes the temporary (also done by the destructor when Commit was not reached or failed).
  void Abandon();

  const std::string& path() const { return path_; }
  const std::string& temporary_path() const { return temporary_path_; }

 private:
  OutputFile(std::string path, std::string temporary_path, int fd, bool overwrite);
  Status Publish();

  std::string path_;
  std::string temporary_path_;
  int fd_;
  bool overwrite_;
  bool done_ = false;
  FileDescriptorSink sink_;
};

}  // namespace ride::tools

#endif  // RIDE_RUNTIME_SRC_CLI_OUTPUT_FILE_H_
