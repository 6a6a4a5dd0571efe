// JPEG through libjpeg(-turbo), read a row at a time with the library's default decoding (islow
// DCT, fancy upsampling), colour as RGB and then BT.601 gray, so that every reader of a JPEG here
// sees the same pixels.
//
// libjpeg reports errors through error_exit, which longjmps to the frame that called setjmp; those
// functions keep only trivially destructible locals. Warnings that mean the pixels are damaged
// (the file ends early, bad entropy-coded data) are errors too; libjpeg would go on with made-up
// pixels.
#include <stdio.h>  // jpeglib.h needs FILE and size_t declared first

#include <jpeglib.h>
// jerror.h after jpeglib.h: its list of messages depends on jconfig.h's settings.
#include <jerror.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "tools/common/file_error.h"
#include "tools/common/image_formats.h"

namespace ride::tools::internal {
namespace {

struct JpegErrorManager {
  jpeg_error_mgr manager;  // first, so that libjpeg's pointer to it is a pointer to the whole
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX] = {};
};

[[noreturn]] void JpegErrorExit(j_common_ptr info) {
  auto* error = reinterpret_cast<JpegErrorManager*>(info->err);
  (*info->err->format_message)(info, error->message);
  std::longjmp(error->jump, 1);
}

void JpegEmitMessage(j_common_ptr info, int level) {
  if (level >= 0) return;  // trace messages
  switch (info->err->msg_code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
#if JPEG_LIB_VERSION >= 70 || defined(D_ARITH_CODING_SUPPORTED)
    case JWRN_ARITH_BAD_CODE:
#endif
    case JWRN_MUST_RESYNC:
      JpegErrorExit(info);
    default:
      break;  // harmless to the pixels: extra bytes between markers, unknown JFIF versions, ...
  }
}

bool JpegCreate(j_decompress_ptr info, JpegErrorManager* error) {
  if (setjmp(error->jump)) return false;
  jpeg_create_decompress(info);
  return true;
}

bool JpegReadHeader(j_decompress_ptr info, JpegErrorManager* error, std::FILE* file) {
  if (setjmp(error->jump)) return false;
  jpeg_stdio_src(info, file);
  jpeg_read_header(info, TRUE);
  return true;
}

bool JpegStart(j_decompress_ptr info, JpegErrorManager* error) {
  if (setjmp(error->jump)) return false;
  jpeg_start_decompress(info);
  return true;
}

bool JpegReadRow(j_decompress_ptr info, JpegErrorManager* error, JSAMPROW row) {
  if (setjmp(error->jump)) return false;
  while (jpeg_read_scanlines(info, &row, 1) != 1) {
  }  // 0 only with a suspending data source, which stdio is not
  return true;
}

class JpegReader final : public ImageReader {
 public:
  JpegReader(const std::string& path, UniqueFile file, const ImageReadOptions& options)
      : ImageReader(path, options), file_(std::move(file)) {
    info_.err = jpeg_std_error(&error_.manager);
    error_.manager.error_exit = JpegErrorExit;
    error_.manager.emit_message = JpegEmitMessage;
  }
  ~JpegReader() override {
    if (created_) jpeg_destroy_decompress(&info_);
  }

  void Open() {
    if (!JpegCreate(&info_, &error_)) throw std::bad_alloc();
    created_ = true;
    if (!JpegReadHeader(&info_, &error_, file_.get())) Fail("cannot read the JPEG header");
    SetSize(info_.image_width, info_.image_height);
    set_source(ImageSource::kJpeg);
    const int components = info_.num_components;
    std::string colour;
    switch (info_.jpeg_color_space) {
      case JCS_GRAYSCALE: colour = "gray"; break;
      case JCS_YCbCr: colour = "YCbCr"; break;
      case JCS_RGB: colour = "RGB"; break;
      case JCS_CMYK: colour = "CMYK"; break;
      case JCS_YCCK: colour = "YCCK"; break;
      default: colour = std::to_string(components) + " components in an unknown colour space"; break;
    }
    const bool progressive = jpeg_has_multiple_scans(&info_) != 0;
    set_description("JPEG, " + std::to_string(info_.data_precision) + "-bit " + colour +
                    (progressive ? ", progressive" : ""));
    if (info_.data_precision != 8) {
      ThrowFileError(FileErrorKind::kInput, path(),
                     std::to_string(info_.data_precision) + "-bit JPEG; ride reads 8-bit JPEG only");
    }
    if (info_.jpeg_color_space == JCS_GRAYSCALE) {
      info_.out_color_space = JCS_GRAYSCALE;
    } else if (info_.jpeg_color_space == JCS_YCbCr || info_.jpeg_color_space == JCS_RGB) {
      CheckColourAllowed(colour + " JPEG");
      info_.out_color_space = JCS_RGB;
    } else {
      ThrowFileError(FileErrorKind::kInput, path(),
                     "JPEG with " + colour + "; ride reads gray, YCbCr and RGB JPEG only");
    }
    if (progressive) {
      // libjpeg keeps every coefficient (2 bytes a sample) until the last scan.
      const uint64_t bytes = uint64_t{width()} * height() * static_cast<uint64_t>(components) * 2;
      if (bytes > kMaxBufferedImageBytes) {
        ThrowFileError(FileErrorKind::kInput, path(),
                       "progressive JPEG needs " + std::to_string(bytes) + " bytes buffered (limit " +
                           std::to_string(kMaxBufferedImageBytes) + ")");
      }
    }
    if (!JpegStart(&info_, &error_)) Fail("cannot decode the JPEG");
    set_channels(info_.output_components);
    row_.resize(std::size_t{width()} * static_cast<std::size_t>(info_.output_components));
  }

 private:
  void DecodeRow(uint8_t* row) override {
    if (!JpegReadRow(&info_, &error_, row_.data())) Fail("cannot decode the JPEG");
    StoreSamples(row_.data(), info_.output_components, row);
  }

  [[noreturn]] void Fail(const char* what) const {
    if (std::ferror(file_.get())) ThrowIoError(path(), what, errno != 0 ? errno : EIO);
    ThrowFileError(FileErrorKind::kInput, path(), std::string(what) + ": " + error_.message);
  }

  UniqueFile file_;
  jpeg_decompress_struct info_ = {};
  JpegErrorManager error_;
  bool created_ = false;
  std::vector<uint8_t> row_;
};

}  // namespace

std::unique_ptr<ImageReader> OpenJpegReader(const std::string& path, UniqueFile file, const ImageReadOptions& options) {
  auto reader = std::make_unique<JpegReader>(path, std::move(file), options);
  reader->Open();
  return reader;
}

}  // namespace ride::tools::internal
