#pragma once
// Private helpers shared by the GPX and TCX parsers: element matching by local name, checked
// number parsing, and byte offset -> line/column.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "activity_builder.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/model.hpp"
#include "runaudit/time.hpp"

namespace runaudit::io::detail {

/// How deep extension blocks are searched for channels. Real files nest two or three levels
/// (extensions/TrackPointExtension/hr); the bound keeps hostile nesting from exhausting the
/// stack.
inline constexpr int max_extension_depth = 8;

/// The part of an element name after its namespace prefix ("gpxtpx:hr" -> "hr"). Namespaces
/// are not resolved: real files use unbound prefixes and odd bindings (see the corpus MANIFEST).
std::string_view local_name(const pugi::xml_node& node) noexcept;

/// True when @p node's local name equals @p name (exact case).
bool is(const pugi::xml_node& node, std::string_view name) noexcept;

/// True when @p a equals @p b ignoring ASCII case (element names such as "HeartRate", "hr").
inline bool equal_icase(std::string_view a, std::string_view b) noexcept {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

/// First child element with local name @p name, or an empty node.
pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) noexcept;

/// @p s without leading and trailing XML white space.
std::string_view trim(std::string_view s) noexcept;

/// @p s for a message: its first 40 bytes (fewer, to end on a whole UTF-8 character), and "..."
/// after them when it is longer (a value written by a broken exporter can be megabytes long).
std::string shortened(std::string_view s);

/// Text of an element (its embedded PCDATA, else its first PCDATA/CDATA child), trimmed.
std::string_view text(const pugi::xml_node& node) noexcept;

/// Maps byte offsets of the document to 1-based line and column. Built before in-situ parsing
/// (which rewrites the buffer) as one bit per byte: bit j of word w is set when byte 64w + j is
/// '\n'. That is an eighth of the document's size and one pass of SSE2 compares; the lookups,
/// needed only for errors and notes, count bits (popcount) from the newline count at the start
/// of their 4 KiB block, kept from the first lookup on. Not for use from several threads.
class LineIndex {
 public:
  explicit LineIndex(std::string_view document);
  /// @return 1-based line of byte @p offset (0 for a negative offset; past the end: the last
  /// line). At most 64 words counted after the first call.
  std::size_t line(std::ptrdiff_t offset) const;
  /// @return 1-based column (in bytes) of byte @p offset (0 for a negative offset).
  std::size_t column(std::ptrdiff_t offset) const;

 private:
  static constexpr std::size_t block_words = 64;  // 4 KiB of the document
  std::vector<std::uint64_t> m_newline_bits;
  /// Newlines before each block, filled by the first line() (most documents never need one).
  mutable std::vector<std::size_t> m_block_newlines;
};

/// Context for reporting errors and notes at an element: file name, line index and the start
/// of the parsed buffer (to turn node pointers into offsets).
class Locator {
 public:
  Locator(std::string file, std::string_view document)
      : m_file(std::move(file)), m_lines(document) {}

  const std::string& file() const noexcept { return m_file; }
  /// @return the location of @p node (line/column of its start tag when known).
  SourceLocation at(const pugi::xml_node& node) const;
  /// @return the 1-based line of byte @p offset, 0 when unknown (negative).
  std::size_t line_at(std::ptrdiff_t offset) const { return m_lines.line(offset); }
  /// @return the location of byte @p offset.
  SourceLocation at_offset(std::ptrdiff_t offset) const;

  /// Parses the text of @p node as a number (to_double: whole text, '+' allowed). "NaN" and
  /// "inf" are returned as such: channel values pass the ActivityBuilder's range checks, which
  /// remove them with a note, as they remove an elevation of -19999.
  /// @return nullopt for an absent node, empty text, or GPSBabel's "no time"
  ///         1901-12-13T20:45:52Z (Unix time -2^31 s, any fraction of that second).
  /// @throws ParseError bad_number (naming @p what) when there is text that is not a number.
  std::optional<double> number(const pugi::xml_node& node, std::string_view what) const;
  /// As number(), but NaN and infinities are bad_number too (coordinates: no range check could
  /// repair them).
  std::optional<double> finite_number(const pugi::xml_node& node, std::string_view what) const;
  /// As finite_number(), for an attribute of @p owner.
  std::optional<double> finite_number(const pugi::xml_attribute& attr, const pugi::xml_node& owner,
                                      std::string_view what) const;

  /// Parses the text of @p node as an RFC 3339 time (parse_rfc3339, through a TimestampParser).
  /// @return nullopt for an absent node, empty text, or GPSBabel's "no time"
  ///         1901-12-13T20:45:52Z (Unix time -2^31 s, any fraction of that second).
  /// @throws ParseError bad_timestamp for text that is not a possible date-time.
  std::optional<ParsedTime> time(const pugi::xml_node& node) const;
  /// As time(), for an attribute of @p owner.
  std::optional<ParsedTime> time(const pugi::xml_attribute& attr,
                                 const pugi::xml_node& owner) const;
  /// Reads @p node, a trackpoint's own time, into @p point (time_ms, time_had_zone,
  /// utc_offset_s). Text that is not a possible date-time is no error here: one damaged time
  /// among a run's thousands (a Keep app export's year 7520) would lose the run. The point
  /// is left without time and marked RawPoint::time_unreadable (the ActivityBuilder drops it
  /// with a NoteCode::time_unreadable note), and the first such error is kept: a document left
  /// without any timed trackpoint throws it (throw_first_bad_time()).
  void read_trackpoint_time(const pugi::xml_node& node, RawPoint& point) const;
  /// @throws ParseError bad_timestamp at the first trackpoint time read_trackpoint_time()
  ///         could not read, if any; returns otherwise.
  void throw_first_bad_time() const;

  /// Checks a coordinate read from @p written: nothing when @p lo <= @p value <= @p hi (degrees).
  /// @throws ParseError out_of_range at @p node: "<what> <written, shortened> outside lo..hi".
  void check_range(double value, int lo, int hi, std::string_view written,
                   const pugi::xml_node& node, std::string_view what) const;

  /// Throws ParseError(code) located at @p node.
  [[noreturn]] void fail(ParseErrc code, const pugi::xml_node& node, std::string detail) const;

 private:
  std::string m_file;
  LineIndex m_lines;
  mutable TimestampParser m_times;  // remembers the last minute read: a cache, not state
  mutable std::optional<ParseError> m_first_bad_time;  // read_trackpoint_time()'s first
};

/// Fills each note's first_line from its first_offset (notes without an offset keep line 0).
void locate_notes(std::vector<Activity>& activities, const Locator& where);

/// Converts a document declared ISO-8859-1 / Latin-1 / Windows-1252 to UTF-8 in place and
/// rewrites its declaration to UTF-8, so byte offsets (and so line/column) match what the XML
/// parser sees. Other documents are left as they are.
void transcode_latin1(std::string& document);

/// A document cut short (an interrupted download or sync), as far as pugixml read it.
struct Truncation {
  ParseError error;            ///< what a file too short to keep is: malformed_xml, "truncated XML"
  std::ptrdiff_t offset = -1;  ///< where the document ends: its size (bytes)
};

/// Parses @p document in place with pugixml.
/// @return nullopt for a whole document; for one cut short (it does not end with its root's
///         end tag), the Truncation, @p doc holding what was parsed before the cut (pugixml
///         keeps it; the last element may be incomplete: salvage_truncated).
/// @throws ParseError malformed_xml with line/column for any other error.
std::optional<Truncation> load_in_place(pugi::xml_document& doc, std::string& document,
                                        const Locator& where);

/// Removes from @p root (a document cut short) the element the cut ended in, its values
/// incomplete (an attribute, a number or a time cut off): the last element in document order,
/// or the trackpoint holding it (an element named @p trackpoint: its other values are of the
/// same moment). Nothing when @p root has no element below it.
void drop_cut_element(pugi::xml_node root, std::string_view trackpoint);

/// Keeps the activities read from a document cut short when the samples of one span a minute
/// or more (min_salvage_span_ms), the last (the one the cut is in; those before it are whole)
/// with a file_damaged note at the cut; else throws.
/// @throws ParseError @p cut's error when no activity's samples span a minute.
void salvage_truncated(std::vector<Activity>& activities, const Truncation& cut,
                       const Locator& where);

/// Throws ParseError too_large at @p point when an activity already holds @p count trackpoints
/// and the limit is that many (call before adding each one, so the limit is checked while
/// parsing, before a huge list of points is built).
inline void check_trackpoint_limit(std::size_t count, std::size_t max_trackpoints,
                                   const Locator& loc, const pugi::xml_node& point) {
  if (count >= max_trackpoints)
    loc.fail(ParseErrc::too_large, point,
             "more than " + std::to_string(max_trackpoints) +
                 " trackpoints in one activity (raise it with --max-trackpoints)");
}

/// Trackpoints from @p first (a trackpoint element; none when null) to byte offset @p end of the
/// document, estimated from byte offsets so a builder can reserve them without a walk over the
/// tree to count them (that walk was 2 % of an audit): the bytes from @p first to @p end over
/// the bytes from @p first to its next sibling (the next trackpoint), plus 5 %. Never more than
/// one per 60 bytes (the shortest timed trackpoints: GPX 63 bytes, TCX 58), so a tiny first
/// point cannot make a huge reservation; an underestimate only means the vector grows.
/// @return the estimate; 0 when @p first is null or the offsets are not in order.
std::size_t estimated_points(const pugi::xml_node& first, std::ptrdiff_t end);

/// Parses a whole string as a double, correctly rounded (from_chars, or an exact fast path for
/// plain decimals of up to 19 digits; optional leading '+'). White space is not skipped: callers
/// pass trimmed text. "nan", "inf" and "infinity" (any case) are numbers here: callers
/// range-check, and a range check fails on them. A number beyond a double's range reads as
/// strtod reads it: +-infinity ("1e400"), +-0 ("1e-400"), so it is treated as "inf" or 0 are.
/// @return nullopt unless all of @p s is one number.
std::optional<double> to_double(std::string_view s) noexcept;

}  // namespace runaudit::io::detail
