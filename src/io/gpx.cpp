// GPX 1.0 / 1.1 reader. Schema: https://www.topografix.com/GPX/1/1/gpx.xsd (trkType, wptType);
// GPX 1.0 puts `speed` and `course` directly in trkpt. Extensions: Garmin TrackPointExtension
// v1/v2 (`hr` bpm, `cad` rpm = per-leg strides/min for running), Cluetrust gpxdata
// (`hr`, `cadence`, `distance` m), bare `heartrate`/`cadence` (Amazfit, mapstogpx).

#include <algorithm>
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
using detail::equal_icase;
using detail::is;
using detail::local_name;
using detail::Locator;
using detail::RawPoint;

// Extension channels, matched by local name without regard to case or prefix. The first value
// found (document order) wins: Amazfit writes the heart rate twice, identically.
void read_extensions(const pugi::xml_node& node, const Locator& loc, RawPoint& p, int depth = 0) {
  if (depth > detail::max_extension_depth) return;  // hostile nesting: nothing useful that deep
  for (pugi::xml_node e = node.first_child(); e; e = e.next_sibling()) {
    if (e.type() != pugi::node_element) continue;
    const std::string_view name = local_name(e);
    if (equal_icase(name, "hr") || equal_icase(name, "heartrate") ||
        equal_icase(name, "heart_rate")) {
      if (!p.heart_rate_bpm) p.heart_rate_bpm = loc.number(e, "heart rate");
    } else if (equal_icase(name, "cad") || equal_icase(name, "cadence")) {
      if (!p.cadence_per_leg) p.cadence_per_leg = loc.number(e, "cadence");
    } else if (equal_icase(name, "distance")) {
      if (!p.distance_m) p.distance_m = loc.number(e, "distance");
    } else if (equal_icase(name, "speed")) {
      if (!p.speed_m_per_s) p.speed_m_per_s = loc.number(e, "speed");
    } else if (e.first_child().type() == pugi::node_element) {
      read_extensions(e, loc, p, depth + 1);  // a container such as TrackPointExtension
    }
  }
}

// Google My Tracks, and OpenTracks before 2021, wrote the watch's pause and resume into the track
// as trackpoints at latitude 100 (pause) and 200 (resume), longitude 0: a pause, not a position.
constexpr double my_tracks_pause = 100, my_tracks_resume = 200;

// A trkpt read: its fields, or a My Tracks marker (my_tracks_pause or my_tracks_resume; 0: none).
struct Trkpt {
  RawPoint point;
  double marker = 0;
};

Trkpt read_trkpt(const pugi::xml_node& pt, const Locator& loc) {
  Trkpt read;
  RawPoint& p = read.point;
  p.offset = pt.offset_debug();
  // One pass over the attributes (the first lat and lon count, as for attribute()): looking
  // each one up by name compared names twice per trackpoint (strcmp: 1.5 % of an audit).
  pugi::xml_attribute lat_attr, lon_attr;
  for (pugi::xml_attribute a = pt.first_attribute(); a; a = a.next_attribute()) {
    const std::string_view name = a.name();
    if (name == "lat" && !lat_attr) lat_attr = a;
    if (name == "lon" && !lon_attr) lon_attr = a;
  }
  const auto lat = loc.finite_number(lat_attr, pt, "latitude");
  const auto lon = loc.finite_number(lon_attr, pt, "longitude");
  // Without lat and lon (schema-invalid, but written): a point without position, which the
  // ActivityBuilder drops with a no_position note in a track that has positions.
  if (lat && lon && *lon == 0 && (*lat == my_tracks_pause || *lat == my_tracks_resume)) {
    read.marker = *lat;
    return read;
  }
  if (lat && lon) {
    loc.check_range(*lat, -90, 90, lat_attr.value(), pt, "latitude");
    loc.check_range(*lon, -180, 180, lon_attr.value(), pt, "longitude");
    p.latitude_deg = lat;
    p.longitude_deg = lon;
  }

  for (pugi::xml_node c = pt.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = local_name(c);
    if (name == "ele") {
      if (!p.elevation_m) p.elevation_m = loc.number(c, "elevation");
    } else if (name == "time") {
      loc.read_trackpoint_time(c, p);
    } else if (name == "extensions") {
      read_extensions(c, loc, p);
    } else if (name == "speed") {  // GPX 1.0 (and some 1.1 writers, schema-invalid)
      p.speed_m_per_s = loc.number(c, "speed");
    } else if (equal_icase(name, "heartrate") || equal_icase(name, "hr")) {
      if (!p.heart_rate_bpm) p.heart_rate_bpm = loc.number(c, "heart rate");
    } else if (equal_icase(name, "cadence") || equal_icase(name, "cad")) {
      if (!p.cadence_per_leg) p.cadence_per_leg = loc.number(c, "cadence");
    }
  }
  return read;
}

// Trackpoints in track @p trk (the first trkseg that has one gives the size of a point), up to
// the next element after the track (or the end of the document).
std::size_t estimated_trackpoints(const pugi::xml_node& trk, std::size_t document_bytes) {
  pugi::xml_node first;
  for (pugi::xml_node seg = trk.first_child(); seg && !first; seg = seg.next_sibling())
    if (is(seg, "trkseg")) first = child(seg, "trkpt");
  const pugi::xml_node after = trk.next_sibling();
  return detail::estimated_points(
      first, after ? after.offset_debug() : static_cast<std::ptrdiff_t>(document_bytes));
}

std::string name_of(const pugi::xml_node& node) {
  return std::string(detail::text(child(node, "name")));
}

}  // namespace

std::vector<Activity> parse_gpx(std::string& document, const std::string& file,
                                const ReadLimits& limits) {
  detail::transcode_latin1(document);
  const Locator loc(file, document);
  pugi::xml_document doc;
  const std::optional<detail::Truncation> cut = detail::load_in_place(doc, document, loc);
  const pugi::xml_node root = doc.document_element();
  if (cut && !is(root, "gpx")) throw cut->error;  // cut before its root says what it is
  if (cut) detail::drop_cut_element(root, "trkpt");
  if (!is(root, "gpx"))
    loc.fail(ParseErrc::wrong_root, root,
             "root element <" + std::string(root.name()) +
                 "> is neither <gpx> nor <TrainingCenterDatabase>: not a GPX or TCX file");

  const std::string creator = root.attribute("creator").value();
  // GPX 1.1 keeps the file's name in metadata; GPX 1.0 directly under <gpx>.
  std::string file_name = name_of(child(root, "metadata"));
  if (file_name.empty()) file_name = name_of(root);

  // Each track's points are read first; samples are built after the DOM is freed (the DOM, the
  // points and the samples together were the peak memory of a long run).
  std::vector<std::pair<Activity, detail::ActivityBuilder>> tracks;
  std::size_t route_points = 0, waypoints = 0;
  for (pugi::xml_node node = root.first_child(); node; node = node.next_sibling()) {
    if (is(node, "wpt")) {
      ++waypoints;
      continue;
    }
    if (is(node, "rte")) {
      for (pugi::xml_node r = node.first_child(); r; r = r.next_sibling())
        if (is(r, "rtept")) ++route_points;
      continue;
    }
    if (!is(node, "trk")) continue;

    Activity a;
    a.file = file;
    a.index = tracks.size();
    a.format = Format::gpx;
    a.creator = clean_text(creator);
    a.name = clean_text(name_of(node));
    if (a.name.empty()) a.name = clean_text(file_name);
    a.sport_raw = clean_text(detail::text(child(node, "type")));
    a.sport = a.sport_raw.empty() ? sport_from_name(a.name) : normalise_sport(a.sport_raw);

    detail::ActivityBuilder builder;
    builder.reserve(std::min(estimated_trackpoints(node, document.size()), limits.max_trackpoints));
    for (pugi::xml_node seg = node.first_child(); seg; seg = seg.next_sibling()) {
      if (!is(seg, "trkseg")) continue;
      builder.begin_segment();
      for (pugi::xml_node pt = seg.first_child(); pt; pt = pt.next_sibling()) {
        if (!is(pt, "trkpt")) continue;
        Trkpt read = read_trkpt(pt, loc);
        if (read.marker == my_tracks_pause) builder.begin_segment();
        if (read.marker != 0) continue;
        detail::check_trackpoint_limit(builder.size(), limits.max_trackpoints, loc, pt);
        builder.add(std::move(read.point));
      }
    }
    tracks.emplace_back(std::move(a), std::move(builder));
  }
  doc.reset();
  std::vector<Activity> activities = detail::finish_all(std::move(tracks));
  detail::locate_notes(activities, loc);
  if (cut) detail::salvage_truncated(activities, *cut, loc);

  const bool any_timed = std::any_of(activities.begin(), activities.end(),
                                     [](const Activity& a) { return !a.samples.empty(); });
  if (!any_timed) {
    loc.throw_first_bad_time();  // a recording whose times are all damaged: the first
    std::size_t track_points = 0;
    for (const Activity& a : activities) track_points += a.trackpoints;
    // What route planners and map tools write (a route, waypoints, a drawn track without
    // times, metadata only) holds no activity: a batch skips it; so does a track without a
    // point, what Garmin Connect, OsmAnd and Polar's converters export of an activity recorded
    // without GPS (an indoor walk: 6 of a 37-file export).
    std::string why;
    if (track_points > 0)
      why = "a track of " + std::to_string(track_points) +
            " points without times (a planned or drawn route), not an activity";
    else if (route_points > 0)
      why = "a planned route (" + std::to_string(route_points) + " route points), not an activity";
    else if (waypoints > 0)
      why = "waypoints only (" + std::to_string(waypoints) + "), not an activity";
    else if (!activities.empty())
      why =
          "a track without trackpoints (an activity recorded without GPS), not an activity to "
          "audit";
    else
      why = "no track, route or waypoint (metadata only), not an activity";
    throw ParseError(ParseErrc::not_an_activity, SourceLocation{file, 0, 0, -1}, why);
  }
  return activities;
}

}  // namespace runaudit::io
