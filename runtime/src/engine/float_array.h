// FloatArray: one float array of an EngineModel. It is either a view of floats that someone else
// owns (a model file's bytes, used in place: the loader's in-place mode, ride_model_open_memory) or
// storage of its own (models built in memory by the compiler and the tests, or a copying loader).
//
// Reading is the same either way and looks like a const std::vector<float>: data(), size(),
// empty(), operator[], begin(), end(). Building looks like a vector too (assign, resize, push_back,
// pop_back, clear, assignment from std::vector<float>, mutable operator[] and iterators), and always
// works on storage of the array's own: the first write to a view copies the floats, so nothing ever
// writes to the bytes a view reads. Code that must keep a view a view (the engine, the codec, the
// API) holds models by const reference, which only reads.
//
// Copying a view gives another view of the same floats (the owner must outlive both); copying
// owned storage copies the floats. Building allocates through std::vector: for workstation code and
// tests, not for the runtime's hostile-input paths, which load in place or report allocation failure
// themselves.
#ifndef RIDE_RUNTIME_SRC_ENGINE_FLOAT_ARRAY_H_
#define RIDE_RUNTIME_SRC_ENGINE_FLOAT_ARRAY_H_

#include <cstddef>
#include <initializer_list>
#include <utility>
#include <vector>

namespace ride::engine {

class FloatArray {
 public:
  FloatArray() = default;
  FloatArray(const std::vector<float>& values) : storage_(values) { Adopt(); }  // NOLINT: as a vector
  FloatArray(std::vector<float>&& values) : storage_(std::move(values)) { Adopt(); }  // NOLINT
  FloatArray(std::initializer_list<float> values) : storage_(values) { Adopt(); }
  explicit FloatArray(std::size_t size, float value = 0.0f) : storage_(size, value) { Adopt(); }

  // A view of `size` floats at `data`, which must stay alive and unchanged while any view of them is.
  static FloatArray View(const float* data, std::size_t size) {
    FloatArray view;
    view.data_ = data;
    view.size_ = size;
    return view;
  }

  FloatArray(const FloatArray& other) : storage_(other.storage_), data_(other.data_), size_(other.size_) {
    if (other.owns_) Adopt();
  }
  FloatArray(FloatArray&& other) noexcept
      : storage_(std::move(other.storage_)), data_(other.data_), size_(other.size_) {
    if (other.owns_) Adopt();
    other.Reset();
  }
  FloatArray& operator=(const FloatArray& other) {
    if (this != &other) *this = FloatArray(other);
    return *this;
  }
  FloatArray& operator=(FloatArray&& other) noexcept {
    if (this != &other) {
      storage_ = std::move(other.storage_);
      data_ = other.data_;
      size_ = other.size_;
      owns_ = false;
      if (other.owns_) Adopt();
      other.Reset();
    }
    return *this;
  }
  FloatArray& operator=(const std::vector<float>& values) { return *this = FloatArray(values); }
  FloatArray& operator=(std::vector<float>&& values) { return *this = FloatArray(std::move(values)); }
  FloatArray& operator=(std::initializer_list<float> values) { return *this = FloatArray(values); }

  // True when the floats belong to someone else.
  bool is_view() const { return !owns_ && data_ != nullptr; }

  // Reading.
  const float* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const float& operator[](std::size_t i) const { return data_[i]; }
  const float* begin() const { return data_; }
  const float* end() const { return data_ + size_; }
  const float* cbegin() const { return data_; }
  const float* cend() const { return data_ + size_; }
  const float& front() const { return data_[0]; }
  const float& back() const { return data_[size_ - 1]; }

  // Building: each of these first gives the array storage of its own.
  float& operator[](std::size_t i) { return Own()[i]; }
  float* begin() { return Own(); }
  float* end() { return Own() + size_; }
  float& front() { return Own()[0]; }
  float& back() { return Own()[size_ - 1]; }
  void assign(std::size_t size, float value) { Edit().assign(size, value); Adopt(); }
  template <typename Iterator>
  void assign(Iterator first, Iterator last) {
    std::vector<float> values(first, last);
    *this = std::move(values);
  }
  void resize(std::size_t size, float value = 0.0f) { Edit().resize(size, value); Adopt(); }
  void reserve(std::size_t size) { Edit().reserve(size); Adopt(); }
  void push_back(float value) { Edit().push_back(value); Adopt(); }
  void pop_back() { Edit().pop_back(); Adopt(); }
  void clear() { storage_.clear(); Adopt(); }
  // `position` is an iterator of this array (begin() + i).
  float* erase(const float* position) {
    const std::size_t index = static_cast<std::size_t>(position - data_);
    Edit().erase(storage_.begin() + static_cast<std::ptrdiff_t>(index));
    Adopt();
    return storage_.data() + index;
  }

  friend bool operator==(const FloatArray& a, const FloatArray& b) {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i) {
      if (!(a.data_[i] == b.data_[i])) return false;
    }
    return true;
  }
  friend bool operator!=(const FloatArray& a, const FloatArray& b) { return !(a == b); }

 private:
  // Points data_ at storage_, which now holds the values.
  void Adopt() {
    owns_ = true;
    data_ = storage_.data();
    size_ = storage_.size();
  }
  void Reset() {
    storage_.clear();
    data_ = nullptr;
    size_ = 0;
    owns_ = false;
  }
  // storage_ holding the current values, ready to be changed (a view is copied first).
  std::vector<float>& Edit() {
    if (!owns_) {
      storage_.assign(data_, data_ + size_);
      Adopt();
    }
    return storage_;
  }
  float* Own() { return Edit().data(); }

  std::vector<float> storage_;
  const float* data_ = nullptr;
  std::size_t size_ = 0;
  bool owns_ = false;
};

}  // namespace ride::engine

#endif  // RIDE_RUNTIME_SRC_ENGINE_FLOAT_ARRAY_H_
