// What ride.h's opaque handles are. Private to the API's sources (and to tests that look inside).
#ifndef RIDE_RUNTIME_SRC_API_API_HANDLES_H_
#define RIDE_RUNTIME_SRC_API_API_HANDLES_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "ride/ride.h"
#include "runtime/src/api/api_callbacks.h"
#include "runtime/src/api/api_error.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/codec/image_decoder.h"
#include "runtime/src/codec/group_source.h"
#include "runtime/src/codec/image_encoder.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/container/rim_stream_reader.h"
#include "runtime/src/model/model_bytes.h"
#include "runtime/src/model/model_loader.h"

// A validated model. Its weight arrays view `bytes` (the library's copy of the file), the caller's
// buffer or a built-in model's bytes; on a big-endian target they are copies.
struct ride_model {
  ride::model::LoadedModel loaded;
  ride::model::ModelBytes bytes;  // empty when the model reads the caller's or the built-in bytes
  const char* builtin_name = "";
  // The weights are read from the caller's or the built-in bytes (ride_model_info::weights_in_place).
  bool weights_in_place = false;

  ride::codec::CodecModel codec() const {
    ride::codec::CodecModel model;
    model.model = &loaded.model;
    model.fingerprint = loaded.fingerprint;
    return model;
  }
};

namespace ride::api {

// Metadata blocks a handle keeps, each the library's copy of its payload (the tag, then the bytes):
// the encoding options' blocks, or a file's, until the handle is destroyed.
class MetadataStore final : public codec::MetadataSink {
 public:
  Status Reserve(std::size_t size, bool after_image, uint8_t** payload) override;
  // A copy of a block; kResourceExhausted beyond the limits or without memory.
  Status Add(const uint8_t* tag, bool after_image, const uint8_t* data, std::size_t size);

  std::size_t size() const { return entries_.size(); }
  container::RimMetadataView View(std::size_t index) const;
  void Describe(std::size_t index, ride_metadata* block) const;

 private:
  struct Entry {
    std::unique_ptr<uint8_t[]> payload;
    std::size_t size = 0;
    bool after_image = false;
  };
  std::vector<Entry> entries_;
  uint64_t bytes_ = 0;
};

// The caller's trailing-metadata callback as the codec asks for it.
class TrailingMetadataCallback final : public codec::TrailingMetadata {
 public:
  TrailingMetadataCallback(ride_metadata_fn fn, void* user, CallbackGate* gate) : fn_(fn), user_(user), gate_(gate) {}
  Status Blocks(const container::RimMetadataView** blocks, std::size_t* count) override;

 private:
  ride_metadata_fn fn_;
  void* user_;
  CallbackGate* gate_;
  std::vector<container::RimMetadataView> views_;
};

}  // namespace ride::api

struct ride_encoder {
  ride::api::ErrorText error;
  ride::api::CallbackGate gate;
  ride::api::ProgressCallback progress;
  ride::api::MetadataStore metadata;  // the options' blocks, which the codec reads while encoding
  std::vector<ride::container::RimMetadataView> metadata_views;
  ride::api::TrailingMetadataCallback trailing_metadata;
  ride::codec::ImageEncoder encoder;
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t row_bytes = 0;  // width × the layout's channels
  bool used = false;

  ride_encoder(ride_progress_fn progress_fn, void* progress_user, ride_metadata_fn trailing_fn, void* trailing_user)
      : progress(progress_fn, progress_user, &gate), trailing_metadata(trailing_fn, trailing_user, &gate) {}
};

struct ride_decoder {
  mutable ride::api::ErrorText error;  // also kept by the calls that take a const decoder
  ride::api::CallbackGate gate;
  ride::api::ProgressCallback progress;
  // Where the file comes from: the caller's memory, or the read callback (then `file` holds what
  // has been read: the header at open, and for container version 1 the whole file once decoding
  // starts).
  const uint8_t* memory = nullptr;
  std::size_t memory_size = 0;
  ride_read_fn read = nullptr;
  void* read_user = nullptr;
  std::unique_ptr<uint8_t[]> file;
  std::size_t file_size = 0;
  std::size_t file_capacity = 0;
  bool file_complete = false;  // all of it is in memory (always, for a file opened from memory)
  // The header, and for version 1 the file's size it announces (header and lanes).
  ride::container::RimHeader header;
  std::size_t header_bytes = 0;
  uint64_t announced_bytes = 0;
  // A whole file in memory (opened from memory, or a version-1 file read to its end).
  ride::container::RimReader reader;
  // A version-2 file read from the callback: the blocks as they come, and the groups' source.
  std::unique_ptr<ride::api::ReadCallbackSource> stream_source;
  std::unique_ptr<ride::container::RimStreamReader> stream;
  std::unique_ptr<ride::codec::StreamGroupSource> stream_groups;
  ride::api::MetadataStore metadata;
  // Known once decoding has finished for a stream (the end block).
  uint64_t pixel_checksum = 0;
  bool decoded = false;
  char fingerprint_hex[2 * RIDE_FINGERPRINT_BYTES + 1] = "";
  const char* builtin_model_name = "";
  ride::codec::DecodeOptions options;  // threads, progress and the caller's memory
  uint64_t max_file_bytes = 0;
  // The built-in model decode picked when given none; declared before `decoder`, which uses it,
  // so that it is closed after it.
  std::unique_ptr<ride_model> builtin_model;
  ride::codec::ImageDecoder decoder;
  bool used = false;

  ride_decoder(ride_progress_fn progress_fn, void* progress_user) : progress(progress_fn, progress_user, &gate) {}
  // The whole file once it is in memory, null before.
  const uint8_t* file_data() const { return memory != nullptr ? memory : file.get(); }
};

#endif  // RIDE_RUNTIME_SRC_API_API_HANDLES_H_
