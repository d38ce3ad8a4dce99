#pragma once
// Test helper: GPX documents written at test time.

#include <cstdint>
#include <cstdio>
#include <string>

#include "runaudit/time.hpp"

namespace testing {

/// A GPX run due north from 47.37 N 8.54 E at 0.00003° (3.34 m) a second, one trackpoint a
/// second from @p start_ms (UTC ms) for @p seconds (seconds + 1 trackpoints), named @p name with
/// GPX type @p type. Line 1 is the XML declaration, line 2 the root down to `<trkseg>`, and
/// trackpoint k (0-based) is on line 3 + k.
inline std::string gpx_run(const std::string& name, std::int64_t start_ms, int seconds = 600,
                           const std::string& type = "running") {
  std::string out =
      "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" "
      "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>" +
      name + "</name><type>" + type + "</type><trkseg>\n";
  for (int t = 0; t <= seconds; ++t) {
    char point[120];
    std::snprintf(point, sizeof point, "<trkpt lat=\"%.6f\" lon=\"8.540000\"><time>",
                  47.37 + 0.00003 * t);
    out += point + runaudit::format_rfc3339(start_ms + t * 1000) + "</time></trkpt>\n";
  }
  return out + "</trkseg></trk></gpx>\n";
}

}  // namespace testing
