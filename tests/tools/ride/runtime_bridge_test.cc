// The bridges from the tool library (exceptions) to the runtime's interfaces (Status): the runtime's
// writers stream into an OutputFile, and every error arrives as a Status with the same message.
#include "tools/ride/runtime_bridge.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "ride/ride.h"

#include "runtime/src/container/rim_file.h"
#include "runtime/src/container/rim_header.h"
#include "tools/common/file_error.h"
#include "tools/common/output_file.h"
#include "tools/common/progress_meter.h"
#include "tests/tools/common/tool_test_files.h"

namespace ride::cli {
namespace {

using tools::testing::Pgm;
using tools::testing::ReadBytes;
using tools::testing::ScratchDirectory;
using tools::testing::WriteBytes;

// The tool library's size limits are the container's (it cannot include the runtime to share them).
static_assert(tools::kMaxImageWidth == container::kRimMaxWidth);
static_assert(tools::kMaxImageHeight == container::kRimMaxHeight);
// The progress meter plugs into ride.h as it is.
static_assert(std::is_same_v<decltype(&tools::ProgressMeter::Report), ride_progress_fn>);

TEST(RuntimeBridgeTest, RimWriterStreamsIntoAnOutputFile) {
  ScratchDirectory dir;
  const std::string path = dir.File("image.rim");
  container::RimHeader fields;
  fields.version = 1;  // the lanes-in-memory writer writes 0.1.0's files
  fields.width = 5;
  fields.height = 3;
  const std::vector<std::vector<uint8_t>> lanes = {{1, 2, 3}, {}, {4}};
  const std::unique_ptr<tools::OutputFile> file = tools::OutputFile::Create(path);
  ByteWriterSink sink(file.get());
  ASSERT_TRUE(container::WriteRimFile(fields, lanes, &sink).ok());
  file->Commit();
  const std::string bytes = ReadBytes(path);
  container::RimReader reader;
  const Status status = reader.Open(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(reader.header().lane_bytes, (std::vector<uint64_t>{3, 0, 1}));
}

TEST(RuntimeBridgeTest, WriteErrorsBecomeIoStatusesWithTheMessage) {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) GTEST_SKIP() << "no /dev/full";
  tools::FileDescriptorWriter writer(fd, "out.rim");
  ByteWriterSink sink(&writer);
  std::vector<uint8_t> bytes(300000, 1);
  const Status status = sink.Append(bytes.data(), bytes.size());
  ::close(fd);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_STREQ(status.message(), "out.rim: write failed: No space left on device");
}

TEST(RuntimeBridgeTest, ReadErrorsBecomeStatusesWithTheMessage) {
  ScratchDirectory dir;
  const std::string path = dir.File("short.pgm");
  ASSERT_TRUE(WriteBytes(path, Pgm(4, 2, {1, 2, 3, 4, 5, 6, 7, 8}).substr(0, 15)));
  const std::unique_ptr<tools::ImageReader> reader = tools::OpenImageReader(path);
  ReaderRowSource source(reader.get());
  uint8_t row[4];
  EXPECT_TRUE(source.ReadRow(row).ok());
  const Status status = source.ReadRow(row);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(status.message()), path + ": PGM pixel data ends in row 1 of 2");
}

TEST(RuntimeBridgeTest, OtherExceptionsAreInternalErrors) {
  const Status status = Guarded([] { throw std::logic_error("a bug"); });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_STREQ(status.message(), "a bug");
  EXPECT_EQ(StatusOf(tools::FileError(tools::FileErrorKind::kUsage, "x: exists")).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ride::cli
