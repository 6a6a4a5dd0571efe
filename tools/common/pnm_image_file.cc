// Netpbm: PGM and PPM (ASCII P2/P3, binary P5/P6) and PAM (P7) read a row at a time; binary PGM
// (P5) and gray PAM (P7) written.
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tools/common/file_error.h"
#include "tools/common/image_formats.h"

namespace ride::tools::internal {
namespace {

// Longest PAM header line accepted; real ones are a few dozen bytes.
constexpr std::size_t kMaxPamLine = 1024;

struct PamTupleType {
  const char* name;
  int depth;
};
constexpr PamTupleType kPamTupleTypes[] = {{"GRAYSCALE", 1},       {"BLACKANDWHITE", 1}, {"GRAYSCALE_ALPHA", 2},
                                           {"BLACKANDWHITE_ALPHA", 2}, {"RGB", 3},           {"RGB_ALPHA", 4}};

class NetpbmReader final : public ImageReader {
 public:
  NetpbmReader(const std::string& path, UniqueFile file, const ImageReadOptions& options)
      : ImageReader(path, options), file_(std::move(file)) {}

  void Open() {
    std::fgetc(file_.get());  // 'P', checked by the caller
    const int kind = std::fgetc(file_.get());
    if (kind == '1' || kind == '4') {
      ThrowFileError(FileErrorKind::kInput, path(),
                     std::string("PBM bitmap (P") + static_cast<char>(kind) + "); ride reads PGM, PPM and PAM");
    }
    uint64_t width = 0, height = 0, maxval = 0;
    std::string colour;
    if (kind == '7') {
      format_ = "PAM";
      ReadPamHeader(&width, &height, &maxval, &colour);
    } else {
      format_ = kind == '2' || kind == '5' ? "PGM" : "PPM";
      channels_ = format_ == "PGM" ? 1 : 3;
      ascii_ = kind == '2' || kind == '3';
      ReadHeaderNumber("width", &width);
      ReadHeaderNumber("height", &height);
      ReadHeaderNumber("maxval", &maxval);
      if (!ascii_) {
        const int separator = std::fgetc(file_.get());  // exactly one whitespace byte before the raster
        if (separator == EOF || !std::isspace(separator)) Fail(format_ + " header: no whitespace after maxval");
      }
      colour = format_;
      set_description(format_ + " (P" + static_cast<char>(kind) + "), maxval " + std::to_string(maxval));
    }
    SetSize(width, height);
    if (maxval == 0 || maxval > 255) {
      Fail(format_ + " maxval " + std::to_string(maxval) + "; ride codes samples of 1 to 8 bits (maxval 1..255)");
    }
    maxval_ = static_cast<uint32_t>(maxval);
    set_maxval(maxval_);
    set_source(format_ == "PGM" ? ImageSource::kPgm : format_ == "PPM" ? ImageSource::kPpm : ImageSource::kPam);
    if (channels_ >= 3) CheckColourAllowed(colour);
    set_channels(channels_);
    samples_.resize(std::size_t{this->width()} * channels_);
  }

 private:
  void DecodeRow(uint8_t* row) override {
    const std::size_t count = samples_.size();
    if (ascii_) {
      for (std::size_t i = 0; i < count; ++i) {
        uint64_t value = 0;
        if (ReadNumber(&value) != nullptr) {
          Fail(format_ + " pixel data ends or is malformed in row " + std::to_string(next_row()) + " of " +
               std::to_string(height()));
        }
        if (value > maxval_) AboveMaxval(value, i);
        samples_[i] = static_cast<uint8_t>(value);
      }
    } else if (std::fread(samples_.data(), 1, count, file_.get()) != count) {
      if (std::ferror(file_.get())) ThrowIoError(path(), "read failed", errno);
      Fail(format_ + " pixel data ends in row " + std::to_string(next_row()) + " of " + std::to_string(height()));
    }
    if (maxval_ != 255) {
      for (std::size_t i = 0; i < count; ++i) {
        if (samples_[i] > maxval_) AboveMaxval(samples_[i], i);
        samples_[i] = static_cast<uint8_t>((samples_[i] * 255u + maxval_ / 2) / maxval_);
      }
    }
    StoreSamples(samples_.data(), channels_, row);
  }

  [[noreturn]] void Fail(const std::string& what) const { ThrowFileError(FileErrorKind::kInput, path(), what); }

  [[noreturn]] void AboveMaxval(uint64_t value, std::size_t sample) const {
    Fail(format_ + " sample " + std::to_string(value) + " at row " + std::to_string(next_row()) + ", column " +
         std::to_string(sample / channels_) + " exceeds maxval " + std::to_string(maxval_));
  }

  // Skips whitespace and '#' comments, then reads a decimal number. Returns why it could not, or null.
  const char* ReadNumber(uint64_t* value) {
    std::FILE* file = file_.get();
    int c = std::fgetc(file);
    while (c != EOF && (std::isspace(c) || c == '#')) {
      if (c == '#') {
        while (c != EOF && c != '\n' && c != '\r') c = std::fgetc(file);
      }
      if (c != EOF) c = std::fgetc(file);
    }
    if (c == EOF) return "ends early";
    if (!std::isdigit(c)) return "not a number";
    uint64_t result = 0;
    while (c != EOF && std::isdigit(c)) {
      if (result > 0xFFFFFFFFull) return "number too large";
      result = result * 10 + static_cast<uint64_t>(c - '0');
      c = std::fgetc(file);
    }
    if (c != EOF) std::ungetc(c, file);
    *value = result;
    return nullptr;
  }

  void ReadHeaderNumber(const char* field, uint64_t* value) {
    if (const char* why = ReadNumber(value)) Fail(format_ + " header: " + field + " " + why);
  }

  // One header line without its end; false at the end of the file.
  bool ReadLine(std::string* line) {
    line->clear();
    int c = std::fgetc(file_.get());
    if (c == EOF) return false;
    for (; c != EOF && c != '\n'; c = std::fgetc(file_.get())) {
      if (line->size() == kMaxPamLine) Fail("PAM header: line longer than " + std::to_string(kMaxPamLine) + " bytes");
      line->push_back(static_cast<char>(c));
    }
    return true;
  }

  // "P7\n", then lines "KEYWORD value" (and '#' comments) up to "ENDHDR"; the raster follows.
  void ReadPamHeader(uint64_t* width, uint64_t* height, uint64_t* maxval, std::string* colour) {
    std::map<std::string, uint64_t> numbers;  // WIDTH, HEIGHT, DEPTH, MAXVAL
    std::string tuple_type, line;
    if (!ReadLine(&line) || line.find_first_not_of(" \t\r") != std::string::npos) Fail("PAM header: no line end after P7");
    for (;;) {
      if (!ReadLine(&line)) Fail("PAM header ends before ENDHDR");
      std::istringstream fields(line);
      std::string keyword, value;
      fields >> keyword;
      if (keyword.empty() || keyword[0] == '#') continue;
      if (keyword == "ENDHDR") break;
      std::getline(fields >> std::ws, value);
      while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
      if (keyword == "TUPLTYPE") {
        tuple_type += (tuple_type.empty() ? "" : " ") + value;  // several lines concatenate
      } else if (keyword == "WIDTH" || keyword == "HEIGHT" || keyword == "DEPTH" || keyword == "MAXVAL") {
        if (value.empty() || value.size() > 10 || value.find_first_not_of("0123456789") != std::string::npos) {
          Fail("PAM header: " + keyword + " " + value + " is not a number");
        }
        numbers[keyword] = std::stoull(value);
      } else {
        Fail("PAM header: unknown keyword " + keyword);
      }
    }
    for (const char* name : {"WIDTH", "HEIGHT", "DEPTH", "MAXVAL"}) {
      if (numbers.count(name) == 0) Fail(std::string("PAM header: no ") + name);
    }
    *width = numbers["WIDTH"];
    *height = numbers["HEIGHT"];
    *maxval = numbers["MAXVAL"];
    const uint64_t depth = numbers["DEPTH"];
    if (tuple_type.empty() && depth >= 1 && depth <= 4) {  // optional: the depth says what it is
      tuple_type = depth == 1 ? "GRAYSCALE" : depth == 2 ? "GRAYSCALE_ALPHA" : depth == 3 ? "RGB" : "RGB_ALPHA";
    }
    set_description("PAM " + tuple_type + ", depth " + std::to_string(depth) + ", maxval " + std::to_string(*maxval));
    channels_ = 0;
    for (const PamTupleType& known : kPamTupleTypes) {
      if (tuple_type == known.name && depth == static_cast<uint64_t>(known.depth)) channels_ = known.depth;
    }
    if (channels_ == 0) {
      Fail("PAM tuple type " + (tuple_type.empty() ? std::string("(none)") : tuple_type) + " of depth " +
           std::to_string(depth) + "; ride reads GRAYSCALE and RGB, with or without _ALPHA");
    }
    *colour = "PAM " + tuple_type;
  }

  UniqueFile file_;
  std::string format_;
  int channels_ = 1;
  bool ascii_ = false;
  uint32_t maxval_ = 255;
  std::vector<uint8_t> samples_;
};

// Binary PGM (P5), PPM (P6) or PAM (P7): the same interleaved samples under another header.
class NetpbmWriter final : public ImageWriter {
 public:
  NetpbmWriter(uint32_t width, int channels, ByteWriter* out) : row_bytes_(std::size_t{width} * channels), out_(out) {}
  void Start(uint32_t width, uint32_t height, ImageFormat format, const ImageWriteOptions& options) {
    std::string header = format == ImageFormat::kPam ? "P7\n" : format == ImageFormat::kPpm ? "P6\n" : "P5\n";
    if (!options.comment.empty()) header += "# " + options.comment + "\n";
    if (format == ImageFormat::kPam) {
      static const char* const kTupleTypes[] = {"GRAYSCALE", "GRAYSCALE_ALPHA", "RGB", "RGB_ALPHA"};
      header += "WIDTH " + std::to_string(width) + "\nHEIGHT " + std::to_string(height) + "\nDEPTH " +
                std::to_string(options.channels) + "\nMAXVAL " + std::to_string(options.maxval) + "\nTUPLTYPE " +
                kTupleTypes[options.channels - 1] + "\nENDHDR\n";
    } else {
      header += std::to_string(width) + " " + std::to_string(height) + "\n" + std::to_string(options.maxval) + "\n";
    }
    out_->Write(reinterpret_cast<const uint8_t*>(header.data()), header.size());
  }
  void WriteRow(const uint8_t* row) override { out_->Write(row, row_bytes_); }
  void Finish(const std::vector<ImageChunk>& /*after_image*/) override {}  // PGM keeps no chunks

 private:
  std::size_t row_bytes_;
  ByteWriter* out_;
};

}  // namespace

std::unique_ptr<ImageReader> OpenNetpbmReader(const std::string& path, UniqueFile file,
                                              const ImageReadOptions& options) {
  auto reader = std::make_unique<NetpbmReader>(path, std::move(file), options);
  reader->Open();
  return reader;
}

std::unique_ptr<ImageWriter> OpenNetpbmWriter(uint32_t width, uint32_t height, ImageFormat format, ByteWriter* out,
                                              const ImageWriteOptions& options) {
  auto writer = std::make_unique<NetpbmWriter>(width, options.channels, out);
  writer->Start(width, height, format, options);
  return writer;
}

}  // namespace ride::tools::internal
