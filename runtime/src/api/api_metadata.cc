// Metadata blocks in the API's handles (ride.h, "What an image is").
#include <cstring>
#include <new>

#include "ride/ride.h"
#include "runtime/src/api/api_handles.h"
#include "runtime/src/codec/coding_methods.h"
#include "runtime/src/container/rim_blocks.h"

namespace ride::api {

static_assert(RIDE_MAX_METADATA_BLOCKS == container::kRimMaxMetadataBlocks, "ride.h's metadata limits");
static_assert(RIDE_MAX_METADATA_BYTES == container::kRimMaxMetadataBytes, "ride.h's metadata limits");

Status MetadataStore::Reserve(std::size_t size, bool after_image, uint8_t** payload) {
  if (entries_.size() == container::kRimMaxMetadataBlocks) {
    return Status::Error(StatusCode::kResourceExhausted, "metadata: more than %u blocks",
                         static_cast<unsigned>(container::kRimMaxMetadataBlocks));
  }
  if (size < container::kRimTagBytes || size > container::kRimMaxMetadataBytes - bytes_) {
    return Status::Error(StatusCode::kResourceExhausted, "metadata: a block of %zu bytes brings them beyond %llu bytes",
                         size, static_cast<unsigned long long>(container::kRimMaxMetadataBytes));
  }
  Entry entry;
  entry.payload.reset(new (std::nothrow) uint8_t[size]);
  if (entry.payload == nullptr) {
    return Status::Error(StatusCode::kResourceExhausted, "metadata: cannot allocate %zu bytes", size);
  }
  entry.size = size;
  entry.after_image = after_image;
  *payload = entry.payload.get();
  entries_.push_back(std::move(entry));
  bytes_ += size;
  return Status();
}

Status MetadataStore::Add(const uint8_t* tag, bool after_image, const uint8_t* data, std::size_t size) {
  if (size > container::kRimMaxMetadataBytes) {
    return Status::Error(StatusCode::kResourceExhausted, "metadata: a block of %zu bytes is beyond %llu bytes", size,
                         static_cast<unsigned long long>(container::kRimMaxMetadataBytes));
  }
  uint8_t* payload = nullptr;
  RIDE_RETURN_IF_ERROR(Reserve(container::kRimTagBytes + size, after_image, &payload));
  std::memcpy(payload, tag, container::kRimTagBytes);
  if (size != 0) std::memcpy(payload + container::kRimTagBytes, data, size);
  return Status();
}

container::RimMetadataView MetadataStore::View(std::size_t index) const {
  const Entry& entry = entries_[index];
  container::RimMetadataView view;
  std::memcpy(view.tag.data(), entry.payload.get(), container::kRimTagBytes);
  view.after_image = entry.after_image;
  view.data = container::ByteSpan{entry.payload.get() + container::kRimTagBytes, entry.size - container::kRimTagBytes};
  return view;
}

void MetadataStore::Describe(std::size_t index, ride_metadata* block) const {
  const container::RimMetadataView view = View(index);
  std::memcpy(block->tag, view.tag.data(), sizeof block->tag);
  block->placement = view.after_image ? RIDE_METADATA_AFTER_IMAGE : RIDE_METADATA_BEFORE_IMAGE;
  block->data = view.data.data;
  block->size = view.data.size;
}

Status TrailingMetadataCallback::Blocks(const container::RimMetadataView** blocks, std::size_t* count) {
  *blocks = nullptr;
  *count = 0;
  if (fn_ == nullptr) return Status();
  const ride_metadata* given = nullptr;
  std::size_t given_count = 0;
  int result = 0;
  {
    std::lock_guard<CallbackGate> lock(*gate_);
    result = fn_(user_, &given, &given_count);
  }
  if (result != 0) {
    return Status::Error(StatusCode::kCallbackFailed, "the trailing_metadata callback returned %d", result);
  }
  if (given_count != 0 && given == nullptr) {
    return Status::Error(StatusCode::kCallbackFailed, "the trailing_metadata callback gave %zu blocks and no array",
                         given_count);
  }
  views_.resize(given_count);
  for (std::size_t i = 0; i < given_count; ++i) {
    if (given[i].data == nullptr && given[i].size != 0) {
      return Status::Error(StatusCode::kCallbackFailed, "trailing metadata block %zu: no data for %zu bytes", i,
                           given[i].size);
    }
    std::memcpy(views_[i].tag.data(), given[i].tag, container::kRimTagBytes);
    views_[i].after_image = true;
    views_[i].data = container::ByteSpan{given[i].data, given[i].size};
  }
  *blocks = views_.data();
  *count = views_.size();
  return Status();
}

}  // namespace ride::api

extern "C" {

const char* ride_coding_method_name(uint32_t method) {
  const ride::codec::CodingMethod* known = method < 256 ? ride::codec::FindCodingMethod(static_cast<uint8_t>(method)) : nullptr;
  return known != nullptr ? known->name : nullptr;
}

}  // extern "C"
