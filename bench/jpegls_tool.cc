// JPEG-LS (CharLS) as a command-line codec, so the peer comparison can time it like the others:
//   jpegls_tool encode IN.pgm OUT.jls      (lossless, NEAR = 0)
//   jpegls_tool decode IN.jls OUT.pgm
// Only 8-bit binary PGM (P5) in and out: the comparison feeds it the same gray images as ride.
#include <charls/charls.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace {

bool ReadFile(const char* path, std::vector<uint8_t>* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

bool WriteFile(const char* path, const uint8_t* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return static_cast<bool>(out);
}

// Parses "P5 W H 255\n" and returns the offset of the pixels, or 0.
std::size_t ParsePgm(const std::vector<uint8_t>& file, uint32_t* width, uint32_t* height) {
  std::string head(file.begin(), file.begin() + std::min<std::size_t>(file.size(), 64));
  std::istringstream in(head);
  std::string magic;
  unsigned maxval = 0;
  in >> magic >> *width >> *height >> maxval;
  if (!in || magic != "P5" || maxval != 255) return 0;
  const std::size_t offset = static_cast<std::size_t>(in.tellg()) + 1;
  return offset + std::size_t{*width} * *height <= file.size() ? offset : 0;
}

int Encode(const char* in_path, const char* out_path) {
  std::vector<uint8_t> file;
  uint32_t width = 0, height = 0;
  const std::size_t offset = ReadFile(in_path, &file) ? ParsePgm(file, &width, &height) : 0;
  if (offset == 0) {
    std::fprintf(stderr, "jpegls_tool: %s: not an 8-bit binary PGM\n", in_path);
    return 1;
  }
  try {
    const std::vector<uint8_t> pixels(file.begin() + offset, file.begin() + offset + std::size_t{width} * height);
    const std::vector<uint8_t> out = charls::jpegls_encoder::encode(pixels, charls::frame_info{width, height, 8, 1});
    return WriteFile(out_path, out.data(), out.size()) ? 0 : 1;
  } catch (const charls::jpegls_error& error) {
    std::fprintf(stderr, "jpegls_tool: %s: %s\n", in_path, error.what());
    return 1;
  }
}

int Decode(const char* in_path, const char* out_path) {
  std::vector<uint8_t> file;
  if (!ReadFile(in_path, &file)) return 1;
  try {
    std::vector<uint8_t> pixels;
    const auto [frame, interleave] = charls::jpegls_decoder::decode(file, pixels);
    (void)interleave;
    const std::string header = "P5\n" + std::to_string(frame.width) + " " + std::to_string(frame.height) + "\n255\n";
    std::vector<uint8_t> out(header.begin(), header.end());
    out.insert(out.end(), pixels.begin(), pixels.end());
    return WriteFile(out_path, out.data(), out.size()) ? 0 : 1;
  } catch (const charls::jpegls_error& error) {
    std::fprintf(stderr, "jpegls_tool: %s: %s\n", in_path, error.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "encode") == 0) return Encode(argv[2], argv[3]);
  if (argc == 4 && std::strcmp(argv[1], "decode") == 0) return Decode(argv[2], argv[3]);
  std::fprintf(stderr, "usage: jpegls_tool encode IN.pgm OUT.jls | decode IN.jls OUT.pgm\n");
  return 2;
}
