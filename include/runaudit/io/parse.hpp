#pragma once
/// @file
/// Parsing GPX and TCX documents into Activities. Parsers are pure functions of the bytes: no
/// locale, no global state, safe to call from several threads at once.

#include <string>
#include <vector>

#include "runaudit/io/read.hpp"
#include "runaudit/model.hpp"

namespace runaudit::io {

/// Parses a GPX 1.0 or 1.1 document. Each `trk` is one Activity (segments = its `trkseg`s).
/// Elements are matched by local name, so the default namespace, any prefix, no namespace and
/// prefixes that were never declared all work. Extensions read per trackpoint: heart rate
/// (`hr`, `heartrate`, `heart_rate`; Garmin TrackPointExtension v1/v2 and others), cadence
/// (`cad`, `cadence`; per-leg rpm per TrackPointExtension v1 → doubled to steps/min unless the
/// values already look like steps/min), device distance (`distance`), speed (`speed`).
/// Numbers must be whole (`12.5abc`, `1e`, `--3` are bad_number); "NaN" or "inf" in a channel
/// (elevation, heart rate, cadence, ...) is an invalid value, removed with its note as values
/// out of range are; in a latitude or longitude it is out_of_range.
/// @param document  the whole document; modified in place (pugixml in-situ parsing).
/// @param file      name used in activities and errors.
/// @param limits    max_trackpoints applies (checked while reading each `trk`).
/// @return one Activity per `trk`, in document order.
/// @throws ParseError malformed_xml, wrong_root, missing_element (trkpt without lat/lon),
///         bad_number, out_of_range (|lat| > 90, |lon| > 180, NaN), no_timestamps (no timed
///         trackpoint in the whole file: routes, waypoints only, untimed or empty tracks),
///         too_large (a `trk` with more than limits.max_trackpoints `trkpt`s).
std::vector<Activity> parse_gpx(std::string& document, const std::string& file,
                                const ReadLimits& limits = {});

/// Parses a Garmin Training Center Database v2 document. Each `Activity` under `Activities` or
/// inside a `MultiSportSession` is one Activity; laps are `Lap`s, segments are `Track`s.
/// Read per trackpoint: `Time`, `Position`, `AltitudeMeters`, `DistanceMeters` (m, cumulative),
/// `HeartRateBpm/Value` (bpm), `Cadence` and ActivityExtension v2 `TPX/RunCadence` (per-leg
/// strides/min → steps/min, see parse_gpx), `TPX/Speed` (m/s).
/// Numbers as in parse_gpx.
/// @param document  the whole document; modified in place.
/// @param file      name used in activities and errors.
/// @param limits    max_trackpoints applies (per `Activity`, all its laps and tracks).
/// @throws ParseError as parse_gpx; no_timestamps also for Courses-only files.
std::vector<Activity> parse_tcx(std::string& document, const std::string& file,
                                const ReadLimits& limits = {});

/// Recognises GPX, TCX or FIT by a document's content (sniff) and parses it with parse_gpx,
/// parse_tcx or parse_fit (io/fit.hpp); XML that is recognisably neither is handed to parse_gpx,
/// which names its root or its XML error with a line.
/// @param document  the whole document, already inflated and UTF-8 (read_document); modified
///                  in place.
/// @param file      name used in activities and errors.
/// @param limits    max_trackpoints applies (the size limits were read_document's).
/// @return its activities (at least one has samples).
/// @throws ParseError empty_file, html_page, not_xml (binary or plain text), or what
///         parse_gpx / parse_tcx / parse_fit throw.
std::vector<Activity> parse_document(std::string& document, const std::string& file,
                                     const ReadLimits& limits = {});

/// Reads a file (gzip or not), recognises GPX, TCX or FIT by its content and parses it.
/// @param path    the file.
/// @param limits  file size, inflated size and trackpoints per activity (ReadLimits).
/// @return its activities (at least one has samples).
/// @throws ParseError for every reason listed in ParseErrc.
std::vector<Activity> read_activities(const std::string& path, const ReadLimits& limits = {});

}  // namespace runaudit::io
