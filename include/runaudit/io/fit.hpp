#pragma once
/// @file
/// Reading FIT activity files (Garmin's Flexible and Interoperable Data Transfer protocol, as
/// watches, bike computers and apps of Garmin, COROS, Suunto, Wahoo, Polar, Zwift write it).

#include <string>
#include <string_view>
#include <vector>

#include "runaudit/io/read.hpp"
#include "runaudit/model.hpp"

namespace runaudit::io {

/// Parses a FIT file: one Activity per `session` message (a multisport file gives one per leg,
/// every sport kept; a file without session, e.g. cut short, gives one). A pure function of
/// the bytes: no global state, safe to call from several threads at once.
///
/// Read per `record`: timestamp, position (semicircles -> WGS84 degrees), enhanced_altitude
/// else altitude (m), heart_rate (bpm), cadence + fractional_cadence (rpm: strides per minute
/// for running, doubled to steps per minute by the activity builder, see Sample::cadence_spm),
/// distance (m), enhanced_speed else speed (m/s), and compressed_speed_distance on old devices.
/// Timer stop/start events (the watch's pauses) start a new segment after a pause; `lap`s are
/// laps. The device (file_id / creator device_info), sub_sport, sport name, UTC offset
/// (activity local_timestamp), HR anchors (zones_target, user_profile), workout and steps,
/// session totals and developer field names fill the Activity's FIT fields.
///
/// Times: FIT date_time (s since 1989-12-31T00:00:00Z). Device-relative times (below
/// 0x10000000, s since power-on) are anchored by a timestamp_correlation message, else by the
/// activity's local_timestamp (time zone unknown: a relative_time note says so), else, when
/// real-time records follow them (a watch without a date until its first fix), so that the
/// first of those comes one recording interval after the last relative one, else, when every
/// record is relative, by a session's real start_time, else by file_id's time_created (the
/// first record at it); else kept
/// relative from 1970-01-01 with Activity::start_time_known = false (the audit then gives the
/// run no start time: it is in no day, week or baseline). Relative times after real ones are
/// dropped (untimed). A relative_time note says which, and the audit shows it.
///
/// Damage: a file damaged after a usable part (truncated by a dead battery, garbage after some
/// messages, a wrong CRC, a header never finalised) keeps what precedes the damage, with a
/// file_damaged / checksum_mismatch / unfinished_file note, when the part read holds an
/// activity with samples spanning at least 60 s; otherwise it is an error.
///
/// @param bytes   the whole file (inflated when it was gzipped).
/// @param file    name used in activities and errors.
/// @param limits  max_trackpoints bounds the records (and the laps) of the whole file, so
///                memory stays bounded by it; the size limits were the reader's. At most 256
///                sessions (a multisport race has a dozen).
/// @return the activities, in session order (at least one has samples).
/// @throws ParseError (where.offset = byte offset of the damage) bad_fit (no FIT header, or
///         damage with nothing usable before it), not_an_activity (a valid FIT file of another
///         type: detail "a FIT workout file, not an activity"), no_timestamps (an activity file
///         without timed records), too_large (more records or laps than
///         limits.max_trackpoints, more than 256 sessions).
std::vector<Activity> parse_fit(std::string_view bytes, const std::string& file,
                                const ReadLimits& limits = {});

}  // namespace runaudit::io
