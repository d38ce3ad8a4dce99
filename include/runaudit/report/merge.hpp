#pragma once
/// @file
/// Results files (`--format jsonl`, shards from several machines) merged into the order of a
/// single audit and handed out one run at a time (`runaudit report`), so that a report of a
/// million runs never holds the million records.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/report/shards.hpp"

namespace runaudit::report {

/// The runs of several results files in a single audit's order: by file, then activity index
/// (the audit's sources are sorted by name, each source's runs in their order), a run read
/// again (the same file given twice, overlapping shards) given once, the first read. Equals
/// reading every file with read_results, sorting the runs stably by that key and dropping the
/// repeats.
///
/// How: the constructor reads each file once, parsing only each run line's first keys (file
/// and activity index), and notes where a file's runs stop being in order; every such ordered
/// stretch (a file, as runaudit writes it; two for files concatenated with `cat`) is then read
/// again as next() goes, a k-way merge with one pending run per stretch. Memory: one run per
/// stretch plus the error lines, whatever the number of runs; a file whose lines were shuffled
/// is as many stretches as it has runs out of order (then about as much memory as the runs).
class ResultsMerge {
 public:
  /// Indexes the results files @p paths, in that order (ties between files go to the first).
  /// Lines are those read_results reads; shard and error lines are parsed here, run lines when
  /// next() reaches them. Every file stays open until the merge ends: the soft limit on open
  /// files is raised to the hard one when they need it.
  /// @throws std::runtime_error "PATH: cannot read results file", or naming `ulimit -n` when
  ///         more files than the process may open are given; io::ParseError bad_results
  ///         (as read_results) for a line that is not JSON up to its run key, or a shard,
  ///         error or unknown line read_results refuses.
  explicit ResultsMerge(const std::vector<std::string>& paths);
  ~ResultsMerge();
  ResultsMerge(const ResultsMerge&) = delete;
  ResultsMerge& operator=(const ResultsMerge&) = delete;

  /// The shard lines read, in the order read (for check_shards).
  const std::vector<ShardMark>& shards() const;
  /// The files with records before any shard line, or without one (for check_shards).
  const std::vector<std::string>& unmarked() const;
  /// The error lines, sorted by file (stably), a file's repeats dropped: what a report lists.
  const std::vector<io::Diagnostic>& errors() const;
  /// The number of ordered stretches: runs held pending by the merge.
  std::size_t stretches() const;

  /// @return the next run, nullopt after the last.
  /// @throws io::ParseError bad_results (as read_results) for a run line that is not what it
  ///         must be; std::runtime_error "PATH: cannot read results file" when a file can no
  ///         longer be read.
  std::optional<audit::RunRecord> next();

 private:
  struct State;
  std::unique_ptr<State> m;
};

}  // namespace runaudit::report
