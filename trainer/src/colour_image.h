// Colour training images: 8-bit RGB photographs, optionally downscaled by area averaging and put
// through an integer-reversible colour transform, as three planes of integer samples.
//
// Downscaling matters for JPEG sources: BSDS300's 4:2:0 JPEGs hold half-resolution chroma that the
// decoder upsampled, so at full size their chroma is interpolation, not a camera's. Averaging each
// k × k block (k >= 2) gives every output pixel chroma that the file really recorded.
//
// Transforms (bijections on 8-bit RGB, so a model of the planes is a lossless model of the image):
//   rgb:     R, G, B as they are (0..255 each), the runtime's colour models (docs/model_format.md);
//   ycocg-r: Co = R − B, t = B + ⌊Co/2⌋, Cg = G − t, Y = t + ⌊Cg/2⌋ (Malvar & Sullivan's lifting
//            YCoCg-R): Y 0..255, Co and Cg −255..255, coded in the order Y, Co, Cg.
#ifndef RIDE_TRAINER_SRC_COLOUR_IMAGE_H_
#define RIDE_TRAINER_SRC_COLOUR_IMAGE_H_

#include <array>
#include <string>
#include <vector>

namespace ride::trainer {

enum class ColourTransform { kRgb, kYcocgR };

// "rgb" or "ycocg-r"; Parse throws std::invalid_argument on anything else.
std::string ColourTransformName(ColourTransform transform);
ColourTransform ParseColourTransform(const std::string& name);

struct ColourImage {
  int width = 0, height = 0;
  std::array<std::vector<int>, 3> planes;  // width × height samples each, row-major, in coding order
  int at(int plane, int row, int col) const { return planes[plane][static_cast<size_t>(row) * width + col]; }
};

// The value on the model's scale that a plane's samples are centred on, and what positions outside
// the image read: the mid grey 0.5 for R, G, B and Y, 0 for the signed chroma Co and Cg.
double ColourPadding(ColourTransform transform, int plane);

// Reads an RGB or RGBA file (tools/common/image_file.h, its own channels kept) as R, G, B planes.
// Throws tools::FileError naming the file for a gray file ("gray image; colour training reads RGB")
// or a transparent pixel, and what the reader throws.
ColourImage ReadRgbImage(const std::string& path);
// Whether `path` holds colour (read only as far as its header).
bool IsColourImageFile(const std::string& path);

// Each factor × factor block averaged, rounded half up; the last rows and columns that do not fill
// a block are dropped. Factor 1 returns the image. Throws std::invalid_argument for factor < 1 or an
// image smaller than one block.
ColourImage DownscaleByArea(const ColourImage& rgb, int factor);

// RGB planes into the transform's planes, and back (exact inverses).
ColourImage ApplyColourTransform(const ColourImage& rgb, ColourTransform transform);
ColourImage InvertColourTransform(const ColourImage& planes, ColourTransform transform);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_COLOUR_IMAGE_H_
