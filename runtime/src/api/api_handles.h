// What ride.h's opaque handles are. Private to the API's sources (and to tests that look inside).
#ifndef RIDE_RUNTIME_SRC_API_API_HANDLES_H_
#define RIDE_RUNTIME_SRC_API_API_HANDLES_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "ride/ride.h"
#include "runtime/src/api/api_callbacks.h"
#include "runtime/src/api/api_error.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/codec/image_decoder.h"
#include "runtime/src/codec/image_encoder.h"
#include "runtime/src/container/rim_header.h"
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

struct ride_encoder {
  ride::api::ErrorText error;
  ride::api::CallbackGate gate;
  ride::api::ProgressCallback progress;
  ride::codec::ImageEncoder encoder;
  uint32_t width = 0;
  uint32_t height = 0;
  bool used = false;

  ride_encoder(ride_progress_fn progress_fn, void* progress_user) : progress(progress_fn, progress_user, &gate) {}
};

struct ride_decoder {
  mutable ride::api::ErrorText error;  // also kept by the calls that take a const decoder
  ride::api::CallbackGate gate;
  ride::api::ProgressCallback progress;
  // Where the file comes from: the caller's memory, or the read callback (then `file` holds what
  // has been read: the header at open, the whole file once decoding starts).
  const uint8_t* memory = nullptr;
  std::size_t memory_size = 0;
  ride_read_fn read = nullptr;
  void* read_user = nullptr;
  std::unique_ptr<uint8_t[]> file;
  std::size_t file_size = 0;
  std::size_t file_capacity = 0;
  bool file_complete = false;  // all of it is in memory (always, for a file opened from memory)
  // The header, and the file's size it announces (header and lanes).
  ride::container::RimHeader header;
  std::size_t header_bytes = 0;
  uint64_t announced_bytes = 0;
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
