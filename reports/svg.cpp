#include "reports/svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace estate::reports {

namespace {

constexpr double kWidth = 900, kHeight = 480;
constexpr double kLeft = 110, kRight = 40, kTop = 60, kBottom = 80;

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string fixed(double v, int places = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", places, v);
  return buf;
}

// A "nice" step (1, 2 or 5 × 10^k) giving about `count` intervals over `span`.
double nice_step(double span, int count) {
  if (span <= 0) return 1;
  double raw = span / count, power = std::pow(10.0, std::floor(std::log10(raw)));
  double unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

}  // namespace

std::string thousands(double value) {
  long long n = std::llround(value);
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string line_chart(const Chart& chart) {
  double x_min = INFINITY, x_max = -INFINITY, y_min = 0, y_max = chart.y_percent ? 1 : 0;
  for (const ChartSeries& s : chart.series) {
    for (auto [x, y] : s.points) {
      x_min = std::min(x_min, x), x_max = std::max(x_max, x);
      y_min = std::min(y_min, y), y_max = std::max(y_max, y);
    }
  }
  for (const auto& [x, label] : chart.x_ticks)
    x_min = std::min(x_min, x), x_max = std::max(x_max, x);
  if (chart.x_marker)
    x_min = std::min(x_min, chart.x_marker->at), x_max = std::max(x_max, chart.x_marker->at);
  if (chart.y_marker)
    y_min = std::min(y_min, chart.y_marker->at), y_max = std::max(y_max, chart.y_marker->at);
  if (!std::isfinite(x_min)) x_min = 0, x_max = 1;
  if (x_max == x_min) x_min -= 1, x_max += 1;
  if (chart.style == ChartStyle::bars) x_min -= 0.5, x_max += 0.5;  // room for the outer bars
  if (chart.style == ChartStyle::points) {  // room for the outer points and their labels
    const double pad = (x_max - x_min) * 0.08;
    x_min -= pad, x_max += pad;
    y_max += (y_max - y_min) * 0.08;
  }
  const double step = nice_step(y_max - y_min, 5);
  y_min = std::floor(y_min / step) * step;
  y_max = std::ceil(y_max / step) * step;
  if (y_max == y_min) y_max = y_min + step;

  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto px = [&](double x) { return kLeft + (x - x_min) / (x_max - x_min) * plot_w; };
  auto py = [&](double y) { return kTop + (y_max - y) / (y_max - y_min) * plot_h; };

  std::ostringstream svg;
  svg << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
      << "\" viewBox=\"0 0 " << kWidth << " " << kHeight
      << "\" font-family=\"'Noto Sans CJK TC', 'PingFang TC', 'Microsoft JhengHei', sans-serif\" "
         "font-size=\"12\">\n"
      << "<title>" << escape(chart.title) << "</title>\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << kWidth / 2
      << "\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" "
         "font-weight=\"bold\">"
      << escape(chart.title) << "</text>\n";
  // Grid and y ticks.
  for (double y = y_min; y <= y_max + step / 2; y += step) {
    std::string label = chart.y_percent ? fixed(y * 100, 0) + " %" : thousands(y);
    svg << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft + plot_w << "\" y1=\"" << fixed(py(y))
        << "\" y2=\"" << fixed(py(y)) << "\" stroke=\"#ddd\"/>\n"
        << "<text x=\"" << kLeft - 8 << "\" y=\"" << fixed(py(y) + 4) << "\" text-anchor=\"end\">"
        << escape(label) << "</text>\n";
  }
  // Axes.
  svg << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft << "\" y1=\"" << kTop << "\" y2=\""
      << kTop + plot_h << "\" stroke=\"black\"/>\n"
      << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft + plot_w << "\" y1=\"" << fixed(py(y_min))
      << "\" y2=\"" << fixed(py(y_min)) << "\" stroke=\"black\"/>\n";
  for (const auto& [x, label] : chart.x_ticks) {
    svg << "<line x1=\"" << fixed(px(x)) << "\" x2=\"" << fixed(px(x)) << "\" y1=\""
        << kTop + plot_h << "\" y2=\"" << kTop + plot_h + 5 << "\" stroke=\"black\"/>\n"
        << "<text x=\"" << fixed(px(x)) << "\" y=\"" << kTop + plot_h + 20
        << "\" text-anchor=\"middle\">" << escape(label) << "</text>\n";
  }
  svg << "<text x=\"" << kLeft + plot_w / 2 << "\" y=\"" << kHeight - 30
      << "\" text-anchor=\"middle\">" << escape(chart.x_label) << "</text>\n"
      << "<text transform=\"translate(22," << kTop + plot_h / 2
      << ") rotate(-90)\" text-anchor=\"middle\">" << escape(chart.y_label) << "</text>\n";
  // Markers.
  if (chart.y_marker) {
    double y = py(chart.y_marker->at);
    svg << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft + plot_w << "\" y1=\"" << fixed(y)
        << "\" y2=\"" << fixed(y) << "\" stroke=\"#d62728\" stroke-dasharray=\"6 4\"/>\n"
        << "<text x=\"" << kLeft + plot_w - 4 << "\" y=\"" << fixed(y - 6)
        << "\" text-anchor=\"end\" fill=\"#d62728\">" << escape(chart.y_marker->label)
        << "</text>\n";
  }
  if (chart.x_marker) {
    double x = px(chart.x_marker->at);
    svg << "<line x1=\"" << fixed(x) << "\" x2=\"" << fixed(x) << "\" y1=\"" << kTop << "\" y2=\""
        << kTop + plot_h << "\" stroke=\"#555\" stroke-dasharray=\"3 3\"/>\n"
        << "<text x=\"" << fixed(x + 4) << "\" y=\"" << kTop + 12 << "\" fill=\"#555\">"
        << escape(chart.x_marker->label) << "</text>\n";
  }
  // Series and legend.
  double legend_x = kLeft;
  const double bar_w = 0.7 * plot_w / (x_max - x_min) / std::max<std::size_t>(1, chart.series.size());
  for (std::size_t k = 0; k < chart.series.size(); ++k) {
    const ChartSeries& s = chart.series[k];
    if (chart.style == ChartStyle::bars) {
      for (auto [x, y] : s.points) {
        const double left = px(x) - bar_w * static_cast<double>(chart.series.size()) / 2 +
                            bar_w * static_cast<double>(k);
        const double top = std::min(py(y), py(0)), height = std::abs(py(y) - py(0));
        svg << "<rect x=\"" << fixed(left) << "\" y=\"" << fixed(top) << "\" width=\""
            << fixed(bar_w) << "\" height=\"" << fixed(height) << "\" fill=\"" << escape(s.colour)
            << "\"/>\n";
      }
    } else if (chart.style == ChartStyle::points) {
      for (auto [x, y] : s.points)
        svg << "<circle cx=\"" << fixed(px(x)) << "\" cy=\"" << fixed(py(y)) << "\" r=\"6\" fill=\""
            << escape(s.colour) << "\" stroke=\"black\"/>\n";
    }
    if (chart.style == ChartStyle::lines) {
      svg << "<polyline fill=\"none\" stroke=\"" << escape(s.colour)
          << "\" stroke-width=\"2\" points=\"";
      for (auto [x, y] : s.points) svg << fixed(px(x)) << "," << fixed(py(y)) << " ";
      svg << "\"/>\n";
    }
    for (auto [x, y] : s.points) {
      if (chart.style == ChartStyle::lines && s.points.size() <= 40) {
        svg << "<circle cx=\"" << fixed(px(x)) << "\" cy=\"" << fixed(py(y)) << "\" r=\"3\" fill=\""
            << escape(s.colour) << "\"/>\n";
      }
    }
    svg << "<rect x=\"" << legend_x << "\" y=\"" << kHeight - 18
        << "\" width=\"12\" height=\"12\" fill=\"" << escape(s.colour) << "\"/>\n"
        << "<text x=\"" << legend_x + 16 << "\" y=\"" << kHeight - 8 << "\">" << escape(s.name)
        << "</text>\n";
    legend_x += 30 + 7.0 * static_cast<double>(s.name.size());
  }
  for (const auto& [at, text] : chart.labels)
    svg << "<text x=\"" << fixed(px(at.first) + 8) << "\" y=\"" << fixed(py(at.second) - 8)
        << "\">" << escape(text) << "</text>\n";
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace estate::reports
