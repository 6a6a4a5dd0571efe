#include "runtime/src/model/model_bytes.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>

#include "runtime/src/model/model_loader.h"

namespace ride::model {

Status ModelBytes::Allocate(std::size_t size) {
  words_.reset(new (std::nothrow) uint64_t[size / 8 + 1]);
  size_ = 0;
  if (words_ == nullptr) {
    return Status::Error(StatusCode::kResourceExhausted, "model file: cannot allocate %zu bytes for it", size);
  }
  size_ = size;
  return Status::Ok();
}

Status ModelBytes::Copy(const uint8_t* data, std::size_t size, std::size_t max_bytes) {
  RIDE_RETURN_IF_ERROR(CheckModelFileSize(size, max_bytes));
  RIDE_RETURN_IF_ERROR(Allocate(size));
  std::memcpy(words_.get(), data, size);
  return Status::Ok();
}

Status ModelBytes::ReadFile(const char* path, std::size_t max_bytes) {
  std::FILE* file = std::fopen(path, "rb");
  if (file == nullptr) {
    return Status::Error(StatusCode::kIoError, "%s: cannot open model file: %s", path, std::strerror(errno));
  }
  long end = -1;
  if (std::fseek(file, 0, SEEK_END) == 0) end = std::ftell(file);
  if (end < 0 || std::fseek(file, 0, SEEK_SET) != 0) {
    std::fclose(file);
    return Status::Error(StatusCode::kIoError, "%s: cannot determine the model file's size", path);
  }
  const std::size_t size = static_cast<std::size_t>(end);
  Status status = CheckModelFileSize(size, max_bytes);
  if (status.ok()) status = Allocate(size);
  if (status.ok()) {
    const std::size_t read = std::fread(words_.get(), 1, size, file);
    if (read != size) {
      status = Status::Error(StatusCode::kIoError, "read %zu of %zu bytes of the model file", read, size);
    }
  }
  std::fclose(file);
  if (status.ok()) return status;
  words_.reset();
  size_ = 0;
  return Status::Error(status.code(), "%s: %s", path, status.message());
}

}  // namespace ride::model
