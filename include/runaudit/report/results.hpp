#pragma once
/// @file
/// Reading audit results back from JSONL (`--format jsonl`), so that shards audited on several
/// machines can be merged into one report of any format (`runaudit report`).

#include <istream>
#include <string>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/io/error.hpp"

namespace runaudit::report {

/// Runs and errors read from results files.
struct Results {
  std::vector<audit::RunRecord> runs;
  std::vector<io::FileError> errors;

  /// Sorts runs by (file, activity_index) and errors by file, the order of a single audit, and
  /// drops repeats of the same run or file (results read twice).
  void sort();
};

/// Appends the records of one JSONL results stream to @p results. Lines are the objects
/// `--format jsonl` writes (`"record": "run"` or `"error"`, `schema_version` 1); blank lines
/// are skipped.
/// @param in    the stream.  @param name  its name, for errors.
/// Every field the writer wrote comes back exactly (JSONL keeps every digit); violation
/// messages and not-judged reasons are not read but worded again by each report, in its units.
/// @throws std::runtime_error "NAME:LINE: reason" for a line that is not JSON, has another
///         schema_version, lacks a required field or has a value its field cannot hold (an
///         unknown severity, a start_time that is not RFC 3339).
void read_results(std::istream& in, const std::string& name, Results& results);

}  // namespace runaudit::report
