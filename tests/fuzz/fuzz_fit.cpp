// libFuzzer target: io::parse_fit on arbitrary bytes (seeds: the FIT files of tests/data/fit,
// the SDK-encoded runs, and cut or patched copies of them made by scripts/fuzz.sh).
// ParseError is the expected outcome of bad input; any other exception, a crash, a sanitizer
// report, a hang or a huge allocation is a bug, and so is an activity whose samples are not
// strictly increasing in time.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "runaudit/io/error.hpp"
#include "runaudit/io/fit.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    for (const runaudit::Activity& a : runaudit::io::parse_fit(bytes, "fuzz.fit"))
      for (std::size_t i = 1; i < a.samples.size(); ++i)
        if (a.samples[i].time_ms <= a.samples[i - 1].time_ms) std::abort();
  } catch (const runaudit::io::ParseError&) {
    // bad input, reported as it should be
  }
  return 0;
}
