// libFuzzer target: the whole per-file pipeline on arbitrary bytes: io::parse_document, then
// for every activity audit::audit_activity (signal::prepare, default limits, the judge) with
// every sport audited and the chart series built, then the runs written in every report
// format. Files that parse but are weird (extreme values, sub-millisecond or century-long
// steps, huge jumps, channels that come and go) reach the signal code, the rules and the
// writers' charts here. ParseError is the expected outcome of bad input; anything else is a bug.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/report/writer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string document(reinterpret_cast<const char*>(data), size);
  std::vector<runaudit::Activity> activities;
  try {
    activities = runaudit::io::parse_document(document, "fuzz");
  } catch (const runaudit::io::ParseError&) {
    return 0;  // bad input, reported as it should be
  }
  const runaudit::audit::Selection every_sport{.any_sport = true};
  std::vector<runaudit::audit::RunRecord> runs;
  for (const runaudit::Activity& activity : activities)
    runs.push_back(runaudit::audit::audit_activity(activity, "fuzz", every_sport, {}, nullptr,
                                                   std::nullopt, {}, /*with_series=*/true));
  std::ostringstream report;
  for (const std::string_view format : runaudit::report::formats)
    runaudit::report::write_report(format, report, {}, runs, {});
  return 0;
}
