// libFuzzer target: io::parse_gpx on arbitrary bytes. ParseError is the expected outcome of bad
// input; any other exception, a crash, a sanitizer report, a hang or a huge allocation is a bug.

#include <cstddef>
#include <cstdint>
#include <string>

#include "runaudit/io/error.hpp"
#include "runaudit/io/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string document(reinterpret_cast<const char*>(data), size);
  try {
    runaudit::io::parse_gpx(document, "fuzz.gpx");
  } catch (const runaudit::io::ParseError&) {
    // bad input, reported as it should be
  }
  return 0;
}
