#pragma once
/// @file
/// Whether a prepared activity can be a run on foot: speeds no runner reaches, sustained, mean a
/// bike, a car or a train recorded as a run. GPS jumps (a few fixes) are repaired before this
/// (jumps.hpp); what is left is the activity's own speed.

#include <optional>
#include <span>
#include <string>

namespace runaudit::signal {

struct Series;  // series.hpp

/// A men's outdoor world record (World Athletics): the fastest anyone has run a distance.
struct WorldRecord {
  double distance_m;
  double time_s;
};

/// The records a run's stretches are held against: 400 m 43.03 s (van Niekerk 2016), 1000 m
/// 2:11.96 (Ngeny 1999), 5000 m 12:35.36 and 10 000 m 26:11.00 (Cheptegei 2020), half marathon
/// 56:42 (Kiplimo 2025), marathon 2:00:35 (Kiptum 2023).
inline constexpr WorldRecord world_records[] = {{400, 43.03},     {1000, 131.96},  {5000, 755.36},
                                                {10000, 1571.00}, {21097.5, 3402}, {42195, 7235}};

/// Median moving speed above which an activity is not a run (m/s): 6.5 m/s is 2:34/km, faster
/// than the 10 000 m world record's average (6.37 m/s), so no runner's typical speed.
inline constexpr double max_running_median_m_per_s = 6.5;

/// @return the median smoothed speed of the moving (running or walking) samples (m/s), 0 when
///         none is moving.
double median_moving_speed(const Series& series);

/// The fastest time in which the run covers @p distance_m: over every stretch from a sample to
/// where the cumulative distance has grown by distance_m (interpolated linearly in time between
/// samples), the least elapsed time, stops and pauses included.
/// @return seconds; nullopt when the run is shorter than distance_m or has no distance.
std::optional<double> fastest_time_s(const Series& series, double distance_m);

/// Why @p series cannot be a run on foot: its median moving speed is above
/// max_running_median_m_per_s, or it covers one of world_records' distances faster than the
/// record (e.g. "1000 m in 1:45, faster than the world record 2:12"), in
/// plain distance or in grade-adjusted distance (Minetti: a climb at a bike's speed costs what
/// no runner can give; then the stretch is said as it was on the ground, "241 m in 0:36 climbing
/// 33 m, as hard as 400 m on the flat (grade-adjusted): faster than the world record 0:43").
/// @return the reason, one line; nullopt when the speeds are a runner's.
std::optional<std::string> implausible_for_running(const Series& series);

}  // namespace runaudit::signal
