// A line chart (or a scatter or bar chart, ChartStyle) as a standalone SVG document (viewable in any browser): title, axes with ticks
// and labels, one polyline per series with a legend, and optional marker lines (a vertical
// one such as "as of", a horizontal one such as "invested"). Plotting is the one place
// figures become floating point; the figures themselves stay exact elsewhere.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace estate::reports {

struct ChartSeries {
  std::string name;
  std::vector<std::pair<double, double>> points;  // (x, y), in x order
  std::string colour;                             // an SVG colour, e.g. "#1f77b4"
};

struct ChartMarker {
  double at = 0;
  std::string label;
};

// How series are drawn: joined lines with their points, points alone (a scatter), or a bar
// per point (side by side when there are several series).
enum class ChartStyle { lines, points, bars };

struct Chart {
  std::string title, x_label, y_label;
  std::vector<ChartSeries> series;
  std::vector<std::pair<double, std::string>> x_ticks;  // positions on x and their labels
  bool y_percent = false;                               // y is a ratio 0…1, labelled as %
  std::optional<ChartMarker> x_marker;                  // a vertical line
  std::optional<ChartMarker> y_marker;                  // a horizontal line
  ChartStyle style = ChartStyle::lines;
  std::vector<std::pair<std::pair<double, double>, std::string>> labels;  // text at (x, y)
};

std::string line_chart(const Chart& chart);

// "1,234,567" — for axis labels.
std::string thousands(double value);

}  // namespace estate::reports
