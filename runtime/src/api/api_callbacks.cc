#include "runtime/src/api/api_callbacks.h"

#include <cstring>

namespace ride::api {
namespace {

Status Failed(const char* callback, int result, uint32_t row) {
  return Status::Error(StatusCode::kCallbackFailed, "the %s callback returned %d at row %u", callback, result, row);
}

// Runs a callback holding the call's gate; its result.
template <typename Call>
int Gated(CallbackGate* gate, const Call& call) {
  std::lock_guard<CallbackGate> lock(*gate);
  return call();
}

// After a rows callback for row *next_row returned `result`: the next row, or the failure.
Status RowDone(int result, uint32_t* next_row) {
  if (result != 0) return Failed("rows", result, *next_row);
  ++*next_row;
  return Status();
}

}  // namespace

void ProgressCallback::RowsDone(uint32_t rows, uint32_t height) {
  Gated(gate_, [&] {
    fn_(user_, rows, height);
    return 0;
  });
}

Status RowsInCallback::ReadRow(uint8_t* row) {
  return RowDone(Gated(gate_, [&] { return fn_(user_, next_row_, 1, row, width_); }), &next_row_);
}

Status BufferRowSource::ReadRow(uint8_t* row) {
  std::memcpy(row, pixels_ + std::size_t{next_row_} * stride_, width_);
  ++next_row_;
  return Status();
}

Status RowsOutCallback::WriteRow(const uint8_t* row) {
  return RowDone(Gated(gate_, [&] { return fn_(user_, next_row_, 1, row, width_); }), &next_row_);
}

Status BufferRowSink::WriteRow(const uint8_t* row) {
  std::memcpy(pixels_ + std::size_t{next_row_} * stride_, row, width_);
  ++next_row_;
  return Status();
}

Status WriteCallback::Append(const uint8_t* data, std::size_t size) {
  if (size == 0) return Status();
  const int result = Gated(gate_, [&] { return fn_(user_, data, size); });
  if (result != 0) {
    return Status::Error(StatusCode::kCallbackFailed, "the write callback returned %d after %llu bytes", result,
                         static_cast<unsigned long long>(bytes_));
  }
  bytes_ += size;
  return Status();
}

Status CostsCallback::RowCosts(uint32_t row, const float* bits, uint32_t width) {
  if (fn_ == nullptr) return Status();
  const int result = Gated(gate_, [&] { return fn_(user_, row, bits, width); });
  if (result != 0) return Failed("costs", result, row);
  return Status();
}

Status CostsCallback::RowTrust(uint32_t row, const uint8_t* component, uint32_t width) {
  const int result = Gated(gate_, [&] { return trust_(trust_user_, row, component, width); });
  if (result != 0) return Failed("trust", result, row);
  return Status();
}

Status ReadCallbackSource::Read(uint8_t* data, std::size_t capacity, std::size_t* read) {
  *read = 0;
  std::size_t count = 0;
  const int result = Gated(gate_, [&] { return fn_(user_, data, capacity, &count); });
  if (result != 0) {
    return Status::Error(StatusCode::kCallbackFailed, "the read callback returned %d after %llu bytes", result,
                         static_cast<unsigned long long>(bytes_));
  }
  if (count > capacity) {
    return Status::Error(StatusCode::kCallbackFailed, "the read callback claimed %zu bytes for a buffer of %zu", count,
                         capacity);
  }
  bytes_ += count;
  if (max_bytes_ != 0 && bytes_ > max_bytes_) {
    return Status::Error(StatusCode::kResourceExhausted, ".rim file: more than max_file_bytes %llu",
                         static_cast<unsigned long long>(max_bytes_));
  }
  *read = count;
  return Status();
}

Status ReadThrough(ride_read_fn read, void* user, uint8_t* buffer, std::size_t size, std::size_t* got) {
  *got = 0;
  while (*got < size) {
    std::size_t count = 0;
    const int result = read(user, buffer + *got, size - *got, &count);
    if (result != 0) {
      return Status::Error(StatusCode::kCallbackFailed, "the read callback returned %d after %zu bytes", result, *got);
    }
    if (count > size - *got) {
      return Status::Error(StatusCode::kCallbackFailed, "the read callback claimed %zu bytes for a buffer of %zu",
                           count, size - *got);
    }
    if (count == 0) break;
    *got += count;
  }
  return Status();
}

}  // namespace ride::api
