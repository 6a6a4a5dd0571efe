#include "tools/ride-train/training_data.h"

#include <filesystem>
#include <stdexcept>
#include <utility>
#include <vector>

#include "tools/common/image_folder.h"
#include "tools/ride-train/tool_common.h"
#include "trainer/src/dataset.h"
#include "trainer/src/texture_split.h"

namespace ride::trainer {

TrainingImages ReadTrainingImages(const std::string& train_dir, int val_count, const std::string& texture,
                                  int held_out_region, Communicator& comm) {
  TrainingImages images;
  if (!texture.empty()) {
    TextureSplit split = ReadTextureSplit(texture, held_out_region);
    images.texture = true;
    images.region_width = split.region_width;
    images.region_height = split.region_height;
    images.train = TakeShard(std::move(split.train), comm.rank(), comm.size());
    images.validation = TakeShard(std::vector<GrayImage>{std::move(split.held_out)}, comm.rank(), comm.size());
    images.data = TextureDataDescription(texture, held_out_region);
    return images;
  }
  std::vector<std::string> paths;
  if (comm.is_root()) paths = tools::ListImageFiles(train_dir);
  BroadcastLines(&paths, comm);
  std::vector<std::string> train_paths, validation_paths;
  SplitTrainValidation(paths, val_count, &train_paths, &validation_paths);
  images.train = ReadImageShard(train_paths, comm);
  images.validation = ReadImageShard(validation_paths, comm);
  images.data = train_dir;
  return images;
}

void RefuseExistingOutput(const std::string& path, bool force, const Communicator& comm) {
  if (comm.is_root() && !force && std::filesystem::exists(path)) {
    throw std::runtime_error(path + ": exists (use -f to overwrite)");
  }
}

std::string RanksNote(const Communicator& comm) {
  return comm.size() == 1 ? "" : ", over " + std::to_string(comm.size()) + " ranks";
}

void AddMpiTimeoutOption(CLI::App* command, double* seconds) {
  command
      ->add_option("--mpi-timeout", *seconds,
                   "with MPI: seconds a rank waits for another before it reports that rank lost and ends the job")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

}  // namespace ride::trainer
