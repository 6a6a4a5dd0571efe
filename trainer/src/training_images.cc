#include "trainer/src/training_images.h"

#include <ctime>
#include <stdexcept>
#include <utility>
#include <vector>

#include "tools/common/image_folder.h"
#include "trainer/src/dataset.h"
#include "trainer/src/texture_split.h"

namespace ride::trainer {

namespace {

std::vector<std::string> ListFolders(const std::vector<std::string>& dirs, Communicator& comm) {
  std::vector<std::string> paths;
  if (comm.is_root()) {
    for (const std::string& dir : dirs) {
      const std::vector<std::string> listed = tools::ListImageFiles(dir);
      paths.insert(paths.end(), listed.begin(), listed.end());
    }
  }
  BroadcastLines(&paths, comm);
  return paths;
}

std::string JoinFolders(const std::vector<std::string>& dirs) {
  std::string joined;
  for (const std::string& dir : dirs) joined += (joined.empty() ? "" : " + ") + dir;
  return joined;
}

// What the checkpoint's training.data says for folders.
std::string FolderDataDescription(const TrainingImageSource& source) {
  std::string data = JoinFolders(source.train_dirs);
  if (source.downscales != std::vector<int>{1}) {
    std::string factors;
    for (const int f : source.downscales) factors += (factors.empty() ? "" : ", ") + std::to_string(f);
    data += " (each image at area-averaging downscales " + factors + ")";
  }
  if (!source.val_dirs.empty()) data += "; validation " + JoinFolders(source.val_dirs);
  return data;
}

}  // namespace

TrainingImages ReadTrainingImages(const TrainingImageSource& source, Communicator& comm) {
  if (source.train_dirs.empty() == source.texture.empty()) {
    throw std::invalid_argument("training data: give folders of images or a texture, not " +
                                std::string(source.texture.empty() ? "neither" : "both"));
  }
  if (source.downscales.empty()) throw std::invalid_argument("--downscale: at least one factor");
  TrainingImages images;
  if (!source.texture.empty()) {
    if (!source.val_dirs.empty() || source.downscales != std::vector<int>{1}) {
      throw std::invalid_argument("--texture validates on its held-out region: no --val-dir or --downscale");
    }
    TextureSplit split = ReadTextureSplit(source.texture, source.held_out_region);
    images.texture = true;
    images.region_width = split.region_width;
    images.region_height = split.region_height;
    images.train = TakeShard(std::move(split.train), comm.rank(), comm.size());
    images.validation = TakeShard(std::vector<GrayImage>{std::move(split.held_out)}, comm.rank(), comm.size());
    images.data = TextureDataDescription(source.texture, source.held_out_region);
    return images;
  }
  std::vector<std::string> train_paths = ListFolders(source.train_dirs, comm), validation_paths;
  if (source.val_dirs.empty()) {
    const std::vector<std::string> all = std::move(train_paths);
    SplitTrainValidation(all, source.val_count, &train_paths, &validation_paths);
  } else {
    validation_paths = ListFolders(source.val_dirs, comm);
  }
  images.train = ReadImageShard(train_paths, comm);
  if (source.downscales != std::vector<int>{1}) images.train = WithDownscaledCopies(images.train, source.downscales);
  images.validation = ReadImageShard(validation_paths, comm);
  images.data = FolderDataDescription(source);
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
