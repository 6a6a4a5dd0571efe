// Test helpers: a scratch directory per test, PNG files of any colour type and depth written
// directly with libpng (so the reader is tested on files it did not write itself), and the
// FileError a call throws.
#ifndef RIDE_TESTS_TOOLS_COMMON_TOOL_TEST_FILES_H_
#define RIDE_TESTS_TOOLS_COMMON_TOOL_TEST_FILES_H_

#include <dirent.h>
#include <png.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tools/common/file_error.h"

namespace ride::tools::testing {

// The FileError `call` throws; nothing when it returns (other exceptions pass through).
template <typename Call>
std::optional<FileError> Caught(Call&& call) {
  try {
    call();
  } catch (const FileError& error) {
    return error;
  }
  return std::nullopt;
}

// A fresh directory removed (with its files) at scope exit.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/ride-cli-test-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    path_ = ::mkdtemp(buffer.data()) != nullptr ? std::string(buffer.data()) : std::string();
  }
  ~ScratchDirectory() {
    for (const std::string& name : Entries()) ::unlink((path_ + "/" + name).c_str());
    ::rmdir(path_.c_str());
  }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  // Names in the directory, without "." and "..".
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    DIR* dir = ::opendir(path_.c_str());
    if (dir == nullptr) return names;
    while (dirent* entry = ::readdir(dir)) {
      const std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(dir);
    return names;
  }

 private:
  std::string path_;
};

struct TestPng {
  uint32_t width = 1, height = 1;
  int bit_depth = 8;
  int color_type = PNG_COLOR_TYPE_GRAY;
  bool interlaced = false;
  std::vector<png_color> palette;
  std::vector<uint8_t> trns_alpha;    // palette tRNS
  int trns_gray = -1;                 // gray tRNS value, -1 for none
  std::vector<std::vector<uint8_t>> rows;  // packed as PNG stores them
  // Ancillary chunks written as they are: type, data, and whether after IDAT.
  struct Chunk {
    std::string type, data;
    bool after_image = false;
  };
  std::vector<Chunk> chunks;
};

// The chunks of a PNG file in order: type and data; or only the ancillary ones (not IHDR, IDAT,
// IEND), what ride keeps and writes back.
inline std::vector<std::pair<std::string, std::string>> PngChunks(const std::string& file) {
  std::vector<std::pair<std::string, std::string>> chunks;
  for (std::size_t at = 8; at + 12 <= file.size();) {
    const std::size_t length = (std::size_t{static_cast<uint8_t>(file[at])} << 24) |
                               (std::size_t{static_cast<uint8_t>(file[at + 1])} << 16) |
                               (std::size_t{static_cast<uint8_t>(file[at + 2])} << 8) | static_cast<uint8_t>(file[at + 3]);
    chunks.emplace_back(file.substr(at + 4, 4), file.substr(at + 8, length));
    at += 12 + length;
  }
  return chunks;
}
inline std::vector<std::pair<std::string, std::string>> PngAncillaryChunks(const std::string& file) {
  std::vector<std::pair<std::string, std::string>> chunks;
  for (auto& chunk : PngChunks(file)) {
    if (chunk.first != "IHDR" && chunk.first != "IDAT" && chunk.first != "IEND") chunks.push_back(chunk);
  }
  return chunks;
}

// Writes `png` to `path`; aborts the test binary on a libpng error (a broken test, not a finding).
inline bool WriteTestPng(const std::string& path, const TestPng& png) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return false;
  png_structp writer = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(writer);
  png_init_io(writer, file);
  png_set_IHDR(writer, info, png.width, png.height, png.bit_depth, png.color_type,
               png.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (!png.palette.empty()) png_set_PLTE(writer, info, png.palette.data(), static_cast<int>(png.palette.size()));
  if (!png.trns_alpha.empty()) {
    png_set_tRNS(writer, info, png.trns_alpha.data(), static_cast<int>(png.trns_alpha.size()), nullptr);
  }
  if (png.trns_gray >= 0) {
    png_color_16 value = {};
    value.gray = static_cast<png_uint_16>(png.trns_gray);
    png_set_tRNS(writer, info, nullptr, 0, &value);
  }
  std::vector<png_unknown_chunk> chunks;
  for (const TestPng::Chunk& chunk : png.chunks) {
    png_unknown_chunk entry = {};
    std::memcpy(entry.name, chunk.type.data(), 4);
    entry.data = reinterpret_cast<png_byte*>(const_cast<char*>(chunk.data.data()));
    entry.size = chunk.data.size();
    entry.location = static_cast<png_byte>(chunk.after_image ? PNG_AFTER_IDAT : PNG_HAVE_IHDR);
    chunks.push_back(entry);
    const png_byte name[5] = {entry.name[0], entry.name[1], entry.name[2], entry.name[3], 0};
    png_set_keep_unknown_chunks(writer, PNG_HANDLE_CHUNK_ALWAYS, name, 1);
  }
  if (!chunks.empty()) png_set_unknown_chunks(writer, info, chunks.data(), static_cast<int>(chunks.size()));
  png_write_info(writer, info);
  std::vector<png_bytep> rows;
  for (const auto& row : png.rows) rows.push_back(const_cast<png_bytep>(row.data()));
  png_write_image(writer, rows.data());
  png_write_end(writer, info);
  png_destroy_write_struct(&writer, &info);
  return std::fclose(file) == 0;
}

// A binary PGM file's bytes.
inline std::string Pgm(uint32_t width, uint32_t height, const std::vector<uint8_t>& pixels) {
  return "P5\n" + std::to_string(width) + " " + std::to_string(height) + "\n255\n" +
         std::string(pixels.begin(), pixels.end());
}

inline bool WriteBytes(const std::string& path, const std::string& bytes) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return false;
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  return std::fclose(file) == 0 && ok;
}

inline std::string ReadBytes(const std::string& path) {
  std::string bytes;
  FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return bytes;
  char buffer[65536];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof(buffer), file)) > 0) bytes.append(buffer, got);
  std::fclose(file);
  return bytes;
}

}  // namespace ride::tools::testing

#endif  // RIDE_TESTS_TOOLS_COMMON_TOOL_TEST_FILES_H_
