// FIT messages -> Activities: sessions split the records, timer events make segments, laps
// make laps; the ActivityBuilder applies the same repairs as to GPX and TCX.

#include "runaudit/io/fit.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>

#include "activity_builder.hpp"
#include "fit_profile.hpp"
#include "fit_reader.hpp"
#include "runaudit/format.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/time.hpp"

namespace runaudit::io {
namespace {

// The sport of a session (the Sport and the words for it, sport_raw): its own, but where it is
// generic (an old Forerunner's open-water swim) or fitness equipment (a treadmill), the sport
// its sub_sport belongs to.
std::pair<Sport, std::string> fit_sport(const std::optional<std::uint64_t>& sport,
                                        const std::optional<std::uint64_t>& sub_sport) {
  const bool generic = !sport || *sport == fit::sport_generic;
  if (generic || *sport == fit::sport_fitness_equipment) {
    const auto implied = sub_sport ? fit::sport_of_sub_sport(*sub_sport) : std::nullopt;
    // Fitness equipment's own sub-sports (an elliptical) say no more than it does.
    if (implied && (generic || *implied != fit::sport_fitness_equipment)) {
      const std::string name = fit::sport_name(*implied);
      return {normalise_sport(name), generic ? name : fit::sport_name(*sport)};
    }
  }
  if (!sport) return {Sport::unknown, ""};
  const std::string name = fit::sport_name(*sport);
  return {generic ? Sport::unknown : normalise_sport(name), name};
}

// The sport message describing a session (null: a file without session): by its sport_index,
// else the first of its sport.
const fit::SportInfo* sport_of(const fit::SessionInfo* s,
                               const std::vector<fit::SportInfo>& sports) {
  if (s && s->sport_index && *s->sport_index < sports.size()) return &sports[*s->sport_index];
  for (const auto& info : sports)
    if (!s || !s->sport || info.sport == s->sport) return &info;
  return nullptr;
}

// "Run 2025-02-28" (Garmin Connect names activities by sport; the local date tells them
// apart); "Run" when the date is unknown.
std::string default_name(const Activity& a) {
  std::string word;
  switch (a.sport) {
    case Sport::running:
      word = "Run";
      break;
    case Sport::cycling:
      word = "Ride";
      break;
    case Sport::walking:
      word = "Walk";
      break;
    case Sport::other:
    case Sport::unknown:
      word = a.sport_raw.empty() ? "Activity" : a.sport_raw;
      std::replace(word.begin(), word.end(), '_', ' ');
      word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      break;
  }
  const auto start = a.start_time_ms();
  if (!start || !a.start_time_known) return word;
  return word + " " +
         format_rfc3339(*start + 1000 * std::int64_t{a.utc_offset_s.value_or(0)}).substr(0, 10);
}

Note file_note(NoteCode code, std::string message, std::size_t count = 1,
               std::ptrdiff_t offset = -1) {
  return Note{code, count, 0, std::move(message), offset};
}

// The clock changes (fit_clock.hpp) per chained file: how many, and the first.
struct FileJumps {
  std::size_t count = 0;
  const fit::ClockJump* first = nullptr;
  bool has_session = false;
};
std::map<std::size_t, FileJumps> jumps_by_file(const fit::Contents& c) {
  std::map<std::size_t, FileJumps> out;
  for (const fit::ClockJump& j : c.clock_jumps)
    if (FileJumps& f = out[j.file]; f.count++ == 0) f.first = &j;
  for (const fit::SessionInfo& s : c.sessions)
    if (const auto it = out.find(s.file); it != out.end()) it->second.has_session = true;
  return out;
}

// The note of the clock changes in chained file @p file, or in every file, and in the files
// without a session (their records go to another's): the first one's words, and how many there
// were in all; nullopt without any.
std::optional<Note> clock_note(const std::map<std::size_t, FileJumps>& jumps, std::size_t file,
                               bool every_file) {
  std::size_t count = 0;
  const fit::ClockJump* first = nullptr;
  for (const auto& [f, j] : jumps)
    if (every_file || f == file || !j.has_session) {
      if (count == 0) first = j.first;
      count += j.count;
    }
  if (!first) return std::nullopt;
  const bool back = first->shift_ms < 0;
  const std::string by = back ? std::to_string(-first->shift_ms / 1000) + " s back"
                              : format_fixed(double(first->shift_ms) / 3'600'000, 1) + " h forward";
  std::string message =
      "the device's clock jumped " + by + " after " + format_rfc3339(first->from_ms).substr(0, 19) +
      "Z " + (first->at_resume ? "across a timer pause" : "without a timer pause") +
      " (the watch setting its clock): the later times moved " + (back ? "forward" : "back") +
      (first->at_resume ? ", the pause counted as one recording interval (its "
                          "length is unknown)"
                        : "");
  if (count > 1) message += "; " + std::to_string(count) + " changes of the clock in all";
  return file_note(NoteCode::clock_jump, std::move(message), count);
}

// The damage of a file, as an activity sees it: the file's records before it kept (an activity
// the damage may have cut short), or the activity whole when its session message and all its
// records come before the damage (a multisport file's first legs, a run whose last bytes are
// lost after its session).
Note damage_note(const fit::Damage& damage, std::size_t records_kept, bool activity_whole) {
  const std::string where =
      "file damaged at byte " + std::to_string(damage.offset) + " (" + damage.reason + ")";
  if (activity_whole)
    return file_note(NoteCode::trailing_bytes,
                     where + ", after this activity's session message: the activity is whole", 1,
                     damage.offset);
  return file_note(
      NoteCode::file_damaged,
      where + ": kept the file's " + std::to_string(records_kept) + " records before it", 1,
      damage.offset);
}

// The notes of one chained file (@p file; every one for an activity without a session, which
// holds the records of them all): its CRC that does not match, its header never finalised.
std::vector<Note> chained_file_notes(const fit::Outcome& o, std::size_t file, bool all_files) {
  std::vector<Note> notes;
  const auto of_it = [&](const std::set<std::size_t>& files) {
    return all_files ? !files.empty() : files.count(file) > 0;
  };
  const bool file_crc = of_it(o.crc_mismatch_files);
  if (file_crc || of_it(o.header_crc_mismatch_files))
    notes.push_back(file_note(NoteCode::checksum_mismatch,
                              std::string(file_crc ? "file" : "header") +
                                  " CRC does not match the bytes: values may be damaged"));
  if (of_it(o.unfinished_files))
    notes.push_back(file_note(NoteCode::unfinished_file,
                              "file never finalised (data size 0 in its header): read to its end"));
  return notes;
}

// The notes every activity of the file shares (checksums, times; damage: damage_note).
std::vector<Note> file_notes(const fit::Contents& c) {
  std::vector<Note> notes;
  const fit::Outcome& o = c.outcome;
  if (o.trailing)
    notes.push_back(file_note(
        NoteCode::trailing_bytes,
        "from byte " + std::to_string(o.trailing->offset) + ", " + o.trailing->reason + ": ignored",
        1, o.trailing->offset));
  if (!o.skipped.empty()) {
    const std::size_t n = o.skipped.size();
    notes.push_back(file_note(NoteCode::bytes_skipped,
                              std::to_string(n) + " damaged stretch" + (n == 1 ? "" : "es") +
                                  " of bytes skipped, decoding going on where the recording "
                                  "did (the first: " +
                                  o.skipped.front().reason + ")",
                              n, o.skipped.front().offset));
  }
  if (o.checksum_missing)
    notes.push_back(file_note(NoteCode::checksum_mismatch,
                              "file CRC cut off (the file ends inside it): every message is "
                              "there, but no check says the values are undamaged"));
  if (o.data_size_wrong)
    notes.push_back(file_note(NoteCode::unfinished_file,
                              "the header's data size (" + std::to_string(*o.data_size_wrong) +
                                  " bytes) is not its data's: read to the file's end"));
  const std::string n = std::to_string(c.relative_times) + " time" +
                        (c.relative_times == 1 ? "" : "s") + " counted from the device's power-on";
  switch (c.time_base) {
    case fit::TimeBase::absolute:
      break;
    case fit::TimeBase::correlated:
      notes.push_back(file_note(NoteCode::relative_time,
                                n + ": placed in UTC by the file's timestamp_correlation",
                                c.relative_times));
      break;
    case fit::TimeBase::local:
      notes.push_back(file_note(NoteCode::relative_time,
                                n + ": anchored to the activity's local time " +
                                    format_rfc3339(*c.local_anchor_ms).substr(0, 19) +
                                    " (its time zone unknown: the athlete's, else "
                                    "--timezone, places it in UTC)",
                                c.relative_times));
      break;
    case fit::TimeBase::continued:
      notes.push_back(file_note(NoteCode::relative_time,
                                n + ": dated by the real times that follow them (the first one "
                                    "recording interval after the last of them)",
                                c.relative_times));
      break;
    case fit::TimeBase::session_start:
      notes.push_back(file_note(NoteCode::relative_time,
                                n + ": dated by the session's start time, else the file's "
                                    "creation time (the first record at it)",
                                c.relative_times));
      break;
    case fit::TimeBase::unanchored:
      notes.push_back(file_note(NoteCode::relative_time,
                                n + ": nothing in the file dates them, start time unknown (the "
                                    "run's times count from its start)",
                                c.relative_times));
      break;
    case fit::TimeBase::dropped:
      notes.push_back(file_note(NoteCode::relative_time,
                                n + ": nothing in the file places them among its real times, "
                                    "dropped",
                                c.relative_times));
      break;
  }
  return notes;
}

// Heart-rate settings no adult heart has (plausible_max_hr, plausible_threshold_hr) are no
// anchors: they are dropped, with a note.
void vet_heart_rate_settings(Activity& a) {
  DeviceHeartRate& hr = a.device_heart_rate;
  const auto drop = [&](std::optional<double>& setting, const char* what, const std::string& why) {
    a.notes.push_back(file_note(NoteCode::hr_setting_implausible,
                                std::string("the device's ") + what + " setting (" +
                                    format_bpm(*setting) + ") is " + why + ": not used"));
    setting.reset();
  };
  if (hr.max_bpm && !plausible_max_hr(*hr.max_bpm))
    drop(hr.max_bpm, "max HR", "no adult's maximum (120-230 bpm)");
  if (hr.threshold_bpm && !plausible_threshold_hr(*hr.threshold_bpm, std::nullopt))
    drop(hr.threshold_bpm, "threshold HR", "no threshold heart rate (100-220 bpm)");
  else if (hr.threshold_bpm && !plausible_threshold_hr(*hr.threshold_bpm, hr.max_bpm))
    drop(hr.threshold_bpm, "threshold HR",
         "no threshold heart rate with a max HR of " + format_bpm(*hr.max_bpm) +
             " (70-100 % of it)");
}

// A treadmill run's distance corrected on the watch as it was saved (Garmin's "calibrate and
// save": the session's total_distance changes, its records and laps keep the watch's estimate;
// a Forerunner 645's 18.52 km saved as 12.00 km): the samples' distances and speeds scaled to
// the session's total, in a recording without positions read whole (@p whole) whose last
// distance is more than 0.5 % and 5 m from that total (uncorrected, the two are the same to the
// centimetre).
void apply_calibration(Activity& a, bool whole) {
  if (!whole || !a.device_distance_m || *a.device_distance_m <= 0 || a.samples.empty() ||
      (a.sub_sport != "treadmill" && a.sub_sport != "indoor_running"))
    return;
  const Sample& last = a.samples.back();
  if (!last.distance_m || *last.distance_m <= 0 ||
      std::ranges::any_of(a.samples, [](const Sample& s) { return s.has_position(); }))
    return;
  const double total = *a.device_distance_m, recorded = *last.distance_m;
  if (std::abs(total - recorded) <= std::max(5.0, 0.005 * recorded)) return;
  const double factor = total / recorded;
  for (Sample& s : a.samples) {
    if (s.distance_m) *s.distance_m *= factor;
    if (s.speed_m_per_s) *s.speed_m_per_s *= factor;
  }
  a.notes.push_back(file_note(NoteCode::distance_calibrated,
                              "the records' distance (" + format_distance(recorded, Units::metric) +
                                  ") scaled by " + format_fixed(factor, 3) +
                                  " to the session's total (" +
                                  format_distance(total, Units::metric) +
                                  "): a treadmill run's distance corrected on the watch as it "
                                  "was saved",
                              a.samples.size()));
}

void note_max_heart_rate(Activity& a) {
  const auto max = a.device_heart_rate.max_bpm;
  if (!max) return;
  std::size_t above = 0;
  double highest = 0;
  for (const Sample& s : a.samples)
    if (s.heart_rate_bpm && *s.heart_rate_bpm > *max) {
      ++above;
      highest = std::max(highest, *s.heart_rate_bpm);
    }
  if (above == 0) return;
  a.notes.push_back(file_note(NoteCode::max_hr_below_observed,
                              "the device's max HR setting (" + format_bpm(*max) +
                                  ") is below the highest recorded (" + format_bpm(highest) + ")",
                              above));
}

// The sessions of each chained file (sorted by file, then start): session k owns its file's
// records from its start to the next session's start. Chained files are separate recordings
// that may overlap in time (a pool swim chained to an activity written at the same time), so
// a record goes to a session of its own file; a file without session to the session of the
// chain its time falls in (a continuation of the file before).
struct Span {
  const fit::SessionInfo* session = nullptr;  // null: a file without session message
  std::optional<std::int64_t> start_ms;
  std::size_t file = 0;
};

std::int64_t start_of(const Span& s) {
  return s.start_ms.value_or(INT64_MIN);
}

std::vector<Span> session_spans(const fit::Contents& c) {
  std::vector<Span> spans;
  for (const auto& s : c.sessions) {
    std::optional<std::int64_t> start = s.start_ms;
    if (!start && s.end_ms && s.elapsed_s)
      start = *s.end_ms - static_cast<std::int64_t>(*s.elapsed_s * 1000);
    spans.push_back(Span{&s, start, s.file});
  }
  if (spans.empty()) spans.push_back(Span{});
  std::stable_sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.file != b.file ? a.file < b.file : start_of(a) < start_of(b);
  });
  return spans;
}

// The span of a message of chained file @p file at time @p t: the last of that file's sessions
// starting at or before @p t, else its first; when the file has no session, the same among all.
std::size_t span_of(const std::vector<Span>& spans, std::size_t file, std::int64_t t) {
  const auto same = std::equal_range(spans.begin(), spans.end(), Span{nullptr, std::nullopt, file},
                                     [](const Span& a, const Span& b) { return a.file < b.file; });
  if (same.first != same.second) {
    const auto after = std::upper_bound(
        same.first, same.second, t, [](std::int64_t x, const Span& s) { return x < start_of(s); });
    return static_cast<std::size_t>((after == same.first ? after : after - 1) - spans.begin());
  }
  std::optional<std::size_t> best;
  for (std::size_t k = 0; k < spans.size(); ++k)
    if (start_of(spans[k]) <= t && (!best || start_of(spans[k]) >= start_of(spans[*best])))
      best = k;
  return best.value_or(0);
}

}  // namespace

std::vector<Activity> parse_fit(std::string_view bytes, const std::string& file,
                                const ReadLimits& limits) {
  fit::Contents c = fit::read_contents(bytes, file, limits);
  if (c.file_type && *c.file_type != fit::file_activity)
    throw ParseError(ParseErrc::not_an_activity, SourceLocation{file, 0, 0, 0},
                     "a FIT " + fit::file_type_name(*c.file_type) + " file, not an activity");

  const std::vector<Span> spans = session_spans(c);
  std::vector<detail::ActivityBuilder> builders(spans.size());
  // Laps go to the session their start (else end) falls in, and begin at their start time
  // (else at the end of the lap before).
  struct PendingLap {
    const Lap* lap;
    std::optional<std::int64_t> begin_ms, end_ms;
  };
  std::vector<std::vector<PendingLap>> laps(spans.size());
  for (const auto& l : c.laps) {
    const auto at = l.lap.start_time_ms ? l.lap.start_time_ms : l.end_ms;
    auto& list = laps[at ? span_of(spans, l.file, *at) : 0];
    const auto before = list.empty() ? std::nullopt : list.back().end_ms;
    list.push_back(
        PendingLap{&l.lap, l.lap.start_time_ms ? l.lap.start_time_ms : before, l.end_ms});
  }
  std::vector<std::size_t> next_lap(spans.size(), 0);
  for (auto& b : builders) b.begin_segment(false);
  if (builders.size() == 1)
    builders[0].reserve(c.records.size());  // no regrowth: a run is
                                            // most of a file's records

  // Records written while the timer was stopped (where the timer events come in time order
  // with the records), in a pause the timer resumed from, are dropped. Those after the last stop
  // are kept, a segment of their own (a device that writes a stop and records on without a
  // start would lose the rest). A record after a pause starts a segment (the step to it is the
  // pause) unless the timer ran through most of that step (Record::timer_ran: a sparse writer).
  const bool pauses_marked = c.timer_events && !c.timer_out_of_order;
  const auto stopped = [&](std::size_t i) { return pauses_marked && c.records[i].timer_stopped; };
  std::vector<bool> in_pause(c.records.size(), false);
  bool resumed = false;  // a record of the running timer follows
  for (std::size_t i = c.records.size(); i-- > 0;) {
    if (stopped(i))
      in_pause[i] = resumed;
    else
      resumed = true;
  }
  std::size_t k = 0;
  std::vector<std::ptrdiff_t> last_record(spans.size(), -1);  // byte offset, per span
  for (std::size_t i = 0; i < c.records.size(); ++i) {
    fit::Record& r = c.records[i];
    // A damaged record's time says nothing: it goes with the records before it.
    if (r.damaged) {
      builders[k].drop(NoteCode::damaged_record, r.point.offset);
      continue;
    }
    if (spans.size() > 1 && r.point.time_ms) k = span_of(spans, r.file, *r.point.time_ms);
    if (r.merged) {
      builders[k].drop(NoteCode::second_pass_merged, r.point.offset);
      continue;
    }
    last_record[k] = std::max(last_record[k], r.point.offset);
    detail::ActivityBuilder& b = builders[k];
    if (in_pause[i]) {
      b.drop(NoteCode::timer_stopped, r.point.offset);
      continue;
    }
    const auto& list = laps[k];
    std::size_t& next = next_lap[k];
    if (next == 0 && !list.empty()) b.begin_lap(*list[next++].lap);
    while (r.point.time_ms && next < list.size() &&
           list[next].begin_ms.value_or(INT64_MIN) <= *r.point.time_ms)
      b.begin_lap(*list[next++].lap);
    const bool after_stop = stopped(i) && (i == 0 || !stopped(i - 1));
    if ((r.resumes || after_stop) && !r.timer_ran && b.size() > 0) b.begin_segment(true);
    b.add(std::move(r.point));
  }
  // The builders hold the records now: freed before the samples are built, so that they are not
  // held twice (a 1 000 000-record file: 190 MB).
  const std::size_t record_count = c.records.size();
  const std::ptrdiff_t first_record = record_count ? c.records.front().point.offset : -1;
  c.records = std::vector<fit::Record>();  // `= {}` would keep the capacity

  std::vector<Activity> activities;
  const std::vector<Note> shared_notes = file_notes(c);
  const fit::Outcome& outcome = c.outcome;
  std::vector<bool> whole(spans.size(), !outcome.damage);
  if (outcome.damage)
    for (std::size_t i = 0; i < spans.size(); ++i)
      if (const fit::SessionInfo* s = spans[i].session)
        whole[i] =
            s->offset >= 0 && s->offset < outcome.damage->offset && last_record[i] < s->offset;
  const std::map<std::size_t, FileJumps> jumps = jumps_by_file(c);
  bool usable = false, any_samples = false;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    while (next_lap[i] < laps[i].size()) builders[i].begin_lap(*laps[i][next_lap[i]++].lap);
    Activity a;
    a.file = file;
    a.index = i;
    a.format = Format::fit;
    const fit::SessionInfo* s = spans[i].session;
    // The session's sport, else the sport message's (a file cut before its session).
    const fit::SportInfo first_sport = c.sports.empty() ? fit::SportInfo{} : c.sports.front();
    const auto sport = s && s->sport ? s->sport : first_sport.sport;
    const auto sub_sport = s && s->sub_sport ? s->sub_sport : first_sport.sub_sport;
    std::tie(a.sport, a.sport_raw) = fit_sport(sport, sub_sport);
    if (sub_sport) a.sub_sport = fit::sub_sport_name(*sub_sport);
    if (const fit::SportInfo* info = sport_of(s, c.sports)) a.sport_name = info->name;
    a.device = c.device;
    a.creator = c.device;
    a.bike_computer = c.bike_computer;
    a.pauses_marked = pauses_marked;
    // Times anchored to the activity's local time are that clock's: no offset known; a batch
    // with the athlete's time zone places them in UTC (Activity::clock_is_local).
    a.clock_is_local = c.time_base == fit::TimeBase::local;
    a.utc_offset_s = a.clock_is_local ? std::nullopt : c.utc_offset_s;
    a.start_time_known = c.time_base != fit::TimeBase::unanchored;
    a.device_heart_rate = c.heart_rate;
    a.workout = c.workout;
    a.developer_fields = c.developer_fields;
    if (s) {
      a.device_distance_m = s->distance_m;
      a.device_timer_s = s->timer_s;
      a.device_elapsed_s = s->elapsed_s;
      a.device_elevation_gain_m = s->ascent_m;
    }
    detail::ActivityBuilder(std::move(builders[i])).finish(a);  // its points freed here
    // Records without times (a pool swim's): the session dates the activity.
    if (!a.recording_start_ms && s && s->start_ms && a.start_time_known)
      a.recording_start_ms = s->start_ms;
    for (const Note& n : shared_notes) a.notes.push_back(n);
    for (Note& n : chained_file_notes(outcome, spans[i].file, !s)) a.notes.push_back(std::move(n));
    if (outcome.damage) a.notes.push_back(damage_note(*outcome.damage, record_count, whole[i]));
    // A session's activity holds its own chained file's records; without sessions, all of them.
    if (auto n = clock_note(jumps, spans[i].file, !s)) a.notes.push_back(std::move(*n));
    apply_calibration(a, whole[i]);
    vet_heart_rate_settings(a);
    note_max_heart_rate(a);
    std::stable_sort(a.notes.begin(), a.notes.end(),
                     [](const Note& x, const Note& y) { return x.code < y.code; });
    a.name = a.workout && !a.workout->name.empty() ? a.workout->name
             : !a.sport_name.empty()               ? a.sport_name
                                                   : default_name(a);
    any_samples = any_samples || !a.samples.empty();
    usable = usable || detail::worth_salvaging(a);
    activities.push_back(std::move(a));
  }
  // The share read of a damaged file goes to the activity recorded up to the damage: the one
  // whose samples end last.
  if (const fit::Outcome& o = c.outcome;
      o.damage && o.promised_end && o.damage->offset >= 0 &&
      static_cast<std::size_t>(o.damage->offset) < *o.promised_end) {
    Activity* last = nullptr;
    for (std::size_t i = 0; i < activities.size(); ++i) {
      Activity& a = activities[i];
      if (!whole[i] && !a.samples.empty() &&
          (!last || a.samples.back().time_ms > last->samples.back().time_ms))
        last = &a;
    }
    if (last)
      last->read_share =
          static_cast<double>(o.damage->offset) / static_cast<double>(*o.promised_end);
  }

  if (c.outcome.damage && !usable) {
    const fit::Damage& d = *c.outcome.damage;
    throw ParseError(
        ParseErrc::bad_fit, SourceLocation{file, 0, 0, d.offset},
        d.reason + (record_count == 0 ? "; no record before it"
                                      : "; the " + std::to_string(record_count) +
                                            " records before it span less than a minute"));
  }
  // Pool swims record lengths without times: a session of a sport other than running makes the
  // file an activity a batch skips by its sport, not an unreadable one.
  const bool other_sport = std::any_of(activities.begin(), activities.end(), [](const Activity& a) {
    return a.sport != Sport::unknown && a.sport != Sport::running;
  });
  // Messages, but neither a file type nor a record (a scale's weight_scale messages): no
  // activity, skipped. (No message at all is an empty recording: an error.)
  if (!c.file_type && record_count == 0 && c.sessions.empty() && c.outcome.messages > 0)
    throw ParseError(ParseErrc::not_an_activity, SourceLocation{file, 0, 0, 0},
                     "a FIT file with neither a file type (file_id) nor any record: no activity");
  if (!any_samples && !other_sport) {
    const std::size_t untimed = c.outcome.unreferenced_compressed;
    throw ParseError(ParseErrc::no_timestamps, SourceLocation{file, 0, 0, first_record},
                     std::string(c.file_type ? "a FIT activity file without timed records"
                                             : "a FIT file with no file type (file_id.type) and "
                                               "no timed records") +
                         (untimed == 0 ? ""
                                       : ": its " + std::to_string(untimed) +
                                             " compressed-timestamp messages have no full "
                                             "timestamp before them to count from"));
  }
  return activities;
}

}  // namespace runaudit::io
