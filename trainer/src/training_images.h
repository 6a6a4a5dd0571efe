// The images a training run learns from and validates on, as `ride-train mcgsm` and `ride-train
// ride` take them (docs/trainer.md): a folder whose sorted files split into training images and
// the last `val_count` validation images (the paper's BSDS300 split), or one texture cut into a
// 4 × 4 grid whose held-out region validates (texture_split.h).
#ifndef RIDE_TRAINER_SRC_TRAINING_IMAGES_H_
#define RIDE_TRAINER_SRC_TRAINING_IMAGES_H_

#include <string>
#include <vector>

#include "trainer/src/image_io.h"

namespace ride::trainer {

struct TrainingImageSource {
  std::string train_dir;  // a folder, or (not both)
  int val_count = 20;
  std::string texture;    // a texture image
  int held_out_region = 15;
};

struct TrainingImages {
  std::vector<GrayImage> train, validation;
  std::string data;  // what the checkpoint's training.data records
  bool texture = false;
  int region_width = 0, region_height = 0;  // texture mode
  int validation_files = 0;                 // folder mode
};

// Throws std::invalid_argument when both or neither of train_dir and texture are given, and what
// the readers throw (tools::FileError naming the file, std::invalid_argument for a bad split).
TrainingImages ReadTrainingImages(const TrainingImageSource& source);

// What a checkpoint's training.data says for a model trained in texture mode.
std::string TextureDataDescription(const std::string& path, int held_out_region);

// Today's date in UTC, YYYY-MM-DD, as checkpoints record it.
std::string TodayUtc();

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_TRAINING_IMAGES_H_
