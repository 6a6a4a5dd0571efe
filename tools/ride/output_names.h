// What the ride tool names its outputs, and the names it refuses: a default name beside the input
// (or in --output-dir) as zstd gives one, and no output whose extension says it is something else
// than what is written (`ride compress a.png -o b.png`) unless --force-name.
#ifndef RIDE_TOOLS_RIDE_OUTPUT_NAMES_H_
#define RIDE_TOOLS_RIDE_OUTPUT_NAMES_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "tools/common/image_file.h"

namespace ride::cli {

// Image files ride reads, by extension (PNG, JPEG, Netpbm), and compressed files (.rim): what -r
// picks in a folder.
bool IsImageFileName(const std::string& path);
bool IsCompressedFileName(const std::string& path);

// `input`'s name without its last extension, with `extension` ("rim"), beside `input` or in
// `output_dir` when that is not empty: "photos/a.png" -> "photos/a.rim".
std::string DefaultOutputName(const std::string& input, const std::string& output_dir, const std::string& extension);

// Throws FileError kUsage when -o is given for other than exactly one input, or with --output-dir;
// creates `output_dir` (and its parents) when it is not there (FileError kIo if it cannot).
void CheckOutputChoice(std::size_t inputs, const std::string& output, const std::string& output_dir);

// A decompressed image's default name: `input` must end in ".rim" (FileError kUsage otherwise);
// the stem gets the extension of `format`.
std::string DefaultImageName(const std::string& input, const std::string& output_dir, tools::ImageFormat format);

// Throws FileError kUsage when `path` (not "-") has the extension of an image or a model file, as a
// compressed file's name must not, unless `force_name`.
void CheckCompressedFileName(const std::string& path, bool force_name);

// The format an image output is written in: `format_option` ("png", "pgm", "pam") when given, else
// the one `path`'s extension names, else (for "-", or an unknown extension with `force_name`)
// `fallback`. Throws FileError kUsage for an unknown --format, a --format or a name that contradicts
// the other or names a compressed file or model (".rim"), unless `force_name`.
tools::ImageFormat ChooseImageFormat(const std::string& path, const std::string& format_option, bool force_name,
                                     tools::ImageFormat fallback);

// The format a decompressed image of `channels` is written in when the name does not say: its
// source format's (RIDE_SOURCE_*): PGM for PGM, PPM for PPM (PGM for a PPM converted to gray), PAM
// for PAM, PNG otherwise.
tools::ImageFormat FormatForSource(uint32_t source_format, uint32_t channels);

}  // namespace ride::cli

#endif  // RIDE_TOOLS_RIDE_OUTPUT_NAMES_H_
