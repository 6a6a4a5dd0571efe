// Test helpers for the image readers: what an error says, and tables of small files with the pixels
// or the error each must give.
#ifndef RIDE_TESTS_TOOLS_COMMON_IMAGE_TEST_CASES_H_
#define RIDE_TESTS_TOOLS_COMMON_IMAGE_TEST_CASES_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/common/file_error.h"
#include "tools/common/image_file.h"
#include "tests/tools/common/tool_test_files.h"

namespace ride::tools::testing {

inline bool Contains(const std::optional<FileError>& error, const std::string& part) {
  return error.has_value() && std::string(error->what()).find(part) != std::string::npos;
}

// "input", "I/O", "usage", or "none" when nothing was thrown.
inline std::string KindOf(const std::optional<FileError>& error) {
  return error.has_value() ? FileErrorKindName(error->kind()) : "none";
}

// The samples of `path` (channels() per pixel), read row by row; `error` gets what was thrown.
inline std::vector<uint8_t> ReadPixels(const std::string& path, const ImageReadOptions& options,
                                       std::optional<FileError>* error) {
  std::vector<uint8_t> pixels;
  *error = Caught([&] {
    const std::unique_ptr<ImageReader> reader = OpenImageReader(path, options);
    std::vector<uint8_t> row(std::size_t{reader->width()} * static_cast<std::size_t>(reader->channels()));
    for (uint32_t r = 0; r < reader->height(); ++r) {
      reader->ReadRow(row.data());
      pixels.insert(pixels.end(), row.begin(), row.end());
    }
  });
  return pixels;
}

inline ImageReadOptions KeepChannels() {
  ImageReadOptions options;
  options.keep_channels = true;
  return options;
}

// What a reader with keep_channels gives for `path`: its channels, whether it is colour, every sample.
struct ChannelRead {
  int channels = 0;
  bool colour = false;
  std::vector<uint8_t> samples;
};
inline ChannelRead ReadKeepingChannels(const std::string& path, ImageReadOptions options = KeepChannels()) {
  const std::unique_ptr<ImageReader> reader = OpenImageReader(path, options);
  ChannelRead read;
  read.channels = reader->channels();
  read.colour = reader->colour();
  read.samples = ReadAllRows(reader.get());
  return read;
}

struct FileCase {
  const char* name;
  std::string bytes;
  const char* kind;             // "none" when the file reads
  std::vector<uint8_t> pixels;  // for "none"
  const char* message_part;     // otherwise; the message also starts with the path
};

inline void ExpectCases(const std::vector<FileCase>& cases, const ImageReadOptions& options = {}) {
  ScratchDirectory dir;
  for (const FileCase& c : cases) {
    const std::string path = dir.File(c.name);
    ASSERT_TRUE(WriteBytes(path, c.bytes));
    std::optional<FileError> error;
    const std::vector<uint8_t> pixels = ReadPixels(path, options, &error);
    EXPECT_EQ(KindOf(error), c.kind) << c.name << ": " << (error ? error->what() : "");
    if (!error.has_value()) {
      EXPECT_EQ(pixels, c.pixels) << c.name;
    } else {
      EXPECT_TRUE(Contains(error, path + ": ")) << c.name << ": " << error->what();
      EXPECT_TRUE(Contains(error, c.message_part)) << c.name << ": " << error->what();
    }
  }
}

}  // namespace ride::tools::testing

#endif  // RIDE_TESTS_TOOLS_COMMON_IMAGE_TEST_CASES_H_
