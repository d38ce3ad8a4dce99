#pragma once
/// @file
/// The data model every stage shares: an Activity read from one file, its laps and its samples
/// (trackpoints). SI units throughout (m, s, m/s, bpm, steps/min), except latitude and longitude,
/// which are WGS84 degrees. A channel a trackpoint does not carry is *absent* (std::nullopt),
/// never 0 or a sentinel (docs/ARCHITECTURE.md, "Model and units").

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runaudit {

/// File format an activity was read from.
enum class Format { gpx, tcx, fit };

/// Normalised sport. `unknown` means the file says nothing; `other` means it names a sport we
/// do not audit and do not map (swimming, driving, "Other", ...).
enum class Sport { running, cycling, walking, other, unknown };

/// @return "gpx", "tcx" or "fit".
std::string_view to_string(Format format) noexcept;
/// @return "running", "cycling", "walking", "other" or "unknown".
std::string_view to_string(Sport sport) noexcept;

/// Maps a sport as written in a file to a normalised Sport.
/// Accepts TCX `Sport` values (`Running`, `Biking`, `Other`; any case), GPX `type` words
/// ("running", "run", "trail run", "cycling", "ride", "mountain biking", "hiking", "walk", ...),
/// and Strava's numeric GPX types (1 = ride, 9 = run, 10 = walk, 11 = hike, from Strava's GPX
/// export as Runalyze's importer reads it; 4 = hike, 17 = virtual ride, as Strava's exports
/// of a hike and of a Zwift session write them).
/// @param raw  the text as written; leading/trailing white space is ignored.
/// @return Sport::unknown for an empty string; Sport::other for a word we do not recognise.
Sport normalise_sport(std::string_view raw) noexcept;

/// Whether @p raw (a sport as written) names a sport not done on foot: one normalise_sport()
/// knows by a word (sport_from_name's table) as cycling or as another sport ("swimming",
/// "e_biking", "rowing", "alpine_skiing", "surfing", "wheelchair_push_run", "Ride", "Swim"),
/// neither running nor walking; Strava's numeric GPX types 1 and 17 (rides). False for words and
/// numbers it does not know ("generic", "training", "Other", "fitness_equipment", "16") and for
/// empty.
bool names_sport_not_on_foot(std::string_view raw) noexcept;

/// Guesses the sport from an activity name such as "Morning Run" or "Evening Ride" (Strava's
/// default titles). @return Sport::unknown when the name names no sport.
Sport sport_from_name(std::string_view name) noexcept;

/// One trackpoint as read, in SI units. Only trackpoints with a valid time are samples.
struct Sample {
  std::int64_t time_ms = 0;              ///< UTC, milliseconds since 1970-01-01T00:00:00Z
  std::optional<double> latitude_deg;    ///< WGS84, [-90, 90]; absent together with longitude
  std::optional<double> longitude_deg;   ///< WGS84, [-180, 180]
  std::optional<double> elevation_m;     ///< above the geoid/sea level as the device reports it
  std::optional<double> heart_rate_bpm;  ///< beats per minute, [25, 250]
  std::optional<double> cadence_spm;     ///< steps per minute (both feet; see io/ for conversions);
                                         ///< a ride's or rower's cadence as written (rpm); 0:
                                         ///< no steps counted (standing) by a device that counts
                                         ///< them elsewhere in the activity (else 0 is absent)
  std::optional<double> distance_m;      ///< device's cumulative distance (footpod, treadmill)
  std::optional<double> speed_m_per_s;   ///< device's instantaneous speed
  /// The trackpoint had no position: it lies between two fixes of its segment at most 15 s
  /// apart, and its position is interpolated between theirs, linear in time (heart rate and
  /// cadence written between sparse fixes are not lost). Not a measurement: distance is measured
  /// on the fixes (signal::measure_distance).
  bool position_interpolated = false;

  /// @return true when both latitude and longitude are present.
  bool has_position() const noexcept {
    return latitude_deg.has_value() && longitude_deg.has_value();
  }
};

/// A lap as the file declares it (TCX `Lap`). Totals are the device's claims, kept for
/// reference only: real files carry lap totals that disagree with their trackpoints.
struct Lap {
  std::optional<std::int64_t> start_time_ms;  ///< `StartTime` attribute, UTC ms since epoch
  std::optional<double> total_time_s;         ///< `TotalTimeSeconds`
  std::optional<double> distance_m;           ///< `DistanceMeters`
  std::size_t first_sample = 0;               ///< index into Activity::samples
  std::size_t sample_count = 0;               ///< samples kept from this lap
};

/// Kinds of recoverable oddity repaired while reading; each becomes a counted Note.
enum class NoteCode {
  no_time,             ///< trackpoint without time: dropped
  time_unreadable,     ///< trackpoint whose time is not a possible date-time (GPX, TCX: a
                       ///< damaged time among readable ones; a file of them all is an error,
                       ///< bad_timestamp): dropped
  no_position,         ///< trackpoint without position in a track that has positions: dropped
  null_island,         ///< position exactly (0, 0): treated as no position
  duplicate_time,      ///< same time as the previous kept sample, not merged into it (another
                       ///< position, or nothing to add): dropped
  time_backwards,      ///< earlier than the previous kept sample, or a lone time far ahead of
                       ///< both neighbours, or a last time over 6 h after the one before and
                       ///< later than the recording before it lasted (clock glitches): dropped
  elevation_invalid,   ///< elevation outside (-500, 9000] m (sentinels such as -19999, FIT's raw
                       ///< 0 = -500 m): removed
  elevation_zero,      ///< elevation of exactly 0 m where every elevation is 0, or between
                       ///< readings beyond 5 m from 0: a writer's placeholder for none, removed
  distance_zero,       ///< device distance of exactly 0 on every trackpoint that has one (a
                       ///< heart-rate strap's recording): no distance measured, removed
  heart_rate_invalid,  ///< heart rate outside [25, 250] bpm (0 and 255 mean "no value"): removed
  cadence_invalid,     ///< negative, or above 300 steps/min: removed (0 is silently absent)
  cadence_doubled,     ///< per-leg cadence (strides/min) converted to steps/min
  cadence_as_steps,    ///< values looked like steps/min already and were kept as written
  no_time_zone,        ///< timestamps without zone designator: taken as UTC
  position_jump,       ///< position far off the track for a few samples (a GPS jump): dropped
  merged_time,         ///< trackpoint at the same time as the one before it (a device writing
                       ///< one second as two records): its channels merged into that one
  conflicting_value,   ///< a value both merged trackpoints hold, differently: the first kept
  stray_position,      ///< position in a track where too few trackpoints have one: ignored,
                       ///< the samples kept without positions
  position_invalid,    ///< latitude beyond ±90° (a damaged FIT record; GPX and TCX refuse
                       ///< it): treated as no position
  blind_kept,          ///< trackpoints without position in a track that has positions, for
                       ///< 30 s or more, with the device's distance (no fix yet, or lost): kept
  between_fixes,       ///< trackpoints without position between two fixes of their segment at
                       ///< most 15 s apart: kept, placed between them (Sample::
                       ///< position_interpolated)
  reordered,           ///< trackpoints written after later ones, a few at a time and again and
                       ///< again in their segment (a writer's jitter, not a clock set back):
                       ///< put in time order
  elevation_spike,     ///< elevations of a spike: a jump of 10 m or more faster than 5 m/s,
                       ///< the altitude back at 2.5 m/s or faster, within a minute, to within
                       ///< 5 m (or a quarter of the jump) of where it left (a phone's or a
                       ///< watch's glitch): removed
  stray_fragment,      ///< trackpoints of stretches more than 6 h apart from the rest of the
                       ///< recording, each over 10 min at most and within 100 m of where it
                       ///< began, together under 5 % of its trackpoints (a start pressed by
                       ///< mistake, the timer then left paused): dropped
  // Set by the FIT reader (one note each, count 1 unless said otherwise):
  file_damaged,            ///< the file is damaged (truncated, garbage): what precedes is kept;
                           ///< first_offset is where the damage starts
  checksum_mismatch,       ///< the file's CRC does not match its bytes: values may be damaged
  unfinished_file,         ///< the file was never finalised (FIT data size 0): read to its end
  relative_time,           ///< times counted from the device's power-on; count = messages so
                           ///< timed; message says how they were anchored, if at all
  max_hr_below_observed,   ///< the device's max HR setting is below the highest HR recorded
  bytes_skipped,           ///< damaged stretches of a FIT file's bytes skipped, decoding going
                           ///< on where the recording did (count = stretches; first_offset =
                           ///< the first): the messages in them are lost, the rest is read
  trailing_bytes,          ///< bytes after the end of the FIT data that are no FIT file
                           ///< (padding, junk, a chained file whose header is damaged):
                           ///< ignored; the file before them is whole
  hr_setting_implausible,  ///< a heart-rate setting of the device no adult heart has (a max
                           ///< outside 120-230 bpm, a threshold outside 100-220 bpm or under
                           ///< 70 % of the max): not used (Activity::device_heart_rate)
  clock_jump,              ///< the device's clock jumped forward by hours, or back along a
                           ///< continuing track, without a timer pause (the watch setting its
                           ///< clock): the later times moved back (forward)
  timer_stopped,           ///< records written while the device's timer was stopped (after a
                           ///< timer stop, before the start that resumed it; an Edge writes
                           ///< one as it pauses and one as it resumes): dropped, the pause is
                           ///< the watch's (count = records)
  second_pass_merged,      ///< a separate sensor's records written after the track, as a
                           ///< second pass over its time (a heart-rate strap's): merged into
                           ///< the track's records at their times (fit_passes.hpp; count =
                           ///< records)
  distance_calibrated,     ///< a treadmill run's distance corrected on the watch as it was
                           ///< saved (the session's total only): the samples' distances and
                           ///< speeds scaled to it (count = samples)
  damaged_record,          ///< records decoded from damaged bytes of a file whose CRC does not
                           ///< match (or cut short): off the recording around them in time,
                           ///< distance or position (fit_damage.hpp): dropped (count = records)
  // Set when reading a source (read_activities):
  compressed_truncated,  ///< the compressed file (`.gz`), or the zip the member is in, ends
                         ///< early (a download or copy cut short): what it held before the cut
                         ///< was decoded; the last activity carries it, first_offset = the
                         ///< bytes kept
};

/// @return the snake_case name of a note code, e.g. "duplicate_time".
std::string_view to_string(NoteCode code) noexcept;

/// A counted data-quality note about one activity.
struct Note {
  NoteCode code;
  std::size_t count = 0;             ///< how many trackpoints (or values) it affected
  std::size_t first_line = 0;        ///< 1-based line of the first affected trackpoint (text
                                     ///< formats only); 0 if unknown
  std::string message;               ///< one line a user understands
  std::ptrdiff_t first_offset = -1;  ///< byte offset of the first affected trackpoint in the
                                     ///< (inflated) file; -1 if unknown
};

/// Heart-rate anchors a device holds for its user (FIT `zones_target`, `user_profile`), in
/// beats per minute. A value the device leaves unset (0 or invalid) is absent.
struct DeviceHeartRate {
  std::optional<double> max_bpm;        ///< zones_target max_heart_rate, else user_profile
                                        ///< default max (running, then general)
  std::optional<double> threshold_bpm;  ///< zones_target threshold_heart_rate (lactate
                                        ///< threshold HR)
  std::optional<double> resting_bpm;    ///< user_profile resting_heart_rate
};

/// Whether @p bpm can be an adult's maximum heart rate: 120-230 bpm (HRmax = 208 - 0.7 x age:
/// 145 bpm at 90, 201 at 10; Tanaka, Monahan & Seals 2001, J Am Coll Cardiol 37:153).
bool plausible_max_hr(double bpm) noexcept;

/// Whether @p bpm can be a lactate-threshold heart rate: 100-220 bpm and, beside a plausible
/// @p max_bpm, 70-100 % of it (the threshold is 80-95 % of HRmax: Friel, "The Cyclist's
/// Training Bible", 2009). A watch holding 46 bpm beside a max of 185 set every run a 39 bpm
/// limit.
bool plausible_threshold_hr(double bpm, std::optional<double> max_bpm) noexcept;

/// One step of a structured workout (FIT `workout_step`).
struct WorkoutStep {
  std::string name;       ///< wkt_step_name; may be empty
  std::string intensity;  ///< "active", "rest", "warmup", "cooldown", "recovery", "interval",
                          ///< "other"; empty when not written (repeat steps)
  std::optional<double> duration_s;  ///< for a step lasting a time (s)
  std::optional<double> duration_m;  ///< for a step lasting a distance (m)
  std::string target;  ///< "open", "heart_rate", "speed", "cadence", "power", ...; empty if none
  std::optional<int> target_zone;  ///< the zone targeted (1-based, the device's zones)
  /// Custom target range, in target_unit: "bpm" or "% max HR" (heart rate), "m/s" (speed),
  /// "spm" (cadence, doubled from FIT's strides/min for running), "W" or "% FTP" (power).
  std::optional<double> target_low, target_high;
  std::string target_unit;
};

/// A structured workout the activity was done as (FIT `workout` + `workout_step`).
struct Workout {
  std::string name;                ///< wkt_name; may be empty
  std::vector<WorkoutStep> steps;  ///< in message order (repeat steps included)
};

/// One activity read from a file: GPX `trk`, TCX `Activity`, or one FIT session.
struct Activity {
  std::string file;       ///< path as given by the caller
  std::size_t index = 0;  ///< 0-based position among the file's activities
  Format format = Format::gpx;
  std::string sport_raw;         ///< sport as written (TCX Sport, GPX type, FIT session sport;
                                 ///< a generic FIT session's, its sub_sport's sport); may be empty
  Sport sport = Sport::unknown;  ///< normalised from sport_raw, else from the name (FIT: a
                                 ///< generic or fitness-equipment session's from its sub_sport)
  bool sport_from_export = false;  ///< sport_raw is the type its export's index gave (a Strava
                                   ///< activities.csv row), not the file's own
  std::string file_sport_raw;      ///< with sport_from_export, the file's own sport_raw it
                                   ///< replaced (may be empty); else empty
  std::string name;                ///< GPX trk/name (else metadata/name); FIT: the workout name,
                                   ///< else the sport name, else "Run 2025-02-28" (the sport in
                                   ///< a word and the local date, as Garmin Connect names runs)
  std::string creator;             ///< device or program (GPX creator, TCX Creator/Name)
  std::size_t trackpoints = 0;     ///< trackpoint elements as written, kept or not
  std::size_t segments = 0;        ///< GPX trkseg / TCX Track elements
  std::vector<Lap> laps;           ///< TCX laps; empty for GPX
  /// Index of the first sample of the recording and of each segment that starts after a pause
  /// (a GPX trkseg, a second Track within a TCX lap); a TCX lap change is not a pause.
  std::vector<std::size_t> segment_starts;
  std::vector<Sample> samples;  ///< timed trackpoints, strictly increasing in time
  std::vector<Note> notes;      ///< data-quality notes, in NoteCode order
  /// Local time minus UTC at the start (s), as the file writes it: a GPX/TCX time with an
  /// offset such as `-08:00` (not `Z`, which says nothing of local time), FIT's activity
  /// local_timestamp. Absent when not written.
  std::optional<int> utc_offset_s;

  // What FIT files say beyond samples (empty or absent for GPX and TCX).
  std::string sub_sport;       ///< FIT sub_sport as named by the profile: "generic", "treadmill",
                               ///< "trail", "track", "indoor_running", ...
  std::string sport_name;      ///< the name of the device's sport profile (FIT `sport` name)
  std::string device;          ///< manufacturer and product, e.g. "Garmin Forerunner 965"
  bool bike_computer = false;  ///< the device is a bike computer (Garmin Edge, Wahoo ELEMNT or
                               ///< BOLT, Hammerhead Karoo, Bryton, ...), not a watch
  /// When the file is damaged (NoteCode::file_damaged) and its header says how long it is: the
  /// share of it read before the damage (bytes, 0-1), for the activity that was being recorded
  /// there (a FIT file's records fill it evenly over the recording: a proxy for the share of
  /// the run read when the device's own total was lost with the rest).
  std::optional<double> read_share;
  /// The sample times are the device's local clock, its offset from UTC unknown (FIT times
  /// anchored to the activity's local_timestamp): utc_offset_s is absent, and a batch that knows
  /// the athlete's time zone (or --timezone) moves them to UTC (audit::run_batch).
  bool clock_is_local = false;
  bool start_time_known = true;       ///< false when the file's times count from the device's
                                      ///< power-on with nothing to anchor them: sample times
                                      ///< then count from 1970-01-01T00:00:00Z (durations are
                                      ///< right, dates are not); a relative_time note says so
  DeviceHeartRate device_heart_rate;  ///< HR anchors the device holds
  std::optional<Workout> workout;     ///< the structured workout followed, if any
  /// The device's total distance (m): FIT session total_distance; TCX the larger of the sum
  /// of the laps' DistanceMeters and the last trackpoint's (cumulative) DistanceMeters, as
  /// both are the device's: laps may hold distance counted after the last trackpoint, and an
  /// exporter's lap totals may fall short of the distance its own trackpoints count
  /// (Movescount: a lap of 1002 m whose trackpoints cover 1919 m); GPX the last trackpoint's
  /// distance (gpxdata:distance, a distance extension) less the first's.
  std::optional<double> device_distance_m;
  std::optional<double> device_timer_s;  ///< the device's timer time, pauses excluded (s)
  /// The device's total ascent (m): FIT session total_ascent (from its barometer or its own
  /// filtering of GPS altitude); absent in GPX and TCX.
  std::optional<double> device_elevation_gain_m;
  std::optional<double> device_elapsed_s;  ///< the device's elapsed time (s)
  /// The device writes its timer's starts and stops (FIT timer events, in time order with the
  /// records; the records written while the timer was stopped dropped, a timer_stopped note):
  /// its pauses are the segment breaks, and a gap in its recording without one is not a pause
  /// (smart recording writes nothing while its wearer stands still).
  bool pauses_marked = false;
  std::vector<std::string> developer_fields;  ///< names of the developer fields (FIT
                                              ///< field_description) its data messages carry
  /// Time of the first timed trackpoint, kept or not (UTC ms since epoch): a watch records
  /// time-only points before its first GPS fix, and elapsed time starts there. When no
  /// trackpoint has a time, a FIT session's start_time (a pool swim's lengths carry no times;
  /// the session dates it), else absent; never later than the first sample's time.
  std::optional<std::int64_t> recording_start_ms;

  /// @return the recording's start, where elapsed time counts from: recording_start_ms (the
  ///         first timed trackpoint, a sample or not), else the first sample's time; without
  ///         samples, recording_start_ms (nullopt when absent).
  std::optional<std::int64_t> start_time_ms() const noexcept;
  /// @return the last sample's time, or nullopt when there is no sample.
  std::optional<std::int64_t> end_time_ms() const noexcept;
};

/// Which channels an activity carries (true when at least one sample has the value).
struct Channels {
  bool position = false, elevation = false, heart_rate = false, cadence = false,
       device_distance = false, device_speed = false;
};

/// @return the channels present in @p activity's samples; all false when it has none.
Channels channels(const Activity& activity) noexcept;

}  // namespace runaudit
