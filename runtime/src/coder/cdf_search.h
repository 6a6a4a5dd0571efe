// The decoder's search of a coded CDF: the symbol s with cdf(s) <= target < cdf(s + 1), galloping
// outwards from a guess and then bisecting, so that a good guess costs a few evaluations of an
// expensive cdf. Used by the learned model's distribution and by the adaptive method alike.
#ifndef RIDE_RUNTIME_SRC_CODER_CDF_SEARCH_H_
#define RIDE_RUNTIME_SRC_CODER_CDF_SEARCH_H_

#include <cstdint>

namespace ride::coder {

// `cdf` is non-decreasing over 0..symbols with cdf(0) <= target < cdf(symbols), and strictly
// increasing; guess < symbols. Returns s and, in *start and *end, cdf(s) and cdf(s + 1).
template <typename Cdf>
uint32_t SearchCdf(uint32_t guess, uint32_t symbols, uint32_t target, Cdf&& cdf, uint32_t* start, uint32_t* end) {
  // Invariant once bracketed: cdf(low) <= target < cdf(high).
  uint32_t low = guess, high = guess;
  uint32_t low_cdf = cdf(guess), high_cdf = low_cdf;
  if (low_cdf <= target) {  // gallop upwards
    for (uint32_t step = 1;; step *= 2) {
      high = low + step < symbols ? low + step : symbols;
      high_cdf = cdf(high);
      if (high_cdf > target) break;
      low = high;
      low_cdf = high_cdf;
    }
  } else {  // gallop downwards
    for (uint32_t step = 1;; step *= 2) {
      low = high > step ? high - step : 0;
      low_cdf = cdf(low);
      if (low_cdf <= target) break;
      high = low;
      high_cdf = low_cdf;
    }
  }
  while (high - low > 1) {
    const uint32_t middle = low + (high - low) / 2;
    const uint32_t middle_cdf = cdf(middle);
    if (middle_cdf <= target) {
      low = middle;
      low_cdf = middle_cdf;
    } else {
      high = middle;
      high_cdf = middle_cdf;
    }
  }
  *start = low_cdf;
  *end = high_cdf;
  return low;
}

}  // namespace ride::coder

#endif  // RIDE_RUNTIME_SRC_CODER_CDF_SEARCH_H_
