#pragma once
/// @file
/// Report writers: one interface, one implementation per format (DESIGN.md §5). Runs arrive
/// one at a time, in output order, so streaming formats hold nothing per run; the summaries
/// (JUnit suites per athlete, the weekly Markdown) keep only a few numbers and lines per run.

#include <memory>
#include <ostream>
#include <span>
#include <string_view>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/format.hpp"
#include "runaudit/io/error.hpp"

namespace runaudit::report {

/// Options shared by the writers.
struct ReportOptions {
  Units units = Units::metric;  ///< human-facing formats only; JSON/JSONL/CSV stay SI
  /// Verdicts at or above this count as failures (JUnit `failure`); nullopt: none do
  /// (--fail-on never).
  std::optional<audit::Verdict> fail_level = audit::Verdict::fail;
};

/// A report being written.
class Writer {
 public:
  virtual ~Writer() = default;
  /// One run (audited or skipped), in output order.
  virtual void run(const audit::RunRecord& record) = 0;
  /// Ends the report: lists the inputs that could not be read.
  virtual void finish(std::span<const io::FileError> errors) = 0;
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
                  std::span<const audit::RunRecord> runs, std::span<const io::FileError> errors);

}  // namespace runaudit::report
