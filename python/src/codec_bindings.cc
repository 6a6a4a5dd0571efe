// compress, decompress, file_info: the lossless codec through ride.h, as `ride compress`,
// `ride decompress` and `ride info` use it, so files go both ways between Python and the tool.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstring>
#include <string>
#include <utility>

#include "python/src/arguments.h"
#include "python/src/bindings.h"
#include "python/src/callbacks.h"
#include "python/src/errors.h"
#include "python/src/model_bindings.h"
#include "ride/ride.h"

namespace py = pybind11;

namespace ride::python {
namespace {

struct DecoderCloser {
  void operator()(ride_decoder* decoder) const { ride_decoder_destroy(decoder); }
};
using Decoder = std::unique_ptr<ride_decoder, DecoderCloser>;

// Compressed bytes the caller passed (bytes, bytearray, memoryview, a 1-D uint8 array), used where
// they are; the view keeps them from being resized while the decoder reads them.
class CompressedBytes {
 public:
  explicit CompressedBytes(const py::handle& data) {
    if (PyObject_GetBuffer(data.ptr(), &view_, PyBUF_SIMPLE) != 0) {
      if (PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Clear();
        throw py::type_error("data must be bytes-like (bytes, bytearray, memoryview), not " +
                             py::str(py::type::handle_of(data).attr("__name__")).cast<std::string>());
      }
      throw py::error_already_set();
    }
  }
  ~CompressedBytes() { PyBuffer_Release(&view_); }
  CompressedBytes(const CompressedBytes&) = delete;
  CompressedBytes& operator=(const CompressedBytes&) = delete;
  const void* data() const { return view_.buf; }
  size_t size() const { return static_cast<size_t>(view_.len); }

 private:
  Py_buffer view_{};
};

Decoder OpenDecoder(const CompressedBytes& bytes, const ride_decode_options* options, ride_file_info* info) {
  ride_decoder* decoder = nullptr;
  Check(ride_decoder_open_memory(bytes.data(), bytes.size(), options, &decoder));
  Decoder owned(decoder);
  ride_file_info_init(info);
  Check(ride_decoder_file_info(owned.get(), info));
  return owned;
}

py::object FileInfoAsPython(const ride_file_info& info) {
  const py::object type = py::module_::import("ride._types").attr("FileInfo");
  const bool builtin = info.builtin_model_name != nullptr && info.builtin_model_name[0] != '\0';
  return type(py::arg("container_version") = info.container_version, py::arg("width") = info.width,
              py::arg("height") = info.height, py::arg("channels") = info.channels,
              py::arg("bit_depth") = info.bit_depth, py::arg("lanes") = info.lanes,
              py::arg("header_bytes") = info.header_bytes, py::arg("file_bytes") = info.file_bytes,
              py::arg("pixel_checksum") = info.pixel_checksum,
              py::arg("model_fingerprint") = info.model_fingerprint_hex,
              py::arg("builtin_model_name") =
                  builtin ? py::object(py::str(info.builtin_model_name)) : py::object(py::none()));
}

struct EncodeContext {
  ImageView image;
  std::string output;
  PythonCalls* calls;
};

int ReadRows(void* user, uint32_t first_row, uint32_t count, uint8_t* rows, size_t stride) {
  const auto* context = static_cast<const EncodeContext*>(user);
  if (context->calls->failed()) return 1;  // a progress callback raised: stop
  for (uint32_t i = 0; i < count; ++i) {
    std::memcpy(rows + i * stride, context->image.pixels + size_t{first_row + i} * context->image.width,
                context->image.width);
  }
  return 0;
}

int WriteBytes(void* user, const uint8_t* data, size_t size) {
  static_cast<EncodeContext*>(user)->output.append(reinterpret_cast<const char*>(data), size);
  return 0;
}

// The container's source format by the name compress() takes ("" for a program's samples).
uint32_t SourceFormatArgument(const std::string& name) {
  if (name.empty()) return RIDE_SOURCE_UNSPECIFIED;
  if (name == "png") return RIDE_SOURCE_PNG;
  if (name == "pgm") return RIDE_SOURCE_PGM;
  if (name == "ppm") return RIDE_SOURCE_PPM;
  if (name == "pam") return RIDE_SOURCE_PAM;
  if (name == "jpeg") return RIDE_SOURCE_JPEG;
  throw py::value_error("source_format: '" + name + "' is none of '', 'png', 'pgm', 'ppm', 'pam', 'jpeg'");
}

py::tuple CompressWithStats(const py::object& image, const py::object& model, long long lanes, long long threads,
                            const std::string& source_format, const py::object& progress) {
  const ImageView view = GrayImageArgument(image, "image");
  const ride_model* handle = ModelArgument(model);
  PythonCalls calls(progress);
  ride_encode_options options;
  ride_encode_options_init(&options);
  options.lanes = Uint32Argument(lanes, "lanes");
  options.threads = Uint32Argument(threads, "threads");
  options.source_format = SourceFormatArgument(source_format);
  if (calls.has_progress()) {
    options.progress = &PythonCalls::ReportProgress;
    options.progress_user = &calls;
  }
  ride_encode_stats stats;
  ride_encode_stats_init(&stats);
  EncodeContext context{view, {}, &calls};
  ride_status status = RIDE_OK;
  std::string message;
  {
    py::gil_scoped_release release;
    ride_encoder* encoder = nullptr;
    status = ride_encoder_create(handle, view.width, view.height, &options, &encoder);
    if (status == RIDE_OK) {
      status = ride_encoder_encode(encoder, &ReadRows, &context, &WriteBytes, &context, &stats);
      if (status != RIDE_OK) message = ride_encoder_last_error(encoder);
    } else {
      message = ride_last_error();
    }
    ride_encoder_destroy(encoder);
  }
  calls.RaiseIfFailed();
  Check(status, message.c_str());
  const py::object stats_type = py::module_::import("ride._types").attr("EncodeStats");
  return py::make_tuple(py::bytes(context.output),
                        stats_type(py::arg("file_bytes") = stats.file_bytes, py::arg("model_bits") = stats.model_bits,
                                   py::arg("lanes") = stats.lanes));
}

struct DecodeContext {
  uint8_t* pixels;
  uint32_t width;
  PythonCalls* calls;
};

int TakeRows(void* user, uint32_t first_row, uint32_t count, const uint8_t* rows, size_t stride) {
  const auto* context = static_cast<const DecodeContext*>(user);
  if (context->calls->failed()) return 1;
  for (uint32_t i = 0; i < count; ++i) {
    std::memcpy(context->pixels + size_t{first_row + i} * context->width, rows + i * stride, context->width);
  }
  return 0;
}

py::array_t<uint8_t> Decompress(const py::object& data, const py::object& model, long long threads,
                                const py::object& progress) {
  const CompressedBytes bytes(data);
  const ride_model* handle = model.is_none() ? nullptr : ModelArgument(model);  // None: the file's built-in model
  PythonCalls calls(progress);
  ride_decode_options options;
  ride_decode_options_init(&options);
  options.threads = Uint32Argument(threads, "threads");
  if (calls.has_progress()) {
    options.progress = &PythonCalls::ReportProgress;
    options.progress_user = &calls;
  }
  ride_file_info info;
  const Decoder decoder = OpenDecoder(bytes, &options, &info);
  py::array_t<uint8_t> image = NewGrayImage(info.height, info.width);
  DecodeContext context{MutablePixels(image), info.width, &calls};
  ride_status status = RIDE_OK;
  std::string message;
  {
    py::gil_scoped_release release;
    status = ride_decoder_decode(decoder.get(), handle, &TakeRows, &context);
    if (status != RIDE_OK) message = ride_decoder_last_error(decoder.get());
  }
  calls.RaiseIfFailed();
  Check(status, message.c_str());
  return image;
}

py::object FileInfo(const py::object& data) {
  const CompressedBytes bytes(data);
  ride_file_info info;
  const Decoder decoder = OpenDecoder(bytes, nullptr, &info);
  return FileInfoAsPython(info);
}

}  // namespace

void RegisterCodec(py::module_& module) {
  module.def("compress_with_stats", &CompressWithStats, py::arg("image"), py::arg("model") = py::none(), py::kw_only(),
             py::arg("lanes") = 0, py::arg("threads") = 1, py::arg("source_format") = "", py::arg("progress") = py::none(),
             R"doc(
As compress(), and what the encoding cost: the file's size, the model's own cost in bits (the sum
of -log2 of the coded probabilities, which cost_map() gives pixel by pixel) and the lanes.
)doc");
  module.def(
      "compress",
      [](const py::object& image, const py::object& model, long long lanes, long long threads,
         const std::string& source_format, const py::object& progress) -> py::object {
        const py::tuple bytes_and_stats = CompressWithStats(image, model, lanes, threads, source_format, progress);
        return bytes_and_stats[0];
      },
      py::arg("image"), py::arg("model") = py::none(), py::kw_only(), py::arg("lanes") = 0, py::arg("threads") = 1,
      py::arg("source_format") = "", py::arg("progress") = py::none(), R"doc(
Compresses `image` losslessly into a .rim file's bytes, the same bytes `ride compress` writes for
the same pixels and model (any thread count gives the same bytes).

image: numpy.ndarray of dtype uint8 and shape (H, W) or (H, W, 1), C-contiguous; read where it
    lies, not copied.
model: a ride.Model, or None for the default built-in model. A file made with a model that is not
    built in decodes only when decompress() is given that model.
lanes: substreams, 1..1024 (0: the default, 16; clamped to the height); more lets decoders run
    more rows and threads at once.
threads: 1..64 threads for this call.
source_format: what the file records the pixels came from: "" (a program's samples), "png",
    "pgm", "ppm", "pam" or "jpeg" — `ride compress` records its input's, so the bytes match it
    only with the same value.
progress: None, or a callable progress(rows_done, height); an exception it raises (Ctrl-C
    included) stops the encoding and is raised here.

The GIL is released while the image is coded. Raises ValueError or TypeError for an image that is
not one as above, InvalidArgumentError for options out of range or a side of 0,
ResourceExhaustedError beyond the container's limits (width 2^24).
)doc");
  module.def("decompress", &Decompress, py::arg("data"), py::arg("model") = py::none(), py::kw_only(),
             py::arg("threads") = 1, py::arg("progress") = py::none(), R"doc(
The image a .rim file holds, as a new uint8 array of shape (height, width). `data` is bytes-like
(bytes, bytearray, memoryview), read where it lies. With model None the built-in model the file
names decodes it (file_info(data).builtin_model_name); a file made with another model needs that
model. The pixels are returned only after every lane has decoded cleanly and the pixel checksum
has matched.

The GIL is released while decoding. Raises CorruptError (not a .rim file, a damaged header or
lane, a failed checksum), TruncatedError, UnsupportedError (a newer container), ModelMismatchError
(the file was made with another model; both fingerprints named), InvalidArgumentError (threads).
An exception raised by `progress(rows_done, height)` stops decoding and is raised here.
)doc");
  module.def("file_info", &FileInfo, py::arg("data"), R"doc(
What a .rim file's header says (size, lanes, model fingerprint, the built-in model that made it),
as `ride info` shows it, without decoding a pixel. The file's layout is checked too: errors as
decompress() for a header or layout that is not right.
)doc");
}

}  // namespace ride::python
