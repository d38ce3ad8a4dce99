// libFuzzer target: the whole per-file pipeline on arbitrary bytes: io::parse_document, then
// for every activity audit::audit_activity (signal::prepare, resolved default limits, the
// judge) with every sport audited and the chart series built. Parsed-but-weird files (NaN-free
// but extreme numbers, duplicate or far-apart timestamps, huge jumps) reach the signal code
// here. ParseError is the expected outcome of bad input; anything else is a bug.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/io/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string document(reinterpret_cast<const char*>(data), size);
  std::vector<runaudit::Activity> activities;
  try {
    activities = runaudit::io::parse_document(document, "fuzz");
  } catch (const runaudit::io::ParseError&) {
    return 0;  // bad input, reported as it should be
  }
  const runaudit::audit::Selection every_sport{.any_sport = true};
  for (const runaudit::Activity& activity : activities)
    runaudit::audit::audit_activity(activity, "fuzz", every_sport, {}, nullptr, std::nullopt, {},
                                    /*with_series=*/true);
  return 0;
}
