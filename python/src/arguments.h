// The arguments the bindings check the same way: NumPy arrays in and out, shapes, paths.
//
// NumPy arrays. Every image argument goes through one check (a NumPy
// array, dtype uint8, shape (H, W) or (H, W, 1), C-contiguous) and is then used where it lies,
// without a copy; a failed check is a ValueError (TypeError for something that is no array) that
// says what was passed and what is wanted. Colour, shape (H, W, C) with C > 1, is refused by name
// until the runtime codes it.
#ifndef RIDE_PYTHON_SRC_ARGUMENTS_H_
#define RIDE_PYTHON_SRC_ARGUMENTS_H_

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace ride::python {

// Pixels of a checked array, row-major without padding. Valid while the array lives.
struct ImageView {
  const uint8_t* pixels = nullptr;
  uint32_t width = 0, height = 0;
  size_t size() const { return size_t{width} * height; }
};

// `array` (the argument called `name`) as a gray image.
ImageView GrayImageArgument(const pybind11::handle& array, const char* name);
// The same for a mask: dtype bool or uint8 (nonzero marks a pixel), and the shape of `image`.
ImageView MaskArgument(const pybind11::handle& array, const char* name, const ImageView& image);

// A new C-contiguous uint8 array of shape (height, width), uninitialised.
pybind11::array_t<uint8_t> NewGrayImage(uint32_t height, uint32_t width);
// Its writable pixels.
uint8_t* MutablePixels(pybind11::array_t<uint8_t>& image);

// A (height, width) shape given as a Python sequence of two positive ints (the argument `name`).
void ShapeArgument(const pybind11::handle& shape, const char* name, uint32_t max_side, uint32_t* height,
                   uint32_t* width);

// An integer option (threads, lanes, sweeps, ...) as the uint32_t ride.h takes: a ValueError
// naming it when negative or beyond 2^32 - 1; the range within is ride.h's to check.
uint32_t Uint32Argument(long long value, const char* name);

// A seed: any int from 0 to 2^64 - 1 (ValueError otherwise, naming `name`).
uint64_t SeedArgument(const pybind11::handle& seed, const char* name);

// A path argument: str, bytes or os.PathLike, as the bytes the system takes (os.fsencode).
std::string PathArgument(const pybind11::handle& path);

}  // namespace ride::python

#endif  // RIDE_PYTHON_SRC_ARGUMENTS_H_
