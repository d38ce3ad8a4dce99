#pragma once
/// @file
/// Reading a file's bytes (inflating gzip) and recognising what they hold.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace runaudit::io {

/// Resource limits applied while reading one file, so that a huge or hostile input (a gzip bomb,
/// a document of millions of trackpoints) fails with a clear error instead of exhausting memory.
/// Defaults, from real export sizes: a 24-hour run recorded every second is 86 400 trackpoints,
/// 20–30 MB of GPX (230–330 bytes per trackpoint with elevation, time, heart rate and cadence,
/// compact or indented as Garmin Connect writes it) or about 50 MB of TCX (570 bytes per
/// trackpoint); the largest real export in our corpus is a few MB. 64 MiB of document therefore
/// holds a day-long TCX recording. 1 000 000 trackpoints is 11.6 days at one per second, more
/// than any single activity (multi-day ultras such as the Tor des Géants, up to 150 hours, are
/// recorded at one point every few seconds), and a million bare trackpoints fit in 64 MiB.
/// Memory per reading thread, measured with /usr/bin/time on `runaudit inspect`: about 5 times
/// the document (140 MB for the 28 MB day-long GPX), at most about 11 times for a document of
/// bare trackpoints (700 MB for a million in 64 MB), so the defaults bound each `--jobs` thread
/// to well under 1 GB. Every error message names the limit, the value and the runaudit option
/// that raises it.
struct ReadLimits {
  /// Largest file accepted as stored on disk (bytes), compressed or not (`--max-file-size`).
  std::size_t max_file_bytes = std::size_t{64} << 20;
  /// Largest document a gzip file may inflate to (bytes); inflation stops as soon as it is
  /// passed, never allocating more than this plus one byte (`--max-inflated-size`).
  std::size_t max_inflated_bytes = std::size_t{64} << 20;
  /// Most trackpoint elements (as written, before repairs) in one activity; counted while
  /// parsing (`--max-trackpoints`).
  std::size_t max_trackpoints = 1'000'000;

  // Archives (zip, tar). For a member, max_file_bytes bounds its bytes as stored in the archive
  // (compressed) and max_inflated_bytes its bytes out of the archive; a member's own `.gz` is
  // then inflated within max_inflated_bytes too.

  /// Most bytes the members runaudit reads from one archive may declare in total (activity
  /// files and inner archives; `--max-archive-size`). Members past it are listed as too_large.
  /// An inner archive is held in memory while its members are read, so this also bounds the
  /// memory of one inner archive per thread. Default 16 GiB: a Strava export of ~2 000
  /// activities is a few GB with its photos, of which the activity files (gzipped GPX/FIT of
  /// 50 KB-1 MB) are well under 2 GB; Garmin's export keeps its FIT files in inner zips
  /// (`UploadedFiles_0-_Part1.zip`, one seen with 7 779 files) of a few hundred MB each; 16 GiB
  /// leaves room for ten years of a daily runner while stopping a zip bomb within a minute of
  /// inflating.
  std::uint64_t max_archive_bytes = std::uint64_t{16} << 30;
  /// Most members one archive may list (`--max-archive-members`); an archive with more is one
  /// too_large error and nothing of it is read. Default 65 536: a zip without Zip64 holds at most
  /// 65 535 entries, which no export we know comes near (a Strava export of 2 000 activities has
  /// about 2 000 activity files plus media; Garmin's largest inner zip seen had 7 779 files).
  std::size_t max_archive_members = 65'536;
  /// Most archives one member may be nested in, the outermost counting 1
  /// (`--max-archive-depth`). Default 3: a Garmin export (FIT files in zips inside the export
  /// zip) needs 2, a coach's zip of athletes' Garmin exports 3.
  std::size_t max_archive_depth = 3;
};

/// Reads a whole file. Data starting with the gzip magic bytes (1f 8b) is inflated with zlib,
/// whatever the file is called; concatenated gzip members are all inflated (RFC 1952 §2.2).
/// UTF-16 text with a byte-order mark, or without one when it starts with '<' or white space
/// (the autodetection of XML 1.0 Appendix F), is converted to UTF-8.
/// @param path    file to read.
/// @param limits  max_file_bytes and max_inflated_bytes apply.
/// @return the document bytes.
/// @throws ParseError io (cannot open/read), too_large (file over max_file_bytes, or inflating
///         to more than max_inflated_bytes), bad_gzip (corrupt or truncated compressed data;
///         detail says which).
std::string read_document(const std::string& path, const ReadLimits& limits = {});

/// read_document into @p document, whose previous contents are replaced and whose capacity is
/// reused: a worker reading file after file into one buffer does not allocate it again for each,
/// and zero-fills only what a file needs beyond the previous one's size (a gzip or UTF-16 file
/// gets a new buffer). Same rules, limits and errors; on error @p document holds unspecified
/// bytes.
void read_document(const std::string& path, std::string& document, const ReadLimits& limits = {});

/// Inflates gzip data held in memory (same rules as read_document).
/// @param data                bytes beginning with the gzip magic.
/// @param file                name used in errors.
/// @param max_inflated_bytes  the largest result accepted (bytes).
/// @throws ParseError bad_gzip, or too_large as soon as the output passes max_inflated_bytes.
std::string gunzip(std::string_view data, const std::string& file,
                   std::size_t max_inflated_bytes = ReadLimits{}.max_inflated_bytes);

/// What a document's first bytes say it is.
enum class DocumentKind { gpx, tcx, fit, unknown_xml, html, empty, binary, text };

/// Looks at the start of a document, skipping a UTF-8 BOM, white space, the XML declaration,
/// comments, processing instructions and a DOCTYPE, to find the root element's local name.
/// @param bytes  the document (not modified).
/// @return fit for a FIT file (a header of 12 or more bytes, its size in byte 0, with ".FIT"
///         at bytes 8-11); gpx / tcx for root `gpx` / `TrainingCenterDatabase` (any prefix);
///         html for an
///         `<html>` root or HTML doctype; unknown_xml for another root; empty when there is
///         no element (only white space, a declaration, comments); binary when NUL or control bytes
///         appear before any markup; text otherwise.
DocumentKind sniff(std::string_view bytes) noexcept;

}  // namespace runaudit::io
