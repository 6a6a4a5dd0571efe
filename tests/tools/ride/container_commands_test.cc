// What ride compress and ride decompress keep through container version 2: a PNG's samples at its
// depth and its ancillary chunks in order (unless --strip), a PGM's maxval; what ride info says
// about them; a file read from standard input ("-"); and a pipe that ends early, which leaves no
// output.
#include <gtest/gtest.h>
#include <png.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/tools/common/tool_test_files.h"
#include "tools/ride/commands.h"

namespace ride::cli {
namespace {

using tools::testing::PngChunks;
using tools::testing::ReadBytes;
using tools::testing::ScratchDirectory;
using tools::testing::TestPng;
using tools::testing::WriteBytes;

int Compress(const std::string& input, const std::string& output, bool strip = false) {
  CompressOptions options;
  options.inputs = {input};
  options.output = output;
  options.strip = strip;
  options.quiet = true;
  options.threads = 2;
  return RunCompress(options);
}

int Decompress(const std::string& input, const std::string& output) {
  DecompressOptions options;
  options.inputs = {input};
  options.output = output;
  options.quiet = true;
  options.threads = 2;
  return RunDecompress(options);
}

std::vector<std::pair<std::string, std::string>> Ancillary(const std::string& path) {
  return tools::testing::PngAncillaryChunks(ReadBytes(path));
}

// A 1-bit 64 × 40 PNG with every kind of chunk ride keeps, some after the image data.
TestPng OneBitPng() {
  TestPng png;
  png.width = 64;
  png.height = 40;
  png.bit_depth = 1;
  uint32_t state = 7;
  for (uint32_t r = 0; r < png.height; ++r) {
    std::vector<uint8_t> row(8);
    for (auto& byte : row) {
      state = state * 1664525u + 1013904223u;
      byte = static_cast<uint8_t>(state >> 24);
    }
    png.rows.push_back(row);
  }
  png.chunks = {{"iCCP", std::string("gray\0\0x\x9c\x03\x00\x00\x00\x00\x01", 14)},
                {"sRGB", std::string("\x00", 1)},
                {"gAMA", std::string("\x00\x00\xb1\x8f", 4)},
                {"cHRM", std::string(32, '\x01')},
                {"pHYs", std::string("\x00\x00\x0b\x13\x00\x00\x0b\x13\x01", 9)},
                {"tEXt", std::string("Title\0a picture", 15)},
                {"iTXt", std::string("XML:com.adobe.xmp\0\0\0\0\0<x/>", 22)},
                {"eXIf", std::string("MM\0*\0\0\0\x08\0\0", 10)},
                {"zTXt", std::string("Comment\0\0x\x9c\x03\x00\x00\x00\x00\x01", 17), true},
                {"tEXt", std::string("Author\0me", 9), true}};
  return png;
}

TEST(ContainerCommandsTest, APngComesBackWithItsDepthPixelsAndChunksInOrder) {
  ScratchDirectory dir;
  const std::string input = dir.File("in.png");
  ASSERT_TRUE(tools::testing::WriteTestPng(input, OneBitPng()));
  ASSERT_EQ(Compress(input, dir.File("in.rim")), 0);
  // Stored at 1 bit per pixel: no more than the samples and the container.
  EXPECT_LE(ReadBytes(dir.File("in.rim")).size(), 8u * 40 + 59 + 10 * 4 + 200 + 18 + 6);
  ASSERT_EQ(Decompress(dir.File("in.rim"), dir.File("out.png")), 0);
  EXPECT_EQ(Ancillary(dir.File("out.png")), Ancillary(input));
  const auto out = PngChunks(ReadBytes(dir.File("out.png")));
  ASSERT_EQ(out[0].first, "IHDR");
  EXPECT_EQ(out[0].second, PngChunks(ReadBytes(input))[0].second);  // the same size, depth 1, gray
  // The same pixels: compressing the output again codes the same samples and metadata.
  ASSERT_EQ(Compress(dir.File("out.png"), dir.File("again.rim")), 0);
  EXPECT_EQ(ReadBytes(dir.File("again.rim")), ReadBytes(dir.File("in.rim")));
}

TEST(ContainerCommandsTest, StripKeepsNoChunks) {
  ScratchDirectory dir;
  const std::string input = dir.File("in.png");
  ASSERT_TRUE(tools::testing::WriteTestPng(input, OneBitPng()));
  ASSERT_EQ(Compress(input, dir.File("in.rim"), /*strip=*/true), 0);
  ASSERT_EQ(Decompress(dir.File("in.rim"), dir.File("out.png")), 0);
  EXPECT_TRUE(Ancillary(dir.File("out.png")).empty());
}

TEST(ContainerCommandsTest, APgmComesBackWithItsMaxvalByteForByte) {
  ScratchDirectory dir;
  std::string pgm = "P5\n37 23\n15\n";
  for (uint32_t i = 0; i < 37 * 23; ++i) pgm.push_back(static_cast<char>((i * 7 + i / 37) % 16));
  ASSERT_TRUE(WriteBytes(dir.File("in.pgm"), pgm));
  ASSERT_EQ(Compress(dir.File("in.pgm"), dir.File("in.rim")), 0);
  ASSERT_EQ(Decompress(dir.File("in.rim"), dir.File("out.pgm")), 0);
  EXPECT_EQ(ReadBytes(dir.File("out.pgm")), pgm);
}

TEST(ContainerCommandsTest, InfoShowsTheContainersFields) {
  ScratchDirectory dir;
  const std::string input = dir.File("in.png");
  ASSERT_TRUE(tools::testing::WriteTestPng(input, OneBitPng()));
  ASSERT_EQ(Compress(input, dir.File("in.rim")), 0);
  InfoOptions options;
  options.inputs = {dir.File("in.rim")};
  ::testing::internal::CaptureStdout();
  ASSERT_EQ(RunInfo(options), 0);
  const std::string out = ::testing::internal::GetCapturedStdout();
  for (const char* line : {"container version 3", "64 x 40, gray, 1-bit samples (maxval 1)", "source:       PNG",
                           "groups:       1 of 48 rows", "methods:      stored 1", "metadata:     10 blocks",
                           "iCCP, 14 bytes, before the image", "tEXt, 9 bytes, after the image",
                           "(built-in gray-ride-v1)"}) {
    EXPECT_NE(out.find(line), std::string::npos) << line << " in\n" << out;
  }
}

TEST(ContainerCommandsTest, APipeThatEndsEarlyIsTruncatedAndLeavesNoOutput) {
  ScratchDirectory dir;
  std::string pgm = "P5\n300 200\n255\n";
  for (uint32_t i = 0; i < 300 * 200; ++i) pgm.push_back(static_cast<char>((i % 300 + i / 300) % 256));
  ASSERT_TRUE(WriteBytes(dir.File("in.pgm"), pgm));
  CompressOptions options;
  options.inputs = {dir.File("in.pgm")};
  options.output = dir.File("in.rim");
  options.quiet = true;
  options.group_rows = 16;
  ASSERT_EQ(RunCompress(options), 0);
  const std::string file = ReadBytes(dir.File("in.rim"));
  for (std::size_t cut : {std::size_t{30}, std::size_t{59}, file.size() / 2, file.size() - 1}) {
    const std::string pipe = dir.File("pipe" + std::to_string(cut));
    ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
    std::thread writer([&] { WriteBytes(pipe, file.substr(0, cut)); });
    const std::vector<std::string> before = dir.Entries();
    ::testing::internal::CaptureStderr();
    EXPECT_NE(Decompress(pipe, dir.File("out.png")), 0) << cut;
    const std::string error = ::testing::internal::GetCapturedStderr();
    writer.join();
    EXPECT_NE(error.find("ends"), std::string::npos) << cut << ": " << error;
    EXPECT_EQ(dir.Entries(), before) << "an output or a temporary was left behind";
  }
}

// Runs Decompress("-", output) with the file at `path` as standard input.
int DecompressFromStandardInput(const std::string& path, const std::string& output) {
  const int saved = ::dup(0);
  const int file = ::open(path.c_str(), O_RDONLY);
  EXPECT_TRUE(saved >= 0 && file >= 0 && ::dup2(file, 0) == 0);
  ::close(file);
  const int status = Decompress("-", output);
  std::clearerr(stdin);
  ::dup2(saved, 0);
  ::close(saved);
  return status;
}

TEST(ContainerCommandsTest, DashReadsTheFileFromStandardInput) {
  ScratchDirectory dir;
  std::string pgm = "P5\n90 70\n255\n";
  for (uint32_t i = 0; i < 90 * 70; ++i) pgm.push_back(static_cast<char>((i * 7 + i / 90) % 256));
  ASSERT_TRUE(WriteBytes(dir.File("in.pgm"), pgm));
  ASSERT_EQ(Compress(dir.File("in.pgm"), dir.File("in.rim")), 0);
  ASSERT_EQ(DecompressFromStandardInput(dir.File("in.rim"), dir.File("out.pgm")), 0);
  EXPECT_EQ(ReadBytes(dir.File("out.pgm")), pgm);

  const std::string file = ReadBytes(dir.File("in.rim"));
  ASSERT_TRUE(WriteBytes(dir.File("cut.rim"), file.substr(0, file.size() - 3)));
  const std::vector<std::string> before = dir.Entries();
  ::testing::internal::CaptureStderr();
  EXPECT_NE(DecompressFromStandardInput(dir.File("cut.rim"), dir.File("cut.pgm")), 0);
  const std::string error = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(error.find("standard input"), std::string::npos) << error;
  EXPECT_EQ(dir.Entries(), before) << "an output or a temporary was left behind";
}

}  // namespace
}  // namespace ride::cli
