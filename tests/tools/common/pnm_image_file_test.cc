// Netpbm files (PGM, PPM, PAM) written byte by byte here, read through OpenImageReader; and the
// Netpbm writers, whose files read back through the same reader.
#include <gtest/gtest.h>

#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "tools/common/file_error.h"
#include "tools/common/image_file.h"
#include "tools/common/image_output.h"
#include "tests/tools/common/image_test_cases.h"

namespace ride::tools {
namespace {

using testing::ExpectCases;

ImageReadOptions ToGray() {
  ImageReadOptions options;
  options.to_gray = true;
  return options;
}

TEST(PnmImageFileTest, PgmVariantsAndErrors) {
  ExpectCases({
      {"p5.pgm", std::string("P5\n# comment\n3 1\n255\n\x01\x02\xff", 24), "none", {1, 2, 255}, ""},
      {"p5_maxval15.pgm", std::string("P5 3 1 15 \x00\x0f\x07", 13), "none", {0, 255, 119}, ""},
      {"p2.pgm", "P2\n3 2 # size\n255\n0 1 2\n 250 251\n255\n", "none", {0, 1, 2, 250, 251, 255}, ""},
      {"truncated.pgm", std::string("P5\n3 2\n255\n\x01\x02\x03\x04", 15), "input", {}, "row 1 of 2"},
      {"above_maxval.pgm", std::string("P5\n2 1\n15\n\x01\x10", 12), "input", {}, "exceeds maxval 15"},
      {"sixteen_bit.pgm", "P5\n2 1\n65535\n", "input", {}, "PGM maxval 65535; ride codes samples of 1 to 8 bits"},
      {"zero_width.pgm", "P5\n0 1\n255\n", "input", {}, "at least 1x1"},
      {"huge_width.pgm", "P5\n16777217 1\n255\n", "input", {}, "width 16777217"},
      {"header_cut.pgm", "P5\n3", "input", {}, "height"},
      {"ppm.pgm", "P6\n1 1\n255\nabc", "input", {}, "colour image (PPM); ride codes 8-bit grayscale, pass --gray"},
      {"text.pgm", "hello", "input", {}, "not a PNG, JPEG, PGM, PPM or PAM image"},
      {"pbm.pbm", "P4\n8 1\n\x0f", "input", {}, "PBM bitmap (P4)"},
      {"ascii_pbm.pbm", "P1\n2 1\n0 1\n", "input", {}, "PBM bitmap (P1)"},
  });
}

// 0.299*255 = 76.245 -> 76; 0.587*255 -> 150; 0.114*255 -> 29 (see ImageFileTest for more values).
TEST(PnmImageFileTest, PpmIsColourConvertedOnlyWithGray) {
  const std::string p6("P6\n3 1\n255\n\xff\x00\x00\x00\xff\x00\x00\x00\xff", 20);
  ExpectCases({{"colour.ppm", p6, "input", {}, "colour image (PPM); ride codes 8-bit grayscale, pass --gray"}});
  ExpectCases({{"colour.ppm", p6, "none", {76, 150, 29}, ""},
               // maxval 15: 15 -> 255 before the conversion, 8 -> 136.
               {"ascii.ppm", "P3 2 1 15\n15 0 0  8 8 8\n", "none", {76, 136}, ""},
               {"short.ppm", std::string("P6\n2 2\n255\n\x01\x02\x03\x04\x05\x06\x07", 18), "input", {},
                "PPM pixel data ends in row 1 of 2"},
               {"above.ppm", "P3 1 1 15\n1 2 16\n", "input", {}, "PPM sample 16 at row 0, column 0 exceeds maxval 15"},
               {"deep.ppm", "P6\n1 1\n65535\n", "input", {}, "PPM maxval 65535"}},
              ToGray());
}

ImageReadOptions KeepDepth(bool to_gray = false) {
  ImageReadOptions options;
  options.keep_depth = true;
  options.to_gray = to_gray;
  return options;
}

TEST(PnmImageFileTest, KeepDepthGivesTheStoredSamplesAndTheMaxval) {
  ExpectCases({{"p5_maxval15.pgm", std::string("P5 3 1 15 \x00\x0f\x07", 13), "none", {0, 15, 7}, ""},
               {"p2_maxval100.pgm", "P2 4 1 100\n0 1 99 100\n", "none", {0, 1, 99, 100}, ""},
               {"p5.pgm", std::string("P5\n2 1\n255\n\x01\xff", 13), "none", {1, 255}, ""},
               {"gray.pam", "P7\nWIDTH 2\nHEIGHT 1\nDEPTH 1\nMAXVAL 3\nENDHDR\n\x03\x01", "none", {3, 1}, ""}},
              KeepDepth());
  // Colour converted to gray keeps the file's maxval: (15, 0, 0) is 255 · 0.299 = 76 → 76 · 15 / 255 → 4.
  ExpectCases({{"ascii.ppm", "P3 2 1 15\n15 0 0  15 15 15\n", "none", {4, 15}, ""}}, KeepDepth(true));
  testing::ScratchDirectory dir;
  for (const auto& [name, bytes, maxval, source] :
       {std::make_tuple("a.pgm", std::string("P5 1 1 15 \x01", 11), 15u, ImageSource::kPgm),
        std::make_tuple("b.ppm", std::string("P6 1 1 7 \x01\x01\x01", 12), 7u, ImageSource::kPpm),
        std::make_tuple("c.pam", std::string("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 9\nENDHDR\n\x01"), 9u,
                        ImageSource::kPam)}) {
    const std::string path = dir.File(name);
    ASSERT_TRUE(testing::WriteBytes(path, bytes));
    const auto reader = OpenImageReader(path, KeepDepth(true));
    EXPECT_EQ(reader->maxval(), maxval) << name;
    EXPECT_EQ(reader->source(), source) << name;
    EXPECT_TRUE(reader->chunks().empty()) << name;  // comments are not kept
    EXPECT_EQ(OpenImageReader(path, ToGray())->maxval(), 255u) << name;
  }
}

std::string Pam(const std::string& header_lines, const std::string& raster) {
  return "P7\n" + header_lines + "ENDHDR\n" + raster;
}

TEST(PnmImageFileTest, PamGrayAndOpaqueAlphaRead) {
  ExpectCases({
      {"gray.pam", Pam("WIDTH 3\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nTUPLTYPE GRAYSCALE\n", "\x01\x02\x03"), "none",
       {1, 2, 3}, ""},
      {"comments.pam", Pam("# made by hand\nWIDTH 2\n  HEIGHT 1\nDEPTH 1\n# more\nMAXVAL 15\n", std::string("\x00\x0f", 2)),
       "none", {0, 255}, ""},
      {"bw.pam", Pam("WIDTH 2\nHEIGHT 1\nDEPTH 1\nMAXVAL 1\nTUPLTYPE BLACKANDWHITE\n", std::string("\x00\x01", 2)),
       "none", {0, 255}, ""},
      {"opaque.pam", Pam("WIDTH 2\nHEIGHT 1\nDEPTH 2\nMAXVAL 255\nTUPLTYPE GRAYSCALE_ALPHA\n", "\x07\xff\x09\xff"),
       "none", {7, 9}, ""},
      {"transparent.pam",
       Pam("WIDTH 2\nHEIGHT 2\nDEPTH 2\nMAXVAL 255\nTUPLTYPE GRAYSCALE_ALPHA\n", std::string("\x07\xff\x09\xff\x01\xff\x02\x00", 8)),
       "input", {}, "transparent pixel at row 1, column 1 (alpha 0); ride codes opaque 8-bit grayscale, pass --gray"},
      {"rgb.pam", Pam("WIDTH 1\nHEIGHT 1\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\n", "\xff\x00\x00"), "input", {},
       "colour image (PAM RGB); ride codes 8-bit grayscale, pass --gray"},
  });
}

TEST(PnmImageFileTest, PamColourAndAlphaWithGray) {
  ExpectCases({
      {"rgb.pam", Pam("WIDTH 2\nHEIGHT 1\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\n", std::string("\xff\x00\x00\x00\xff\x00", 6)),
       "none", {76, 150}, ""},
      {"rgba.pam", Pam("WIDTH 1\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\n", std::string("\x00\x00\xff\x00", 4)),
       "none", {29}, ""},
      {"untyped.pam", Pam("WIDTH 1\nHEIGHT 1\nDEPTH 3\nMAXVAL 255\n", std::string("\x00\xff\x00", 3)), "none", {150}, ""},
      {"transparent.pam", Pam("WIDTH 1\nHEIGHT 1\nDEPTH 2\nMAXVAL 255\nTUPLTYPE GRAYSCALE_ALPHA\n", std::string("\x05\x00", 2)),
       "none", {5}, ""},
  }, ToGray());
}

TEST(PnmImageFileTest, PamOdditiesAreRefusedByName) {
  ExpectCases({
      {"cmyk.pam", Pam("WIDTH 1\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nTUPLTYPE CMYK\n", "abcd"), "input", {},
       "PAM tuple type CMYK of depth 4"},
      {"mismatch.pam", Pam("WIDTH 1\nHEIGHT 1\nDEPTH 3\nMAXVAL 255\nTUPLTYPE GRAYSCALE\n", "abc"), "input", {},
       "PAM tuple type GRAYSCALE of depth 3"},
      {"deep.pam", Pam("WIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 65535\n", "ab"), "input", {}, "PAM maxval 65535"},
      {"no_width.pam", Pam("HEIGHT 1\nDEPTH 1\nMAXVAL 255\n", "a"), "input", {}, "PAM header: no WIDTH"},
      {"unknown.pam", Pam("WIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nCOLOR red\n", "a"), "input", {},
       "PAM header: unknown keyword COLOR"},
      {"not_a_number.pam", Pam("WIDTH one\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\n", "a"), "input", {},
       "PAM header: WIDTH one is not a number"},
      {"no_end.pam", "P7\nWIDTH 1\nHEIGHT 1\n", "input", {}, "PAM header ends before ENDHDR"},
      {"short.pam", Pam("WIDTH 2\nHEIGHT 2\nDEPTH 1\nMAXVAL 255\n", "abc"), "input", {}, "PAM pixel data ends in row 1 of 2"},
      {"huge.pam", Pam("WIDTH 1\nHEIGHT 2147483648\nDEPTH 1\nMAXVAL 255\n", "a"), "input", {}, "height 2147483648 exceeds"},
  }, ToGray());
}

// keep_channels: PPM and PAM give their own channels, colour and alpha alike, samples as stored
// (maxval < 255 scaled to 8 bits, as for gray).
TEST(PnmImageFileTest, KeepChannelsGivesTheFilesOwnChannels) {
  const testing::FileCase cases[] = {
      {"p6.ppm", std::string("P6\n2 1\n255\n\xff\x00\x01\x02\x03\x04", 17), "none", {255, 0, 1, 2, 3, 4}, ""},
      {"p3.ppm", "P3 2 1 15\n15 0 1  8 8 8\n", "none", {255, 0, 17, 136, 136, 136}, ""},
      {"rgb.pam", Pam("WIDTH 2\nHEIGHT 1\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\n", std::string("\x01\x02\x03\x04\x05\x06", 6)),
       "none", {1, 2, 3, 4, 5, 6}, ""},
      {"rgba.pam",
       Pam("WIDTH 2\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\n", std::string("\x01\x02\x03\x00\x04\x05\x06\x80", 8)),
       "none", {1, 2, 3, 0, 4, 5, 6, 128}, ""},
      {"gray_alpha.pam",
       Pam("WIDTH 2\nHEIGHT 2\nDEPTH 2\nMAXVAL 255\nTUPLTYPE GRAYSCALE_ALPHA\n", std::string("\x07\xff\x09\x00\x01\x80\x02\x00", 8)),
       "none", {7, 255, 9, 0, 1, 128, 2, 0}, ""},
  };
  ExpectCases({std::begin(cases), std::end(cases)}, testing::KeepChannels());
  const std::tuple<int, bool> expected[] = {{3, true}, {3, true}, {3, true}, {4, true}, {2, false}};
  testing::ScratchDirectory dir;
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    const std::string path = dir.File(cases[i].name);
    ASSERT_TRUE(testing::WriteBytes(path, cases[i].bytes));
    const auto reader = OpenImageReader(path, testing::KeepChannels());
    EXPECT_EQ(reader->channels(), std::get<0>(expected[i])) << cases[i].name;
    EXPECT_EQ(reader->colour(), std::get<1>(expected[i])) << cases[i].name;
    EXPECT_EQ(reader->maxval(), 255u) << cases[i].name;  // keep_depth is for single-channel rows only
  }
}

std::vector<uint8_t> Samples(std::size_t count) {
  std::vector<uint8_t> samples(count);
  for (std::size_t i = 0; i < count; ++i) samples[i] = static_cast<uint8_t>(i * 53 + 3);
  return samples;
}

// Writes `samples` (width × height × options.channels) as `format` to `path`.
void WriteImage(const std::string& path, ImageFormat format, uint32_t width, uint32_t height,
                const std::vector<uint8_t>& samples, const ImageWriteOptions& options) {
  ImageOutput out = CreateImageOutput(path, false, "", format, width, height, options);
  const std::size_t row_size = std::size_t{width} * static_cast<std::size_t>(options.channels);
  for (uint32_t r = 0; r < height; ++r) out.writer->WriteRow(samples.data() + r * row_size);
  out.writer->Finish();
  out.file->Commit();
}

// PGM for gray, PPM for RGB and PAM for all four: the header says so and keep_channels reads the
// samples back exactly.
TEST(PnmImageFileTest, EveryFormatRoundTripsEachChannelCountItHolds) {
  struct Case {
    ImageFormat format;
    int channels;
    std::string header;
  };
  const Case cases[] = {
      {ImageFormat::kPgm, 1, "P5\n4 3\n255\n"},
      {ImageFormat::kPpm, 3, "P6\n4 3\n255\n"},
      {ImageFormat::kPam, 1, "P7\nWIDTH 4\nHEIGHT 3\nDEPTH 1\nMAXVAL 255\nTUPLTYPE GRAYSCALE\nENDHDR\n"},
      {ImageFormat::kPam, 2, "P7\nWIDTH 4\nHEIGHT 3\nDEPTH 2\nMAXVAL 255\nTUPLTYPE GRAYSCALE_ALPHA\nENDHDR\n"},
      {ImageFormat::kPam, 3, "P7\nWIDTH 4\nHEIGHT 3\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\n"},
      {ImageFormat::kPam, 4, "P7\nWIDTH 4\nHEIGHT 3\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n"},
  };
  testing::ScratchDirectory dir;
  for (const Case& c : cases) {
    const std::string name = std::to_string(c.channels) + "." + ImageFormatExtension(c.format);
    const std::string path = dir.File(name);
    const std::vector<uint8_t> samples = Samples(4 * 3 * static_cast<std::size_t>(c.channels));
    ImageWriteOptions options;
    options.channels = c.channels;
    WriteImage(path, c.format, 4, 3, samples, options);
    EXPECT_EQ(testing::ReadBytes(path), c.header + std::string(samples.begin(), samples.end())) << name;
    const testing::ChannelRead read = testing::ReadKeepingChannels(path);
    EXPECT_EQ(read.channels, c.channels) << name;
    EXPECT_EQ(read.colour, c.channels >= 3) << name;
    EXPECT_EQ(read.samples, samples) << name;
  }
}

TEST(PnmImageFileTest, PgmIsGrayOnlyAndPpmIsRgbOnly) {
  testing::ScratchDirectory dir;
  const std::tuple<ImageFormat, int> refused[] = {{ImageFormat::kPgm, 2}, {ImageFormat::kPgm, 3}, {ImageFormat::kPgm, 4},
                                                  {ImageFormat::kPpm, 1}, {ImageFormat::kPpm, 2}, {ImageFormat::kPpm, 4},
                                                  {ImageFormat::kPam, 0}, {ImageFormat::kPam, 5}};
  for (const auto& [format, channels] : refused) {
    const std::string path = dir.File(std::string("out.") + ImageFormatExtension(format));
    ImageWriteOptions options;
    options.channels = channels;
    EXPECT_EQ(ImageFormatHolds(format, channels), false);
    try {
      CreateImageOutput(path, false, "", format, 2, 2, options);
      ADD_FAILURE() << path << " with " << channels << " channels: no error";
    } catch (const FileError& error) {  // a name the user chose: a usage error, before any file
      EXPECT_TRUE(channels >= 1 && channels <= 4) << error.what();
      EXPECT_EQ(error.kind(), FileErrorKind::kUsage);
      EXPECT_NE(std::string(error.what()).find(std::string("a .") + ImageFormatExtension(format) + " file cannot hold"),
                std::string::npos)
          << error.what();
    } catch (const std::invalid_argument& error) {  // no such layout: the caller's bug
      EXPECT_TRUE(channels == 0 || channels == 5) << error.what();
      EXPECT_NE(std::string(error.what()).find("(PGM: gray; PPM: RGB;"), std::string::npos) << error.what();
    }
  }
  EXPECT_TRUE(dir.Entries().empty());
}

TEST(PnmImageFileTest, TheCommentIsAHeaderLineAndAGrayPamKeepsItsMaxval) {
  testing::ScratchDirectory dir;
  const std::string path = dir.File("commented.ppm");
  ImageWriteOptions options;
  options.channels = 3;
  options.comment = "made by ride";
  WriteImage(path, ImageFormat::kPpm, 1, 1, {1, 2, 3}, options);
  EXPECT_EQ(testing::ReadBytes(path), "P6\n# made by ride\n1 1\n255\n\x01\x02\x03");
  const std::string pam = dir.File("fifteen.pam");
  ImageWriteOptions gray;
  gray.maxval = 15;
  WriteImage(pam, ImageFormat::kPam, 2, 1, {15, 7}, gray);
  EXPECT_EQ(testing::ReadBytes(pam),
            "P7\nWIDTH 2\nHEIGHT 1\nDEPTH 1\nMAXVAL 15\nTUPLTYPE GRAYSCALE\nENDHDR\n\x0f\x07");
}

// A colour PAM of maxval 100 keeps its depth with keep_depth, in every channel, both ways.
TEST(PnmImageFileTest, AColourPamKeepsItsMaxvalInEveryChannel) {
  testing::ScratchDirectory dir;
  const std::string path = dir.File("deep.pam");
  ImageWriteOptions options;
  options.channels = 4;
  options.maxval = 100;
  WriteImage(path, ImageFormat::kPam, 2, 1, {0, 50, 100, 100, 99, 1, 2, 0}, options);
  ImageReadOptions read_options;
  read_options.keep_channels = true;
  read_options.keep_depth = true;
  const std::unique_ptr<ImageReader> reader = OpenImageReader(path, read_options);
  EXPECT_EQ(reader->maxval(), 100u);
  EXPECT_EQ(ReadAllRows(reader.get()), (std::vector<uint8_t>{0, 50, 100, 100, 99, 1, 2, 0}));
}

TEST(PnmImageFileTest, DescriptionSaysWhatTheFileHolds) {
  testing::ScratchDirectory dir;
  const std::pair<std::string, std::string> files[] = {
      {"P5\n1 1\n255\na", "PGM (P5), maxval 255"},
      {"P3\n1 1\n15\n1 2 3\n", "PPM (P3), maxval 15"},
      {Pam("WIDTH 1\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\n", "abcd"), "PAM RGB_ALPHA, depth 4, maxval 255"},
  };
  for (const auto& [bytes, description] : files) {
    const std::string path = dir.File("image");
    ASSERT_TRUE(testing::WriteBytes(path, bytes));
    EXPECT_EQ(OpenImageReader(path, ToGray())->description(), description);
  }
}

}  // namespace
}  // namespace ride::tools
