#pragma once
/// @file
/// Reading audit results back from JSONL (`--format jsonl`), so that shards audited on several
/// machines can be merged into one report of any format (`runaudit report`).

#include <istream>
#include <string>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/report/shards.hpp"

namespace runaudit::report {

/// Runs and errors read from results files, all in memory, in the order read (history files,
/// tests; `runaudit report` streams them with report::ResultsMerge instead).
struct Results {
  std::vector<audit::RunRecord> runs;
  std::vector<io::Diagnostic> errors;
  std::vector<ShardMark> shards;      ///< the shard lines read (report/shards.hpp)
  std::vector<std::string> unmarked;  ///< streams without a shard line before their records
};

/// Appends the records of one JSONL results stream to @p results. Lines are the objects
/// `--format jsonl` writes (`"record": "run"`, `"error"` or `"shard"`, `schema_version` 1);
/// blank lines and the `"report"` line that heads a JSONL report (its runaudit_version; files
/// of earlier versions lack it) are skipped. A stream whose first record is not a shard line (or
/// that has no record) is added to Results::unmarked.
/// @param in    the stream.  @param name  its name, for errors.
/// Every field the writer wrote comes back exactly (JSONL keeps every digit); violation
/// messages and not-judged reasons are not read but worded again by each report, in its units.
/// @throws io::ParseError bad_results at NAME and the line, for a line that is not JSON, has
///         another schema_version, lacks a required field, has a value its field cannot hold (an
///         unknown severity, a start_time that is not RFC 3339), or is a shard line without
///         1 <= K <= N <= max_shards.
void read_results(std::istream& in, const std::string& name, Results& results);

}  // namespace runaudit::report
