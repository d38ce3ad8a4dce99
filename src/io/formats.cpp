#include <functional>
#include <optional>

#include "export_index.hpp"
#include "names.hpp"
#include "openers.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/io/fit.hpp"
#include "runaudit/io/format.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/io/read.hpp"

namespace runaudit::io {
namespace {

std::vector<Activity> decode_fit(std::string& bytes, const std::string& source,
                                 const ReadLimits& limits) {
  return parse_fit(bytes, source, limits);
}

// A name that says FIT (`.fit`, `.fit.gz`, in any case, an archive member's too). Formats are
// told by their bytes; the name only words the error for bytes no format recognises.
bool named_fit(std::string_view file) {
  return detail::ends_with_icase(file, ".fit") || detail::ends_with_icase(file, ".fit.gz");
}

// The start of the error for a file named .fit or .fit.gz whose bytes are no FIT (for a .fit.gz,
// the bytes as given or as gzip inflated them: gzip is undone before the document is read).
std::string not_fit(std::string_view file) {
  return detail::ends_with_icase(file, ".gz") ? "no FIT file, gzipped or not" : "not a FIT file";
}

}  // namespace

const std::vector<FormatDecoder>& formats() {
  static const std::vector<FormatDecoder> registry{
      {Format::gpx, DocumentKind::gpx, parse_gpx},
      {Format::tcx, DocumentKind::tcx, parse_tcx},
      {Format::fit, DocumentKind::fit, decode_fit},
  };
  return registry;
}

const FormatDecoder* format_of(DocumentKind kind) noexcept {
  for (const FormatDecoder& f : formats())
    if (f.kind == kind) return &f;
  return nullptr;
}

std::vector<Activity> parse_document(std::string& document, const std::string& file,
                                     const ReadLimits& limits) {
  const DocumentKind kind = sniff(document);  // once: the registry is keyed by what it says
  if (const FormatDecoder* format = format_of(kind)) return format->decode(document, file, limits);
  const auto fail = [&](ParseErrc code, std::string detail) -> std::vector<Activity> {
    throw ParseError(code, SourceLocation{file, 0, 0, -1}, std::move(detail));
  };
  switch (kind) {
    case DocumentKind::empty:  // a .gz of nothing inflates to nothing
      return fail(ParseErrc::empty_file, detail::ends_with_icase(file, ".gz")
                                             ? "empty file once inflated (the gzip holds no data)"
                                             : "empty file");
    case DocumentKind::html:
      return fail(ParseErrc::html_page,
                  "an HTML page, not a GPX, TCX or FIT file (saved a web page?)");
    case DocumentKind::binary:
      // gzip in what a gzip inflated to: read_source opens a container once (as gzip -d).
      if (detail::gzip_container().recognises(document))
        return fail(named_fit(file) ? ParseErrc::bad_fit : ParseErrc::not_xml,
                    "gzip data inside the gzip (compressed twice)");
      // A FIT header is 12 bytes at least ("FIT Protocol" §3.2): a shorter file cannot show
      // its ".FIT" signature (a .fit cut short in a download).
      if (document.size() < 12)
        return fail(named_fit(file) ? ParseErrc::bad_fit : ParseErrc::not_xml,
                    "binary data, not a GPX, TCX or FIT file (" + std::to_string(document.size()) +
                        " bytes: too short even for a FIT header of 12)");
      if (named_fit(file))
        return fail(ParseErrc::bad_fit,
                    not_fit(file) + ": binary data without the '.FIT' signature at bytes 8-11");
      return fail(ParseErrc::not_xml, "binary data, not a GPX, TCX or FIT file");
    case DocumentKind::text:
      if (named_fit(file))
        return fail(ParseErrc::bad_fit,
                    not_fit(file) + (document.size() < 12
                                         ? ": " + std::to_string(document.size()) +
                                               " bytes of text, too short even for a FIT header"
                                         : ": text, without the '.FIT' signature at bytes 8-11"));
      return fail(ParseErrc::not_xml, "not XML (does not start with '<')");
    default:
      break;
  }
  // XML no format recognises from its start: let the XML parser say whether it is XML at all
  // (with a line number) and, if it is, name the root element.
  return parse_gpx(document, file, limits);
}

namespace {

// read_activities, with the hash of the bytes decoded when @p content_hash is given.
std::vector<Activity> read_and_decode(const Source& source, const ReadLimits& limits,
                                      std::uint64_t* content_hash) {
  // One buffer per thread, reused from source to source (read_source); one that grew past
  // 4 MiB for a long run is given back, not kept for the rest of the batch (memory: -j2 would
  // hold two of the largest files' buffers on top of whatever the next files need).
  thread_local std::string bytes;
  if (bytes.capacity() > (std::size_t{4} << 20)) std::string().swap(bytes);
  const std::optional<std::string> cut = read_source(source, bytes, limits);
  const std::size_t kept = bytes.size();
  // Before decoding: the XML decoders parse the bytes in place.
  if (content_hash) *content_hash = std::hash<std::string_view>{}(bytes);
  std::vector<Activity> activities;
  try {
    activities = parse_document(bytes, source.name, limits);
  } catch (const ParseError& e) {
    if (!cut) throw;
    throw ParseError(in_cut_archive(source) ? ParseErrc::bad_archive : ParseErrc::bad_gzip,
                     e.where(), *cut + "; what precedes the cut is no run to audit: " + e.detail());
  }
  // A `.gz` cut short, a member a zip cut short ends inside: its document's decoder kept what
  // precedes the cut (a FIT or XML document cut too says so itself, file_damaged); the note
  // tells that the file ends early even where the document in it looks whole (only the gzip
  // trailer, or a chained file, lost).
  if (cut && !activities.empty())
    activities.back().notes.push_back(Note{NoteCode::compressed_truncated, 1, 0,
                                           *cut + ": what followed is lost",
                                           static_cast<std::ptrdiff_t>(kept)});
  // An export's name and type are what the athlete chose: they replace the file's own.
  for (Activity& a : activities) detail::apply_export(source, a, activities.size());
  if (bytes.capacity() > (std::size_t{4} << 20)) std::string().swap(bytes);
  return activities;
}

}  // namespace

std::vector<Activity> read_activities(const Source& source, const ReadLimits& limits) {
  return read_and_decode(source, limits, nullptr);
}

std::vector<Activity> read_activities(const Source& source, const ReadLimits& limits,
                                      std::uint64_t& content_hash) {
  return read_and_decode(source, limits, &content_hash);
}

std::vector<Activity> read_activities(const std::string& path, const ReadLimits& limits) {
  Source source;
  source.name = source.path = path;
  return read_activities(source, limits);
}

}  // namespace runaudit::io
