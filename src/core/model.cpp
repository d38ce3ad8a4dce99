#include "runaudit/model.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace runaudit {
namespace {

// @p s trimmed, lower-cased, with `_` and `-` as spaces and CamelCase words apart (Strava's
// types: "VirtualRun" is "virtual run", "EBikeRide" "ebike ride").
std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out;
  out.reserve(s.size() + 4);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (i > 0 && std::isupper(c) && std::islower(static_cast<unsigned char>(s[i - 1]))) out += ' ';
    out += c == '_' || c == '-' ? ' ' : static_cast<char>(std::tolower(c));
  }
  return out;
}

// Word → sport, checked as whole words of the lower-cased text, first match wins. Running words
// come first so "trail run" is running; "walk" after "run" so "run/walk" counts as running; but
// a wheelchair first: FIT's "wheelchair_push_run" is not on foot.
constexpr std::array<std::pair<std::string_view, Sport>, 53> sport_words{{
    {"wheelchair", Sport::other},   {"running", Sport::running},
    {"run", Sport::running},        {"jog", Sport::running},
    {"jogging", Sport::running},    {"treadmill", Sport::running},
    {"trail", Sport::running},      {"trailrun", Sport::running},
    {"virtualrun", Sport::running}, {"laufen", Sport::running},
    {"lauf", Sport::running},       {"cycling", Sport::cycling},
    {"biking", Sport::cycling},     {"bike", Sport::cycling},
    {"ride", Sport::cycling},       {"mtb", Sport::cycling},
    {"cycle", Sport::cycling},      {"bicycle", Sport::cycling},
    {"velo", Sport::cycling},       {"radfahren", Sport::cycling},
    {"walking", Sport::walking},    {"walk", Sport::walking},
    {"hiking", Sport::walking},     {"hike", Sport::walking},
    {"wandern", Sport::walking},    {"swim", Sport::other},
    {"swimming", Sport::other},     {"drive", Sport::other},
    {"driving", Sport::other},      {"car", Sport::other},
    {"ski", Sport::other},          {"skiing", Sport::other},
    {"rowing", Sport::other},       {"kayak", Sport::other},
    {"kayaking", Sport::other},     {"paddling", Sport::other},
    {"canoeing", Sport::other},     {"sailing", Sport::other},
    {"skating", Sport::other},      {"snowboarding", Sport::other},
    {"motorcycling", Sport::other}, {"paddleboarding", Sport::other},
    {"surfing", Sport::other},      {"windsurfing", Sport::other},
    {"kitesurfing", Sport::other},  {"wakeboarding", Sport::other},
    {"diving", Sport::other},       {"boating", Sport::other},
    {"rafting", Sport::other},      {"snowmobiling", Sport::other},
    {"flying", Sport::other},       {"horseback", Sport::other},
    {"handcycle", Sport::other},
}};

Sport sport_from_words(const std::string& text) noexcept {
  // Split on anything that is not a letter; compare each word with the table.
  Sport found = Sport::unknown;
  std::size_t best_rank = sport_words.size();
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t j = i;
    while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
    const std::string_view word(text.data() + i, j - i);
    for (std::size_t k = 0; k < best_rank; ++k) {
      if (sport_words[k].first == word) {
        found = sport_words[k].second;
        best_rank = k;
        break;
      }
    }
    i = j;
  }
  return found;
}

}  // namespace

std::string_view to_string(Format format) noexcept {
  switch (format) {
    case Format::gpx:
      return "gpx";
    case Format::tcx:
      return "tcx";
    case Format::fit:
      return "fit";
  }
  return "unknown";
}

std::string_view to_string(Sport sport) noexcept {
  switch (sport) {
    case Sport::running:
      return "running";
    case Sport::cycling:
      return "cycling";
    case Sport::walking:
      return "walking";
    case Sport::other:
      return "other";
    case Sport::unknown:
      break;
  }
  return "unknown";
}

std::string_view to_string(NoteCode code) noexcept {
  switch (code) {
    case NoteCode::no_time:
      return "no_time";
    case NoteCode::no_position:
      return "no_position";
    case NoteCode::null_island:
      return "null_island";
    case NoteCode::duplicate_time:
      return "duplicate_time";
    case NoteCode::time_backwards:
      return "time_backwards";
    case NoteCode::reordered:
      return "reordered";
    case NoteCode::elevation_spike:
      return "elevation_spike";
    case NoteCode::stray_fragment:
      return "stray_fragment";
    case NoteCode::time_unreadable:
      return "time_unreadable";
    case NoteCode::distance_zero:
      return "distance_zero";
    case NoteCode::elevation_invalid:
      return "elevation_invalid";
    case NoteCode::elevation_zero:
      return "elevation_zero";
    case NoteCode::heart_rate_invalid:
      return "heart_rate_invalid";
    case NoteCode::cadence_invalid:
      return "cadence_invalid";
    case NoteCode::cadence_doubled:
      return "cadence_doubled";
    case NoteCode::cadence_as_steps:
      return "cadence_as_steps";
    case NoteCode::no_time_zone:
      return "no_time_zone";
    case NoteCode::position_jump:
      return "position_jump";
    case NoteCode::merged_time:
      return "merged_time";
    case NoteCode::conflicting_value:
      return "conflicting_value";
    case NoteCode::stray_position:
      return "stray_position";
    case NoteCode::position_invalid:
      return "position_invalid";
    case NoteCode::blind_kept:
      return "blind_kept";
    case NoteCode::between_fixes:
      return "between_fixes";
    case NoteCode::file_damaged:
      return "file_damaged";
    case NoteCode::checksum_mismatch:
      return "checksum_mismatch";
    case NoteCode::unfinished_file:
      return "unfinished_file";
    case NoteCode::relative_time:
      return "relative_time";
    case NoteCode::max_hr_below_observed:
      return "max_hr_below_observed";
    case NoteCode::bytes_skipped:
      return "bytes_skipped";
    case NoteCode::trailing_bytes:
      return "trailing_bytes";
    case NoteCode::hr_setting_implausible:
      return "hr_setting_implausible";
    case NoteCode::clock_jump:
      return "clock_jump";
    case NoteCode::timer_stopped:
      return "timer_stopped";
    case NoteCode::second_pass_merged:
      return "second_pass_merged";
    case NoteCode::distance_calibrated:
      return "distance_calibrated";
    case NoteCode::damaged_record:
      return "damaged_record";
    case NoteCode::compressed_truncated:
      return "compressed_truncated";
  }
  return "unknown";
}

bool plausible_max_hr(double bpm) noexcept {
  return bpm >= 120 && bpm <= 230;
}

bool plausible_threshold_hr(double bpm, std::optional<double> max_bpm) noexcept {
  if (bpm < 100 || bpm > 220) return false;
  return !max_bpm || !plausible_max_hr(*max_bpm) || (bpm >= 0.7 * *max_bpm && bpm <= *max_bpm);
}

Sport normalise_sport(std::string_view raw) noexcept {
  const std::string text = lower_trimmed(raw);
  if (text.empty() || text == "unknown") return Sport::unknown;
  // Strava's GPX export writes its activity type as a number (1 ride, 9 run, 10 walk, 11 hike
  // in Runalyze's importer; 4 a hike, 17 a virtual ride in Strava exports: a 12-hour hike of
  // +2054 m, a "Zwift Session").
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (text == "9") return Sport::running;
    if (text == "1" || text == "17") return Sport::cycling;
    if (text == "10" || text == "11" || text == "4") return Sport::walking;
    return Sport::other;
  }
  const Sport s = sport_from_words(text);
  return s == Sport::unknown ? Sport::other : s;
}

bool names_sport_not_on_foot(std::string_view raw) noexcept {
  // Strava's numeric GPX type: normalise_sport's table (1 a ride); other numbers unknown here.
  const std::string text = lower_trimmed(raw);
  if (!text.empty() &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return normalise_sport(text) == Sport::cycling;
  const Sport s = sport_from_words(text);
  return s == Sport::cycling || s == Sport::other;
}

Sport sport_from_name(std::string_view name) noexcept {
  return sport_from_words(lower_trimmed(name));
}

std::optional<std::int64_t> Activity::start_time_ms() const noexcept {
  if (samples.empty()) return recording_start_ms;
  return std::min(samples.front().time_ms, recording_start_ms.value_or(samples.front().time_ms));
}

std::optional<std::int64_t> Activity::end_time_ms() const noexcept {
  if (samples.empty()) return std::nullopt;
  return samples.back().time_ms;
}

Channels channels(const Activity& activity) noexcept {
  Channels c;
  for (const Sample& s : activity.samples) {
    c.position = c.position || s.has_position();
    c.elevation = c.elevation || s.elevation_m.has_value();
    c.heart_rate = c.heart_rate || s.heart_rate_bpm.has_value();
    c.cadence = c.cadence || s.cadence_spm.has_value();
    c.device_distance = c.device_distance || s.distance_m.has_value();
    c.device_speed = c.device_speed || s.speed_m_per_s.has_value();
    if (c.position && c.elevation && c.heart_rate && c.cadence && c.device_distance &&
        c.device_speed)
      break;  // all found: most watch files, at their first sample
  }
  return c;
}

}  // namespace runaudit
