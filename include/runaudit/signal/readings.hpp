#pragma once
/// @file
/// Channels a device writes less often than its samples: a Suunto writes heart rate every 10 s
/// between positions every second, a phone app every few seconds. Counting each reading as one
/// sample's interval would count a tenth of the time above a heart-rate limit.

#include <cstddef>
#include <span>

namespace runaudit::signal {

/// Fills the samples between two readings of a channel: each NaN between two readings at most
/// @p max_gap_s apart takes the straight line between them, linear in time. Before the first
/// reading, after the last, and inside a longer gap (a strap that lost contact, the sensor off)
/// values stay NaN: nothing is made up where the device measured nothing near.
/// @param time_s     sample times (s), size N, non-decreasing.
/// @param values     the channel, size N, NaN where absent; filled in place.
/// @param max_gap_s  the longest time between two readings that is bridged (s).
/// @pre time_s.size() == values.size(). Linear in N.
void fill_between_readings(std::span<const double> time_s, std::span<double> values,
                           double max_gap_s) noexcept;

/// The value of a channel over the interval from sample @p i − 1 to @p i, for time-weighted
/// averages: the mean of the two readings (the trapezoid rule: across a 100 s gap of smart
/// recording in which heart rate fell from 196 to 146 bpm, 171 bpm, not the 146 read after it),
/// or values[i] when values[i − 1] is NaN (the first reading after a gap in the channel).
/// @param values  the channel, NaN where absent; @pre 1 <= i < values.size().
/// @return NaN when values[i] is NaN.
inline double interval_value(std::span<const double> values, std::size_t i) noexcept {
  const double before = values[i - 1], after = values[i];
  return before == before ? (before + after) / 2 : after;  // NaN != NaN
}

}  // namespace runaudit::signal
