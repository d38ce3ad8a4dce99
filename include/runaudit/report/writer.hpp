#pragma once
/// @file
/// Report writers: one interface, one implementation per format (docs/ARCHITECTURE.md, "Outputs").
/// Runs arrive one at a time, in output order, so streaming formats hold nothing per run; the
/// summaries (JUnit suites per athlete, the weekly Markdown) keep only a few numbers and lines per
/// run.

#include <array>
#include <cstdint>
#include <memory>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/format.hpp"
#include "runaudit/io/error.hpp"

namespace runaudit::report {

/// Which verdicts fail a batch (`--fail-on`): `fail` always unless `never`; `warn` adds warnings;
/// `unjudged` adds runs whose pace could not be judged.
struct FailOn {
  bool fail = true, warn = false, unjudged = false;
  /// @return true when @p verdict is one of those.
  bool operator()(audit::Verdict verdict) const noexcept;
};

/// The most bytes of cards the HTML report holds by default (ReportOptions::held_bytes_limit):
/// 512 MiB: about 37 000 audited six-minute runs with their charts (14 KB a card), 340 000
/// without (1.5 KB), more than a browser opens comfortably (measured: docs/cluster.md).
inline constexpr std::uint64_t default_held_bytes_limit = std::uint64_t{512} << 20;

/// Options shared by the writers.
struct ReportOptions {
  /// Units of the words (messages, reasons) in every format, and of the numbers in the
  /// human-facing ones; JSON/JSONL/CSV numbers stay SI.
  Units units = Units::metric;
  /// Which verdicts count as failures (JUnit `failure`, exit status 1): `--fail-on`.
  FailOn fail_on;
  /// The HTML report holds every card until finish() (cards are grouped by athlete and sorted
  /// by date): past this many bytes of cards, run() throws ReportTooLarge rather than growing
  /// until the machine swaps.
  std::uint64_t held_bytes_limit = default_held_bytes_limit;
  /// The part of a sharded audit the report is (`--shard K/N`, 1 <= shard <= shards), 0/0 for
  /// a whole batch: a JSONL report begins with its shard line (report/shards.hpp) instead of
  /// its report line.
  unsigned shard = 0, shards = 0;
};

/// A report that would hold more than ReportOptions::held_bytes_limit.
struct ReportTooLarge : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// @return true when @p run is audited and its verdict is one @p options count as a failure, or
///         it is unjudged but broke a rule that was judged and @p options count warnings (it is
///         a warning at least).
bool fails(const audit::RunRecord& run, const ReportOptions& options) noexcept;

/// What a batch delivered, counted: audited runs by verdict, and the rest.
struct Tally {
  std::array<std::size_t, 4> verdicts{};  ///< audited runs, indexed by audit::Verdict
  std::size_t skipped = 0;                ///< runs not audited (other sports, not planned, missed)
  /// Counts @p run.
  void add(const audit::RunRecord& run) noexcept {
    if (run.audited)
      ++verdicts[static_cast<std::size_t>(run.judgement.verdict)];
    else
      ++skipped;
  }
  /// @return "18 audited: 4 pass, 0 warn, 9 fail, 5 unjudged; 0 skipped; 1 unreadable" (the
  ///         text report's last line), of @p errors the inputs that could not be read; those
  ///         that held nothing to audit (io::ParseErrc::nothing_to_audit: an empty upload
  ///         folder) are no unreadable ones, and counted after them: "; 0 unreadable, 1 input
  ///         with nothing to audit".
  std::string words(std::span<const io::Diagnostic> errors) const;
};

/// A report being written.
class Writer {
 public:
  virtual ~Writer() = default;
  /// The part of what this format writes for @p record that depends on the record alone (a
  /// JSONL line, a text block, CSV rows, an HTML card after its number, with its charts), for
  /// run() only; "" for a format that writes nothing per run on its own (JUnit, the weekly
  /// Markdown: summaries). Reads only the record and the options, never what earlier runs
  /// left, so it can run on any thread, ahead of time and in any order: a batch renders on its
  /// workers and leaves only run() (in output order, one thread at a time) to the writer.
  /// (nlohmann-json reads the C locale's decimal point with localeconv() on every call: the
  /// program never changes its locale.) Throws only what allocation throws.
  virtual std::string render(const audit::RunRecord& record) const;
  /// One run (audited or skipped), in output order, with @p rendered = render(record). Throws
  /// what writing to the stream throws (nothing unless its exceptions are enabled), and
  /// ReportTooLarge past ReportOptions::held_bytes_limit (HTML).
  virtual void run(const audit::RunRecord& record, std::string rendered) = 0;
  /// One run, rendered here: run(record, render(record)).
  void run(const audit::RunRecord& record) { run(record, render(record)); }
  /// Ends the report: lists the inputs that could not be read. Throws as run().
  virtual void finish(std::span<const io::Diagnostic> errors) = 0;
};

/// The formats make_writer knows.
inline constexpr std::string_view formats[] = {"text",  "json",     "jsonl", "csv",
                                               "junit", "markdown", "html"};

/// True for formats that draw the runs' curves (they need RunRecord::series).
inline bool needs_series(std::string_view format) {
  return format == "html";
}

/// @param format  one of `formats`.
/// @param out     destination; must outlive the writer.
/// @return the writer. @throws std::invalid_argument for an unknown format.
std::unique_ptr<Writer> make_writer(std::string_view format, std::ostream& out,
                                    const ReportOptions& options);

/// Writes a whole report at once (convenience over make_writer for tests and small batches).
void write_report(std::string_view format, std::ostream& out, const ReportOptions& options,
                  std::span<const audit::RunRecord> runs, std::span<const io::Diagnostic> errors);

}  // namespace runaudit::report
