#include "trainer/src/training_images.h"

#include <ctime>
#include <stdexcept>
#include <utility>
#include <vector>

#include "tools/common/image_folder.h"
#include "trainer/src/dataset.h"
#include "trainer/src/texture_split.h"

namespace ride::trainer {

TrainingImages ReadTrainingImages(const TrainingImageSource& source, Communicator& comm) {
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
    images.train = TakeShard(std::move(split.train), comm.rank(), comm.size());
    images.validation = TakeShard(std::vector<GrayImage>{std::move(split.held_out)}, comm.rank(), comm.size());
    images.data = TextureDataDescription(source.texture, source.held_out_region);
    return images;
  }
  std::vector<std::string> paths;
  if (comm.is_root()) paths = tools::ListImageFiles(source.train_dir);
  BroadcastLines(&paths, comm);
  std::vector<std::string> train_paths, validation_paths;
  SplitTrainValidation(paths, source.val_count, &train_paths, &validation_paths);
  images.train = ReadImageShard(train_paths, comm);
  images.validation = ReadImageShard(validation_paths, comm);
  images.data = source.train_dir;
  return images;
}

std::string TextureDataDescription(const std::string& path, int held_out_region) {
  return path + " (texture: 4x4 regions, region " + std::to_string(held_out_region) + " held out)";
}

std::string RanksNote(const Communicator& comm) {
  return comm.size() == 1 ? "" : ", over " + std::to_string(comm.size()) + " ranks";
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
