#pragma once
// Private: reads the FIT messages runaudit uses (FIT profile, see fit_profile.hpp) into plain
// values in SI units, with every time in UTC milliseconds: records as the ActivityBuilder's raw
// points, timer events, laps, sessions, the device, the HR anchors, the workout. parse_fit
// (fit.cpp) turns these into Activities; the oracle test compares them with Garmin's SDK.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activity_builder.hpp"
#include "fit_decoder.hpp"
#include "runaudit/io/read.hpp"
#include "runaudit/model.hpp"

namespace runaudit::io::fit {

/// A `record` message. point.cadence_per_leg is FIT's cadence + fractional_cadence: rpm, which
/// for running is strides (one leg) per minute.
/// The shortest time the timer runs in a step between two records for a stop inside it to be no
/// pause of the recording (s): a watch writes a record every 1-10 s while its timer runs, and
/// the step around a pause is the pause; a phone app's export (HealthFit's of Nike Run Club)
/// may write none for 14 minutes, and then one 8 s after the last stop with all the distance
/// run since (2.8 km), where a step counted as the pause lost it.
inline constexpr std::int64_t min_timer_ran_s = 60;

struct Record {
  detail::RawPoint point;
  bool resumes = false;        // first record after a timer start that ended a pause
  bool timer_stopped = false;  // written after a timer stop's second, before the next start
  // The timer ran through the step from the record before, min_timer_ran_s or more and twice as
  // long as it stood stopped there: no pause of the recording, though the timer stopped in it.
  bool timer_ran = false;
  bool damaged = false;  // decoded from damaged bytes (fit_damage.hpp): dropped
  bool merged = false;   // a second pass's, merged into the track's (fit_passes.hpp)
  std::size_t file = 0;  // the chained FIT file holding it (Message::file)
};

/// Calls @p f(begin, end) for each run [begin, end) of @p records held by one chained file, in
/// order (a file's records are read one after another).
template <class F>
void for_each_file_run(const std::vector<Record>& records, F f) {
  for (std::size_t begin = 0, end = 0; begin < records.size(); begin = end) {
    end = begin;
    while (end < records.size() && records[end].file == records[begin].file) ++end;
    f(begin, end);
  }
}

/// A `lap` message (written at the lap's end).
struct LapInfo {
  Lap lap;                             // start time, timer time, distance
  std::optional<std::int64_t> end_ms;  // its timestamp
  std::size_t file = 0;                // the chained FIT file holding it
  std::size_t records_before = 0;      // records read before it (its place among them)
};

/// A `session` message: one sport of the activity.
struct SessionInfo {
  std::optional<std::int64_t> start_ms, end_ms;  // start_time, timestamp
  std::optional<double> elapsed_s, timer_s, distance_m, ascent_m;
  std::optional<std::uint64_t> sport, sub_sport, sport_index;
  std::ptrdiff_t offset = -1;
  std::size_t file = 0;            // the chained FIT file holding it
  std::size_t records_before = 0;  // records read before it (its place among them)
};

/// The device's clock set in the middle of a recording (fit_clock.hpp).
struct ClockJump {
  std::size_t file = 0;       // the chained FIT file
  std::int64_t from_ms = 0;   // the last record's time before the jump
  std::int64_t shift_ms = 0;  // what the times after it were moved back by (< 0: a step back of
                              // the clock, the times after it moved forward)
  bool at_resume = false;     // a step back across a timer pause, counted as one interval
};

/// A `sport` message: the sport profile used.
struct SportInfo {
  std::optional<std::uint64_t> sport, sub_sport;
  std::string name;
};

/// How device-relative times (below 0x10000000: seconds since the device's power-on) were made
/// real times.
enum class TimeBase {
  absolute,       // no relative time in the file
  correlated,     // anchored to UTC by a timestamp_correlation message
  local,          // anchored to activity.local_timestamp: local time taken as UTC
  continued,      // relative records, then real ones: the first real one an interval after them
  session_start,  // only relative records: the first at a session's real start_time, else at
                  // file_id.time_created
  unanchored,     // nothing to anchor them, no real time either: counted from 1970-01-01
  dropped,        // nothing to anchor them among real times: made absent (untimed)
};

/// Everything read from a FIT file.
struct Contents {
  std::optional<std::uint64_t> file_type;  // file_id type (4 = activity)
  std::vector<Record> records;
  std::vector<LapInfo> laps;
  std::vector<SessionInfo> sessions;
  std::vector<SportInfo> sports;
  std::string device;  // "Garmin Forerunner 965"
  bool bike_computer = false;
  DeviceHeartRate heart_rate;
  std::optional<Workout> workout;
  std::optional<int> utc_offset_s;
  std::vector<std::string> developer_fields;  // described and carried by some data message
  TimeBase time_base = TimeBase::absolute;
  std::size_t relative_times = 0;               // messages with a device-relative time
  std::optional<std::int64_t> local_anchor_ms;  // activity.local_timestamp (TimeBase::local)
  Outcome outcome;                              // damage, checksums, chained files
  std::vector<ClockJump> clock_jumps;           // the times after each were moved
  bool timer_events = false;                    // a timer start or stop: pauses are marked
  bool timer_out_of_order = false;              // ... unless one came after later records
};

/// Decodes @p bytes and reads their messages. The device's clock set mid-recording, forward by
/// more than 6 h (a Forerunner 225 jumps 20 days in a 56-minute run) or back along a continuing
/// track, is repaired (fit_clock.hpp): every later time of that chained file (records, laps,
/// sessions) is moved so that the step lasts one recording interval (ClockJump).
/// @param file    name used in errors.
/// @param limits  max_trackpoints bounds the records and the laps of the whole file; at most
///                256 sessions are read (more is too_large), the first 256 sport messages,
///                1000 workout steps and 256 developer field names are kept.
/// @throws ParseError bad_fit when the bytes do not start with a FIT header; too_large when
///         a limit is passed (offset = the message over the limit).
Contents read_contents(std::string_view bytes, const std::string& file,
                       const ReadLimits& limits = {});

}  // namespace runaudit::io::fit
