#include "trainer/src/image_shard.h"

#include <utility>

#include "trainer/src/area_downscale.h"

namespace ride::trainer {

std::vector<int> ShardBegins(int count, int ranks) {
  std::vector<int> begins;
  for (int r = 0; r <= ranks; ++r) begins.push_back(static_cast<int>(ShardBegin(count, ranks, r)));
  return begins;
}

ImageShard<GrayImage> ReadImageShard(const std::vector<std::string>& paths, Communicator& comm) {
  ImageShard<GrayImage> shard;
  const int n = static_cast<int>(paths.size());
  shard.rank = comm.rank();
  shard.begins = ShardBegins(n, comm.size());
  shard.sizes.resize(n);
  for (int i = shard.first(); i < shard.end(); ++i) {
    shard.images.push_back(ReadGrayImage(paths[i]));
    shard.sizes[i] = SizeOf(shard.images.back());
  }
  // Every rank sends its images' sizes (width, height) to every other; each knows how many come.
  std::vector<double> mine;
  for (int i = shard.first(); i < shard.end(); ++i) {
    mine.push_back(shard.sizes[i].width);
    mine.push_back(shard.sizes[i].height);
  }
  std::vector<std::vector<double>> send(comm.size(), mine), receive(comm.size());
  for (int r = 0; r < comm.size(); ++r) receive[r].resize(2 * static_cast<std::size_t>(shard.begins[r + 1] - shard.begins[r]));
  comm.Exchange(send, &receive);
  for (int r = 0; r < comm.size(); ++r) {
    for (std::size_t k = 0; 2 * k < receive[r].size(); ++k) {
      shard.sizes[shard.begins[r] + k] = {static_cast<int>(receive[r][2 * k]), static_cast<int>(receive[r][2 * k + 1])};
    }
  }
  return shard;
}

ImageShard<GrayImage> WithDownscaledCopies(const ImageShard<GrayImage>& shard, const std::vector<int>& factors) {
  const int f = static_cast<int>(factors.size());
  ImageShard<GrayImage> copies;
  copies.rank = shard.rank;
  copies.begins.clear();
  for (const int begin : shard.begins) copies.begins.push_back(begin * f);
  for (const ImageSize& size : shard.sizes) {
    for (const int factor : factors) {
      ImageSize copy;
      DownscaledSize(size.width, size.height, factor, &copy.width, &copy.height);
      copies.sizes.push_back(copy);
    }
  }
  for (const GrayImage& image : shard.images) {
    for (const int factor : factors) {
      GrayImage copy;
      DownscaledSize(image.width, image.height, factor, &copy.width, &copy.height);
      copy.pixels = AreaAverage(image.pixels, image.width, image.height, factor);
      copies.images.push_back(std::move(copy));
    }
  }
  return copies;
}

}  // namespace ride::trainer
