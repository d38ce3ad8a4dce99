#pragma once
/// @file
/// The error a file that cannot be used raises: a code, where (file, line, column, byte offset)
/// and a one-line reason a user understands (docs/ARCHITECTURE.md, "Errors").

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace runaudit::io {

/// Why a file could not be used.
enum class ParseErrc {
  io,                ///< cannot open or read the file
  too_large,         ///< bigger than the size limit (compressed or inflated)
  bad_gzip,          ///< `.gz` data that zlib cannot inflate (corrupt), or cut short where what
                     ///< precedes the cut cannot be decoded
  empty_file,        ///< no bytes, or only white space
  not_xml,           ///< binary or text that is not XML
  html_page,         ///< an HTML page (e.g. a login page saved as .gpx)
  malformed_xml,     ///< XML that is not well-formed (truncated, mismatched tags, ...)
  wrong_root,        ///< well-formed XML whose root is neither <gpx> nor <TrainingCenterDatabase>
  missing_element,   ///< a required element or attribute is missing (e.g. trkpt without lat)
  bad_number,        ///< a number that is not a number ("abc", "12,5")
  out_of_range,      ///< a number outside its valid range (latitude 123)
  bad_timestamp,     ///< an impossible or unreadable date-time where one is required
  no_timestamps,     ///< a recording with nothing timed (an activity of untimed trackpoints)
  not_found,         ///< a path given that does not exist
  bad_csv,           ///< a CSV file that is not CSV (an unterminated quote, no header row)
  bad_value,         ///< a value in a CSV or results file that is not valid for its column
  bad_results,       ///< a results (JSONL) line runaudit did not write
  bad_fit,           ///< a FIT file too damaged to use (truncated, garbage, hostile
                     ///< definitions) with nothing usable before the damage
  not_an_activity,   ///< a valid file that holds no activity: a FIT course, workout, settings
                     ///< or other file type, a GPX route, waypoints, untimed track or metadata
                     ///< only, a TCX course (detail says which); batches list it as skipped
  bad_archive,       ///< an archive or member that cannot be read safely: truncated, corrupt
                     ///< directory, overlapping members, unsafe name, unsupported compression
  encrypted,         ///< an encrypted archive member (runaudit asks for no passphrase)
  nothing_to_audit,  ///< a folder or archive given that holds no activity file nor export
                     ///< index (an empty upload: a job must not pass it as all clear)
};

/// @return the snake_case name of @p code, e.g. "malformed_xml".
std::string_view to_string(ParseErrc code) noexcept;

struct Diagnostic;

/// Where in a file an error was found. Line and column are 1-based (column counts bytes);
/// 0 means unknown. offset is the byte offset in the (inflated) document, -1 if unknown.
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::ptrdiff_t offset = -1;
};

/// An unusable input. what() is `file:line:column: code: detail` (line and column omitted when
/// unknown; `file (byte N): code: detail` for a byte offset without a line), a compiler-style
/// location editors can jump to.
class ParseError : public std::runtime_error {
 public:
  /// @param code    why
  /// @param where   file and position
  /// @param detail  one-line reason without the location, e.g. "truncated XML"
  ParseError(ParseErrc code, SourceLocation where, std::string detail);

  ParseErrc code() const noexcept { return m_code; }
  const SourceLocation& where() const noexcept { return m_where; }
  /// @return the one-line reason without the location prefix.
  const std::string& detail() const noexcept { return m_detail; }
  /// @return the report record of this error (to_diagnostic).
  Diagnostic diagnostic() const;

 private:
  ParseErrc m_code;
  SourceLocation m_where;
  std::string m_detail;
};

}  // namespace runaudit::io

namespace runaudit::io {

/// What every input that could not be used becomes (activity files, archive members, the
/// athletes file, results files, config files, discovery), as reports list it. The one record
/// of a problem with an input (docs/ARCHITECTURE.md, "Errors").
struct Diagnostic {
  std::string source;          ///< display name: a path, or `export.zip!activities/1.fit.gz`
  std::string code;            ///< ParseErrc name, e.g. "malformed_xml"
  std::string message;         ///< one line without the location, e.g. "truncated XML"
  std::size_t line = 0;        ///< 1-based (text formats); 0 when unknown
  std::size_t column = 0;      ///< 1-based, in bytes; 0 when unknown
  std::ptrdiff_t offset = -1;  ///< byte offset (binary formats: FIT); -1 when unknown or when
                               ///< line and column say where
};

/// @return the report record of @p error (texts made safe for every report with clean_text).
Diagnostic to_diagnostic(const ParseError& error);

/// @return whether @p d is an input given that held nothing to audit
///         (ParseErrc::nothing_to_audit: an empty upload), which reports count apart from the
///         inputs that could not be read.
bool holds_nothing(const Diagnostic& d) noexcept;

/// @return where in its source @p d lies, to follow the source's name: ":LINE:COLUMN" (":LINE"
///         without a column) compiler-style, e.g. "run.gpx:812:3"; " (byte N)" for a byte
///         offset without a line; "" when unknown.
std::string position(const Diagnostic& d);

/// @return "SOURCE[POSITION]: MESSAGE", the one line a user reads (the code left out), e.g.
///         "athletes.csv:2: bad threshold_pace '7:75'". A source name containing ": " is kept
///         whole.
std::string describe(const Diagnostic& d);

}  // namespace runaudit::io
