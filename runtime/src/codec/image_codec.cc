#include "runtime/src/codec/image_codec.h"

#include "runtime/src/codec/band_workers.h"
#include "runtime/src/codec/group_source.h"
#include "runtime/src/codec/image_decoder.h"
#include "runtime/src/codec/image_encoder.h"
#include "runtime/src/container/rim_file.h"

namespace ride::codec {

Status EncoderMemoryNeeded(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options,
                           std::size_t* bytes) {
  return ImageEncoder::MemoryNeeded(model, width, height, options, bytes);
}

Status DecoderMemoryNeeded(const CodecModel& model, const container::RimHeader& header,
                           const DecodeOptions& options, std::size_t* bytes) {
  return ImageDecoder::MemoryNeeded(model, header, options, bytes);
}

Status EncodeImage(const CodecModel& model, uint32_t width, uint32_t height, RowSource* source,
                   const EncodeOptions& options, coder::ByteSink* sink, EncodeResult* result) {
  ImageEncoder encoder;
  RIDE_RETURN_IF_ERROR(encoder.Init(model, width, height, options));
  return encoder.Encode(source, sink, result);
}

Status DecodeImage(const CodecModel& model, const uint8_t* data, std::size_t size, RowSink* sink,
                   const DecodeOptions& options) {
  RIDE_RETURN_IF_ERROR(CheckModel(model));
  RIDE_RETURN_IF_ERROR(parallel::CheckThreads(options.threads));
  // The container's own checks come before the model's fingerprint is compared.
  container::RimReader reader;
  RIDE_RETURN_IF_ERROR(reader.Open(data, size));
  MemoryGroupSource source(&reader);
  ImageDecoder decoder;
  RIDE_RETURN_IF_ERROR(decoder.Init(model, reader.header(), options));
  return decoder.Decode(&source, sink);
}

}  // namespace ride::codec
