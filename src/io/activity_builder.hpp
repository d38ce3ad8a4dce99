#pragma once
// Private: turns the trackpoints a parser reads into an Activity's samples, applying the same
// repairs to GPX, TCX and FIT (docs/signal.md, "Repaired, counted as notes"): merge points of
// one time; drop untimed, unpositioned (in a positioned track), duplicate and backwards points
// and clock glitches; ignore the stray positions of a track mostly without; remove out-of-range
// channel values; scale cadence to steps per minute; drop GPS jumps
// (signal::find_position_jumps); count every repair as a Note.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "runaudit/model.hpp"

namespace runaudit::io::detail {

/// One trackpoint exactly as read (numbers range-checked only where the format demands it).
/// The builder knows nothing of any file format: positions are byte offsets.
struct RawPoint {
  std::optional<std::int64_t> time_ms;
  bool time_had_zone = true;
  std::optional<int> utc_offset_s;  ///< the local offset written with the time (ParsedTime)
  bool time_unreadable = false;     ///< a time was written, not a possible one: no time_ms
  std::optional<double> latitude_deg, longitude_deg;
  std::optional<double> elevation_m;
  std::optional<double> heart_rate_bpm;
  std::optional<double> cadence_per_leg;  ///< as written: per-leg rpm (strides/min) normally
  std::optional<double> distance_m;
  std::optional<double> speed_m_per_s;
  std::ptrdiff_t offset = -1;  ///< byte offset of the trackpoint element (for notes' lines)
  std::size_t segment = 0;     ///< 0-based segment (trkseg / Track) of the activity
  std::size_t lap = 0;         ///< 0-based lap (TCX); 0 for GPX
};

/// Collects an activity's raw points, then builds its samples, laps and notes.
class ActivityBuilder {
 public:
  /// Starts a new segment; points added afterwards belong to it.
  /// @param after_pause  false when the segment only continues the recording (a TCX Track that
  ///        starts a new lap); true when the watch was paused before it (GPX trkseg, a second
  ///        Track inside a TCX lap).
  void begin_segment(bool after_pause = true) {
    m_segment = m_segments++;
    m_after_pause.push_back(after_pause);
  }
  /// Starts a new lap (TCX); points added afterwards belong to it.
  void begin_lap(Lap lap);
  /// Makes room for @p points trackpoints, so adding them never copies the ones already added
  /// (a 4-hour run at 1 s holds 2 MB of them).
  void reserve(std::size_t points) { m_points.reserve(points); }
  /// Adds one trackpoint (segment and lap are set from the current ones).
  void add(RawPoint point);
  /// Number of points added so far.
  std::size_t size() const noexcept { return m_points.size(); }
  /// Counts a trackpoint the decoder read and dropped itself (a FIT record written while the
  /// timer was stopped: NoteCode::timer_stopped), at byte @p offset: a trackpoint of the
  /// activity, and a note, as the builder's own drops.
  void drop(NoteCode code, std::ptrdiff_t offset) { m_dropped.emplace_back(code, offset); }

  /// Fills @p activity's samples, laps, segments, segment_starts, trackpoints, notes,
  /// recording_start_ms and utc_offset_s (the first sample's, when the parser set one; else left
  /// as it was). Reads activity.sport (set it first): cadence of a walk is judged with it. A
  /// note's first_offset is its first trackpoint's RawPoint::offset; first_line is left 0 for
  /// the decoder of a text format to fill (detail::locate_notes for XML).
  void finish(Activity& activity);

 private:
  std::vector<RawPoint> m_points;
  std::vector<Lap> m_laps;
  std::size_t m_segment = 0, m_segments = 0;
  std::vector<bool> m_after_pause;                             // per segment
  std::vector<std::pair<NoteCode, std::ptrdiff_t>> m_dropped;  // drop()
};

/// Shortest part of a damaged file (a FIT file cut short, an XML document cut off) worth
/// keeping: samples spanning a minute. Less is no run to audit (a recording that died at once),
/// and the file is reported as an error instead.
inline constexpr std::int64_t min_salvage_span_ms = 60'000;

/// Whether @p activity, read from a damaged file, is worth keeping: its samples span
/// min_salvage_span_ms or more.
inline bool worth_salvaging(const Activity& activity) noexcept {
  return !activity.samples.empty() &&
         activity.samples.back().time_ms - activity.samples.front().time_ms >= min_salvage_span_ms;
}

/// Finishes each activity with its builder, in order, freeing each builder's points as soon as
/// that activity's samples are built (the parsers call it after freeing the XML tree, so that
/// tree, the points and the samples are never all in memory at once). Each activity's
/// device_distance_m becomes the larger of its own (a TCX's laps' sum) and its samples' last
/// device distance less their first; one whose times all fall before GPS time began
/// (1980-01-06: a clock never set) is undated (start_time_known false, a relative_time note).
/// @return the activities, in the order given.
std::vector<Activity> finish_all(std::vector<std::pair<Activity, ActivityBuilder>> pending);

}  // namespace runaudit::io::detail
