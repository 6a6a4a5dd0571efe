// The training-curve picture: a well-formed SVG with one line per series and its labels.
#include "trainer/src/training_curve.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace ride::trainer {
namespace {

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(TrainingCurveTest, DrawsEverySeriesWithLabels) {
  const std::string svg = TrainingCurveSvg("RIDE <test>", "stage",
                                           {{"train", {3.1, 3.5, 3.7}, "blue"}, {"validation", {3.0, NAN, 3.6}, "red"},
                                            {"empty", {}, "green"}});
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(Count(svg, "<polyline"), 2);
  EXPECT_EQ(Count(svg, "<circle"), 5);  // the NaN point is left out
  EXPECT_NE(svg.find("RIDE &lt;test&gt;"), std::string::npos);
  EXPECT_NE(svg.find(">validation<"), std::string::npos);
  EXPECT_EQ(svg.find(">empty<"), std::string::npos);
  EXPECT_NE(svg.find(">stage<"), std::string::npos);
}

}  // namespace
}  // namespace ride::trainer
