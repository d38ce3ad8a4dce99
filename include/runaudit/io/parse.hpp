#pragma once
/// @file
/// Parsing GPX and TCX documents into Activities. Parsers are pure functions of the bytes: no
/// locale, no global state, safe to call from several threads at once.

#include <cstdint>
#include <string>
#include <vector>

#include "runaudit/io/read.hpp"
#include "runaudit/io/source.hpp"
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
///         bad_number, out_of_range (|lat| > 90, |lon| > 180, NaN), not_an_activity (nothing
///         timed and no recording: a route, waypoints only, a track without times as route
///         planners draw them, metadata only), no_timestamps (tracks without any trackpoint),
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
/// @throws ParseError as parse_gpx; not_an_activity for a file without Activity (Courses or
///         Workouts only), no_timestamps for activities without a timed trackpoint.
std::vector<Activity> parse_tcx(std::string& document, const std::string& file,
                                const ReadLimits& limits = {});

/// Decodes a document with the format that recognises its bytes (io::format_of(sniff()), the
/// format registry); XML that no format recognises is handed to parse_gpx, which names its root or
/// its XML error with a line.
/// @param document  the whole document, already inflated and UTF-8 (read_document); modified
///                  in place.
/// @param file      name used in activities and errors.
/// @param limits    max_trackpoints applies (the size limits were read_document's).
/// @return its activities (at least one has samples).
/// @throws ParseError empty_file, html_page, not_xml (binary or plain text), or what the
///         format's decoder throws.
std::vector<Activity> parse_document(std::string& document, const std::string& file,
                                     const ReadLimits& limits = {});

/// Reads a source (read_source: containers opened) and decodes it (parse_document). Each
/// thread reuses one buffer from source to source. A `.gz` cut short is inflated as far as it
/// goes and that is decoded: the decoder keeps what precedes the cut as it does for a document
/// cut short (a file_damaged note), and the last activity carries a compressed_truncated note.
/// @param source  the source; its name is the activities' file and the errors' source.
/// @param limits  file size, inflated size and trackpoints per activity (ReadLimits).
/// @return its activities (at least one has samples).
/// @throws ParseError for every reason listed in ParseErrc; bad_gzip for a `.gz` cut short
///         whose start cannot be decoded (the decoder's reason appended).
std::vector<Activity> read_activities(const Source& source, const ReadLimits& limits = {});

/// read_activities, also giving the hash of the source's bytes once read (containers opened,
/// before decoding): identical bytes under two names (a `.fit` and the same file gzipped in an
/// export) give the same hash, in one process (std::hash of the bytes: not stable across
/// builds, never stored).
/// @param content_hash  set before decoding, so also for a source that then fails to decode.
std::vector<Activity> read_activities(const Source& source, const ReadLimits& limits,
                                      std::uint64_t& content_hash);
/// read_activities for a plain file given by its path (the source named by the path).
std::vector<Activity> read_activities(const std::string& path, const ReadLimits& limits = {});

}  // namespace runaudit::io
