// libFuzzer target: the gzip container's opener on arbitrary bytes (io::gunzip's inflation,
// keeping what precedes a cut as read_activities does), then what the inflated document holds
// (io::parse_document: sniff, then the GPX, TCX or FIT decoder). ParseError is the expected outcome
// of bad input; any other exception, a crash, a sanitizer report, a hang or a huge allocation (a
// gzip bomb beyond io::max_document_bytes) is a bug.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "runaudit/io/error.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/io/read.hpp"
#include "runaudit/io/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string file = "fuzz.gpx.gz";
  try {
    std::string document(reinterpret_cast<const char*>(data), size);
    static const runaudit::io::Container* gzip = runaudit::io::container_named("gzip");
    if (!gzip->recognises(document)) return 0;
    (void)gzip->open(document, file, {});
    runaudit::io::parse_document(document, file);
  } catch (const runaudit::io::ParseError&) {
    // bad input, reported as it should be
  }
  return 0;
}
