// Until the commands run on ride.h: the tool library (tools/common: exceptions) seen through the
// runtime's private interfaces (Status, codec rows, byte sinks, progress observers).
//
// The runtime is built without exceptions, so none may pass through it: every bridge here catches
// and returns a Status carrying the exception's message unchanged.
#ifndef RIDE_TOOLS_RIDE_RUNTIME_BRIDGE_H_
#define RIDE_TOOLS_RIDE_RUNTIME_BRIDGE_H_

#include <cstddef>
#include <cstdint>
#include <exception>
#include <type_traits>

#include "runtime/src/base/status.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/parallel/progress_observer.h"
#include "tools/common/byte_writer.h"
#include "tools/common/image_file.h"
#include "tools/common/progress_meter.h"

namespace ride::cli {

// The exception's message as a Status: a FileError of kind kIo gives kIoError, kInput and kUsage
// give kInvalidArgument; any other exception kInternal.
Status StatusOf(const std::exception& error);

// Runs `call` (returning void or Status) and turns what it throws into a Status.
template <typename Call>
Status Guarded(Call&& call) noexcept {
  try {
    if constexpr (std::is_same_v<decltype(call()), Status>) {
      return call();
    } else {
      call();
      return Status();
    }
  } catch (const std::exception& error) {
    return StatusOf(error);
  } catch (...) {
    return Status::Error(StatusCode::kInternal, "unknown exception");
  }
}

class ReaderRowSource final : public codec::RowSource {
 public:
  explicit ReaderRowSource(tools::ImageReader* reader) : reader_(reader) {}
  Status ReadRow(uint8_t* row) override {
    return Guarded([&] { reader_->ReadRow(row); });
  }

 private:
  tools::ImageReader* reader_;
};

class WriterRowSink final : public codec::RowSink {
 public:
  explicit WriterRowSink(tools::ImageWriter* writer) : writer_(writer) {}
  Status WriteRow(const uint8_t* row) override {
    return Guarded([&] { writer_->WriteRow(row); });
  }

 private:
  tools::ImageWriter* writer_;
};

class ByteWriterSink final : public coder::ByteSink {
 public:
  explicit ByteWriterSink(tools::ByteWriter* out) : out_(out) {}
  Status Append(const uint8_t* data, std::size_t size) override {
    return Guarded([&] { out_->Write(data, size); });
  }

 private:
  tools::ByteWriter* out_;
};

class MeterObserver final : public parallel::ProgressObserver {
 public:
  explicit MeterObserver(tools::ProgressMeter* meter) : meter_(meter) {}
  void RowsDone(uint32_t rows, uint32_t height) override { meter_->RowsDone(rows, height); }

 private:
  tools::ProgressMeter* meter_;
};

}  // namespace ride::cli

#endif  // RIDE_TOOLS_RIDE_RUNTIME_BRIDGE_H_
