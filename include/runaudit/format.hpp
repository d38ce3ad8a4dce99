#pragma once
/// @file
/// Display formatting shared by messages and reports (unit conversion happens only here and in
/// option parsing; docs/ARCHITECTURE.md, "Model and units").

#include <string>
#include <string_view>

namespace runaudit {

/// Display units.
enum class Units { metric, imperial };

inline constexpr double metres_per_mile = 1609.344;   ///< international mile
inline constexpr double feet_per_metre = 1 / 0.3048;  ///< international foot

/// "M:SS" below an hour, "H:MM:SS" from an hour, rounded to the second; e.g. 125 → "2:05".
std::string format_clock(double seconds);

/// Fixed-point text with @p decimals digits (locale-independent).
std::string format_fixed(double value, int decimals);

/// A pace given in s/km as "M:SS/km", or converted to "M:SS/mi" with Units::imperial.
std::string format_pace(double s_per_km, Units units);

/// A distance in m as "6.44 km" or "4.00 mi".
std::string format_distance(double metres, Units units);

/// A speed given in m/s as "25.2 km/h", or converted to "15.7 mph" with Units::imperial.
std::string format_speed(double m_per_s, Units units);

/// A climbing rate given in m/km as "10.0 m/km", or converted to "52.8 ft/mi".
std::string format_climb_rate(double m_per_km, Units units, int decimals = 1);

/// A heart rate: whole beats when it is one (145 → "145 bpm"), else to the tenth (a limit
/// derived from an anchor, 0.85 × 170 → "144.5 bpm": a heart rate of 145 is above it, which
/// "145 bpm" would hide).
std::string format_bpm(double bpm);

/// "km 3.1–3.6" (or "mi 1.9–2.2"): where a span lies along the run; to the hundredth where its
/// ends would read the same to the tenth ("km 2.46–2.55").
std::string format_span(double start_m, double end_m, Units units);

/// @return the code point of @p sequence, one well-formed UTF-8 sequence of 1-4 bytes (RFC 3629:
///         the caller has checked it; nothing is checked here).
constexpr char32_t code_point(std::string_view sequence) noexcept {
  const auto lead = static_cast<unsigned char>(sequence.front());
  char32_t cp = sequence.size() == 1 ? lead : lead & (0xFFu >> (sequence.size() + 1));
  for (std::size_t k = 1; k < sequence.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(sequence[k]) & 0x3Fu);
  return cp;
}

/// Whether code point @p cp is one of Unicode's bidirectional formatting characters (U+061C,
/// U+200E, U+200F, U+202A-U+202E, U+2066-U+2069): invisible, they turn the rest of a line
/// backwards in a terminal or a page ("Trojan Source", CVE-2021-42574).
constexpr bool is_bidi_control(char32_t cp) noexcept {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

/// Whether code point @p cp breaks a line though it is no ASCII control: the C1 controls
/// (U+0080-U+009F, NEL among them) and the line and paragraph separators U+2028, U+2029.
constexpr bool is_line_breaking(char32_t cp) noexcept {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

/// Whether code point @p cp shows nothing where it stands though it is no control: the soft
/// hyphen U+00AD, the zero-width U+200B-U+200D, U+2060-U+2064 and U+FEFF, the Hangul fillers
/// U+115F, U+1160, U+3164, U+FFA0, the Mongolian vowel separator U+180E and the interlinear
/// annotation marks U+FFF9-U+FFFB (Unicode's Default_Ignorable and format characters): a name
/// holding one reads as the name without it.
constexpr bool is_invisible(char32_t cp) noexcept {
  return cp == 0x00AD || cp == 0x115F || cp == 0x1160 || cp == 0x180E ||
         (cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0x3164 ||
         cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF9 && cp <= 0xFFFB);
}

/// Text safe for every report: invalid UTF-8 sequences become U+FFFD, control characters
/// (newlines, tabs, escape sequences; is_line_breaking: C1 controls, U+2028, U+2029) become
/// spaces, and bidirectional formatting characters (is_bidi_control) are removed, so a name from
/// a file can neither break a JSON/XML document nor a line of the text report, nor colour a
/// terminal or turn the rest of a line backwards.
std::string clean_text(std::string_view text);

}  // namespace runaudit
