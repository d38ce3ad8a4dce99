#pragma once
/// @file
/// GPS jumps: a few fixes far off the track, which no runner (nor bike) could have reached and
/// come back from. io:: drops them while building an activity's samples (NoteCode::position_jump)
/// so that neither the distance nor the speeds see them.

#include <cstddef>
#include <span>
#include <vector>

namespace runaudit::signal {

/// Tunables of the jump detector; defaults justified next to each.
struct JumpOptions {
  /// Fastest plausible speed (m/s) of a runner: Usain Bolt's peak was 12.4 m/s (Berlin 2009).
  /// The gate is the larger of this and 2 × the activity's median fix-to-fix speed, so a bike or
  /// a car is never cut into jumps.
  double max_speed_m_per_s = 12.5;
  /// Slack added to max speed × time (m): ordinary watch GPS errors (2–5 m) and multipath
  /// (up to ~20 m) are the smoother's business, not jumps.
  double slack_m = 25;
  /// Longest excursion (s) that is a jump; a longer one is taken as a real move (signal lost
  /// while travelling) and kept.
  double max_excursion_s = 60;
  /// Most fixes an excursion may hold ("a few samples").
  std::size_t max_excursion_samples = 10;
  /// A fix further from the last good one than this speed (m/s) covers is a jump however long
  /// the excursion lasts (max_excursion_s does not apply; max_excursion_samples does): the speed
  /// of sound at sea level, faster than any airliner (~250 m/s) carrying a watch; a damaged
  /// file's garbage record thousands of kilometres off between two of the run's.
  double max_any_speed_m_per_s = 343;
};

/// Finds GPS jumps in a positioned recording: fixes i..j−1 are a jump when fix i cannot be
/// reached from the last good fix at the gate speed (distance > gate × Δt + slack), fix j can,
/// and the excursion is short (max_excursion_s, unless fix i is beyond max_any_speed_m_per_s;
/// max_excursion_samples); the last fixes are a
/// jump when none of them can be reached and the track ends within such an excursion (a damaged
/// file's last record, a last fix far off). A first fix that none of the next fixes can be
/// reached from, while they reach each other, is a jump too (the watch's first fix is often far
/// off). Distances by step_distance_m (WGS84).
/// @param time_s         fix times (s), size N, strictly increasing.
/// @param latitude_deg   size N.  @param longitude_deg  size N.
/// @return size N, true at the fixes to drop; all false when N < 3.
/// Linear in N (each fix looked ahead at most max_excursion_samples times).
std::vector<bool> find_position_jumps(std::span<const double> time_s,
                                      std::span<const double> latitude_deg,
                                      std::span<const double> longitude_deg,
                                      const JumpOptions& options = {});

}  // namespace runaudit::signal
