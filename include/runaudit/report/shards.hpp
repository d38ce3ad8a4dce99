#pragma once
/// @file
/// Shard identity in JSONL results. An audit run with `--shard K/N --format jsonl` writes one
/// line before its runs,
///     {"record":"shard","schema_version":1,"shard":K,"shards":N,"runaudit_version":"V"}
/// so that `runaudit report` can tell a shard that audited nothing (the line alone) from a shard
/// that never finished (no file: `-o` writes atomically), and name the missing ones.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace runaudit::report {

/// The most shards a batch may be split into (N of `--shard K/N`; read_results refuses more).
inline constexpr unsigned max_shards = 1000000;

/// One shard line read from a results stream (report::read_results, report::ResultsMerge).
struct ShardMark {
  unsigned shard = 0;   ///< K, 1 <= K <= shards
  unsigned shards = 0;  ///< N, >= 1
  std::string version;  ///< runaudit_version of the audit that wrote it; "" when absent
  std::string source;   ///< name of the results stream it was read from
};

/// @return the shard line for part @p shard of @p shards written by runaudit @p version, with
/// its newline. Preconditions: 1 <= shard <= shards.
std::string shard_line(unsigned shard, unsigned shards, std::string_view version);

/// Why results are not one complete set of shards.
struct ShardCheck {
  unsigned shards = 0;                ///< N checked against
  std::vector<unsigned> missing;      ///< shards 1..N no line was read for, ascending
  std::vector<std::string> unmarked;  ///< streams with records but no shard line before them
  std::vector<ShardMark> foreign;     ///< shard lines of another N
  std::vector<std::string> versions;  ///< distinct runaudit versions of the shard lines, sorted

  /// @return true when nothing is missing, unmarked or foreign.
  bool complete() const { return missing.empty() && unmarked.empty() && foreign.empty(); }
  /// @return one line naming every problem ("shards 2-3, 7 of 8 are missing; ..."), "" if
  /// complete().
  std::string describe() const;
};

/// Checks that the shard lines @p marks (in the order read) hold every shard 1..N, N being
/// @p expected, or, when @p expected is 0, the N the shard lines give (the first one read;
/// results without shard lines then pass). @p unmarked names the streams with records before
/// any shard line; they fail only when N is @p expected. Shards given twice are fine (the merge
/// drops the repeated runs).
ShardCheck check_shards(std::span<const ShardMark> marks, std::span<const std::string> unmarked,
                        unsigned expected);

}  // namespace runaudit::report
