#include "trainer/src/colour_image.h"

#include <memory>
#include <stdexcept>

#include "tools/common/file_error.h"
#include "tools/common/image_file.h"
#include "trainer/src/area_downscale.h"

namespace ride::trainer {

std::string ColourTransformName(ColourTransform transform) {
  return transform == ColourTransform::kRgb ? "rgb" : "ycocg-r";
}

ColourTransform ParseColourTransform(const std::string& name) {
  if (name == "rgb") return ColourTransform::kRgb;
  if (name == "ycocg-r") return ColourTransform::kYcocgR;
  throw std::invalid_argument("colour transform \"" + name + "\": expected rgb or ycocg-r");
}

double ColourPadding(ColourTransform transform, int plane) {
  return transform == ColourTransform::kYcocgR && plane > 0 ? 0.0 : 0.5;
}

namespace {

std::unique_ptr<tools::ImageReader> OpenKeepingChannels(const std::string& path) {
  tools::ImageReadOptions options;
  options.keep_channels = true;
  return tools::OpenImageReader(path, options);
}

}  // namespace

bool IsColourImageFile(const std::string& path) { return OpenKeepingChannels(path)->channels() >= 3; }

ColourImage ReadRgbImage(const std::string& path) {
  const std::unique_ptr<tools::ImageReader> reader = OpenKeepingChannels(path);
  const int channels = reader->channels();
  if (channels < 3) {
    tools::ThrowFileError(tools::FileErrorKind::kInput, reader->path(), "gray image; colour training reads RGB");
  }
  const std::vector<uint8_t> samples = tools::ReadAllRows(reader.get());
  ColourImage image;
  image.width = static_cast<int>(reader->width());
  image.height = static_cast<int>(reader->height());
  const size_t pixels = static_cast<size_t>(image.width) * image.height;
  for (auto& plane : image.planes) plane.resize(pixels);
  for (size_t i = 0; i < pixels; ++i) {
    const uint8_t* pixel = samples.data() + i * channels;
    if (channels == 4 && pixel[3] != 255) {
      tools::ThrowFileError(tools::FileErrorKind::kInput, reader->path(),
                            "transparent pixel at row " + std::to_string(i / image.width) + ", column " +
                                std::to_string(i % image.width) + "; colour training reads opaque images");
    }
    for (int c = 0; c < 3; ++c) image.planes[c][i] = pixel[c];
  }
  return image;
}

ColourImage DownscaleByArea(const ColourImage& rgb, int factor) {
  ColourImage out;
  DownscaledSize(rgb.width, rgb.height, factor, &out.width, &out.height);
  if (factor == 1) return rgb;
  for (int c = 0; c < 3; ++c) out.planes[c] = AreaAverage(rgb.planes[c], rgb.width, rgb.height, factor);
  return out;
}

namespace {

// ⌊v / 2⌋ for negative v too (an arithmetic shift, spelled out).
int HalfDown(int v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); }

}  // namespace

ColourImage ApplyColourTransform(const ColourImage& rgb, ColourTransform transform) {
  if (transform == ColourTransform::kRgb) return rgb;
  ColourImage out = rgb;
  for (size_t i = 0; i < rgb.planes[0].size(); ++i) {
    const int r = rgb.planes[0][i], g = rgb.planes[1][i], b = rgb.planes[2][i];
    const int co = r - b;
    const int t = b + HalfDown(co);
    const int cg = g - t;
    out.planes[0][i] = t + HalfDown(cg);
    out.planes[1][i] = co;
    out.planes[2][i] = cg;
  }
  return out;
}

ColourImage InvertColourTransform(const ColourImage& planes, ColourTransform transform) {
  if (transform == ColourTransform::kRgb) return planes;
  ColourImage out = planes;
  for (size_t i = 0; i < planes.planes[0].size(); ++i) {
    const int y = planes.planes[0][i], co = planes.planes[1][i], cg = planes.planes[2][i];
    const int t = y - HalfDown(cg);
    const int g = cg + t;
    const int b = t - HalfDown(co);
    out.planes[0][i] = b + co;
    out.planes[1][i] = g;
    out.planes[2][i] = b;
  }
  return out;
}

}  // namespace ride::trainer
