#include "python/src/arguments.h"

#include <limits>
#include <string>

#include "python/src/errors.h"

namespace py = pybind11;

namespace ride::python {
namespace {

std::string ShapeText(const py::array& array) {
  std::string text = "(";
  for (py::ssize_t i = 0; i < array.ndim(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(array.shape(i));
  }
  return text + (array.ndim() == 1 ? ",)" : ")");
}

std::string DtypeText(const py::array& array) { return py::str(array.dtype()).cast<std::string>(); }

// The checks shared by images and masks; `what` names the wanted dtype ("uint8").
ImageView CheckedView(const py::handle& object, const char* name, bool allow_bool) {
  if (!py::isinstance<py::array>(object)) {
    throw py::type_error(std::string(name) + " must be a numpy.ndarray of dtype uint8, not " +
                         py::str(py::type::handle_of(object).attr("__name__")).cast<std::string>());
  }
  const auto array = py::reinterpret_borrow<py::array>(object);
  const char kind = array.dtype().kind();
  const bool is_uint8 = kind == 'u' && array.itemsize() == 1;
  const bool is_bool = kind == 'b' && array.itemsize() == 1;
  if (!is_uint8 && !(allow_bool && is_bool)) {
    ThrowValueError(std::string(name) + " has dtype " + DtypeText(array) + "; ride takes 8-bit samples, dtype uint8" +
                    (allow_bool ? " or bool" : "") + " (convert with .astype(numpy.uint8) if the values are 0..255)");
  }
  if (array.ndim() == 3 && array.shape(2) > 1) {
    ThrowValueError(std::string(name) + " has shape " + ShapeText(array) + ", a colour image; this ride codes " +
                    "gray images only, shape (H, W) or (H, W, 1) (read_image(path, gray=True) converts by BT.601)");
  }
  if (array.ndim() != 2 && !(array.ndim() == 3 && array.shape(2) == 1)) {
    ThrowValueError(std::string(name) + " has shape " + ShapeText(array) + "; an image is (H, W) or (H, W, 1)");
  }
  if ((array.flags() & py::array::c_style) == 0) {
    ThrowValueError(std::string(name) + " is not C-contiguous (a view such as a[:, ::2] or a.T); pass " +
                    "numpy.ascontiguousarray(" + name + "), which copies it into rows");
  }
  constexpr auto kMaxSide = static_cast<py::ssize_t>(std::numeric_limits<uint32_t>::max());
  if (array.shape(0) > kMaxSide || array.shape(1) > kMaxSide) {
    ThrowValueError(std::string(name) + " has shape " + ShapeText(array) + "; each side must be below 2^32");
  }
  ImageView view;
  view.pixels = static_cast<const uint8_t*>(array.data());
  view.height = static_cast<uint32_t>(array.shape(0));
  view.width = static_cast<uint32_t>(array.shape(1));
  return view;
}

}  // namespace

ImageView GrayImageArgument(const py::handle& array, const char* name) { return CheckedView(array, name, false); }

ImageView MaskArgument(const py::handle& array, const char* name, const ImageView& image) {
  const ImageView mask = CheckedView(array, name, true);
  if (mask.width != image.width || mask.height != image.height) {
    ThrowValueError(std::string(name) + " is " + std::to_string(mask.height) + " x " + std::to_string(mask.width) +
                    " but the image is " + std::to_string(image.height) + " x " + std::to_string(image.width) +
                    " (rows x columns); they must be the same size");
  }
  return mask;
}

py::array_t<uint8_t> NewGrayImage(uint32_t height, uint32_t width) {
  return py::array_t<uint8_t>({static_cast<py::ssize_t>(height), static_cast<py::ssize_t>(width)});
}

uint8_t* MutablePixels(py::array_t<uint8_t>& image) { return image.mutable_data(); }

void ShapeArgument(const py::handle& shape, const char* name, uint32_t max_side, uint32_t* height,
                   uint32_t* width) {
  const std::string wanted = std::string(name) + " must be (height, width), two ints from 1 to " +
                             std::to_string(max_side);
  if (!py::isinstance<py::sequence>(shape) || py::isinstance<py::str>(shape) || py::len(shape) != 2) {
    ThrowValueError(wanted + ", not " + py::repr(shape).cast<std::string>());
  }
  const auto sides = py::reinterpret_borrow<py::sequence>(shape);
  uint32_t values[2];
  for (size_t i = 0; i < 2; ++i) {
    // Any integer (int, numpy.int64: what has __index__) but bool.
    const py::object side = sides[i];
    PyObject* index = PyBool_Check(side.ptr()) ? nullptr : PyNumber_Index(side.ptr());
    if (index == nullptr) {
      PyErr_Clear();
      ThrowValueError(wanted + ", not " + py::repr(shape).cast<std::string>());
    }
    int overflow = 0;
    const long long value = PyLong_AsLongLongAndOverflow(index, &overflow);
    Py_DECREF(index);
    if (overflow != 0 || value < 1 || value > static_cast<long long>(max_side)) {
      ThrowValueError(wanted + ", not " + py::repr(shape).cast<std::string>());
    }
    values[i] = static_cast<uint32_t>(value);
  }
  *height = values[0];
  *width = values[1];
}

uint32_t Uint32Argument(long long value, const char* name) {
  if (value < 0 || value > static_cast<long long>(std::numeric_limits<uint32_t>::max())) {
    ThrowValueError(std::string(name) + " is " + std::to_string(value) + "; it must be at least 0 (and below 2^32)");
  }
  return static_cast<uint32_t>(value);
}

uint64_t SeedArgument(const py::handle& seed, const char* name) {
  PyObject* index = PyBool_Check(seed.ptr()) ? nullptr : PyNumber_Index(seed.ptr());
  unsigned long long value = 0;
  if (index != nullptr) {
    value = PyLong_AsUnsignedLongLong(index);
    Py_DECREF(index);
  }
  if (index == nullptr || PyErr_Occurred()) {
    PyErr_Clear();
    ThrowValueError(std::string(name) + " must be an int from 0 to 2^64 - 1, not " + py::repr(seed).cast<std::string>());
  }
  return value;
}

std::string PathArgument(const py::handle& path) {
  const py::object os = py::module_::import("os");
  return os.attr("fsencode")(path).cast<std::string>();
}

}  // namespace ride::python
