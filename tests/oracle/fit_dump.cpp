// Prints what runaudit's FIT reader reads from a file (fit::read_contents: every record, every
// session), as JSON in the shape tests/oracle/sdk_dump.mjs prints from Garmin's SDK, so that
// tests/oracle/compare.py can compare the two. Times are Unix seconds; positions degrees;
// cadence rpm as FIT writes it (cadence + fractional_cadence, before doubling).
//   fit_dump FILE

#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "io/fit_profile.hpp"
#include "io/fit_reader.hpp"
#include "runaudit/io/error.hpp"

namespace {

using nlohmann::json;

template <typename T>
json optional(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json seconds(const std::optional<std::int64_t>& ms) {
  return ms ? json(double(*ms) / 1000) : json(nullptr);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fit_dump FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  json out;
  try {
    const auto c = runaudit::io::fit::read_contents(bytes, argv[1]);
    json records = json::array();
    for (const auto& r : c.records) {
      const auto& p = r.point;
      records.push_back({{"time", seconds(p.time_ms)},
                         {"lat", optional(p.latitude_deg)},
                         {"lon", optional(p.longitude_deg)},
                         {"altitude", optional(p.elevation_m)},
                         {"heart_rate", optional(p.heart_rate_bpm)},
                         {"cadence", optional(p.cadence_per_leg)},
                         {"distance", optional(p.distance_m)},
                         {"speed", optional(p.speed_m_per_s)}});
    }
    json sessions = json::array();
    for (const auto& s : c.sessions)
      sessions.push_back(
          {{"start_time", seconds(s.start_ms)},
           {"sport", s.sport ? json(runaudit::io::fit::sport_name(*s.sport)) : json(nullptr)},
           {"sub_sport",
            s.sub_sport ? json(runaudit::io::fit::sub_sport_name(*s.sub_sport)) : json(nullptr)},
           {"total_distance", optional(s.distance_m)},
           {"total_timer_time", optional(s.timer_s)},
           {"total_elapsed_time", optional(s.elapsed_s)}});
    out = {{"records", records},
           {"sessions", sessions},
           {"laps", c.laps.size()},
           {"damage", c.outcome.damage ? json(c.outcome.damage->reason) : json(nullptr)},
           {"device", c.device}};
  } catch (const runaudit::io::ParseError& e) {
    out = {{"error", e.what()}};
  }
  std::cout << out.dump(1) << '\n';
  return 0;
}
