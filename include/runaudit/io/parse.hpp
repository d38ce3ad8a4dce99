#pragma once
/// @file
/// Parsing GPX and TCX documents into Activities. Parsers are pure functions of the bytes: no
/// locale, no global state, safe to call from several threads at once.

#include <string>
#include <vector>

#include "runaudit/model.hpp"

namespace runaudit::io {

/// Parses a GPX 1.0 or 1.1 document. Each `trk` is one Activity (segments = its `trkseg`s).
/// Elements are matched by local name, so the default namespace, any prefix, no namespace and
/// prefixes that were never declared all work. Extensions read per trackpoint: heart rate
/// (`hr`, `heartrate`, `heart_rate`; Garmin TrackPointExtension v1/v2 and others), cadence
/// (`cad`, `cadence`; per-leg rpm per TrackPointExtension v1 → doubled to steps/min unless the
/// values already look like steps/min), device distance (`distance`), speed (`speed`).
/// @param document  the whole document; modified in place (pugixml in-situ parsing).
/// @param file      name used in activities and errors.
/// @return one Activity per `trk`, in document order.
/// @throws ParseError malformed_xml, wrong_root, missing_element (trkpt without lat/lon),
///         bad_number, out_of_range (|lat| > 90, |lon| > 180), no_timestamps (no timed
///         trackpoint in the whole file: routes, waypoints only, untimed tracks).
std::vector<Activity> parse_gpx(std::string& document, const std::string& file);

/// Parses a Garmin Training Center Database v2 document. Each `Activity` under `Activities` or
/// inside a `MultiSportSession` is one Activity; laps are `Lap`s, segments are `Track`s.
/// Read per trackpoint: `Time`, `Position`, `AltitudeMeters`, `DistanceMeters` (m, cumulative),
/// `HeartRateBpm/Value` (bpm), `Cadence` and ActivityExtension v2 `TPX/RunCadence` (per-leg
/// strides/min → steps/min, see parse_gpx), `TPX/Speed` (m/s).
/// @param document  the whole document; modified in place.
/// @param file      name used in activities and errors.
/// @throws ParseError as parse_gpx; no_timestamps also for Courses-only files.
std::vector<Activity> parse_tcx(std::string& document, const std::string& file);

/// Recognises GPX or TCX by a document's content (sniff) and parses it with parse_gpx or
/// parse_tcx; XML that is recognisably neither is handed to parse_gpx, which names its root or
/// its XML error with a line.
/// @param document  the whole document, already inflated and UTF-8 (read_document); modified
///                  in place.
/// @param file      name used in activities and errors.
/// @return its activities (at least one has samples).
/// @throws ParseError empty_file, html_page, not_xml (binary or plain text), or what
///         parse_gpx / parse_tcx throw.
std::vector<Activity> parse_document(std::string& document, const std::string& file);

/// Reads a file (gzip or not), recognises GPX or TCX by its content and parses it.
/// @param path  the file.
/// @return its activities (at least one has samples).
/// @throws ParseError for every reason listed in ParseErrc.
std::vector<Activity> read_activities(const std::string& path);

}  // namespace runaudit::io
