// A set of images split over the ranks of a data-parallel run (distributed.h), so that every rank
// reads and holds only its part, its shard: a contiguous block of the set's images in the set's
// order (for a folder: its files sorted by name), so the ranks' shards one after the other are the
// whole set in order. Sets read from files or cut from a texture are split by ShardBegin: of n
// images, rank r of N holds [ShardBegin(n, N, r), ShardBegin(n, N, r + 1)); a set derived from one
// (each image and its mirror image, say) keeps its blocks. Every rank also knows the size of every
// image, which is all it needs to draw pixels or patches from the whole set exactly as one process
// holding every image would.
#ifndef RIDE_TRAINER_SRC_IMAGE_SHARD_H_
#define RIDE_TRAINER_SRC_IMAGE_SHARD_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "trainer/src/distributed.h"
#include "trainer/src/image_io.h"

namespace ride::trainer {

struct ImageSize {
  int width = 0, height = 0;
  int64_t pixels() const { return int64_t{width} * height; }
};

template <typename Image>
ImageSize SizeOf(const Image& image) {
  return {image.width, image.height};
}

template <typename Image>
struct ImageShard {
  int rank = 0;
  std::vector<int> begins = {0, 0};  // rank r holds images [begins[r], begins[r + 1]); the last is count()
  std::vector<ImageSize> sizes;      // every image of the set, in the set's order
  std::vector<Image> images;         // this rank's images: set indices first() .. end() − 1

  int ranks() const { return static_cast<int>(begins.size()) - 1; }
  int count() const { return static_cast<int>(sizes.size()); }
  int first() const { return begins[rank]; }
  int end() const { return begins[rank + 1]; }
  bool Holds(int index) const { return index >= first() && index < end(); }
  // The rank holding image `index` (0 <= index < count()).
  int Owner(int index) const {
    return static_cast<int>(std::upper_bound(begins.begin(), begins.end() - 1, index) - begins.begin()) - 1;
  }
  // Image `index` of the set; only for an index this rank holds.
  const Image& Get(int index) const { return images[static_cast<std::size_t>(index - first())]; }
};

// begins for `count` images over `ranks` ranks: ShardBegin(count, ranks, r) for r = 0 .. ranks.
std::vector<int> ShardBegins(int count, int ranks);

// Rank `rank` of `ranks`'s shard of `all` (every image of the set, which the caller already has: the
// regions of one texture, say). TakeShard(all, 0, 1) is the whole set, held by one process.
template <typename Image>
ImageShard<Image> TakeShard(std::vector<Image> all, int rank, int ranks) {
  ImageShard<Image> shard;
  shard.rank = rank;
  shard.begins = ShardBegins(static_cast<int>(all.size()), ranks);
  for (const Image& image : all) shard.sizes.push_back(SizeOf(image));
  const auto begin = all.begin() + shard.first(), end = all.begin() + shard.end();
  shard.images.assign(std::make_move_iterator(begin), std::make_move_iterator(end));
  return shard;
}

template <typename Image>
ImageShard<Image> WholeSet(std::vector<Image> all) {
  return TakeShard(std::move(all), 0, 1);
}

// Reads this rank's shard of `paths` (the same list on every rank) and learns every other image's
// size from the rank that read it. Collective: every rank calls it with the same list.
ImageShard<GrayImage> ReadImageShard(const std::vector<std::string>& paths, Communicator& comm);

// The set of each image of `shard` at every factor of `factors` in turn (area_downscale.h; factor
// 1 is the image itself): image i's copies are images i·F … i·F + F − 1 of the new set, so every
// rank keeps its block and computes every size without communicating. Throws
// std::invalid_argument for a factor below 1 or an image smaller than one of its blocks.
ImageShard<GrayImage> WithDownscaledCopies(const ImageShard<GrayImage>& shard, const std::vector<int>& factors);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_IMAGE_SHARD_H_
