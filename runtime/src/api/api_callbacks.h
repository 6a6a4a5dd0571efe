// The caller's C callbacks as the runtime's interfaces: row sources and sinks, byte sinks, cost
// sinks and progress observers, and their in-memory counterparts for the *_buffer functions.
//
// ride.h promises that a call's callbacks never run two at once, though the library's worker threads
// may make them: every adapter of one call holds the same CallbackGate while its callback runs. A
// callback that returns nonzero stops the call with kCallbackFailed, naming the callback.
#ifndef RIDE_RUNTIME_SRC_API_API_CALLBACKS_H_
#define RIDE_RUNTIME_SRC_API_API_CALLBACKS_H_

#include <cstddef>
#include <cstdint>
#include <mutex>

#include "ride/ride.h"
#include "runtime/src/base/status.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/codec/image_costs.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/parallel/progress_observer.h"

namespace ride::api {

using CallbackGate = std::mutex;

class ProgressCallback final : public parallel::ProgressObserver {
 public:
  ProgressCallback(ride_progress_fn fn, void* user, CallbackGate* gate) : fn_(fn), user_(user), gate_(gate) {}
  void RowsDone(uint32_t rows, uint32_t height) override;
  // What the runtime's options take: null when there is no callback.
  parallel::ProgressObserver* observer() { return fn_ != nullptr ? this : nullptr; }

 private:
  ride_progress_fn fn_;
  void* user_;
  CallbackGate* gate_;
};

// Asks for one row at a time, in order.
class RowsInCallback final : public codec::RowSource {
 public:
  RowsInCallback(ride_rows_in_fn fn, void* user, uint32_t width, CallbackGate* gate)
      : fn_(fn), user_(user), width_(width), gate_(gate) {}
  Status ReadRow(uint8_t* row) override;

 private:
  ride_rows_in_fn fn_;
  void* user_;
  uint32_t width_;
  CallbackGate* gate_;
  uint32_t next_row_ = 0;
};

// Row r of `width` pixels at pixels + r * stride.
class BufferRowSource final : public codec::RowSource {
 public:
  BufferRowSource(const uint8_t* pixels, std::size_t stride, uint32_t width)
      : pixels_(pixels), stride_(stride), width_(width) {}
  Status ReadRow(uint8_t* row) override;

 private:
  const uint8_t* pixels_;
  std::size_t stride_;
  uint32_t width_;
  uint32_t next_row_ = 0;
};

// Hands out one row at a time, in order.
class RowsOutCallback final : public codec::RowSink {
 public:
  RowsOutCallback(ride_rows_out_fn fn, void* user, uint32_t width, CallbackGate* gate)
      : fn_(fn), user_(user), width_(width), gate_(gate) {}
  Status WriteRow(const uint8_t* row) override;

 private:
  ride_rows_out_fn fn_;
  void* user_;
  uint32_t width_;
  CallbackGate* gate_;
  uint32_t next_row_ = 0;
};

class BufferRowSink final : public codec::RowSink {
 public:
  BufferRowSink(uint8_t* pixels, std::size_t stride, uint32_t width) : pixels_(pixels), stride_(stride), width_(width) {}
  Status WriteRow(const uint8_t* row) override;

 private:
  uint8_t* pixels_;
  std::size_t stride_;
  uint32_t width_;
  uint32_t next_row_ = 0;
};

class WriteCallback final : public coder::ByteSink {
 public:
  WriteCallback(ride_write_fn fn, void* user, CallbackGate* gate) : fn_(fn), user_(user), gate_(gate) {}
  Status Append(const uint8_t* data, std::size_t size) override;
  uint64_t bytes() const { return bytes_; }

 private:
  ride_write_fn fn_;
  void* user_;
  CallbackGate* gate_;
  uint64_t bytes_ = 0;
};

class CostsCallback final : public codec::CostSink {
 public:
  // Either callback may be null: its rows are then dropped.
  CostsCallback(ride_costs_fn fn, void* user, ride_trust_fn trust, void* trust_user, CallbackGate* gate)
      : fn_(fn), user_(user), trust_(trust), trust_user_(trust_user), gate_(gate) {}
  Status RowCosts(uint32_t row, const float* bits, uint32_t width) override;
  bool WantsTrust() const override { return trust_ != nullptr; }
  Status RowTrust(uint32_t row, const uint8_t* component, uint32_t width) override;

 private:
  ride_costs_fn fn_;
  void* user_;
  ride_trust_fn trust_;
  void* trust_user_;
  CallbackGate* gate_;
};

// The read callback as the byte source a streaming decoder reads through, holding the gate while it
// runs (a decoder reads from its worker threads). Input beyond `max_bytes` (0: no limit), counted
// from `already_read`, is kResourceExhausted.
class ReadCallbackSource final : public coder::ByteSource {
 public:
  ReadCallbackSource(ride_read_fn fn, void* user, CallbackGate* gate, uint64_t max_bytes, uint64_t already_read)
      : fn_(fn), user_(user), gate_(gate), max_bytes_(max_bytes), bytes_(already_read) {}
  Status Read(uint8_t* data, std::size_t capacity, std::size_t* read) override;

 private:
  ride_read_fn fn_;
  void* user_;
  CallbackGate* gate_;
  uint64_t max_bytes_;
  uint64_t bytes_;
};

// Reads up to `size` bytes through `read` until it has them or the input ends; *got says how many.
// kCallbackFailed when the callback fails or claims more bytes than it was asked for.
Status ReadThrough(ride_read_fn read, void* user, uint8_t* buffer, std::size_t size, std::size_t* got);

}  // namespace ride::api

#endif  // RIDE_RUNTIME_SRC_API_API_CALLBACKS_H_
