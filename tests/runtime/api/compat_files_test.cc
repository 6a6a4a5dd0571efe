// Every file in tests/data/compat/ (written by a release, never remade) decodes, on every target,
// through both of ride.h's ways in (a file in memory and a stream read a few bytes at a time), to
// the samples and metadata its MANIFEST.tsv line records; and every file there has such a line.
#include "ride/ride.h"

#include <dirent.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "runtime/src/container/pixel_checksum.h"

namespace ride::api {
namespace {

const std::string kCompat = std::string(RIDE_TEST_DATA_DIR) + "/compat/";

struct Entry {
  std::string file, release;
  uint32_t container_version = 0, width = 0, height = 0, maxval = 0;
  std::size_t metadata_blocks = 0;
  uint64_t samples_xxh3 = 0, metadata_xxh3 = 0;
};

std::vector<Entry> ReadManifest() {
  std::vector<Entry> entries;
  std::ifstream in(kCompat + "MANIFEST.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Entry entry;
    std::string samples, metadata;
    fields >> entry.file >> entry.release >> entry.container_version >> entry.width >> entry.height >> entry.maxval >>
        entry.metadata_blocks >> samples >> metadata;
    EXPECT_FALSE(fields.fail()) << line;
    entry.samples_xxh3 = std::stoull(samples, nullptr, 16);
    entry.metadata_xxh3 = std::stoull(metadata, nullptr, 16);
    entries.push_back(entry);
  }
  return entries;
}

std::vector<uint8_t> ReadFile(const std::string& path) {
  std::vector<uint8_t> bytes;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return bytes;
  uint8_t buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.insert(bytes.end(), buffer, buffer + got);
  std::fclose(file);
  return bytes;
}

// The file handed out `step` bytes at a time, as a pipe might.
struct Stream {
  const std::vector<uint8_t>* bytes;
  std::size_t position = 0, step = 0;
  static int Read(void* user, uint8_t* buffer, size_t size, size_t* got) {
    auto* stream = static_cast<Stream*>(user);
    const std::size_t left = stream->bytes->size() - stream->position;
    *got = std::min({size, left, stream->step});
    std::memcpy(buffer, stream->bytes->data() + stream->position, *got);
    stream->position += *got;
    return 0;
  }
};

struct Decoded {
  ride_file_info info;
  std::vector<uint8_t> samples;
  uint64_t metadata_xxh3 = 0;
};

// Every block: tag, placement byte, 8-byte little-endian size, bytes; hashed together.
uint64_t MetadataDigest(const ride_decoder* decoder, std::size_t count) {
  std::vector<uint8_t> all;
  for (std::size_t i = 0; i < count; ++i) {
    ride_metadata block;
    EXPECT_EQ(ride_decoder_metadata(decoder, i, &block), RIDE_OK);
    all.insert(all.end(), block.tag, block.tag + 4);
    all.push_back(static_cast<uint8_t>(block.placement));
    for (int b = 0; b < 8; ++b) all.push_back(static_cast<uint8_t>(static_cast<uint64_t>(block.size) >> (8 * b)));
    all.insert(all.end(), block.data, block.data + block.size);
  }
  return container::Xxh3Hash64(all.data(), all.size());
}

ride_status Decode(const std::vector<uint8_t>& file, std::size_t step, uint32_t threads, Decoded* out) {
  ride_decode_options options;
  ride_decode_options_init(&options);
  options.threads = threads;
  ride_decoder* decoder = nullptr;
  Stream stream{&file, 0, step};
  ride_status status = step == 0 ? ride_decoder_open_memory(file.data(), file.size(), &options, &decoder)
                                 : ride_decoder_open(&Stream::Read, &stream, &options, &decoder);
  if (status != RIDE_OK) return status;
  ride_file_info_init(&out->info);
  status = ride_decoder_file_info(decoder, &out->info);
  if (status == RIDE_OK) {
    // A row: width × the layout's channels samples, a pixel's together.
    const std::size_t row = std::size_t{out->info.width} * out->info.channels;
    out->samples.assign(row * out->info.height, 0);
    status = ride_decoder_decode_buffer(decoder, nullptr, out->samples.data(), row, out->samples.size());
  }
  if (status == RIDE_OK) status = ride_decoder_file_info(decoder, &out->info);
  if (status == RIDE_OK) out->metadata_xxh3 = MetadataDigest(decoder, out->info.metadata_count);
  if (status != RIDE_OK) ADD_FAILURE() << ride_decoder_last_error(decoder);
  ride_decoder_destroy(decoder);
  return status;
}

TEST(CompatFilesTest, EveryFileDecodesToTheRecordedSamplesAndMetadata) {
  const std::vector<Entry> entries = ReadManifest();
  ASSERT_GE(entries.size(), 5u);
  for (const Entry& entry : entries) {
    const std::vector<uint8_t> file = ReadFile(kCompat + entry.file);
    ASSERT_FALSE(file.empty()) << entry.file;
    // From memory and as streams of small and large reads, each thread count at least once (every
    // decode costs minutes of emulation on aarch64, colour files most).
    const std::pair<std::size_t, uint32_t> runs[] = {{0, 1}, {0, 2}, {7, 1}, {std::size_t{1} << 20, 2}};
    for (const auto& [step, threads] : runs) {
      {
        Decoded decoded;
        ASSERT_EQ(Decode(file, step, threads, &decoded), RIDE_OK) << entry.file << " step " << step;
        const std::string what = entry.file + (step == 0 ? " (memory)" : " (stream)");
        EXPECT_EQ(decoded.info.container_version, entry.container_version) << what;
        EXPECT_EQ(decoded.info.width, entry.width) << what;
        EXPECT_EQ(decoded.info.height, entry.height) << what;
        EXPECT_EQ(decoded.info.maxval, entry.maxval) << what;
        EXPECT_EQ(decoded.info.metadata_count, entry.metadata_blocks) << what;
        EXPECT_EQ(decoded.info.file_bytes, file.size()) << what;
        const uint64_t samples = container::Xxh3Hash64(decoded.samples.data(), decoded.samples.size());
        EXPECT_EQ(samples, entry.samples_xxh3) << what << ": samples hash to " << std::hex << samples;
        EXPECT_EQ(decoded.metadata_xxh3, entry.metadata_xxh3)
            << what << ": metadata hashes to " << std::hex << decoded.metadata_xxh3;
      }
    }
  }
}

TEST(CompatFilesTest, EveryFileThereIsInTheManifest) {
  std::set<std::string> listed;
  for (const Entry& entry : ReadManifest()) listed.insert(entry.file);
  DIR* dir = ::opendir(kCompat.c_str());
  ASSERT_NE(dir, nullptr);
  std::set<std::string> found;
  while (dirent* item = ::readdir(dir)) {
    const std::string name = item->d_name;
    if (name.size() > 4 && name.substr(name.size() - 4) == ".rim") found.insert(name);
  }
  ::closedir(dir);
  EXPECT_EQ(found, listed);
}

}  // namespace
}  // namespace ride::api
