#include "tools/common/output_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <memory>
#include <stdexcept>
#include <optional>
#include <string>
#include <vector>

#include "tools/common/file_error.h"
#include "tests/tools/common/tool_test_files.h"

namespace ride::tools {
namespace {

using testing::Caught;
using testing::ReadBytes;
using testing::ScratchDirectory;
using testing::WriteBytes;

bool Contains(const std::optional<FileError>& error, const std::string& part) {
  return error.has_value() && std::string(error->what()).find(part) != std::string::npos;
}

std::string KindOf(const std::optional<FileError>& error) {
  return error.has_value() ? FileErrorKindName(error->kind()) : "none";
}

void WriteString(ByteWriter* out, const std::string& text) {
  out->Write(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

TEST(OutputFileTest, CommitPublishesTheBytesAndLeavesNoTemporary) {
  ScratchDirectory dir;
  const std::string path = dir.File("out.rim");
  const std::unique_ptr<OutputFile> file = OutputFile::Create(path);
  std::string expected;
  for (int i = 0; i < 5000; ++i) expected += "row " + std::to_string(i) + "\n";  // more than one buffer
  WriteString(file.get(), expected);
  EXPECT_EQ(::access(path.c_str(), F_OK), -1) << "visible before commit";
  ASSERT_EQ(dir.Entries().size(), 1u);
  EXPECT_EQ(dir.Entries()[0].rfind(".out.rim.ride-tmp-", 0), 0u) << dir.Entries()[0];
  file->Commit();
  EXPECT_EQ(ReadBytes(path), expected);
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"out.rim"});
}

TEST(OutputFileTest, WriteAfterCommitIsAProgrammerError) {
  ScratchDirectory dir;
  const std::unique_ptr<OutputFile> file = OutputFile::Create(dir.File("done.rim"));
  WriteString(file.get(), "x");
  file->Commit();
  EXPECT_THROW(WriteString(file.get(), "y"), std::logic_error);
  EXPECT_THROW(file->Commit(), std::logic_error);
  EXPECT_EQ(ReadBytes(dir.File("done.rim")), "x");
}

TEST(OutputFileTest, WriteFileAtomicallyKeepsTheOutputRules) {
  ScratchDirectory dir;
  const std::string path = dir.File("model.ride");
  WriteFileAtomically(path, "first");
  EXPECT_EQ(ReadBytes(path), "first");
  EXPECT_EQ(KindOf(Caught([&] { WriteFileAtomically(path, "second"); })), "usage");
  OutputFileOptions overwrite;
  overwrite.overwrite = true;
  WriteFileAtomically(path, "second", overwrite);
  EXPECT_EQ(ReadBytes(path), "second");
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"model.ride"});
}

TEST(OutputFileTest, WithoutCommitNothingAppears) {
  ScratchDirectory dir;
  const std::string path = dir.File("out.png");
  {
    const std::unique_ptr<OutputFile> file = OutputFile::Create(path);
    WriteString(file.get(), std::string(200000, 'x'));
  }  // a failure elsewhere: the file is destroyed without Commit
  EXPECT_TRUE(dir.Entries().empty());
}

TEST(OutputFileTest, ExistingOutputIsRefusedUnlessOverwrite) {
  ScratchDirectory dir;
  const std::string path = dir.File("out.pgm");
  ASSERT_TRUE(WriteBytes(path, "old"));
  const auto refused = Caught([&] { OutputFile::Create(path); });
  EXPECT_EQ(KindOf(refused), "usage");
  EXPECT_TRUE(Contains(refused, path + ": exists; use -f to overwrite"));
  EXPECT_EQ(ReadBytes(path), "old");

  OutputFileOptions overwrite;
  overwrite.overwrite = true;
  const std::unique_ptr<OutputFile> file = OutputFile::Create(path, overwrite);
  WriteString(file.get(), "new");
  file->Commit();
  EXPECT_EQ(ReadBytes(path), "new");
  EXPECT_EQ(dir.Entries().size(), 1u);
}

TEST(OutputFileTest, OutputCreatedMeanwhileIsNotReplaced) {
  ScratchDirectory dir;
  const std::string path = dir.File("race.rim");
  const std::unique_ptr<OutputFile> file = OutputFile::Create(path);
  WriteString(file.get(), "ours");
  ASSERT_TRUE(WriteBytes(path, "theirs"));
  const auto error = Caught([&] { file->Commit(); });
  EXPECT_EQ(KindOf(error), "usage");
  EXPECT_TRUE(Contains(error, path + ": exists; use -f"));
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
    const auto error = Caught([&] { OutputFile::Create(output, options); });
    EXPECT_EQ(KindOf(error), "usage") << output;
    EXPECT_TRUE(Contains(error, output + ": is the input file")) << output;
  }
  EXPECT_EQ(ReadBytes(input), "pixels");
}

TEST(OutputFileTest, NonRegularDestinationIsRefused) {
  ScratchDirectory dir;
  ASSERT_EQ(::mkdir(dir.File("sub").c_str(), 0755), 0);
  OutputFileOptions options;
  options.overwrite = true;
  const auto error = Caught([&] { OutputFile::Create(dir.File("sub"), options); });
  EXPECT_EQ(KindOf(error), "usage");
  EXPECT_TRUE(Contains(error, dir.File("sub") + ": exists and is not a regular file"));
  ::rmdir(dir.File("sub").c_str());
}

TEST(OutputFileTest, MissingDirectoryIsAnIoErrorNamingTheFile) {
  const auto error = Caught([] { OutputFile::Create("/nonexistent-ride-dir/out.rim"); });
  EXPECT_EQ(KindOf(error), "I/O");
  EXPECT_TRUE(Contains(error, "/nonexistent-ride-dir/out.rim: "));
  EXPECT_TRUE(Contains(error, "No such file or directory"));
}

TEST(OutputFileTest, DiskFullIsAnIoErrorNamingTheFile) {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) GTEST_SKIP() << "no /dev/full";
  FileDescriptorWriter writer(fd, "out.rim");
  std::vector<uint8_t> bytes(300000, 1);
  const auto error = Caught([&] {
    writer.Write(bytes.data(), bytes.size());
    writer.Flush();
  });
  EXPECT_EQ(KindOf(error), "I/O");
  EXPECT_TRUE(Contains(error, "out.rim: write failed: No space left on device"));
  EXPECT_TRUE(Contains(Caught([&] { writer.Write(bytes.data(), 1); }), "No space left")) << "errors are sticky";
  ::close(fd);
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
  const auto error = Caught([&] {
    const std::unique_ptr<OutputFile> file = OutputFile::Create(path);
    std::vector<uint8_t> chunk(50000, 7);
    for (int i = 0; i < 10; ++i) file->Write(chunk.data(), chunk.size());
    file->Commit();
  });
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, saved_handler);
  EXPECT_EQ(KindOf(error), "I/O");
  EXPECT_TRUE(Contains(error, path + ": write failed: File too large"));
  EXPECT_TRUE(dir.Entries().empty());
}

TEST(OutputFileTest, FailedCommitRemovesTheTemporary) {
  ScratchDirectory dir;
  const std::string path = dir.File("late.rim");
  rlimit saved;
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  void (*saved_handler)(int) = std::signal(SIGXFSZ, SIG_IGN);
  const std::unique_ptr<OutputFile> file = OutputFile::Create(path);
  std::vector<uint8_t> chunk(1000, 7);
  file->Write(chunk.data(), chunk.size());  // still buffered
  rlimit limited = saved;
  limited.rlim_cur = 10;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
  const auto error = Caught([&] { file->Commit(); });
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, saved_handler);
  EXPECT_EQ(KindOf(error), "I/O");
  EXPECT_TRUE(dir.Entries().empty());
}

}  // namespace
}  // namespace ride::tools
