// Garmin Training Center Database v2 reader.
// Schema: https://www8.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd (Activity_t, Lap,
// Track, Trackpoint_t: Time, Position/LatitudeDegrees|LongitudeDegrees (degrees),
// AltitudeMeters (m), DistanceMeters (m, cumulative), HeartRateBpm/Value (bpm), Cadence
// (CadenceValue_t, rpm)); ActivityExtension v2 TPX: Speed (m/s), RunCadence (CadenceValue_t:
// per-leg strides/min, as Garmin footpods count one foot; see ActivityBuilder for the conversion).

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "activity_builder.hpp"
#include "runaudit/format.hpp"
#include "runaudit/io/parse.hpp"
#include "xml.hpp"

namespace runaudit::io {
namespace {

using detail::child;
using detail::is;
using detail::local_name;
using detail::Locator;
using detail::RawPoint;

// TPX (ActivityExtension v2) and similar blocks: Speed and RunCadence at any depth.
void read_extensions(const pugi::xml_node& node, const Locator& loc, RawPoint& p, int depth = 0) {
  if (depth > detail::max_extension_depth) return;  // hostile nesting: nothing useful that deep
  for (pugi::xml_node e = node.first_child(); e; e = e.next_sibling()) {
    if (e.type() != pugi::node_element) continue;
    const std::string_view name = local_name(e);
    if (name == "Speed") {
      if (!p.speed_m_per_s) p.speed_m_per_s = loc.number(e, "speed");
    } else if (name == "RunCadence") {
      if (!p.cadence_per_leg) p.cadence_per_leg = loc.number(e, "run cadence");
    } else {
      read_extensions(e, loc, p, depth + 1);
    }
  }
}

RawPoint read_trackpoint(const pugi::xml_node& tp, const Locator& loc) {
  RawPoint p;
  p.offset = tp.offset_debug();
  // Children are read by name, in any order: real writers ignore the schema's sequence.
  for (pugi::xml_node c = tp.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = local_name(c);
    if (name == "Time") {
      loc.read_trackpoint_time(c, p);
    } else if (name == "Position") {
      const pugi::xml_node lat_node = child(c, "LatitudeDegrees");
      const pugi::xml_node lon_node = child(c, "LongitudeDegrees");
      const auto lat = loc.finite_number(lat_node, "latitude");
      const auto lon = loc.finite_number(lon_node, "longitude");
      if (lat.has_value() != lon.has_value())
        loc.fail(ParseErrc::missing_element, c, "Position without both latitude and longitude");
      if (lat) loc.check_range(*lat, -90, 90, detail::text(lat_node), lat_node, "latitude");
      if (lon) loc.check_range(*lon, -180, 180, detail::text(lon_node), lon_node, "longitude");
      p.latitude_deg = lat;
      p.longitude_deg = lon;
    } else if (name == "AltitudeMeters") {
      p.elevation_m = loc.number(c, "altitude");
    } else if (name == "DistanceMeters") {
      p.distance_m = loc.number(c, "distance");
    } else if (name == "HeartRateBpm") {
      p.heart_rate_bpm = loc.number(child(c, "Value"), "heart rate");
    } else if (name == "Cadence") {
      if (!p.cadence_per_leg) p.cadence_per_leg = loc.number(c, "cadence");
    } else if (name == "Extensions") {
      read_extensions(c, loc, p);
    }
  }
  return p;
}

// TCX has no title. Garmin Training Center keeps the label a user gives an activity in its
// Notes; a workout or course followed is named in Training/Plan/Name. The first line of the
// notes, else the plan's name, else nothing (reports then show the file name).
std::string activity_title(const pugi::xml_node& activity) {
  std::string_view notes = detail::text(child(activity, "Notes"));
  notes = detail::trim(notes.substr(0, notes.find_first_of("\r\n")));
  if (!notes.empty()) return clean_text(notes);
  return clean_text(detail::text(child(child(child(activity, "Training"), "Plan"), "Name")));
}

// The activity's fields and its points; samples are built later (finish_all). @p document_bytes:
// the size of the document, for the trackpoint estimate of the last activity.
std::pair<Activity, detail::ActivityBuilder> read_activity(
    const pugi::xml_node& node, std::size_t index, const std::string& file,
    const std::string& author, const Locator& loc, std::size_t max_trackpoints,
    std::ptrdiff_t document_bytes) {
  Activity a;
  a.file = file;
  a.index = index;
  a.format = Format::tcx;
  a.sport_raw = clean_text(node.attribute("Sport").value());
  a.sport = normalise_sport(a.sport_raw);
  const std::string device(detail::text(child(child(node, "Creator"), "Name")));
  a.creator = clean_text(device.empty() ? author : device);
  a.name = activity_title(node);

  detail::ActivityBuilder builder;
  pugi::xml_node first;  // the activity's first trackpoint
  for (pugi::xml_node lap = node.first_child(); lap && !first; lap = lap.next_sibling())
    for (pugi::xml_node track = lap.first_child(); track && !first; track = track.next_sibling())
      if (is(track, "Track")) first = child(track, "Trackpoint");
  const pugi::xml_node after = node.next_sibling();
  builder.reserve(
      std::min(detail::estimated_points(first, after ? after.offset_debug() : document_bytes),
               max_trackpoints));
  for (pugi::xml_node lap = node.first_child(); lap; lap = lap.next_sibling()) {
    if (!is(lap, "Lap")) continue;
    Lap l;
    if (const auto t = loc.time(lap.attribute("StartTime"), lap)) l.start_time_ms = t->utc_ms;
    // Lap totals are only shown: NaN or an infinity there is absent.
    const auto finite = [](std::optional<double> v) {
      return v && std::isfinite(*v) ? v : std::nullopt;
    };
    l.total_time_s = finite(loc.number(child(lap, "TotalTimeSeconds"), "lap time"));
    l.distance_m = finite(loc.number(child(lap, "DistanceMeters"), "lap distance"));
    if (l.distance_m) a.device_distance_m = a.device_distance_m.value_or(0) + *l.distance_m;
    builder.begin_lap(l);
    bool first_track = true;  // a new lap continues the recording; more Tracks mean a pause
    for (pugi::xml_node track = lap.first_child(); track; track = track.next_sibling()) {
      if (!is(track, "Track")) continue;
      builder.begin_segment(!first_track);
      first_track = false;
      for (pugi::xml_node tp = track.first_child(); tp; tp = tp.next_sibling()) {
        if (!is(tp, "Trackpoint")) continue;
        detail::check_trackpoint_limit(builder.size(), max_trackpoints, loc, tp);
        builder.add(read_trackpoint(tp, loc));
      }
    }
  }
  return {std::move(a), std::move(builder)};
}

}  // namespace

std::vector<Activity> parse_tcx(std::string& document, const std::string& file,
                                const ReadLimits& limits) {
  detail::transcode_latin1(document);
  const Locator loc(file, document);
  pugi::xml_document doc;
  const std::optional<detail::Truncation> cut = detail::load_in_place(doc, document, loc);
  const pugi::xml_node root = doc.document_element();
  if (cut && !is(root, "TrainingCenterDatabase")) throw cut->error;
  if (cut) detail::drop_cut_element(root, "Trackpoint");
  if (!is(root, "TrainingCenterDatabase"))
    loc.fail(ParseErrc::wrong_root, root,
             "root element <" + std::string(root.name()) + "> is not <TrainingCenterDatabase>");

  const std::string author(detail::text(child(child(root, "Author"), "Name")));
  // Each activity's points are read first; samples are built after the DOM is freed (the DOM,
  // the points and the samples together were the peak memory of a long run).
  std::vector<std::pair<Activity, detail::ActivityBuilder>> pending;
  const auto add = [&](const pugi::xml_node& a) {
    pending.push_back(read_activity(a, pending.size(), file, author, loc, limits.max_trackpoints,
                                    static_cast<std::ptrdiff_t>(document.size())));
  };
  // Activities/Activity, and the legs of a multisport session in order (FirstSport, NextSport*).
  // Folders/History hold only references to these and are ignored.
  for (pugi::xml_node n = child(root, "Activities").first_child(); n; n = n.next_sibling()) {
    if (is(n, "Activity")) {
      add(n);
    } else if (is(n, "MultiSportSession")) {
      for (pugi::xml_node leg = n.first_child(); leg; leg = leg.next_sibling())
        if (is(leg, "FirstSport") || is(leg, "NextSport"))
          if (const pugi::xml_node a = child(leg, "Activity")) add(a);
    }
  }

  const bool has_courses = static_cast<bool>(child(root, "Courses"));
  doc.reset();
  std::vector<Activity> activities = detail::finish_all(std::move(pending));
  detail::locate_notes(activities, loc);
  if (cut) detail::salvage_truncated(activities, *cut, loc);
  const bool any_timed = std::any_of(activities.begin(), activities.end(),
                                     [](const Activity& a) { return !a.samples.empty(); });
  if (!any_timed) {
    loc.throw_first_bad_time();  // a recording whose times are all damaged: the first
    // Courses (planned routes) and workouts are not activities: a batch skips them. Activities
    // without a timed trackpoint are recordings that cannot be read: an error.
    if (!activities.empty())
      throw ParseError(ParseErrc::no_timestamps, SourceLocation{file, 0, 0, -1},
                       "no timestamps: activities without timed trackpoints cannot be audited");
    throw ParseError(ParseErrc::not_an_activity, SourceLocation{file, 0, 0, -1},
                     has_courses ? "a course (planned route), not an activity"
                                 : "no Activity (workouts or nothing), not an activity");
  }
  return activities;
}

}  // namespace runaudit::io
