#include "trainer/src/training_images.h"

#include <ctime>
#include <stdexcept>
#include <utility>

#include "tools/common/image_folder.h"
#include "trainer/src/dataset.h"
#include "trainer/src/texture_split.h"

namespace ride::trainer {

TrainingImages ReadTrainingImages(const TrainingImageSource& source) {
  if (source.train_dir.empty() == source.texture.empty()) {
    throw std::invalid_argument("training data: give a folder of images or a texture, not " +
                                std::string(source.texture.empty() ? "neither" : "both"));
  }
  TrainingImages images;
  if (!source.texture.empty()) {
    TextureSplit split = ReadTextureSplit(source.texture, source.held_out_region);
    images.texture = true;
    images.region_width = split.region_width;
    images.region_height = split.region_height;
    images.train = std::move(split.train);
    images.validation.push_back(std::move(split.held_out));
    images.data = TextureDataDescription(source.texture, source.held_out_region);
  } else {
    std::vector<std::string> train_paths, val_paths;
    SplitTrainValidation(tools::ListImageFiles(source.train_dir), source.val_count, &train_paths, &val_paths);
    images.train = ReadGrayImages(train_paths);
    images.validation = ReadGrayImages(val_paths);
    images.validation_files = static_cast<int>(val_paths.size());
    images.data = source.train_dir;
  }
  return images;
}

std::string TextureDataDescription(const std::string& path, int held_out_region) {
  return path + " (texture: 4x4 regions, region " + std::to_string(held_out_region) + " held out)";
}

std::string TodayUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

}  // namespace ride::trainer
