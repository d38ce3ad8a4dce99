#pragma once
// Private: one line of a JSONL results stream, for report::read_results (everything in memory)
// and report::ResultsMerge (streamed): the records a line holds, a run's sort key read without
// parsing the rest of its line, and whether a stream's records come after its shard line.

#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <variant>

#include "runaudit/audit/batch.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/report/shards.hpp"

namespace runaudit::report::detail {

/// What a results line holds: nothing (a blank line, the report line that heads a JSONL report),
/// a run, an error or a shard line.
using ResultsRecord = std::variant<std::monostate, audit::RunRecord, io::Diagnostic, ShardMark>;

/// Parses line @p n (from 1) of the results stream @p name.
/// @throws io::ParseError bad_results as report::read_results.
ResultsRecord parse_results_line(const std::string& line, const std::string& name, std::size_t n);

/// Where a run goes in a single audit's output: by file, then activity index.
struct RunKey {
  std::string file;
  std::size_t activity_index = 0;
  bool operator<(const RunKey& o) const {
    return std::tie(file, activity_index) < std::tie(o.file, o.activity_index);
  }
  bool operator==(const RunKey& o) const = default;
};

/// @return the key of @p run.
inline RunKey key_of(const audit::RunRecord& run) {
  return {run.file, run.activity_index};
}

/// The key of @p line when it is a run line of this schema whose `record`, `schema_version`,
/// `file` and `activity_index` come before its other objects (as runaudit writes them), read
/// without parsing the rest; nullopt for any other line, or when unsure (parse it then).
std::optional<RunKey> run_key(const std::string& line);

/// Whether a results stream is marked: its first record is a shard line (read_results).
class StreamMarks {
 public:
  /// Notes a shard line read from the stream.
  void saw_shard() { m_marked = true; }
  /// Notes a run or an error read from the stream.
  void saw_record() { m_unmarked = m_unmarked || !m_marked; }
  /// @return true when a record came before any shard line, or there was no shard line.
  bool unmarked() const { return m_unmarked || !m_marked; }

 private:
  bool m_marked = false, m_unmarked = false;
};

}  // namespace runaudit::report::detail
