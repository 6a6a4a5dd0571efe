// The ride tool's default output names and the names it refuses.
#include "tools/ride/output_names.h"

#include <gtest/gtest.h>

#include <string>

#include "ride/ride.h"
#include "tools/common/file_error.h"

namespace ride::cli {
namespace {

using tools::FileError;
using tools::FileErrorKind;
using tools::ImageFormat;

// The kind of the FileError `call` throws, with its message in `message`.
template <typename Call>
FileErrorKind KindThrown(Call&& call, std::string* message = nullptr) {
  try {
    call();
  } catch (const FileError& error) {
    if (message != nullptr) *message = error.what();
    return error.kind();
  }
  ADD_FAILURE() << "no FileError";
  return FileErrorKind::kInput;
}

TEST(OutputNamesTest, DefaultNamesKeepTheStemBesideTheInputOrInTheOutputFolder) {
  EXPECT_EQ(DefaultOutputName("a.png", "", "rim"), "a.rim");
  EXPECT_EQ(DefaultOutputName("photos/a.b.png", "", "rim"), "photos/a.b.rim");
  EXPECT_EQ(DefaultOutputName("photos/a.png", "out", "rim"), "out/a.rim");
  EXPECT_EQ(DefaultOutputName("/x/noext", "out/", "rim"), "out/noext.rim");
  EXPECT_EQ(DefaultOutputName(".hidden", "", "rim"), ".hidden.rim");
  EXPECT_EQ(DefaultImageName("dir/a.RIM", "", ImageFormat::kPgm), "dir/a.pgm");
  std::string message;
  EXPECT_EQ(KindThrown([] { DefaultImageName("a.png", "", ImageFormat::kPng); }, &message), FileErrorKind::kUsage);
  EXPECT_NE(message.find("a.png: not named .rim"), std::string::npos) << message;
}

TEST(OutputNamesTest, ACompressedFileIsNotNamedLikeAnImageOrAModelUnlessForced) {
  for (const char* fine : {"a.rim", "-", "a", "a.bin", "dir.png/a.rim"}) {
    EXPECT_NO_THROW(CheckCompressedFileName(fine, false)) << fine;
  }
  for (const char* wrong : {"a.png", "a.PGM", "a.jpeg", "a.ride", "a.pam"}) {
    EXPECT_EQ(KindThrown([&] { CheckCompressedFileName(wrong, false); }), FileErrorKind::kUsage) << wrong;
    EXPECT_NO_THROW(CheckCompressedFileName(wrong, true)) << wrong;
  }
}

TEST(OutputNamesTest, AnImageTakesTheFormatOfItsNameOfFormatOrOfItsSource) {
  EXPECT_EQ(ChooseImageFormat("a.png", "", false, ImageFormat::kPgm), ImageFormat::kPng);
  EXPECT_EQ(ChooseImageFormat("a.pam", "", false, ImageFormat::kPng), ImageFormat::kPam);
  EXPECT_EQ(ChooseImageFormat("-", "", false, ImageFormat::kPgm), ImageFormat::kPgm);
  EXPECT_EQ(ChooseImageFormat("-", "pam", false, ImageFormat::kPgm), ImageFormat::kPam);
  EXPECT_EQ(ChooseImageFormat("a.pgm", "pgm", false, ImageFormat::kPng), ImageFormat::kPgm);
  EXPECT_EQ(ChooseImageFormat("a.rim", "", true, ImageFormat::kPgm), ImageFormat::kPgm);
  EXPECT_EQ(ChooseImageFormat("a.png", "pgm", true, ImageFormat::kPng), ImageFormat::kPgm);
  std::string message;
  EXPECT_EQ(KindThrown([] { ChooseImageFormat("a.rim", "", false, ImageFormat::kPng); }, &message),
            FileErrorKind::kUsage);
  EXPECT_NE(message.find("--force-name"), std::string::npos) << message;
  EXPECT_EQ(KindThrown([] { ChooseImageFormat("a.png", "pgm", false, ImageFormat::kPng); }), FileErrorKind::kUsage);
  EXPECT_EQ(KindThrown([] { ChooseImageFormat("a.bin", "", false, ImageFormat::kPng); }, &message),
            FileErrorKind::kUsage);
  EXPECT_NE(message.find("--format"), std::string::npos) << message;
  EXPECT_EQ(KindThrown([] { ChooseImageFormat("a.png", "tiff", false, ImageFormat::kPng); }), FileErrorKind::kUsage);
}

TEST(OutputNamesTest, TheSourceFormatDecidesAnUnnamedImagesFormat) {
  EXPECT_EQ(FormatForSource(RIDE_SOURCE_PNG, 4), ImageFormat::kPng);
  EXPECT_EQ(FormatForSource(RIDE_SOURCE_PGM, 1), ImageFormat::kPgm);
  EXPECT_EQ(FormatForSource(RIDE_SOURCE_PPM, 3), ImageFormat::kPpm);
  EXPECT_EQ(FormatForSource(RIDE_SOURCE_PPM, 1), ImageFormat::kPgm);  // gray converted from colour
  EXPECT_EQ(FormatForSource(RIDE_SOURCE_PAM, 2), ImageFormat::kPam);
  EXPECT_EQ(FormatForSource(RIDE_SOURCE_JPEG, 3), ImageFormat::kPng);
  EXPECT_EQ(FormatForSource(RIDE_SOURCE_UNSPECIFIED, 1), ImageFormat::kPng);
}

TEST(OutputNamesTest, OIsForOneInputAndNotWithAnOutputFolder) {
  EXPECT_NO_THROW(CheckOutputChoice(1, "a.rim", ""));
  EXPECT_NO_THROW(CheckOutputChoice(3, "", ""));
  EXPECT_EQ(KindThrown([] { CheckOutputChoice(2, "a.rim", ""); }), FileErrorKind::kUsage);
  EXPECT_EQ(KindThrown([] { CheckOutputChoice(1, "a.rim", "out"); }), FileErrorKind::kUsage);
}

}  // namespace
}  // namespace ride::cli
