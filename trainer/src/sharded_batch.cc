#include "trainer/src/sharded_batch.h"

#include <algorithm>

namespace ride::trainer {

std::vector<ValueImage> GatherPatchCrops(const ImageShard<ValueImage>& images, const std::vector<PatchOrigin>& origins,
                                         int size, const CausalWindow& window, double padding, bool with_targets,
                                         Communicator& comm) {
  const int ranks = comm.size(), me = comm.rank();
  const int64_t n = static_cast<int64_t>(origins.size());
  const std::size_t crop_values =
      static_cast<std::size_t>(size + window.height - 1) * static_cast<std::size_t>(size + window.width - 1);
  const std::size_t sent = with_targets ? 2 * crop_values : crop_values;  // values, then targets
  // Crops go out in the order of `origins`, and every rank knows who sends what to whom.
  std::vector<std::vector<double>> send(ranks), receive(ranks);
  for (int64_t k = 0; k < n; ++k) {
    const int owner = images.Owner(origins[k].image), computer = ShardOwner(n, ranks, k);
    if (owner == me) {
      const ValueImage crop = PatchCrop(images.Get(origins[k].image), origins[k], size, window, padding);
      send[computer].insert(send[computer].end(), crop.values.begin(), crop.values.end());
      if (with_targets) send[computer].insert(send[computer].end(), crop.Targets().begin(), crop.Targets().end());
    }
    if (computer == me) receive[owner].resize(receive[owner].size() + sent);
  }
  comm.Exchange(send, &receive);
  std::vector<ValueImage> crops;
  std::vector<std::size_t> read(ranks, 0);
  for (int64_t k = ShardBegin(n, ranks, me); k < ShardBegin(n, ranks, me + 1); ++k) {
    const int owner = images.Owner(origins[k].image);
    ValueImage crop;
    crop.width = size + window.width - 1;
    crop.height = size + window.height - 1;
    const auto at = receive[owner].begin() + static_cast<std::ptrdiff_t>(read[owner]);
    crop.values.assign(at, at + static_cast<std::ptrdiff_t>(crop_values));
    if (with_targets) crop.targets.assign(at + static_cast<std::ptrdiff_t>(crop_values), at + static_cast<std::ptrdiff_t>(sent));
    read[owner] += sent;
    crops.push_back(std::move(crop));
  }
  return crops;
}

PatchBatch BuildCropBatch(const std::vector<ValueImage>& crops, std::size_t first, std::size_t count, int size,
                          const CausalWindow& window, double padding, const Whitening& whitening) {
  std::vector<PatchOrigin> origins;
  for (std::size_t k = first; k < first + count; ++k) origins.push_back(CropOrigin(static_cast<int>(k), window));
  return BuildPatchBatch(crops, origins, size, window, padding, whitening);
}

PatchBatch BuildShardedPatchBatch(const ImageShard<ValueImage>& images, const std::vector<PatchOrigin>& origins,
                                  int size, const CausalWindow& window, double padding, const Whitening& whitening,
                                  bool with_targets, Communicator& comm) {
  const std::vector<ValueImage> crops = GatherPatchCrops(images, origins, size, window, padding, with_targets, comm);
  return BuildCropBatch(crops, 0, crops.size(), size, window, padding, whitening);
}

}  // namespace ride::trainer
