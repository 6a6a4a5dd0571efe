// Output files that appear only when complete.
//
// OutputFile writes under a temporary name in the destination's directory
// (".<name>.ride-tmp-<pid>-<n>") and Commit() renames it into place after an fsync, so a failure at
// any point (disk full, a decoding error, a crash) never leaves a partial file under the final name.
// Without Commit() the destructor removes the temporary (a process killed outright can leave the
// hidden temporary behind, never a partial file under the final name; SIGINT, SIGTERM and SIGHUP
// remove it when the program installed tools/common/interrupts.h's handlers). It is a ByteWriter, so the
// PNG/PGM writers, and the programs' model and container writers, stream straight into it.
//
// The path "-" is standard output: written as it comes (what was written cannot be taken back, so a
// failure shows only in the exit status), refused when it is a terminal; messages call it "standard
// output".
//
// Errors are FileError (tools/common/file_error.h), each naming the final path:
//   - the destination exists and overwrite is off: kUsage "... exists; use -f to overwrite";
//   - the destination is the input file (same device and inode, so links and other spellings count):
//     kUsage, even with overwrite;
//   - the destination exists and is not a regular file (a device, a directory): kUsage;
//   - the operating system refuses (ENOSPC, EACCES, EFBIG, ENOENT, ...): kIo with strerror.
#ifndef RIDE_TOOLS_COMMON_OUTPUT_FILE_H_
#define RIDE_TOOLS_COMMON_OUTPUT_FILE_H_

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tools/common/byte_writer.h"

namespace ride::tools {

// Buffered writes to a file descriptor the caller owns; `name` is used in error messages. Errors are
// sticky: after one, Write and Flush throw it again.
class FileDescriptorWriter final : public ByteWriter {
 public:
  FileDescriptorWriter(int fd, std::string name);
  void Write(const uint8_t* data, std::size_t size) override;
  // Writes out the buffer.
  void Flush();
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  void WriteAll(const uint8_t* data, std::size_t size);

  int fd_;
  std::string name_;
  std::exception_ptr error_;
  std::vector<uint8_t> buffer_;
  uint64_t bytes_written_ = 0;
};

struct OutputFileOptions {
  bool overwrite = false;    // replace an existing destination (-f)
  std::string input_path;    // refused as the destination; empty for none
};

class OutputFile final : public ByteWriter {
 public:
  // Checks the destination and creates the temporary.
  static std::unique_ptr<OutputFile> Create(const std::string& path, const OutputFileOptions& options = {});
  ~OutputFile() override;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Throws std::logic_error after Commit or Abandon.
  void Write(const uint8_t* data, std::size_t size) override;
  // Flushes, fsyncs, closes and renames the temporary into place. On failure the temporary is removed
  // and nothing appears under path(). Call at most once (std::logic_error otherwise); Write is not
  // allowed afterwards.
  void Commit();
  // Removes the temporary (also done by the destructor when Commit was not reached or failed).
  void Abandon() noexcept;

  const std::string& path() const { return path_; }
  const std::string& temporary_path() const { return temporary_path_; }
  bool is_standard_output() const { return temporary_path_.empty(); }

 private:
  OutputFile(std::string path, std::string temporary_path, int fd, bool overwrite);
  // Standard output.
  OutputFile();
  void Publish();

  std::string path_;
  std::string temporary_path_;
  int fd_;
  bool overwrite_;
  bool done_ = false;
  int interrupt_slot_;  // tools/common/interrupts.h: the temporary is removed on a signal
  FileDescriptorWriter writer_;
};

// `bytes` written to `path` through an OutputFile: checkpoints, curves, models. Throws FileError.
void WriteFileAtomically(const std::string& path, std::string_view bytes, const OutputFileOptions& options = {});

}  // namespace ride::tools

#endif  // RIDE_TOOLS_COMMON_OUTPUT_FILE_H_
