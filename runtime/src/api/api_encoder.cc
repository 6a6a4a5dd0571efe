// ride_encoder_*: an image to a .rim file (ride.h, "Encoding").
#include <new>

#include "ride/ride.h"
#include "runtime/src/api/api_callbacks.h"
#include "runtime/src/api/api_error.h"
#include "runtime/src/api/api_structs.h"
#include "runtime/src/api/api_handles.h"
#include "runtime/src/codec/image_codec.h"

namespace ride::api {
namespace {

// Options as the codec takes them, after the checks every entry point makes.
Status EncodeOptionsOf(const ride_encode_options* options, codec::EncodeOptions* out) {
  RIDE_RETURN_IF_ERROR(CheckOptionalStruct(options, "ride_encode_options"));
  const ride_encode_options given = OptionsOrDefaults(options, ride_encode_options_init);
  RIDE_RETURN_IF_ERROR(CheckThreadCount(given.threads, "ride_encode_options"));
  if (given.lanes > container::kRimMaxLanes) {
    return Status::Error(StatusCode::kInvalidArgument, "ride_encode_options: lanes %u outside 0..%u", given.lanes,
                         container::kRimMaxLanes);
  }
  out->lanes = given.lanes == 0 ? codec::kDefaultLanes : given.lanes;
  out->threads = given.threads;
  out->memory = given.memory;
  out->memory_bytes = given.memory_bytes;
  out->layout = given.layout;  // checked by the codec
  out->maxval = given.maxval;
  out->source_format = given.source_format;
  out->group_rows = given.group_rows;
  if (given.metadata_count > container::kRimMaxMetadataBlocks) {
    return Status::Error(StatusCode::kResourceExhausted, "ride_encode_options: %zu metadata blocks exceed the limit %u",
                         given.metadata_count, static_cast<unsigned>(container::kRimMaxMetadataBlocks));
  }
  if (given.metadata_count != 0 && given.metadata == nullptr) {
    return Status::Error(StatusCode::kInvalidArgument, "ride_encode_options: %zu metadata blocks and no array",
                         given.metadata_count);
  }
  for (std::size_t i = 0; i < given.metadata_count; ++i) {
    const ride_metadata& block = given.metadata[i];
    if (block.placement != RIDE_METADATA_BEFORE_IMAGE && block.placement != RIDE_METADATA_AFTER_IMAGE) {
      return Status::Error(StatusCode::kInvalidArgument, "ride_encode_options: metadata block %zu: placement %u", i,
                           block.placement);
    }
    if (block.data == nullptr && block.size != 0) {
      return Status::Error(StatusCode::kInvalidArgument, "ride_encode_options: metadata block %zu: no data", i);
    }
  }
  return Status();
}

// The options' metadata, copied into the encoder, which the codec then reads.
Status CopyMetadata(const ride_encode_options& options, ride_encoder* encoder, codec::EncodeOptions* codec_options) {
  for (std::size_t i = 0; i < options.metadata_count; ++i) {
    const ride_metadata& block = options.metadata[i];
    RIDE_RETURN_IF_ERROR(encoder->metadata.Add(block.tag, block.placement == RIDE_METADATA_AFTER_IMAGE, block.data,
                                               block.size));
  }
  encoder->metadata_views.resize(encoder->metadata.size());
  for (std::size_t i = 0; i < encoder->metadata.size(); ++i) encoder->metadata_views[i] = encoder->metadata.View(i);
  codec_options->metadata = encoder->metadata_views.data();
  codec_options->metadata_count = encoder->metadata_views.size();
  if (options.trailing_metadata != nullptr) codec_options->trailing_metadata = &encoder->trailing_metadata;
  return Status();
}

// The dimensions an encoder accepts: 0 is a caller's mistake here (the container calls it corrupt).
Status CheckDimensions(uint32_t width, uint32_t height) {
  if (width == 0 || height == 0) {
    return Status::Error(StatusCode::kInvalidArgument, "size %ux%u: both sides must be at least 1", width, height);
  }
  return Status();
}

Status CheckEncodeArguments(const ride_model* model, uint32_t width, uint32_t height,
                            const ride_encode_options* options, codec::EncodeOptions* codec_options) {
  RIDE_RETURN_IF_ERROR(CheckNotNull(model, "model"));
  RIDE_RETURN_IF_ERROR(CheckDimensions(width, height));
  return EncodeOptionsOf(options, codec_options);
}

// Whether the encoder can encode, and the stats struct, before anything runs.
Status CheckEncode(const ride_encoder* encoder, const ride_encode_stats* stats) {
  RIDE_RETURN_IF_ERROR(CheckOptionalStruct(stats, "ride_encode_stats"));
  if (encoder->used) {
    return Status::Error(StatusCode::kInvalidArgument, "the encoder has encoded its image already (one image each)");
  }
  return Status();
}

Status Encode(ride_encoder* encoder, codec::RowSource* rows, ride_write_fn write, void* write_user,
              ride_encode_stats* stats) {
  encoder->used = true;
  WriteCallback sink(write, write_user, &encoder->gate);
  codec::EncodeResult result;
  RIDE_RETURN_IF_ERROR(encoder->encoder.Encode(rows, &sink, &result));
  if (stats != nullptr) {
    ResetResults(stats, ride_encode_stats_init);
    stats->file_bytes = sink.bytes();
    stats->model_bits = result.model_bits;
    stats->lanes = result.lanes;
    stats->group_rows = result.group_rows;
    stats->groups = result.groups;
    stats->stored_groups = result.stored_groups;
  }
  return Status();
}

}  // namespace
}  // namespace ride::api

using ride::Status;
using ride::api::CheckCallback;
using ride::api::CheckNotNull;
using ride::api::Report;

extern "C" {

ride_status ride_encoder_memory_needed(const ride_model* model, uint32_t width, uint32_t height,
                                       const ride_encode_options* options, size_t* bytes) {
  constexpr const char* kFunction = "ride_encoder_memory_needed";
  ride::codec::EncodeOptions codec_options;
  Status status = CheckNotNull(bytes, "bytes");
  if (status.ok()) status = ride::api::CheckEncodeArguments(model, width, height, options, &codec_options);
  std::size_t needed = 0;
  if (status.ok()) status = ride::codec::EncoderMemoryNeeded(model->codec(), width, height, codec_options, &needed);
  if (status.ok()) *bytes = needed;
  return Report(kFunction, status);
}

ride_status ride_encoder_create(const ride_model* model, uint32_t width, uint32_t height,
                                const ride_encode_options* options, ride_encoder** encoder) {
  constexpr const char* kFunction = "ride_encoder_create";
  if (encoder == nullptr) return Report(kFunction, CheckNotNull(encoder, "encoder"));
  *encoder = nullptr;
  ride::codec::EncodeOptions codec_options;
  Status status = ride::api::CheckEncodeArguments(model, width, height, options, &codec_options);
  if (!status.ok()) return Report(kFunction, status);
  const ride_encode_options given = ride::api::OptionsOrDefaults(options, ride_encode_options_init);
  ride_encoder* created = new (std::nothrow)
      ride_encoder(given.progress, given.progress_user, given.trailing_metadata, given.trailing_metadata_user);
  if (created == nullptr) {
    return Report(kFunction, Status::Error(ride::StatusCode::kResourceExhausted, "cannot allocate an encoder"));
  }
  codec_options.progress = created->progress.observer();
  status = ride::api::CopyMetadata(given, created, &codec_options);
  if (status.ok()) status = created->encoder.Init(model->codec(), width, height, codec_options);
  if (!status.ok()) {
    delete created;
    return Report(kFunction, status);
  }
  created->width = width;
  created->height = height;
  created->row_bytes = width * codec_options.layout;  // both checked by Init
  *encoder = created;
  return RIDE_OK;
}

ride_status ride_encoder_encode(ride_encoder* encoder, ride_rows_in_fn rows, void* rows_user, ride_write_fn write,
                                void* write_user, ride_encode_stats* stats) {
  constexpr const char* kFunction = "ride_encoder_encode";
  if (encoder == nullptr) return Report(kFunction, CheckNotNull(encoder, "encoder"));
  Status status = CheckCallback(rows, "rows");
  if (status.ok()) status = CheckCallback(write, "write");
  if (status.ok()) status = ride::api::CheckEncode(encoder, stats);
  if (status.ok()) {
    ride::api::RowsInCallback source(rows, rows_user, encoder->row_bytes, &encoder->gate);
    status = ride::api::Encode(encoder, &source, write, write_user, stats);
  }
  return Report(kFunction, status, &encoder->error);
}

ride_status ride_encoder_encode_buffer(ride_encoder* encoder, const uint8_t* pixels, size_t stride,
                                       ride_write_fn write, void* write_user, ride_encode_stats* stats) {
  constexpr const char* kFunction = "ride_encoder_encode_buffer";
  if (encoder == nullptr) return Report(kFunction, CheckNotNull(encoder, "encoder"));
  Status status = CheckNotNull(pixels, "pixels");
  if (status.ok()) status = CheckCallback(write, "write");
  if (status.ok() && stride < encoder->row_bytes) {
    status = Status::Error(ride::StatusCode::kInvalidArgument, "stride %zu is less than a row's %u bytes", stride,
                           encoder->row_bytes);
  }
  if (status.ok()) status = ride::api::CheckEncode(encoder, stats);
  if (status.ok()) {
    ride::api::BufferRowSource source(pixels, stride, encoder->row_bytes);
    status = ride::api::Encode(encoder, &source, write, write_user, stats);
  }
  return Report(kFunction, status, &encoder->error);
}

const char* ride_encoder_last_error(const ride_encoder* encoder) {
  return encoder == nullptr ? "" : encoder->error.message;
}

void ride_encoder_destroy(ride_encoder* encoder) { delete encoder; }

}  // extern "C"
