#include "trainer/src/training_curve.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace ride::trainer {
namespace {

constexpr double kWidth = 640, kHeight = 400, kLeft = 70, kRight = 20, kTop = 40, kBottom = 50;

std::string Number(double v, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  return buffer;
}

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

}  // namespace

std::string TrainingCurveSvg(const std::string& title, const std::string& x_label,
                             const std::vector<CurveSeries>& series) {
  double low = INFINITY, high = -INFINITY;
  std::size_t steps = 1;
  for (const CurveSeries& s : series) {
    steps = std::max(steps, s.values.size());
    for (double v : s.values) {
      if (!std::isfinite(v)) continue;
      low = std::min(low, v);
      high = std::max(high, v);
    }
  }
  if (!(low <= high)) low = 0, high = 1;
  const double pad = std::max(0.02, (high - low) * 0.1);
  low -= pad;
  high += pad;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto x_of = [&](std::size_t k) { return kLeft + (steps == 1 ? plot_w / 2 : plot_w * k / (steps - 1)); };
  auto y_of = [&](double v) { return kTop + plot_h * (high - v) / (high - low); };

  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << kWidth / 2 << "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">" << Escape(title)
      << "</text>\n";
  for (int i = 0; i <= 5; ++i) {  // horizontal grid with bit/px labels
    const double v = low + (high - low) * i / 5, y = y_of(v);
    svg << "<line x1=\"" << kLeft << "\" x2=\"" << kWidth - kRight << "\" y1=\"" << y << "\" y2=\"" << y
        << "\" stroke=\"#ddd\"/>\n<text x=\"" << kLeft - 6 << "\" y=\"" << y + 4 << "\" text-anchor=\"end\">"
        << Number(v, 3) << "</text>\n";
  }
  const std::size_t every = std::max<std::size_t>(1, steps / 10);
  for (std::size_t k = 0; k < steps; k += every) {
    svg << "<text x=\"" << x_of(k) << "\" y=\"" << kHeight - kBottom + 18 << "\" text-anchor=\"middle\">" << k + 1
        << "</text>\n";
  }
  svg << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft << "\" y1=\"" << kTop << "\" y2=\"" << kHeight - kBottom
      << "\" stroke=\"black\"/>\n<line x1=\"" << kLeft << "\" x2=\"" << kWidth - kRight << "\" y1=\""
      << kHeight - kBottom << "\" y2=\"" << kHeight - kBottom << "\" stroke=\"black\"/>\n"
      << "<text x=\"" << kLeft + plot_w / 2 << "\" y=\"" << kHeight - 10 << "\" text-anchor=\"middle\">"
      << Escape(x_label) << "</text>\n<text transform=\"translate(16," << kTop + plot_h / 2
      << ") rotate(-90)\" text-anchor=\"middle\">bit/px (higher is better)</text>\n";
  double legend_y = kTop + 14;
  for (const CurveSeries& s : series) {
    if (s.values.empty()) continue;
    svg << "<polyline fill=\"none\" stroke=\"" << s.colour << "\" stroke-width=\"2\" points=\"";
    for (std::size_t k = 0; k < s.values.size(); ++k) {
      if (std::isfinite(s.values[k])) svg << x_of(k) << "," << y_of(s.values[k]) << " ";
    }
    svg << "\"/>\n";
    for (std::size_t k = 0; k < s.values.size(); ++k) {
      if (std::isfinite(s.values[k])) {
        svg << "<circle cx=\"" << x_of(k) << "\" cy=\"" << y_of(s.values[k]) << "\" r=\"3\" fill=\"" << s.colour
            << "\"/>\n";
      }
    }
    svg << "<line x1=\"" << kWidth - kRight - 150 << "\" x2=\"" << kWidth - kRight - 130 << "\" y1=\"" << legend_y
        << "\" y2=\"" << legend_y << "\" stroke=\"" << s.colour << "\" stroke-width=\"2\"/>\n<text x=\""
        << kWidth - kRight - 124 << "\" y=\"" << legend_y + 4 << "\">" << Escape(s.name) << "</text>\n";
    legend_y += 16;
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace ride::trainer
