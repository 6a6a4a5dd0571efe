#include "tools/common/output_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <memory>
#include <string>
#include <vector>

#include "runtime/src/container/rim_file.h"
#include "tests/tools/common/tool_test_files.h"

namespace ride::tools {
namespace {

using testing::ReadBytes;
using testing::ScratchDirectory;
using testing::WriteBytes;

bool Contains(const Status& status, const std::string& part) {
  return std::string(status.message()).find(part) != std::string::npos;
}

Status AppendString(coder::ByteSink* sink, const std::string& text) {
  return sink->Append(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

TEST(OutputFileTest, CommitPublishesTheBytesAndLeavesNoTemporary) {
  ScratchDirectory dir;
  const std::string path = dir.File("out.rim");
  std::unique_ptr<OutputFile> file;
  ASSERT_TRUE(OutputFile::Create(path, OutputFileOptions{}, &file).ok());
  std::string expected;
  for (int i = 0; i < 5000; ++i) expected += "row " + std::to_string(i) + "\n";  // more than one buffer
  ASSERT_TRUE(AppendString(file.get(), expected).ok());
  EXPECT_EQ(::access(path.c_str(), F_OK), -1) << "visible before commit";
  ASSERT_EQ(dir.Entries().size(), 1u);
  EXPECT_EQ(dir.Entries()[0].rfind(".out.rim.ride-tmp-", 0), 0u) << dir.Entries()[0];
  const Status status = file->Commit();
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(ReadBytes(path), expected);
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"out.rim"});
}

TEST(OutputFileTest, RimWriterStreamsIntoIt) {
  ScratchDirectory dir;
  const std::string path = dir.File("image.rim");
  container::RimHeader fields;
  fields.width = 5;
  fields.height = 3;
  const std::vector<std::vector<uint8_t>> lanes = {{1, 2, 3}, {}, {4}};
  std::unique_ptr<OutputFile> file;
  ASSERT_TRUE(OutputFile::Create(path, OutputFileOptions{}, &file).ok());
  ASSERT_TRUE(container::WriteRimFile(fields, lanes, file.get()).ok());
  ASSERT_TRUE(file->Commit().ok());
  const std::string bytes = ReadBytes(path);
  container::RimReader reader;
  const Status status = reader.Open(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(reader.header().lane_bytes, (std::vector<uint64_t>{3, 0, 1}));
}

TEST(OutputFileTest, WithoutCommitNothingAppears) {
  ScratchDirectory dir;
  const std::string path = dir.File("out.png");
  {
    std::unique_ptr<OutputFile> file;
    ASSERT_TRUE(OutputFile::Create(path, OutputFileOptions{}, &file).ok());
    ASSERT_TRUE(AppendString(file.get(), std::string(200000, 'x')).ok());
  }  // a failure elsewhere: the file is destroyed without Commit
  EXPECT_TRUE(dir.Entries().empty());
}

TEST(OutputFileTest, ExistingOutputIsRefusedUnlessOverwrite) {
  ScratchDirectory dir;
  const std::string path = dir.File("out.pgm");
  ASSERT_TRUE(WriteBytes(path, "old"));
  std::unique_ptr<OutputFile> file;
  const Status refused = OutputFile::Create(path, OutputFileOptions{}, &file);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(refused, path + ": exists; use -f to overwrite")) << refused.message();
  EXPECT_EQ(ReadBytes(path), "old");

  OutputFileOptions overwrite;
  overwrite.overwrite = true;
  ASSERT_TRUE(OutputFile::Create(path, overwrite, &file).ok());
  ASSERT_TRUE(AppendString(file.get(), "new").ok());
  ASSERT_TRUE(file->Commit().ok());
  EXPECT_EQ(ReadBytes(path), "new");
  EXPECT_EQ(dir.Entries().size(), 1u);
}

TEST(OutputFileTest, OutputCreatedMeanwhileIsNotReplaced) {
  ScratchDirectory dir;
  const std::string path = dir.File("race.rim");
  std::unique_ptr<OutputFile> file;
  ASSERT_TRUE(OutputFile::Create(path, OutputFileOptions{}, &file).ok());
  ASSERT_TRUE(AppendString(file.get(), "ours").ok());
  ASSERT_TRUE(WriteBytes(path, "theirs"));
  const Status status = file->Commit();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(status, "use -f")) << status.message();
  EXPECT_EQ(ReadBytes(path), "theirs");
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"race.rim"});
}

TEST(OutputFileTest, TheInputIsRefusedAsOutputEvenWithOverwrite) {
  ScratchDirectory dir;
  const std::string input = dir.File("image.png");
  ASSERT_TRUE(WriteBytes(input, "pixels"));
  ASSERT_EQ(::link(input.c_str(), dir.File("alias.png").c_str()), 0);
  OutputFileOptions options;
  options.overwrite = true;
  options.input_path = input;
  for (const std::string& output : {input, dir.path() + "/./image.png", dir.File("alias.png")}) {
    std::unique_ptr<OutputFile> file;
    const Status status = OutputFile::Create(output, options, &file);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << output;
    EXPECT_TRUE(Contains(status, output + ": is the input file")) << status.message();
  }
  EXPECT_EQ(ReadBytes(input), "pixels");
}

TEST(OutputFileTest, NonRegularDestinationIsRefused) {
  ScratchDirectory dir;
  ASSERT_EQ(::mkdir(dir.File("sub").c_str(), 0755), 0);
  OutputFileOptions options;
  options.overwrite = true;
  std::unique_ptr<OutputFile> file;
  const Status status = OutputFile::Create(dir.File("sub"), options, &file);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(status, "not a regular file")) << status.message();
  ::rmdir(dir.File("sub").c_str());
}

TEST(OutputFileTest, MissingDirectoryIsAnIoErrorNamingTheFile) {
  std::unique_ptr<OutputFile> file;
  const Status status = OutputFile::Create("/nonexistent-ride-dir/out.rim", OutputFileOptions{}, &file);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_TRUE(Contains(status, "/nonexistent-ride-dir/out.rim")) << status.message();
  EXPECT_TRUE(Contains(status, "No such file or directory")) << status.message();
}

TEST(OutputFileTest, DiskFullIsAnIoErrorNamingTheFile) {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) GTEST_SKIP() << "no /dev/full";
  FileDescriptorSink sink(fd, "out.rim");
  std::vector<uint8_t> bytes(300000, 1);
  Status status = sink.Append(bytes.data(), bytes.size());
  if (status.ok()) status = sink.Flush();
  ::close(fd);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_TRUE(Contains(status, "out.rim: write failed: No space left on device")) << status.message();
  EXPECT_EQ(sink.Append(bytes.data(), 1).code(), StatusCode::kIoError) << "errors are sticky";
}

// A write failure half-way (here a file-size limit, EFBIG) leaves neither the output nor the temporary.
TEST(OutputFileTest, WriteFailureLeavesNoFinalFileAndNoTemporary) {
  ScratchDirectory dir;
  const std::string path = dir.File("big.rim");
  rlimit saved;
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  void (*saved_handler)(int) = std::signal(SIGXFSZ, SIG_IGN);
  rlimit limited = saved;
  limited.rlim_cur = 100000;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
  Status status;
  {
    std::unique_ptr<OutputFile> file;
    status = OutputFile::Create(path, OutputFileOptions{}, &file);
    std::vector<uint8_t> chunk(50000, 7);
    for (int i = 0; i < 10 && status.ok(); ++i) status = file->Append(chunk.data(), chunk.size());
    if (status.ok()) status = file->Commit();
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, saved_handler);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_TRUE(Contains(status, path + ": write failed: File too large")) << status.message();
  EXPECT_TRUE(dir.Entries().empty());
}

TEST(OutputFileTest, FailedCommitRemovesTheTemporary) {
  ScratchDirectory dir;
  const std::string path = dir.File("late.rim");
  rlimit saved;
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  void (*saved_handler)(int) = std::signal(SIGXFSZ, SIG_IGN);
  std::unique_ptr<OutputFile> file;
  ASSERT_TRUE(OutputFile::Create(path, OutputFileOptions{}, &file).ok());
  std::vector<uint8_t> chunk(1000, 7);
  ASSERT_TRUE(file->Append(chunk.data(), chunk.size()).ok());  // still buffered
  rlimit limited = saved;
  limited.rlim_cur = 10;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
  const Status status = file->Commit();
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, saved_handler);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_TRUE(dir.Entries().empty());
}

}  // namespace
}  // namespace ride::tools
