#include "xml.hpp"

#include <algorithm>
#include <bit>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "activity_builder.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace runaudit::io::detail {
namespace {

constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string quoted(std::string_view s) {
  return "'" + shortened(s) + "'";
}

}  // namespace

std::string shortened(std::string_view s) {
  constexpr std::size_t max_shown = 40;
  if (s.size() <= max_shown) return std::string(s);
  // Cut before a UTF-8 continuation byte, never inside a character.
  std::size_t cut = max_shown;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view local_name(const pugi::xml_node& node) noexcept {
  // One pass finds both the end and the last ':' (strlen then rfind was 5% of an audit).
  const char* const name = node.name();
  const char* local = name;
  const char* p = name;
  for (; *p; ++p)
    if (*p == ':') local = p + 1;
  return {local, static_cast<std::size_t>(p - local)};
}

bool is(const pugi::xml_node& node, std::string_view name) noexcept {
  return node.type() == pugi::node_element && local_name(node) == name;
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) noexcept {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (is(c, name)) return c;
  return {};
}

std::string_view text(const pugi::xml_node& node) noexcept {
  // load_in_place embeds an element's leading PCDATA in the element (parse_embed_pcdata).
  if (const char* embedded = node.value(); *embedded) return trim(embedded);
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) return trim(c.value());
  return {};
}

LineIndex::LineIndex(std::string_view document) {
  // Pretty-printed exports have a line per element (ten per Garmin trackpoint): a list of their
  // positions cost 4.7% of a whole audit (callgrind), this bit set a fifth of that. With SSE2
  // (every x86-64) 16 bytes are compared at once and movemask gives their 16 bits.
  const char* const data = document.data();
  const std::size_t n = document.size();
  m_newline_bits.assign((n + 63) / 64, 0);
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  const auto bits16 = [&](std::size_t at) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
    return static_cast<std::uint64_t>(
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, newline))));
  };
  for (; i + 64 <= n; i += 64)
    m_newline_bits[i / 64] =
        bits16(i) | bits16(i + 16) << 16 | bits16(i + 32) << 32 | bits16(i + 48) << 48;
#endif
  for (; i < n; ++i)
    if (data[i] == '\n') m_newline_bits[i / 64] |= std::uint64_t{1} << (i % 64);
}

namespace {

// The bits of @p word below bit @p n (n < 64).
constexpr std::uint64_t below(std::uint64_t word, std::size_t n) noexcept {
  return word & ((std::uint64_t{1} << n) - 1);
}

constexpr std::size_t ones(std::uint64_t word) noexcept {
  return static_cast<std::size_t>(std::popcount(word));
}

}  // namespace

// Built twice where the target allows (an ifunc picks one at load time): with the POPCNT
// instruction, and for x86-64 CPUs without it (the Debian baseline), where std::popcount is a
// call to libgcc's table lookup (1 % of a whole audit, perf: the first lookup counts every word).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__GLIBC__)
[[gnu::target_clones("popcnt", "default")]]  // needs ifunc: glibc (not musl, not MinGW)
#endif
std::size_t
LineIndex::line(std::ptrdiff_t offset) const {
  if (offset < 0) return 0;
  if (m_block_newlines.empty()) {
    const std::size_t words = m_newline_bits.size(), blocks = words / block_words + 1;
    m_block_newlines.resize(blocks);
    std::size_t total = 0;
    for (std::size_t b = 0; b < blocks; ++b) {
      m_block_newlines[b] = total;
      for (std::size_t w = b * block_words; w < std::min((b + 1) * block_words, words); ++w)
        total += ones(m_newline_bits[w]);
    }
  }
  const auto off = std::min(static_cast<std::size_t>(offset), m_newline_bits.size() * 64);
  const std::size_t word = off / 64, block = word / block_words;
  std::size_t newlines = m_block_newlines[block];
  for (std::size_t w = block * block_words; w < word; ++w) newlines += ones(m_newline_bits[w]);
  if (off % 64 != 0) newlines += ones(below(m_newline_bits[word], off % 64));
  return newlines + 1;
}

std::size_t LineIndex::column(std::ptrdiff_t offset) const {
  if (offset < 0) return 0;
  const auto off = static_cast<std::size_t>(offset);
  // The last newline before off: back word by word from off's own word (lines are short; a
  // document on one line is scanned once per column asked, which only errors and notes do).
  std::size_t w = std::min(off / 64, m_newline_bits.size());
  std::uint64_t bits = w < m_newline_bits.size() ? below(m_newline_bits[w], off % 64) : 0;
  while (bits == 0 && w > 0) bits = m_newline_bits[--w];
  if (bits == 0) return off + 1;  // on the first line
  const std::size_t line_start =
      w * 64 + (63 - static_cast<std::size_t>(std::countl_zero(bits))) + 1;
  return off - line_start + 1;
}

std::size_t estimated_points(const pugi::xml_node& first, std::ptrdiff_t end) {
  if (!first) return 0;
  const pugi::xml_node second = first.next_sibling();
  const std::ptrdiff_t start = first.offset_debug();
  const std::ptrdiff_t point_bytes = second ? second.offset_debug() - start : end - start;
  if (start < 0 || end <= start || point_bytes <= 0) return 0;
  const auto span = static_cast<std::size_t>(end - start);
  const std::size_t estimate =
      span / static_cast<std::size_t>(std::max<std::ptrdiff_t>(point_bytes, 60));
  return estimate + estimate / 20 + 1;
}

SourceLocation Locator::at_offset(std::ptrdiff_t offset) const {
  return SourceLocation{m_file, m_lines.line(offset), m_lines.column(offset), offset};
}

SourceLocation Locator::at(const pugi::xml_node& node) const {
  // offset_debug() points at the element name; step back over '<' to the tag's start.
  std::ptrdiff_t offset = node.offset_debug();
  if (offset > 0 && node.type() == pugi::node_element) --offset;
  return at_offset(offset);
}

void Locator::fail(ParseErrc code, const pugi::xml_node& node, std::string detail) const {
  throw ParseError(code, at(node), std::move(detail));
}

namespace {

// Clinger's fast path (W. D. Clinger, "How to read floating point numbers accurately", PLDI
// 1990): a plain decimal "[-]digits[.digits]" whose digits, read as an integer m, stay below
// 2^53 and that has k <= 22 digits after the point equals m / 10^k, where both are exact doubles,
// so the one IEEE division is correctly rounded: exactly what from_chars returns. Coordinates,
// elevations and heart rates are such numbers; anything else (exponents, 20+ digits) is left to
// from_chars. Measured with callgrind: a third of from_chars' instructions on GPX coordinates.
// The one division must round once, in double: no x87 extended intermediate precision.
static_assert(FLT_EVAL_METHOD == 0, "plain_decimal needs double arithmetic evaluated in double");

// Where long double is the x87 format (64-bit significand), the same holds one step further for
// 16 to 19 digits, m < 2^64, such as the exact float32 elevations Garmin Connect writes
// ("355.399993896484375", a third of all numbers in its GPX files): m and 10^k (k <= 19) are
// exact long doubles, so q = m / 10^k is the quotient rounded once to 64 bits. Rounding q to a
// double gives the correctly rounded double of m / 10^k unless q is exactly halfway between two
// doubles: no 64-bit value lies strictly between the quotient and q, so no halfway point can
// either. Those q (the 11 bits below a double's 53 read 10000000000) are left to from_chars.
#if (defined(__x86_64__) || defined(__i386__)) && LDBL_MANT_DIG == 64
constexpr bool extended_path = true;
#else
constexpr bool extended_path = false;
#endif

std::optional<double> extended_quotient(std::uint64_t m, std::size_t fraction_digits) noexcept {
  if constexpr (extended_path) {
    static constexpr long double powers_of_ten[] = {1e0L,  1e1L,  1e2L,  1e3L,  1e4L,  1e5L,  1e6L,
                                                    1e7L,  1e8L,  1e9L,  1e10L, 1e11L, 1e12L, 1e13L,
                                                    1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L};
    const long double q = static_cast<long double>(m) / powers_of_ten[fraction_digits];
    std::uint64_t significand;  // x87: the first 8 bytes, explicit integer bit included
    std::memcpy(&significand, &q, sizeof significand);
    if ((significand & 0x7FF) == 0x400) return std::nullopt;
    return static_cast<double>(q);
  } else {
    return std::nullopt;
  }
}

std::optional<double> plain_decimal(std::string_view s) noexcept {
  // Exact doubles up to 10^22; at most 19 digits are read, so 10^19 is the largest needed.
  static constexpr double powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,
                                             1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13,
                                             1e14, 1e15, 1e16, 1e17, 1e18, 1e19};
  const char* p = s.data();
  const char* const end = p + s.size();
  const bool negative = p != end && *p == '-';
  p += negative;
  // One loop over digits and the point: its single exit is one branch misprediction per number
  // instead of two (half the time per number, measured on Garmin trackpoints' five numbers).
  std::uint64_t m = 0;
  const char* const first = p;
  const char* point = nullptr;
  for (; p != end; ++p) {
    const unsigned digit = static_cast<unsigned char>(*p) - unsigned{'0'};
    if (digit < 10)
      m = m * 10 + digit;
    else if (*p == '.' && !point)
      point = p;
    else
      return std::nullopt;  // an exponent, a second point, junk: from_chars decides
  }
  const std::size_t digits = static_cast<std::size_t>(p - first) - (point ? 1 : 0);
  const std::size_t fraction_digits = point ? static_cast<std::size_t>(p - point - 1) : 0;
  // Up to 19 digits cannot overflow 64 bits.
  if (digits == 0 || digits > 19) return std::nullopt;
  std::optional<double> value;
  if (m <= (std::uint64_t{1} << 53))  // m is an exact double
    value = static_cast<double>(m) / powers_of_ten[fraction_digits];
  else
    value = extended_quotient(m, fraction_digits);
  if (value && negative) *value = -*value;
  return value;
}

// What strtod gives text that std::from_chars matched whole but found beyond a double's range
// (it then leaves the value unset): +-infinity above the largest double, +-0 below the smallest,
// told apart by the decimal exponent of the first nonzero digit ("1e400", "9" x 400 digits:
// above; "1e-400", "0.<400 zeros>1": below). @p s: [-]digits[.digits][(e|E)[+-]digits].
double beyond_range(std::string_view s) noexcept {
  const bool negative = !s.empty() && s.front() == '-';
  std::size_t i = negative ? 1 : 0;
  std::int64_t integer_digits = 0;  // from the first nonzero digit before the point
  std::int64_t leading_zeros = 0;   // after the point, before the first nonzero digit
  bool nonzero = false, point = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '.') {
      point = true;
    } else if (c < '0' || c > '9') {
      break;
    } else if (!point) {
      if (nonzero || c != '0') ++integer_digits, nonzero = true;
    } else if (!nonzero) {
      if (c == '0')
        ++leading_zeros;
      else
        nonzero = true;
    }
  }
  std::int64_t exponent = integer_digits > 0 ? integer_digits - 1 : -(leading_zeros + 1);
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    const bool below = i < s.size() && s[i] == '-';
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::int64_t e = 0;  // saturated: only its sign against the digits' matters
    for (; i < s.size(); ++i)
      e = std::min<std::int64_t>(e * 10 + (s[i] - '0'), std::int64_t{1} << 40);
    exponent += below ? -e : e;
  }
  const double magnitude = exponent > 0 ? std::numeric_limits<double>::infinity() : 0.0;
  return negative ? -magnitude : magnitude;
}

}  // namespace

std::optional<double> to_double(std::string_view s) noexcept {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) return std::nullopt;  // "+-45"
  }
  if (s.empty()) return std::nullopt;
  if (const auto fast = plain_decimal(s)) return fast;
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (end != s.data() + s.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) return beyond_range(s);
  if (ec != std::errc{}) return std::nullopt;
  return value;
}

namespace {

// The number in @p t (nullopt when empty); bad_number at @p owner for text that is not one,
// and for NaN or an infinity when @p finite.
std::optional<double> checked_number(std::string_view t, const pugi::xml_node& owner,
                                     std::string_view what, bool finite, const Locator& loc) {
  if (t.empty()) return std::nullopt;
  const auto value = to_double(t);
  if (!value || (finite && !std::isfinite(*value)))
    loc.fail(ParseErrc::bad_number, owner,
             std::string(what) + (value ? " is not a finite number: " : " is not a number: ") +
                 quoted(t));
  return value;
}

}  // namespace

std::optional<double> Locator::number(const pugi::xml_node& node, std::string_view what) const {
  return node ? checked_number(text(node), node, what, false, *this) : std::nullopt;
}

std::optional<double> Locator::finite_number(const pugi::xml_node& node,
                                             std::string_view what) const {
  return node ? checked_number(text(node), node, what, true, *this) : std::nullopt;
}

void Locator::check_range(double value, int lo, int hi, std::string_view written,
                          const pugi::xml_node& node, std::string_view what) const {
  if (value < lo || value > hi)
    fail(ParseErrc::out_of_range, node,
         std::string(what) + " " + shortened(trim(written)) + " outside " + std::to_string(lo) +
             ".." + std::to_string(hi));
}

std::optional<double> Locator::finite_number(const pugi::xml_attribute& attr,
                                             const pugi::xml_node& owner,
                                             std::string_view what) const {
  return attr ? checked_number(trim(attr.value()), owner, what, true, *this) : std::nullopt;
}

namespace {

// GPSBabel writes an unknown time as Unix time -2^31 s (the smallest 32-bit time_t):
// 1901-12-13T20:45:52Z, with its fraction of a second or not. No recording is from that second.
constexpr std::int64_t gpsbabel_no_time_ms = -2'147'483'648'000;

std::optional<ParsedTime> checked_time(std::string_view t, const pugi::xml_node& owner,
                                       TimestampParser& parser, const Locator& loc) {
  if (t.empty()) return std::nullopt;
  const auto parsed = parser.parse(t);
  if (!parsed)
    loc.fail(ParseErrc::bad_timestamp, owner, "impossible or unreadable time " + quoted(t));
  if (parsed->utc_ms >= gpsbabel_no_time_ms && parsed->utc_ms < gpsbabel_no_time_ms + 1000)
    return std::nullopt;
  return parsed;
}

}  // namespace

// True when the last tag of the document is an end tag of gpx or TrainingCenterDatabase.
bool ends_with_root_end_tag(std::string_view doc) {
  doc = trim(doc);
  if (doc.empty() || doc.back() != '>') return false;
  const std::size_t open = doc.rfind("</");
  if (open == std::string_view::npos) return false;
  std::string_view name = trim(doc.substr(open + 2, doc.size() - open - 3));
  if (const auto colon = name.rfind(':'); colon != std::string_view::npos)
    name.remove_prefix(colon + 1);
  return name == "gpx" || name == "TrainingCenterDatabase";
}

std::optional<ParsedTime> Locator::time(const pugi::xml_node& node) const {
  return checked_time(text(node), node, m_times, *this);
}

std::optional<ParsedTime> Locator::time(const pugi::xml_attribute& attr,
                                        const pugi::xml_node& owner) const {
  return checked_time(trim(attr.value()), owner, m_times, *this);
}

void Locator::read_trackpoint_time(const pugi::xml_node& node, RawPoint& point) const {
  try {
    if (const auto t = time(node)) {
      point.time_ms = t->utc_ms;
      point.time_had_zone = t->had_zone;
      point.utc_offset_s = t->utc_offset_s;
    }
  } catch (const ParseError& e) {
    point.time_unreadable = true;
    if (!m_first_bad_time) m_first_bad_time = e;
  }
}

void Locator::throw_first_bad_time() const {
  if (m_first_bad_time) throw *m_first_bad_time;
}

void transcode_latin1(std::string& document) {
  // Only the XML declaration can declare a non-UTF-8 encoding; look at it (up to "?>").
  const std::size_t decl_end = document.find("?>");
  if (document.compare(0, 5, "<?xml") != 0 || decl_end == std::string::npos) return;
  std::string decl = document.substr(0, decl_end);
  for (char& c : decl) c = c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
  const bool latin1 =
      decl.find("iso-8859-1") != std::string::npos || decl.find("latin1") != std::string::npos ||
      decl.find("latin-1") != std::string::npos || decl.find("windows-1252") != std::string::npos;
  if (!latin1) return;
  std::string out;
  out.reserve(document.size() + document.size() / 8);
  out += R"(<?xml version="1.0" encoding="UTF-8")";
  // Keep line numbers: the old declaration's line breaks stay in the new one, as white space.
  out.append(static_cast<std::size_t>(std::count(decl.begin(), decl.end(), '\n')), '\n');
  for (std::size_t i = decl_end; i < document.size(); ++i) {
    const auto c = static_cast<unsigned char>(document[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {  // U+0080..U+00FF as two UTF-8 bytes (Windows-1252's 0x80–0x9F read as Latin-1)
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  document = std::move(out);
}

std::optional<Truncation> load_in_place(pugi::xml_document& doc, std::string& document,
                                        const Locator& where) {
  // No EOL normalisation or attribute white-space conversion: we trim values ourselves, and the
  // buffer then keeps its line structure for offset_debug().
  // PCDATA embedded in its element (pugixml >= 1.9): 4 fewer nodes per GPX trackpoint, which
  // measured 30% less memory for the parsed document and 10% less time (scripts/bench.sh).
  constexpr unsigned options = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_embed_pcdata;
  const bool ends_with_root_close = ends_with_root_end_tag(document);
  const pugi::xml_parse_result result =
      doc.load_buffer_inplace(document.data(), document.size(), options, pugi::encoding_auto);
  if (result) {
    // pugixml accepts several top-level elements; XML does not (two files joined by `cat`).
    std::size_t roots = 0;
    for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling())
      if (n.type() == pugi::node_element && ++roots == 2)
        where.fail(ParseErrc::malformed_xml, n,
                   "content after the root element (two documents joined into one file?)");
    return std::nullopt;
  }
  const auto offset = static_cast<std::ptrdiff_t>(result.offset);
  if (ends_with_root_close)
    throw ParseError(ParseErrc::malformed_xml, where.at_offset(offset),
                     std::string("malformed XML: ") + result.description());
  // A document that does not end with its root's end tag was cut short (an interrupted
  // download or sync); say so rather than quoting the parser's symptom.
  return Truncation{ParseError(ParseErrc::malformed_xml, where.at_offset(offset),
                               "truncated XML (the document ends before its root element is "
                               "closed)"),
                    static_cast<std::ptrdiff_t>(document.size())};
}

void drop_cut_element(pugi::xml_node root, std::string_view trackpoint) {
  // The last element in document order: the last child element, again and again (iterative:
  // a hostile document nests deeply).
  pugi::xml_node cut;
  for (pugi::xml_node n = root.last_child(); n;) {
    while (n && n.type() != pugi::node_element) n = n.previous_sibling();
    if (!n) break;
    cut = n;
    n = n.last_child();
  }
  if (!cut) return;
  for (pugi::xml_node a = cut; a && a != root; a = a.parent())
    if (is(a, trackpoint)) cut = a;
  cut.parent().remove_child(cut);
}

void salvage_truncated(std::vector<Activity>& activities, const Truncation& cut,
                       const Locator& where) {
  if (std::none_of(activities.begin(), activities.end(), worth_salvaging)) throw cut.error;
  // The cut is in the last activity of the document: those before it are whole.
  Activity& a = activities.back();
  a.notes.push_back(Note{NoteCode::file_damaged, 1, where.line_at(cut.offset),
                         "file cut short at byte " + std::to_string(cut.offset) +
                             " (the XML ends before its root element is closed): kept the " +
                             std::to_string(a.trackpoints) + " trackpoints before it",
                         cut.offset});
}

void locate_notes(std::vector<Activity>& activities, const Locator& where) {
  for (Activity& a : activities)
    for (Note& n : a.notes) n.first_line = where.line_at(n.first_offset);
}

}  // namespace runaudit::io::detail
