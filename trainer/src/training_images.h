// The images a training run learns from and validates on, as `ride-train mcgsm` and `ride-train
// ride` take them (docs/trainer.md), as this rank's shards (image_shard.h): folders of training
// images, validated either by folders of their own or by the last `val_count` files of the
// training folders (the paper's BSDS300 split), each training image optionally joined by copies
// downscaled by area averaging (area_downscale.h); or one texture cut into a 4 × 4 grid whose
// held-out region validates (texture_split.h).
#ifndef RIDE_TRAINER_SRC_TRAINING_IMAGES_H_
#define RIDE_TRAINER_SRC_TRAINING_IMAGES_H_

#include <string>
#include <vector>

#include "trainer/src/distributed.h"
#include "trainer/src/image_io.h"
#include "trainer/src/image_shard.h"

namespace ride::trainer {

struct TrainingImageSource {
  std::vector<std::string> train_dirs;  // folders, each sorted by name, in this order; or (not both)
  std::vector<std::string> val_dirs;    // folders that validate; none: the training folders' last val_count files
  int val_count = 20;
  std::vector<int> downscales = {1};    // each training image at each of these factors (1: as it is)
  std::string texture;                  // a texture image
  int held_out_region = 15;
};

struct TrainingImages {
  ImageShard<GrayImage> train, validation;
  std::string data;  // what the checkpoint's training.data says
  bool texture = false;
  int region_width = 0, region_height = 0;  // texture mode
};

// Folders: rank 0 lists them and sends the list to the others, so only rank 0 needs to see every
// file name; the validation folders' files validate, or else the last `val_count` training files
// (SplitTrainValidation), and every rank reads only the files of its shards. Validation images are
// never downscaled: they are what the model will code. Or one texture: every rank reads the image
// and keeps its shards of the 15 training regions and of the held-out one. Collective. Throws
// std::invalid_argument when both or neither of folders and a texture are given, for downscales
// or validation folders with a texture, and what the readers throw (tools::FileError naming the
// file, std::invalid_argument for a bad split or factor).
TrainingImages ReadTrainingImages(const TrainingImageSource& source, Communicator& comm);

// What a checkpoint's training.data says for a model trained in texture mode.
std::string TextureDataDescription(const std::string& path, int held_out_region);

// ", over N ranks" for progress lines of a run with several ranks, "" for one.
std::string RanksNote(const Communicator& comm);

// Today's date in UTC, YYYY-MM-DD, as checkpoints record it.
std::string TodayUtc();

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_TRAINING_IMAGES_H_
