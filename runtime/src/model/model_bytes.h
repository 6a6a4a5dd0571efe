// ModelBytes: a model file's bytes in 8-byte aligned memory of their own, allocated without
// throwing, so that a model can be loaded in place from them (model_loader.h, LoadModelInPlace)
// when the caller's bytes cannot be used as they are: a file, a buffer that is not 8-byte aligned,
// or a caller who asked for a copy.
#ifndef RIDE_RUNTIME_SRC_MODEL_MODEL_BYTES_H_
#define RIDE_RUNTIME_SRC_MODEL_MODEL_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "runtime/src/base/status.h"

namespace ride::model {

class ModelBytes {
 public:
  // Copies data[0..size). kResourceExhausted beyond `max_bytes` (the loader's cap at most) or when
  // the memory cannot be allocated; kTruncated below a model file's minimum size.
  Status Copy(const uint8_t* data, std::size_t size, std::size_t max_bytes);

  // Reads the file at `path`, its size checked against `max_bytes` before anything is read.
  // kIoError when it cannot be opened or read; every message names the path.
  Status ReadFile(const char* path, std::size_t max_bytes);

  const uint8_t* data() const { return reinterpret_cast<const uint8_t*>(words_.get()); }
  std::size_t size() const { return size_; }

 private:
  Status Allocate(std::size_t size);

  std::unique_ptr<uint64_t[]> words_;
  std::size_t size_ = 0;
};

}  // namespace ride::model

#endif  // RIDE_RUNTIME_SRC_MODEL_MODEL_BYTES_H_
