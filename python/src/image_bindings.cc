// read_image and write_image: image files through the tool library (tools/common), the reader and
// writers the ride programs use, so an array read here holds exactly the pixels `ride compress`
// codes from the same file.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "python/src/arguments.h"
#include "python/src/bindings.h"
#include "python/src/errors.h"
#include "tools/common/image_file.h"
#include "tools/common/image_output.h"
#include "tools/common/output_file.h"

namespace py = pybind11;

namespace ride::python {
namespace {

py::array_t<uint8_t> ReadImage(const py::object& path, bool gray) {
  const std::string name = PathArgument(path);
  std::unique_ptr<tools::ImageReader> reader;
  {
    py::gil_scoped_release release;
    tools::ImageReadOptions options;
    options.to_gray = gray;
    reader = tools::OpenImageReader(name, options);
  }
  py::array_t<uint8_t> image = NewGrayImage(reader->height(), reader->width());
  uint8_t* pixels = MutablePixels(image);
  {
    py::gil_scoped_release release;
    for (uint32_t r = 0; r < reader->height(); ++r) reader->ReadRow(pixels + size_t{r} * reader->width());
  }
  return image;
}

void WriteImage(const py::object& path, const py::object& image, bool overwrite) {
  const std::string name = PathArgument(path);
  const ImageView view = GrayImageArgument(image, "image");
  if (!overwrite && std::filesystem::exists(name)) {
    throw py::value_error(name + ": exists (pass overwrite=True to replace it)");
  }
  py::gil_scoped_release release;
  tools::OutputFileOptions options;
  options.overwrite = overwrite;
  tools::WriteImageFile(name, view.width, view.height, view.pixels, options);
}

}  // namespace

void RegisterImages(py::module_& module) {
  module.def("read_image", &ReadImage, py::arg("path"), py::kw_only(), py::arg("gray") = false, R"doc(
The image file at `path` (PNG, JPEG, PGM, PPM or PAM, told apart by their bytes) as a new uint8
array of shape (height, width), read by the same reader as the ride programs: the array holds
exactly the pixels `ride compress` codes from the file. Colour is refused unless `gray` is set,
which converts it by BT.601 (as `ride compress --gray` and the trainer do) and drops alpha.

Raises OSError when the file cannot be read, ValueError for content ride does not take (colour
without gray=True, 16-bit, CMYK JPEG, a damaged file; the message names the file and the problem).
)doc");
  module.def("write_image", &WriteImage, py::arg("path"), py::arg("image"), py::kw_only(),
             py::arg("overwrite") = false, R"doc(
Writes `image` (uint8, (H, W) or (H, W, 1), C-contiguous) as an 8-bit gray PNG or binary PGM, by
the extension of `path` (.png or .pgm). The file appears only when complete (written to a
temporary beside it, then renamed). Raises ValueError for an unknown extension, or when `path`
exists and `overwrite` is false; OSError when the system refuses.
)doc");
}

}  // namespace ride::python
