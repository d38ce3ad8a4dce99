#include "runaudit/report/inspect.hpp"

#include <cmath>
#include <cstdio>

#include "json_common.hpp"
#include "runaudit/format.hpp"
#include "runaudit/time.hpp"
#include "runaudit/version.hpp"

namespace runaudit::report {
namespace {

using detail::Json;
using detail::number_or_null;

Json string_or_null(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

Json time_or_null(const std::optional<std::int64_t>& t) {
  return t ? Json(format_rfc3339(*t)) : Json(nullptr);
}

Json count_or_null(std::size_t n) {
  return n == 0 ? Json(nullptr) : Json(n);
}

// The data-quality note on elevation: measured noise, its kind, confidence and the windows it
// chose. Noise of GPS size mostly independent from fix to fix (white share at least a half) is
// neither a barometer's nor GPS wander: the smoother averages it out.
std::string elevation_note(const signal::ElevationQuality& q) {
  const std::string kind = q.white_share >= 0.5 && q.noise_m >= signal::barometric_noise_max_m
                               ? format_fixed(100 * q.white_share, 0) + " % per-fix, averaged out"
                           : q.confidence == "high" ? "barometric-like"
                                                    : "GPS-like";
  return "elevation noise " + format_fixed(q.noise_m, 1) + " m (" + kind + "): confidence " +
         q.confidence + "; gain hysteresis " + format_fixed(q.hysteresis_m, 0) +
         " m, grade window " + format_fixed(q.grade_window_m, 0) + " m";
}

// What a FIT file says beyond samples (device, settings, workout), as a JSON object.
Json fit_json(const Activity& a) {
  const DeviceHeartRate& hr = a.device_heart_rate;
  Json workout = nullptr;
  if (a.workout) {
    Json steps = Json::array();
    for (const WorkoutStep& s : a.workout->steps)
      steps.push_back({{"name", string_or_null(s.name)},
                       {"intensity", string_or_null(s.intensity)},
                       {"duration_s", number_or_null(s.duration_s)},
                       {"duration_m", number_or_null(s.duration_m)},
                       {"target", string_or_null(s.target)},
                       {"target_zone", s.target_zone ? Json(*s.target_zone) : Json(nullptr)},
                       {"target_low", number_or_null(s.target_low)},
                       {"target_high", number_or_null(s.target_high)},
                       {"target_unit", string_or_null(s.target_unit)}});
    workout = {{"name", string_or_null(a.workout->name)}, {"steps", std::move(steps)}};
  }
  return {{"sub_sport", string_or_null(a.sub_sport)},
          {"sport_name", string_or_null(a.sport_name)},
          {"device", string_or_null(a.device)},
          {"bike_computer", a.bike_computer},
          {"utc_offset_s", a.utc_offset_s ? Json(*a.utc_offset_s) : Json(nullptr)},
          {"start_time_known", a.start_time_known},
          {"clock_is_local", a.clock_is_local},
          {"device_distance_m", number_or_null(a.device_distance_m)},
          {"device_timer_s", number_or_null(a.device_timer_s)},
          {"device_elapsed_s", number_or_null(a.device_elapsed_s)},
          {"device_heart_rate",
           {{"max_bpm", number_or_null(hr.max_bpm)},
            {"threshold_bpm", number_or_null(hr.threshold_bpm)},
            {"resting_bpm", number_or_null(hr.resting_bpm)}}},
          {"workout", std::move(workout)},
          {"developer_fields", a.developer_fields}};
}

// The text lines of the same: sport profile, device totals and settings, workout, developer
// fields.
void write_fit_text(std::ostream& out, const Activity& a) {
  out << "  fit       sub_sport " << (a.sub_sport.empty() ? "-" : a.sub_sport);
  if (!a.sport_name.empty()) out << ", sport profile \"" << a.sport_name << '"';
  if (a.bike_computer) out << ", bike computer";
  if (a.utc_offset_s)
    out << ", UTC" << (*a.utc_offset_s < 0 ? '-' : '+')
        << format_clock(std::abs(*a.utc_offset_s) / 60.0);
  if (a.clock_is_local) out << ", local clock (zone unknown)";
  if (!a.start_time_known) out << ", start time unknown";
  out << '\n';
  if (a.device_distance_m || a.device_timer_s || a.device_elapsed_s) {
    out << "  device   ";
    if (a.device_distance_m)
      out << " distance " << format_fixed(*a.device_distance_m / 1000, 2) << " km";
    if (a.device_timer_s)
      out << (a.device_distance_m ? ", timer " : " timer ") << format_clock(*a.device_timer_s);
    if (a.device_elapsed_s)
      out << (a.device_timer_s      ? " of "
              : a.device_distance_m ? ", elapsed "
                                    : " elapsed ")
          << format_clock(*a.device_elapsed_s);
    out << '\n';
  }
  const DeviceHeartRate& hr = a.device_heart_rate;
  if (hr.max_bpm || hr.threshold_bpm || hr.resting_bpm) {
    out << "  hr set   ";
    if (hr.max_bpm) out << " max " << format_bpm(*hr.max_bpm);
    if (hr.threshold_bpm)
      out << (hr.max_bpm ? ", threshold " : " threshold ") << format_bpm(*hr.threshold_bpm);
    if (hr.resting_bpm)
      out << (hr.max_bpm || hr.threshold_bpm ? ", resting " : " resting ")
          << format_bpm(*hr.resting_bpm);
    out << '\n';
  }
  if (a.workout) {
    out << "  workout   \"" << a.workout->name << "\", " << a.workout->steps.size() << " steps"
        << (a.workout->steps.empty() ? "" : ":");
    for (const WorkoutStep& s : a.workout->steps)
      out << ' ' << (s.intensity.empty() ? "repeat" : s.intensity);
    out << '\n';
  }
  if (!a.developer_fields.empty()) {
    out << "  dev       ";
    for (std::size_t i = 0; i < a.developer_fields.size(); ++i)
      out << (i ? ", " : "") << a.developer_fields[i];
    out << '\n';
  }
}

}  // namespace

InspectRecord summarise(Activity activity) {
  InspectRecord r;
  const signal::Prepared p = signal::prepare(activity);
  r.samples = activity.samples.size();
  r.channels = channels(activity);
  r.start_time_ms = activity.start_time_ms();
  r.end_time_ms = activity.end_time_ms();
  r.metrics = p.metrics;
  r.elevation = p.elevation;
  r.distance_source = p.distance_source;
  activity.samples = {};
  r.activity = std::move(activity);
  return r;
}

void write_inspect_json(std::ostream& out, std::span<const InspectRecord> records,
                        std::span<const io::Diagnostic> skipped,
                        std::span<const io::Diagnostic> errors) {
  Json doc;
  doc["schema_version"] = detail::schema_version;
  doc["runaudit_version"] = runaudit::version();
  Json list = Json::array();
  for (const InspectRecord& r : records) {
    const Activity& a = r.activity;
    Json notes = Json::array();
    for (const Note& n : a.notes)
      notes.push_back({{"code", to_string(n.code)},
                       {"count", n.count},
                       {"line", count_or_null(n.first_line)},
                       {"message", n.message}});
    if (r.elevation)
      notes.push_back({{"code", "elevation_confidence"},
                       {"count", r.samples},
                       {"line", nullptr},
                       {"message", elevation_note(*r.elevation)}});
    list.push_back(
        {{"file", a.file},
         {"activity_index", a.index},
         {"format", to_string(a.format)},
         {"sport", to_string(a.sport)},
         {"sport_raw", string_or_null(a.sport_raw)},
         {"sport_from_export", a.sport_from_export},
         {"file_sport_raw", a.sport_from_export ? string_or_null(a.file_sport_raw) : Json(nullptr)},
         {"name", string_or_null(a.name)},
         {"creator", string_or_null(a.creator)},
         // No date for times counted from the device's power-on (start_time_known false).
         {"start_time", time_or_null(a.start_time_known ? r.start_time_ms : std::nullopt)},
         {"end_time", time_or_null(a.start_time_known ? r.end_time_ms : std::nullopt)},
         {"points", a.trackpoints},
         {"samples", r.samples},
         {"laps", a.laps.size()},
         {"segments", a.segments},
         {"has_position", r.channels.position},
         {"has_elevation", r.channels.elevation},
         {"has_heart_rate", r.channels.heart_rate},
         {"has_cadence", r.channels.cadence},
         {"has_device_distance", r.channels.device_distance},
         {"distance_source", r.distance_source},
         {"metrics", detail::metrics_json(r.metrics)},
         {"elevation_quality", detail::elevation_json(r.elevation)},
         {"notes", std::move(notes)}});
    if (a.format == Format::fit) list.back()["fit"] = fit_json(a);
  }
  doc["activities"] = std::move(list);
  doc["skipped"] = detail::errors_json(skipped);
  doc["errors"] = detail::errors_json(errors);
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void write_inspect_text(std::ostream& out, std::span<const InspectRecord> records,
                        std::span<const io::Diagnostic> skipped,
                        std::span<const io::Diagnostic> errors) {
  for (const InspectRecord& r : records) {
    const Activity& a = r.activity;
    const Channels& ch = r.channels;
    const signal::Metrics& m = r.metrics;
    out << a.file << " #" << a.index << "  " << to_string(a.format) << "  " << to_string(a.sport);
    if (!a.sport_raw.empty()) out << " (\"" << a.sport_raw << "\")";
    if (a.sport_from_export)
      out << " (the export's type; the file's own: "
          << (a.file_sport_raw.empty() ? "none" : "\"" + a.file_sport_raw + "\"") << ')';
    if (!a.name.empty()) out << "  \"" << a.name << '"';
    out << '\n';
    if (!a.creator.empty()) out << "  creator   " << a.creator << '\n';
    if (a.format == Format::fit) write_fit_text(out, a);
    if (r.start_time_ms && r.end_time_ms && !a.start_time_known)  // from power-on: no date
      out << "  time      unknown (counted from the device's power-on), "
          << format_clock(static_cast<double>(*r.end_time_ms - *r.start_time_ms) / 1000)
          << " from first to last trackpoint\n";
    else if (r.start_time_ms && r.end_time_ms)
      out << "  time      " << format_rfc3339(*r.start_time_ms) << " .. "
          << format_rfc3339(*r.end_time_ms) << '\n';
    else if (r.start_time_ms)  // a FIT session's start, its records untimed
      out << "  time      " << format_rfc3339(*r.start_time_ms)
          << " (the session's start; no timed trackpoint)\n";
    else
      out << "  time      none (no timed trackpoint)\n";
    out << "  points    " << a.trackpoints << " trackpoints, " << r.samples << " samples, "
        << a.segments << (a.segments == 1 ? " segment, " : " segments, ") << a.laps.size()
        << (a.laps.size() == 1 ? " lap\n" : " laps\n");
    out << "  channels ";
    const std::pair<bool, const char*> names[] = {{ch.position, "position"},
                                                  {ch.elevation, "elevation"},
                                                  {ch.heart_rate, "heart_rate"},
                                                  {ch.cadence, "cadence"},
                                                  {ch.device_distance, "device_distance"},
                                                  {ch.device_speed, "device_speed"}};
    bool any = false;
    for (const auto& [present, name] : names)
      if (present) {
        out << ' ' << name;
        any = true;
      }
    out << (any ? "\n" : " none\n");
    if (r.samples > 0) {
      out << "  moving    " << format_clock(m.moving_time_s) << " of "
          << format_clock(m.elapsed_time_s);
      if (m.stop_count > 0)
        out << ", " << m.stop_count << " stops (" << format_clock(m.stopped_time_s) << ")";
      if (m.paused_time_s > 0) out << ", paused " << format_clock(m.paused_time_s);
      if (m.cooldown_walk_s > 0) out << ", cool-down walk " << format_clock(m.cooldown_walk_s);
      out << '\n';
    }
    if (m.distance_m) {
      out << "  distance  " << format_fixed(*m.distance_m / 1000, 2) << " km (" << r.distance_source
          << ')';
      if (m.gps_distance_m)
        out << ", the GPS track " << format_fixed(*m.gps_distance_m / 1000, 2) << " km ("
            << format_fixed((1 - *m.gps_distance_m / *m.distance_m) * 100, 1)
            << " % short of the device's, in total and in half its 5-minute windows or more: "
               "its distance is used)";
      if (m.device_distance_m && a.format != Format::fit)  // FIT's is on its device line
        out << ", the file's own " << format_fixed(*m.device_distance_m / 1000, 2) << " km";
      if (a.sport == Sport::cycling) {  // a rider's measure; GAP is a runner's
        if (m.avg_pace_s_per_km && *m.avg_pace_s_per_km > 0)
          out << ", speed " << format_speed(1000 / *m.avg_pace_s_per_km, Units::metric);
      } else {
        if (m.avg_pace_s_per_km) out << ", pace " << format_clock(*m.avg_pace_s_per_km) << "/km";
        if (m.avg_gap_s_per_km)
          out << ", GAP " << format_clock(*m.avg_gap_s_per_km) << "/km"
              << (r.elevation ? "" : " (no elevation)");
      }
      out << '\n';
    }
    if (m.elevation_gain_m) {
      out << "  climb     +" << format_fixed(*m.elevation_gain_m, 0) << " m / -"
          << format_fixed(*m.elevation_loss_m, 0) << " m";
      if (m.gain_per_km_m) out << " (" << format_fixed(*m.gain_per_km_m, 1) << " m/km)";
      if (m.max_grade_pct)
        out << ", steepest sustained " << format_fixed(*m.max_grade_pct, 1) << " %";
      out << '\n';
    }
    if (m.avg_hr_bpm)
      out << "  heart     avg " << format_fixed(*m.avg_hr_bpm, 0) << " bpm, max "
          << format_fixed(*m.max_hr_bpm, 0) << " bpm\n";
    if (m.avg_cadence_spm)
      out << "  cadence   avg " << format_fixed(*m.avg_cadence_spm, 0)
          << (a.sport == Sport::cycling ? " rpm\n" : " spm\n");  // a ride's is pedal turns
    if (r.elevation) out << "  note      " << elevation_note(*r.elevation) << '\n';
    for (const Note& n : a.notes) {
      out << "  note      " << n.message;
      if (n.first_line != 0) out << " (first at line " << n.first_line << ')';
      out << '\n';
    }
  }
  for (const io::Diagnostic& e : skipped)
    out << "skipped: " << e.source << ": " << e.message << '\n';
  for (const io::Diagnostic& e : errors) {
    out << "error: " << e.source << io::position(e) << ": " << e.message << " [" << e.code << "]\n";
  }
}

}  // namespace runaudit::report
