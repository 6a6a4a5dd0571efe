// Patches of a set of images split over the ranks (image_shard.h), computed in balanced parts.
//
// Every rank draws the same patches from the whole set (from the image sizes alone); of the n
// patches, rank r computes [ShardBegin(n, N, r), ShardBegin(n, N, r + 1)), whatever images they come
// from. The rank holding a patch's image cuts out the patch's crop (patch_batch.h: PatchCrop) and
// sends it to the rank that computes the patch, so every rank reads only its own images, computes
// n/N patches (not however many happen to fall on its images), and receives (size + H − 1) ×
// (size + W − 1) values per patch of another rank's images (twice that with targets), never the image.
#ifndef RIDE_TRAINER_SRC_SHARDED_BATCH_H_
#define RIDE_TRAINER_SRC_SHARDED_BATCH_H_

#include <vector>

#include "trainer/src/distributed.h"
#include "trainer/src/image_shard.h"
#include "trainer/src/neighborhood.h"
#include "trainer/src/patch_batch.h"
#include "trainer/src/whitening.h"

namespace ride::trainer {

// The crops of the patches of `origins` (patches of the whole set) that this rank computes, in the
// order of `origins`; `with_targets`: with their Targets() too (exact neighbours, ride_train.h).
// Collective: every rank passes the same origins and the same `with_targets`.
std::vector<ValueImage> GatherPatchCrops(const ImageShard<ValueImage>& images, const std::vector<PatchOrigin>& origins,
                                         int size, const CausalWindow& window, double padding, bool with_targets,
                                         Communicator& comm);

// BuildPatchBatch of the crops: this rank's columns of the batch of `origins`, in their order.
PatchBatch BuildCropBatch(const std::vector<ValueImage>& crops, std::size_t first, std::size_t count, int size,
                          const CausalWindow& window, double padding, const Whitening& whitening);

// This rank's part of the batch of `origins` (GatherPatchCrops, then BuildCropBatch). Collective.
PatchBatch BuildShardedPatchBatch(const ImageShard<ValueImage>& images, const std::vector<PatchOrigin>& origins,
                                  int size, const CausalWindow& window, double padding, const Whitening& whitening,
                                  bool with_targets, Communicator& comm);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_SHARDED_BATCH_H_
