// How the tool library reports failures: a C++ exception whose message is one line that starts
// with the file's name ("in.png: colour image (RGB); ..."), and a kind that says whose fault it
// was, so that a program can choose its exit status by kind.
//
// Programmer errors (a row read past the last one, a write after Commit) are std::logic_error, not
// FileError. Allocation failures stay std::bad_alloc.
#ifndef RIDE_TOOLS_COMMON_FILE_ERROR_H_
#define RIDE_TOOLS_COMMON_FILE_ERROR_H_

#include <stdexcept>
#include <string>

namespace ride::tools {

enum class FileErrorKind {
  kInput,  // the file's content is bad, truncated or not supported (colour without --gray, 16-bit,
           // beyond the size limits, an unknown format)
  kIo,     // the operating system refused (cannot open, read or write failed, disk full)
  kUsage,  // the request cannot be done as asked (the output exists without -f, is the input,
           // has an unknown extension; the input is a directory)
};

// "input", "I/O" or "usage".
const char* FileErrorKindName(FileErrorKind kind);

class FileError : public std::runtime_error {
 public:
  FileError(FileErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  FileErrorKind kind() const noexcept { return kind_; }

 private:
  FileErrorKind kind_;
};

// What messages call the path "-": standard input where a file is read, standard output where
// one is written.
inline constexpr const char* kStandardInputName = "standard input";
inline constexpr const char* kStandardOutputName = "standard output";
// The name messages give an input `path`: kStandardInputName for "-", else the path itself.
inline std::string InputName(const std::string& path) { return path == "-" ? kStandardInputName : path; }

// Throws FileError(kind, "NAME: WHAT").
[[noreturn]] void ThrowFileError(FileErrorKind kind, const std::string& name, const std::string& what);

// Throws FileError(kIo, "NAME: WHAT: strerror(error)"), or "NAME: strerror(error)" when WHAT is empty.
[[noreturn]] void ThrowIoError(const std::string& name, const std::string& what, int error);

}  // namespace ride::tools

#endif  // RIDE_TOOLS_COMMON_FILE_ERROR_H_
