#include "runaudit/io/error.hpp"
#include "runaudit/io/fit.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/io/read.hpp"

namespace runaudit::io {

std::vector<Activity> parse_document(std::string& document, const std::string& file,
                                     const ReadLimits& limits) {
  const auto fail = [&](ParseErrc code, std::string detail) -> std::vector<Activity> {
    throw ParseError(code, SourceLocation{file, 0, 0, -1}, std::move(detail));
  };
  switch (sniff(document)) {
    case DocumentKind::gpx:
      return parse_gpx(document, file, limits);
    case DocumentKind::tcx:
      return parse_tcx(document, file, limits);
    case DocumentKind::fit:
      return parse_fit(document, file, limits);
    case DocumentKind::empty:
      return fail(ParseErrc::empty_file, "empty file");
    case DocumentKind::html:
      return fail(ParseErrc::html_page, "an HTML page, not a GPX or TCX file (saved a web page?)");
    case DocumentKind::binary:
      return fail(ParseErrc::not_xml, "binary data, not a GPX or TCX file");
    case DocumentKind::text:
      return fail(ParseErrc::not_xml, "not XML (does not start with '<')");
    case DocumentKind::unknown_xml:
      break;
  }
  // Not recognisably GPX or TCX from its start: let the XML parser say whether it is XML at
  // all (with a line number) and, if it is, name the root element.
  return parse_gpx(document, file, limits);
}

std::vector<Activity> read_activities(const std::string& path, const ReadLimits& limits) {
  // One document buffer per thread, reused from file to file (read_document); one that grew
  // past 4 MiB for a long run is given back, not kept for the rest of the batch (memory: -j2
  // would hold two of the largest files' buffers on top of whatever the next files need).
  thread_local std::string document;
  if (document.capacity() > (std::size_t{4} << 20)) std::string().swap(document);
  read_document(path, document, limits);
  std::vector<Activity> activities = parse_document(document, path, limits);
  if (document.capacity() > (std::size_t{4} << 20)) std::string().swap(document);
  return activities;
}

}  // namespace runaudit::io
