#include "runaudit/format.hpp"

#include <cmath>
#include <cstdio>

namespace runaudit {

std::string format_clock(double seconds) {
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

std::string format_fixed(double value, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string format_pace(double s_per_km, Units units) {
  const bool imperial = units == Units::imperial;
  return format_clock(imperial ? s_per_km * metres_per_mile / 1000 : s_per_km) +
         (imperial ? "/mi" : "/km");
}

std::string format_distance(double metres, Units units) {
  return units == Units::imperial ? format_fixed(metres / metres_per_mile, 2) + " mi"
                                  : format_fixed(metres / 1000, 2) + " km";
}

std::string format_span(double start_m, double end_m, Units units) {
  const double k = units == Units::imperial ? metres_per_mile : 1000;
  return std::string(units == Units::imperial ? "mi " : "km ") + format_fixed(start_m / k, 1) +
         "–" + format_fixed(end_m / k, 1);
}

}  // namespace runaudit
