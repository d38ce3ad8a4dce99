#pragma once
/// @file
/// Channels a device writes less often than its samples: a Suunto writes heart rate every 10 s
/// between positions every second, a phone app every few seconds. Counting each reading as one
/// sample's interval would count a tenth of the time above a heart-rate limit.

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

}  // namespace runaudit::signal
