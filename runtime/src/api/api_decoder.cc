// ride_decoder_*: a .rim file back to the image (ride.h, "Decoding").
#include <algorithm>
#include <cstring>
#include <new>
#include <utility>

#include "ride/ride.h"
#include "runtime/src/api/api_callbacks.h"
#include "runtime/src/api/api_error.h"
#include "runtime/src/api/api_structs.h"
#include "runtime/src/api/api_handles.h"
#include "runtime/src/api/api_model.h"
#include "runtime/src/codec/coding_methods.h"
#include "runtime/src/model/builtin_models.h"

namespace ride::api {
namespace {

Status NewDecoder(const ride_decode_options* options, ride_decoder** out) {
  *out = nullptr;
  RIDE_RETURN_IF_ERROR(CheckOptionalStruct(options, "ride_decode_options"));
  const ride_decode_options given = OptionsOrDefaults(options, ride_decode_options_init);
  RIDE_RETURN_IF_ERROR(CheckThreadCount(given.threads, "ride_decode_options"));
  ride_decoder* decoder = new (std::nothrow) ride_decoder(given.progress, given.progress_user);
  if (decoder == nullptr) return Status::Error(StatusCode::kResourceExhausted, "cannot allocate a decoder");
  decoder->options.threads = given.threads;
  decoder->options.progress = decoder->progress.observer();
  decoder->options.memory = given.memory;
  decoder->options.memory_bytes = given.memory_bytes;
  decoder->max_file_bytes = given.max_file_bytes;
  *out = decoder;
  return Status();
}

Status CheckFileSize(const ride_decoder& decoder, uint64_t bytes) {
  if (decoder.max_file_bytes != 0 && bytes > decoder.max_file_bytes) {
    return Status::Error(StatusCode::kResourceExhausted, ".rim file: %llu bytes exceed max_file_bytes %llu",
                         static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(decoder.max_file_bytes));
  }
  if (bytes > SIZE_MAX) {
    return Status::Error(StatusCode::kResourceExhausted, ".rim file: %llu bytes do not fit in this machine's memory",
                         static_cast<unsigned long long>(bytes));
  }
  return Status();
}

// After the header has parsed: for version 1 the size it announces; its model's fingerprint and
// name.
Status AfterHeader(ride_decoder* decoder) {
  if (decoder->header.version == 1) {
    uint64_t total = decoder->header_bytes;
    for (uint64_t length : decoder->header.lane_bytes) {
      if (length > UINT64_MAX - total) {
        return Status::Error(StatusCode::kResourceExhausted, ".rim header: the lanes add up to more than 2^64 bytes");
      }
      total += length;
    }
    decoder->announced_bytes = total;
    RIDE_RETURN_IF_ERROR(CheckFileSize(*decoder, total));
  }
  model::FingerprintToHex(decoder->header.model_fingerprint, decoder->fingerprint_hex);
  const model::BuiltinModel* builtin = model::FindBuiltinModelByFingerprint(decoder->header.model_fingerprint);
  decoder->builtin_model_name = builtin != nullptr ? builtin->name : "";
  return Status();
}

// Container version 2 from the read callback: the blocks are read as they come, a group at a time;
// the metadata before the image now, so that it is known before decoding.
Status StartStream(ride_decoder* decoder) {
  decoder->stream_source.reset(new (std::nothrow) ReadCallbackSource(
      decoder->read, decoder->read_user, &decoder->gate, decoder->max_file_bytes, decoder->header_bytes));
  if (decoder->stream_source != nullptr) {
    decoder->stream.reset(new (std::nothrow) container::RimStreamReader(decoder->header, decoder->header_bytes,
                                                                        decoder->stream_source.get()));
  }
  if (decoder->stream != nullptr) {
    decoder->stream_groups.reset(
        new (std::nothrow) codec::StreamGroupSource(decoder->stream.get(), &decoder->header, &decoder->metadata));
  }
  if (decoder->stream_groups == nullptr) {
    return Status::Error(StatusCode::kResourceExhausted, "cannot allocate a stream reader");
  }
  decoder->options.group_buffer_bytes = decoder->stream_groups->buffer_bytes();
  return codec::ReadLeadingMetadata(decoder->stream.get(), &decoder->metadata);
}

// The framing, then the header it announces, then (version 2) the metadata before the image.
Status ReadHeader(ride_decoder* decoder) {
  uint8_t framing[container::kRimFramingBytes];
  std::size_t got = 0;
  RIDE_RETURN_IF_ERROR(ReadThrough(decoder->read, decoder->read_user, framing, sizeof framing, &got));
  std::size_t header_size = 0;
  RIDE_RETURN_IF_ERROR(container::ReadRimHeaderSize(framing, got, &header_size));
  decoder->file.reset(new (std::nothrow) uint8_t[header_size]);
  if (decoder->file == nullptr) {
    return Status::Error(StatusCode::kResourceExhausted, "cannot allocate the %zu-byte header", header_size);
  }
  decoder->file_capacity = header_size;
  std::memcpy(decoder->file.get(), framing, got);
  std::size_t rest = 0;
  RIDE_RETURN_IF_ERROR(ReadThrough(decoder->read, decoder->read_user, decoder->file.get() + got, header_size - got, &rest));
  decoder->file_size = got + rest;
  RIDE_RETURN_IF_ERROR(
      container::ParseRimHeader(decoder->file.get(), decoder->file_size, &decoder->header, &decoder->header_bytes));
  RIDE_RETURN_IF_ERROR(CheckFileSize(*decoder, decoder->header_bytes));
  if (decoder->header.version != 1) RIDE_RETURN_IF_ERROR(StartStream(decoder));
  return AfterHeader(decoder);
}

// Container version 1 keeps the lane lengths in the header and the lanes after it: the decoder
// needs the whole file, read to its announced end and checked to end there.
Status ReadRestOfFile(ride_decoder* decoder) {
  const std::size_t total = static_cast<std::size_t>(decoder->announced_bytes);  // CheckFileSize: fits
  while (decoder->file_size < total) {
    if (decoder->file_size == decoder->file_capacity) {
      const std::size_t doubled = decoder->file_capacity > SIZE_MAX / 2 ? SIZE_MAX : 2 * decoder->file_capacity;
      const std::size_t capacity = std::min(total, std::max<std::size_t>(doubled, std::size_t{1} << 16));
      std::unique_ptr<uint8_t[]> grown(new (std::nothrow) uint8_t[capacity]);
      if (grown == nullptr) {
        return Status::Error(StatusCode::kResourceExhausted, ".rim file: cannot allocate %zu bytes to read it into",
                             capacity);
      }
      std::memcpy(grown.get(), decoder->file.get(), decoder->file_size);
      decoder->file = std::move(grown);
      decoder->file_capacity = capacity;
    }
    const std::size_t wanted = decoder->file_capacity - decoder->file_size;
    std::size_t got = 0;
    RIDE_RETURN_IF_ERROR(
        ReadThrough(decoder->read, decoder->read_user, decoder->file.get() + decoder->file_size, wanted, &got));
    decoder->file_size += got;
    if (got < wanted) break;  // the input ended
  }
  if (decoder->file_size < total) {
    RIDE_RETURN_IF_ERROR(container::ValidateRimLayout(decoder->header, decoder->header_bytes, decoder->file_size));
    return Status::Error(StatusCode::kTruncated, ".rim file: ends after %zu of %zu bytes", decoder->file_size, total);
  }
  uint8_t extra = 0;
  std::size_t got = 0;
  RIDE_RETURN_IF_ERROR(ReadThrough(decoder->read, decoder->read_user, &extra, 1, &got));
  if (got != 0) {
    return Status::Error(StatusCode::kCorrupt, ".rim file: the input goes on after the last lane (which ends at %zu)",
                         total);
  }
  RIDE_RETURN_IF_ERROR(decoder->reader.Open(decoder->file.get(), decoder->file_size));
  decoder->file_complete = true;
  return Status();
}

// The model to decode with: `model`, if it is the file's, else the built-in model the file names
// (kept by the decoder). Sets *chosen.
Status ChooseModel(ride_decoder* decoder, const ride_model* model, const ride_model** chosen) {
  if (model != nullptr) {
    RIDE_RETURN_IF_ERROR(container::CheckModelFingerprint(decoder->header, model->loaded.fingerprint));
    *chosen = model;
    return Status();
  }
  if (decoder->builtin_model == nullptr) {
    ride_model* opened = nullptr;
    RIDE_RETURN_IF_ERROR(OpenBuiltinModelByFingerprint(decoder->header.model_fingerprint, &opened));
    decoder->builtin_model.reset(opened);
  }
  *chosen = decoder->builtin_model.get();
  return Status();
}

Status Decode(ride_decoder* decoder, const ride_model* model, codec::RowSink* sink) {
  if (decoder->used) return Status::Error(StatusCode::kInvalidArgument, "the decoder has decoded its file already");
  const ride_model* chosen = nullptr;
  RIDE_RETURN_IF_ERROR(ChooseModel(decoder, model, &chosen));
  RIDE_RETURN_IF_ERROR(decoder->decoder.Init(chosen->codec(), decoder->header, decoder->options));
  decoder->used = true;
  if (decoder->stream_groups != nullptr) {
    RIDE_RETURN_IF_ERROR(decoder->decoder.Decode(decoder->stream_groups.get(), sink));
    decoder->pixel_checksum = decoder->stream_groups->pixel_checksum();
  } else {
    if (!decoder->file_complete) RIDE_RETURN_IF_ERROR(ReadRestOfFile(decoder));
    codec::MemoryGroupSource source(&decoder->reader);
    RIDE_RETURN_IF_ERROR(decoder->decoder.Decode(&source, sink));
  }
  decoder->decoded = true;
  return Status();
}

// A file in memory, checked whole: its header and layout, and its metadata copied.
Status OpenMemory(ride_decoder* decoder, const uint8_t* data, std::size_t size) {
  decoder->memory = data;
  decoder->memory_size = size;
  decoder->file_size = size;
  decoder->file_complete = true;
  RIDE_RETURN_IF_ERROR(CheckFileSize(*decoder, size));
  RIDE_RETURN_IF_ERROR(decoder->reader.Open(data, size));
  decoder->header = decoder->reader.header();
  decoder->header_bytes = decoder->reader.header_bytes();
  for (const container::RimMetadataView& block : decoder->reader.metadata()) {
    RIDE_RETURN_IF_ERROR(decoder->metadata.Add(block.tag.data(), block.after_image, block.data.data, block.data.size));
  }
  return AfterHeader(decoder);
}

// ride_decoder_open and ride_decoder_open_memory: a new decoder whose header `read_header` fills.
ride_status Open(const char* function, const ride_decode_options* options, ride_decoder** decoder,
                 const ride_read_fn read, void* user, const uint8_t* data, std::size_t size) {
  ride_decoder* opened = nullptr;
  Status status = NewDecoder(options, &opened);
  if (status.ok()) {
    if (read != nullptr) {
      opened->read = read;
      opened->read_user = user;
      status = ReadHeader(opened);
    } else {
      status = OpenMemory(opened, data, size);
    }
  }
  if (!status.ok()) {
    delete opened;
    return Report(function, status);
  }
  *decoder = opened;
  return RIDE_OK;
}

}  // namespace
}  // namespace ride::api

using ride::Status;
using ride::StatusCode;
using ride::api::CheckCallback;
using ride::api::CheckNotNull;
using ride::api::Report;

extern "C" {

ride_status ride_decoder_open(ride_read_fn read, void* user, const ride_decode_options* options,
                              ride_decoder** decoder) {
  constexpr const char* kFunction = "ride_decoder_open";
  if (decoder == nullptr) return Report(kFunction, CheckNotNull(decoder, "decoder"));
  *decoder = nullptr;
  if (read == nullptr) return Report(kFunction, CheckCallback(read, "read"));
  return ride::api::Open(kFunction, options, decoder, read, user, nullptr, 0);
}

ride_status ride_decoder_open_memory(const void* data, size_t size, const ride_decode_options* options,
                                     ride_decoder** decoder) {
  constexpr const char* kFunction = "ride_decoder_open_memory";
  if (decoder == nullptr) return Report(kFunction, CheckNotNull(decoder, "decoder"));
  *decoder = nullptr;
  if (data == nullptr && size != 0) return Report(kFunction, CheckNotNull(data, "data"));
  return ride::api::Open(kFunction, options, decoder, nullptr, nullptr, static_cast<const uint8_t*>(data), size);
}

ride_status ride_decoder_file_info(const ride_decoder* decoder, ride_file_info* info) {
  constexpr const char* kFunction = "ride_decoder_file_info";
  if (decoder == nullptr) return Report(kFunction, CheckNotNull(decoder, "decoder"));
  const Status checked = ride::api::CheckStruct(info, "info", "ride_file_info");
  if (!checked.ok()) return Report(kFunction, checked, &decoder->error);
  const ride::container::RimHeader& header = decoder->header;
  ride::api::ResetResults(info, ride_file_info_init);
  ride_file_info& out = *info;
  out.container_version = header.version;
  out.width = header.width;
  out.height = header.height;
  out.channels = header.layout;  // a layout's number is its channel count
  out.bit_depth = ride::container::RimBitDepth(header.maxval);
  out.lanes = header.lane_count();
  out.header_bytes = decoder->header_bytes;
  out.layout = header.layout;
  out.maxval = header.maxval;
  out.source_format = header.source_format;
  out.group_rows = header.group_rows;
  out.groups = ride::container::RimGroupCount(header);
  std::memcpy(out.model_fingerprint, header.model_fingerprint.data(), RIDE_FINGERPRINT_BYTES);
  std::memcpy(out.model_fingerprint_hex, decoder->fingerprint_hex, sizeof out.model_fingerprint_hex);
  out.builtin_model_name = decoder->builtin_model_name;
  out.metadata_count = decoder->metadata.size();
  if (header.version == 1) {
    out.file_bytes = decoder->file_complete ? decoder->announced_bytes : 0;
    out.pixel_checksum = header.pixel_checksum;
    out.method_groups[ride::codec::kMethodModel] = 1;  // one group, its lanes listed in the header
  } else if (decoder->stream_groups != nullptr) {
    out.file_bytes = decoder->decoded ? decoder->stream->bytes_read() : 0;
    out.pixel_checksum = decoder->decoded ? decoder->pixel_checksum : 0;
    for (uint32_t m = 0; m < RIDE_METHOD_SLOTS; ++m) {
      out.method_groups[m] = decoder->stream_groups->groups_with_method(static_cast<uint8_t>(m));
    }
  } else {
    out.file_bytes = decoder->memory_size;
    out.pixel_checksum = decoder->reader.end().pixel_checksum;
    for (uint32_t m = 0; m < RIDE_METHOD_SLOTS; ++m) {
      out.method_groups[m] = static_cast<uint32_t>(decoder->reader.groups_with_method(static_cast<uint8_t>(m)));
    }
  }
  return RIDE_OK;
}

ride_status ride_decoder_memory_needed(const ride_decoder* decoder, const ride_model* model, size_t* bytes) {
  constexpr const char* kFunction = "ride_decoder_memory_needed";
  if (decoder == nullptr) return Report(kFunction, CheckNotNull(decoder, "decoder"));
  Status status = CheckNotNull(bytes, "bytes");
  ride_model* builtin = nullptr;
  const ride_model* chosen = model != nullptr ? model : decoder->builtin_model.get();
  if (status.ok() && chosen == nullptr) {
    status = ride::api::OpenBuiltinModelByFingerprint(decoder->header.model_fingerprint, &builtin);
    chosen = builtin;
  }
  if (status.ok()) status = ride::container::CheckModelFingerprint(decoder->header, chosen->loaded.fingerprint);
  std::size_t needed = 0;
  if (status.ok()) status = ride::codec::DecoderMemoryNeeded(chosen->codec(), decoder->header, decoder->options, &needed);
  ride_model_close(builtin);
  if (status.ok()) *bytes = needed;
  return Report(kFunction, status, &decoder->error);
}

ride_status ride_decoder_decode(ride_decoder* decoder, const ride_model* model, ride_rows_out_fn rows,
                                void* rows_user) {
  constexpr const char* kFunction = "ride_decoder_decode";
  if (decoder == nullptr) return Report(kFunction, CheckNotNull(decoder, "decoder"));
  Status status = CheckCallback(rows, "rows");
  if (status.ok()) {
    ride::api::RowsOutCallback sink(rows, rows_user, decoder->header.width * decoder->header.layout, &decoder->gate);
    status = ride::api::Decode(decoder, model, &sink);
  }
  return Report(kFunction, status, &decoder->error);
}

ride_status ride_decoder_decode_buffer(ride_decoder* decoder, const ride_model* model, uint8_t* pixels, size_t stride,
                                       size_t buffer_bytes) {
  constexpr const char* kFunction = "ride_decoder_decode_buffer";
  if (decoder == nullptr) return Report(kFunction, CheckNotNull(decoder, "decoder"));
  // A row: width × the layout's channels bytes (at most 2^26, it cannot overflow).
  const uint32_t width = decoder->header.width * decoder->header.layout, height = decoder->header.height;
  Status status = CheckNotNull(pixels, "pixels");
  if (status.ok() && stride < width) {
    status = Status::Error(StatusCode::kInvalidArgument, "stride %zu is less than a row's %u bytes", stride, width);
  }
  if (status.ok()) {
    // (height - 1) * stride + a row, or more than any buffer when it does not fit.
    const std::size_t rows_above = height - 1u;
    const bool fits = rows_above == 0 || stride <= (SIZE_MAX - width) / rows_above;
    const std::size_t needed = fits ? rows_above * stride + width : SIZE_MAX;
    if (!fits || buffer_bytes < needed) {
      status = Status::Error(StatusCode::kBufferTooSmall,
                             "pixels: %zu bytes, a %ux%u image with stride %zu needs %zu ((height - 1) * stride + "
                             "a row of width x channels)",
                             buffer_bytes, decoder->header.width, height, stride, needed);
    }
  }
  if (status.ok()) {
    ride::api::BufferRowSink sink(pixels, stride, width);
    status = ride::api::Decode(decoder, model, &sink);
  }
  return Report(kFunction, status, &decoder->error);
}

const char* ride_decoder_last_error(const ride_decoder* decoder) {
  return decoder == nullptr ? "" : decoder->error.message;
}

void ride_decoder_destroy(ride_decoder* decoder) { delete decoder; }

ride_status ride_decoder_metadata(const ride_decoder* decoder, size_t index, ride_metadata* block) {
  constexpr const char* kFunction = "ride_decoder_metadata";
  if (decoder == nullptr) return Report(kFunction, CheckNotNull(decoder, "decoder"));
  Status status = CheckNotNull(block, "block");
  if (status.ok() && index >= decoder->metadata.size()) {
    status = Status::Error(StatusCode::kInvalidArgument, "metadata block %zu: the file has %zu so far", index,
                           decoder->metadata.size());
  }
  if (status.ok()) decoder->metadata.Describe(index, block);
  return Report(kFunction, status, &decoder->error);
}

}  // extern "C"
