#include "commands.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include "exit_codes.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "runaudit/audit/engine.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/io/source.hpp"
#include "runaudit/local_time.hpp"
#include "runaudit/report/history.hpp"
#include "runaudit/report/inspect.hpp"
#include "runaudit/report/merge.hpp"
#include "runaudit/report/shards.hpp"
#include "runaudit/report/writer.hpp"

namespace runaudit::cli {
namespace {

// -o naming one of the inputs would replace a run file with its own report.
void refuse_output_among_inputs(const std::string& output, const io::Discovery& found) {
  if (output == "-") return;
  std::error_code ec;
  for (const io::Source& in : found.sources)
    if (std::filesystem::equivalent(output, in.path, ec))
      throw UsageError("-o " + output + " is one of the inputs; refusing to overwrite it");
}

// The option @p path names (a file on disk: --athletes, --plan, ...), or empty.
std::string option_naming(const AuditOptions& o, const std::string& path) {
  std::error_code ec;
  for (const auto& [option, file] : o.option_files)
    if (!file.empty() && std::filesystem::equivalent(file, path, ec)) return option;
  return {};
}

// The files the options name among the inputs (a shell's `*` in the athletes file's folder, the
// athletes file in the folder audited): passed over as ignored, saying so, not read as runs that
// cannot be read; nor as an export's index for its name (an athletes file named activities.csv),
// whose problem is no input's. @return how many: no other file's count (report_ignored).
std::size_t pass_over_option_files(const AuditOptions& o, io::Discovery& found) {
  std::size_t passed = 0;
  for (io::Ignored& f : found.ignored)  // found in a folder given (no archive's member)
    if (const std::string option = option_naming(o, f.name); !option.empty()) {
      f.why = "the " + option + " file";
      ++passed;
    }
  // Whether @p path is one an option names; then it is ignored as @p name.
  const auto passed_over = [&](const std::string& path, const std::string& name) {
    const std::string option = option_naming(o, path);
    if (option.empty()) return false;
    found.ignored.push_back({name, "the " + option + " file"});
    ++passed;
    return true;
  };
  const std::size_t before = found.ignored.size();
  std::erase_if(found.sources, [&](const io::Source& s) {
    return s.members.empty() && passed_over(s.path, s.name);
  });
  std::erase_if(found.problems,
                [&](const io::Diagnostic& p) { return passed_over(p.source, p.source); });
  if (found.ignored.size() > before) std::ranges::sort(found.ignored, {}, &io::Ignored::name);
  return passed;
}

// A number of bytes from the environment variable @p name, @p otherwise when unset or empty:
// RUNAUDIT_SPILL_LIMIT (0 = never spill, every file is read twice), for tests that compare both
// paths and for machines with a small temporary directory; RUNAUDIT_HTML_LIMIT, the bytes of
// cards an HTML report may hold (report::ReportOptions::held_bytes_limit).
std::uint64_t bytes_from_env(const char* name, std::uint64_t otherwise) {
  const char* v = std::getenv(name);
  if (!v || !*v) return otherwise;
  char* end = nullptr;
  errno = 0;
  const unsigned long long bytes = std::strtoull(v, &end, 10);
  if (*end || errno == ERANGE || !std::isdigit(static_cast<unsigned char>(*v)))
    throw UsageError(std::string(name) + "=" + v + " is not a number of bytes");
  return bytes;
}

// The report options of the command line.
report::ReportOptions report_options(Units units, report::FailOn fail_on) {
  return report::ReportOptions{
      units, fail_on, bytes_from_env("RUNAUDIT_HTML_LIMIT", report::default_held_bytes_limit)};
}

// Runs @p write, adding to an HTML report that grew too large how to move its limit.
template <class Write>
void with_html_limit(Write&& write) {
  try {
    write();
  } catch (const report::ReportTooLarge& e) {
    throw report::ReportTooLarge(std::string(e.what()) +
                                 " (or raise the limit: RUNAUDIT_HTML_LIMIT=BYTES)");
  }
}

// --history files into a baseline store. A missing file that --update-history is about to
// create is the first week of a weekly job: an empty history.
audit::BaselineStore read_histories(const AuditOptions& o) {
  audit::BaselineStore store;
  for (const std::string& path : o.history_files) {
    std::ifstream in(path);
    if (!in && path == o.update_history && !std::filesystem::exists(path)) continue;
    if (!in) throw InputFileError(path + ": cannot read history file: " + std::strerror(errno));
    try {
      report::read_history(in, path, store);
    } catch (const io::ParseError& e) {
      throw InputFileError(io::describe(e.diagnostic()));
    }
  }
  return store;
}

// An --update-history file that exists but is not a --history file, read before the audit: one
// that is no history (an input, the athletes file given by mistake) is refused before the
// work, not after it. (A --history file was read by read_histories; a missing one is created.)
void check_update_history(const AuditOptions& o) {
  if (o.update_history.empty() || std::ranges::count(o.history_files, o.update_history) > 0) return;
  std::ifstream in(o.update_history);
  if (!in) return;
  audit::BaselineStore unused;
  try {
    report::read_history(in, o.update_history, unused);
  } catch (const io::ParseError& e) {
    throw InputFileError("--update-history " + io::describe(e.diagnostic()));
  }
}

// The batch's runs as history lines (JSONL without curves), for --update-history.
class HistoryLines {
 public:
  explicit HistoryLines(const report::ReportOptions& options)
      : m_writer(report::make_writer("jsonl", m_unused, options)) {}
  // Takes a run the report has written: only its key and line are kept, never the record. A run
  // --history holds already (outside the window: BatchSink::outside_window) keeps the line FILE
  // has for it, its own week's; it is written only when FILE lacks it (another file than
  // --history's).
  void add(audit::RunRecord&& run, bool held = false) {
    run.series.reset();  // history lines carry no curves
    report::HistoryKey key{run.athlete, run.start_time_ms, {}};
    if (!run.start_time_ms)
      key.undated_name =
          audit::undated_name(run.file, run.activity_index, run.metrics.elapsed_time_s);
    (held ? m_if_absent : m_lines).push_back({std::move(key), m_writer->render(run)});
  }
  // Writes FILE atomically: its earlier runs not replaced by these, and these, by start time.
  void write(const std::string& file) const {
    write_output(file, [&](std::ostream& out) {
      std::ifstream earlier(file);
      try {
        report::write_history(earlier, file, m_lines, m_if_absent, out);
      } catch (const io::ParseError& e) {
        throw InputFileError(io::describe(e.diagnostic()));
      }
    });
  }

 private:
  std::ostringstream m_unused;  // the JSONL writer's stream: only render() is used
  std::unique_ptr<report::Writer> m_writer;
  std::vector<report::HistoryLine> m_lines;
  std::vector<report::HistoryLine> m_if_absent;
};

// Runs outside --since/--until: counted (other activities apart: rides, swims, runs skipped);
// and the runs before them the history files did not hold (uploaded after their week's job),
// which this job reports.
struct OutsideWindow {
  std::size_t runs = 0, others = 0, late = 0;
  std::size_t early = 0;         // runs after the window new to the history (its job's to report)
  std::size_t from_history = 0;  // runs an earlier job audited early, reported from the history
  std::size_t retried = 0;       // runs this window's job reported before, from the history
  // Runs without a start time an earlier job reported (RunRecord::late_window).
  std::size_t undated = 0;
  std::string first_late, first_from_history, first_retried;
  // Inputs given that held nothing to audit (io::ParseErrc::nothing_to_audit), no error when the
  // window's runs came from the history: a job's uploads may hold only what is new.
  std::vector<io::Diagnostic> nothing_new;
};

// The batch's results into a report writer (and history lines), with a progress bar per pass.
class WriterSink : public audit::BatchSink {
 public:
  WriterSink(report::Writer& writer, const report::ReportOptions& options, bool show_progress,
             std::vector<io::Diagnostic> errors, HistoryLines* history)
      : m_writer(writer),
        m_options(options),
        m_show(show_progress),
        m_errors(std::move(errors)),
        m_history(history) {}

  void begin_pass(std::size_t sources) override {
    m_progress.reset();  // the previous bar is finished first
    m_progress.emplace(sources, m_show);
  }
  void source_done() override { m_progress->tick(); }
  std::string render(const audit::RunRecord& run) override { return m_writer.render(run); }
  void deliver(audit::RunRecord&& run, std::string&& rendered) override {
    if (!run.early_window.empty() && m_outside.from_history++ == 0)
      m_outside.first_from_history = run.file;
    m_tally.add(run);
    m_writer.run(run, std::move(rendered));
    m_findings = m_findings || report::fails(run, m_options);
    if (m_history) m_history->add(std::move(run));
  }
  void error(io::Diagnostic&& diagnostic) override { m_errors.push_back(std::move(diagnostic)); }
  void outside_window(audit::RunRecord&& run, bool held) override {
    const bool running = run.audited && run.sport == Sport::running;
    ++(!running                   ? m_outside.others
       : !run.start_time_ms       ? m_outside.undated
       : run.early_window.empty() ? m_outside.runs
                                  : m_outside.early);
    if (m_history) m_history->add(std::move(run), held);
  }
  void late(audit::RunRecord&& run, std::string&& rendered) override {
    if (run.early_window.empty() && m_outside.late++ == 0) m_outside.first_late = run.file;
    deliver(std::move(run), std::move(rendered));
  }
  void retried(audit::RunRecord&& run, std::string&& rendered) override {
    if (m_outside.retried++ == 0) m_outside.first_retried = run.file;
    deliver(std::move(run), std::move(rendered));
  }
  void missed(audit::RunRecord&& run, std::string&& rendered) override {
    m_tally.add(run);
    m_writer.run(run, std::move(rendered));  // reported, never kept in the history
    m_findings = m_findings || report::fails(run, m_options);
  }

  void finish() {
    m_progress.reset();
    if (m_outside.from_history > 0 || m_outside.retried > 0)
      std::erase_if(m_errors, [&](io::Diagnostic& e) {
        if (!io::holds_nothing(e)) return false;
        m_outside.nothing_new.push_back(std::move(e));
        return true;
      });
    m_writer.finish(m_errors);
  }
  bool findings() const { return m_findings; }
  const std::vector<io::Diagnostic>& errors() const { return m_errors; }
  const OutsideWindow& outside_window() const { return m_outside; }
  const report::Tally& tally() const { return m_tally; }

 private:
  report::Writer& m_writer;
  const report::ReportOptions& m_options;
  bool m_show;
  std::vector<io::Diagnostic> m_errors;
  std::optional<Progress> m_progress;
  bool m_findings = false;
  HistoryLines* m_history;
  OutsideWindow m_outside;
  report::Tally m_tally;
};

// The files discovery passed over: each named with why (--list-ignored, even with -q: asked
// for), else counted, but for the @p option_files among them (the user named them).
void report_ignored(const std::vector<io::Ignored>& ignored, std::size_t option_files, bool list,
                    bool quiet) {
  const std::size_t others = ignored.size() - option_files;
  if (list) {
    for (const io::Ignored& f : ignored)
      std::cerr << "runaudit: ignored " << f.name << ": " << f.why << "\n";
  } else if (!quiet && others > 0) {
    std::cerr << "runaudit: " << others
              << (others == 1
                      ? " other file ignored (not an activity file, archive or export index, "
                        "or left by the system; --list-ignored names it and says why)\n"
                      : " other files ignored (not activity files, archives or export indexes, "
                        "or left by the system; --list-ignored names them and says why)\n");
  }
}

// Unreadable inputs are in the report; a report that goes to a file or is read by a program (a
// CI job's JUnit, JSONL) would leave them unseen on the console, so they are said on stderr too,
// even with -q: the first ten, one line each, then a count. Not for a text report on stdout,
// which shows them itself.
void report_unreadable(const AuditOptions& o, const std::vector<io::Diagnostic>& errors) {
  if (errors.empty() || (o.format == "text" && o.output == "-")) return;
  constexpr std::size_t named = 10;
  for (std::size_t i = 0; i < std::min(errors.size(), named); ++i)
    std::cerr << "runaudit: " << io::describe(errors[i]) << "\n";
  if (errors.size() > named)
    std::cerr << "runaudit: ... and " << errors.size() - named
              << " more unreadable inputs (the report lists them all)\n";
}

// Runs outside --since/--until are counted on stderr (unless -q); the late ones, reported with
// this window's, are named even with -q: they are not of the window asked for.
void report_outside_window(const AuditOptions& o, const OutsideWindow& outside) {
  if (outside.runs > 0 && !o.quiet)
    std::cerr << "runaudit: " << outside.runs << (outside.runs == 1 ? " run" : " runs")
              << " outside --since/--until not reported (counted in baselines"
              << (o.update_history.empty() ? std::string() : ", kept in " + o.update_history)
              << ")\n";
  if (outside.undated > 0 && !o.quiet)
    std::cerr << "runaudit: " << outside.undated << (outside.undated == 1 ? " run" : " runs")
              << " without a start time (nothing in the file dates it) not reported: in no window,"
              << (outside.undated == 1 ? " it was" : " they were")
              << " reported by an earlier job (--history)\n";
  if (outside.early > 0 && !o.quiet)
    std::cerr << "runaudit: " << outside.early << (outside.early == 1 ? " run" : " runs")
              << " after --until not reported: "
              << (outside.early == 1 ? "the job of its own week reports it"
                                     : "the jobs of their own weeks report them")
              << (o.update_history.empty()
                      ? std::string(" (given the files, or a history holding them)")
                      : " (kept in " + o.update_history + " for them, should the files not be " +
                            "given again)")
              << "\n";
  // Named even with -q, as the late ones: not files of this batch.
  if (outside.from_history > 0)
    std::cerr << "runaudit: " << outside.from_history
              << (outside.from_history == 1 ? " run" : " runs")
              << " audited before their window by an earlier job, the files not given again: "
                 "reported from --history: "
              << outside.first_from_history << (outside.from_history > 1 ? ", ..." : "") << "\n";
  if (outside.retried > 0)
    std::cerr << "runaudit: " << outside.retried << (outside.retried == 1 ? " run" : " runs")
              << " of this window reported by a run of this job before, the files not given "
                 "again: reported from --history: "
              << outside.first_retried << (outside.retried > 1 ? ", ..." : "") << "\n";
  for (const io::Diagnostic& e : outside.nothing_new)
    std::cerr << "runaudit: " << e.source << ": " << e.message
              << ": nothing new, the window's runs came from --history\n";
  if (outside.others > 0 && !o.quiet)
    std::cerr << "runaudit: " << outside.others
              << (outside.others == 1 ? " other activity" : " other activities")
              << " (another sport, not matched, too short, a copy of another file's run) outside "
                 "--since/--until not listed\n";
  // A retry of the job reports them again: the history then holds them, marked with this window
  // (RunRecord::late_window).
  if (outside.late > 0)
    std::cerr << "runaudit: " << outside.late
              << (outside.late == 1
                      ? " run before --since was not in --history, or only cut short, when this "
                        "window's job first ran (uploaded, or whole, after its week's job?): "
                        "reported by this job, since no other judges it: "
                      : " runs before --since were not in --history, or only cut short, when "
                        "this window's job first ran (uploaded, or whole, after their week's "
                        "job?): reported by this job, since no other judges them: ")
              << outside.first_late << (outside.late > 1 ? ", ..." : "") << "\n";
}

// The athletes file (--athletes), if any; a bad one is a usage error.
audit::AthleteBook read_athlete_book(const AuditOptions& o) {
  if (o.athletes_file.empty()) return {};
  try {
    return audit::AthleteBook(audit::read_athletes(o.athletes_file, o.units));
  } catch (const io::ParseError& e) {
    throw InputFileError(io::describe(e.diagnostic()));
  }
}

// A name that matches no row, or a row that matches no folder, is a common slip (a folder
// named differently, files given without their athlete folder): said even with -q, since the
// runs are then judged without the profile. An athlete whose runs @p history holds may have
// nothing new uploaded: their runs of the window come from it.
void check_athlete_names(const AuditOptions& o, const audit::AthleteBook& athletes,
                         const std::vector<io::Source>& sources,
                         const audit::BaselineStore& history) {
  if (o.athletes_file.empty()) return;
  for (const std::string& name : athletes.without_profile(sources))
    std::cerr << "runaudit: athlete '" << name << "' has no row in " << o.athletes_file
              << " (names come from --athlete or the folder layout)\n";
  for (const std::string& name : athletes.without_sources(sources))
    if (history.runs_of(name) == 0)
      std::cerr << "runaudit: " << o.athletes_file << ": athlete '" << name
                << "' has no runs among the inputs\n";
}

// The plan (--plan), if any; a bad one is a usage error. With --shard, the unnamed athlete's
// missed days cannot be told (BatchOptions::shard): said.
std::optional<audit::Plan> read_plan(const AuditOptions& o) {
  if (o.plan_file.empty()) return std::nullopt;
  std::optional<audit::Plan> plan;
  try {
    plan = audit::Plan::read(o.plan_file, o.units);
  } catch (const io::ParseError& e) {
    throw InputFileError(io::describe(e.diagnostic()));
  }
  const auto unnamed = [](const audit::PlannedSession& s) {
    return s.is_recovery() && audit::is_default_athlete(s.athlete);
  };
  if (o.sharded && o.shards > 1 && std::ranges::any_of(plan->sessions(), unnamed))
    std::cerr << "runaudit: --shard: missed recovery days planned for athlete 'default' are "
                 "not reported (runs without an athlete are split by file name; give them an "
                 "athlete folder or --athlete)\n";
  return plan;
}

// A plan that names some athletes says nothing of the others: their runs are audited as
// without one, and said (even with -q, as the athletes file's names), since a plan left
// unfinished would otherwise read as a plan.
void check_plan_athletes(const std::optional<audit::Plan>& plan,
                         const std::vector<io::Source>& sources) {
  if (!plan) return;
  std::set<std::string> said;
  for (const io::Source& s : sources) {
    const std::string athlete = audit::athlete_of(s);
    if (!plan->covers(athlete) && said.insert(athlete).second)
      std::cerr << "runaudit: " << plan->file() << " plans no day for athlete '" << athlete
                << "': their runs are audited as without a plan\n";
  }
}

audit::BatchOptions batch_options(const AuditOptions& o) {
  audit::BatchOptions batch{
      o.limits,
      o.config_limits,
      o.selection,
      {},
      o.read_limits,
      o.series || report::needs_series(o.format),
      o.jobs,
      bytes_from_env("RUNAUDIT_SPILL_LIMIT", audit::BatchOptions{}.spill_limit_bytes),
      o.window,
      o.time_zone,
      read_histories(o),
      read_plan(o)};
  if (o.sharded) {
    batch.shard = o.shard;
    batch.shards = o.shards;
  }
  return batch;
}

}  // namespace

int run_audit(const AuditOptions& o) {
  const audit::AthleteBook athletes = read_athlete_book(o);
  check_update_history(o);
  io::Discovery found = io::discover(o.paths, io::DiscoverOptions{o.athlete, o.read_limits});
  refuse_output_among_inputs(o.output, found);
  const std::size_t option_files = pass_over_option_files(o, found);
  std::erase_if(found.sources,
                [&](const io::Source& s) { return !audit::in_shard(s, o.shard, o.shards); });
  const audit::BatchOptions batch = batch_options(o);
  check_athlete_names(o, athletes, found.sources, batch.history);
  // The days reported, as --since/--until resolved them ("1w": which week), for a CI log.
  if (o.window.bounded() && !o.quiet)
    std::cerr << "runaudit: reporting the runs of " << format_day_range(o.window)
              << " (--since/--until, in the athletes' local days)\n";
  check_plan_athletes(batch.plan, found.sources);
  report::ReportOptions options = report_options(o.units, o.fail_on);
  if (o.sharded) {
    options.shard = o.shard;
    options.shards = o.shards;
  }
  std::optional<HistoryLines> history;
  if (!o.update_history.empty()) history.emplace(options);
  const bool show_progress = !o.quiet && (o.progress == "always" ||
                                          (o.progress == "auto" && Progress::stderr_is_terminal()));
  bool findings = false;
  std::vector<io::Diagnostic> errors;
  OutsideWindow outside_window;
  report::Tally tally;
  write_output(o.output, [&](std::ostream& out) {
    const auto writer = report::make_writer(o.format, out, options);
    WriterSink sink(*writer, options, show_progress, found.problems, history ? &*history : nullptr);
    with_html_limit([&] { audit::run_batch(found.sources, athletes, batch, sink); });
    sink.finish();
    findings = sink.findings();
    errors = sink.errors();
    outside_window = sink.outside_window();
    tally = sink.tally();
  });
  if (history) history->write(o.update_history);
  report_unreadable(o, errors);
  report_outside_window(o, outside_window);
  report_ignored(found.ignored, option_files, o.list_ignored, o.quiet);
  const int status = !errors.empty() ? exit_unreadable : findings ? exit_findings : exit_ok;
  // A report written to a file says nothing on the console: its summary line, for a CI log.
  if (o.output != "-" && !o.quiet)
    std::cerr << "runaudit: " << tally.words(errors) << " (exit " << status << "): " << o.output
              << "\n";
  return status;
}

int run_report(const ReportCommandOptions& o) {
  for (const std::string& path : o.paths) {
    std::ifstream in(path);
    if (!in) throw InputFileError(path + ": cannot read results file");
    // An audit's JSONL starts with its report line: an empty file is an audit that never ran
    // (a shard that crashed), not a batch without runs.
    if (in.peek() == std::ifstream::traits_type::eof())
      throw InputFileError(path +
                           ": empty results file (an audit's -f jsonl output starts with a "
                           "report line)");
  }
  // Results errors are usage errors: the files given are not what the command reads.
  std::optional<report::ResultsMerge> merge;
  try {
    merge.emplace(o.paths);
  } catch (const io::ParseError& e) {
    throw InputFileError(io::describe(e.diagnostic()));
  }
  if (!o.partial) {
    const report::ShardCheck shards =
        report::check_shards(merge->shards(), merge->unmarked(), o.expect_shards);
    if (!shards.complete())
      throw InputFileError("incomplete results: " + shards.describe() +
                           " (audit the missing shards again, or render the rest with --partial)");
    if (shards.versions.size() > 1 && !o.quiet)
      std::cerr << "runaudit: the shards were audited by different runaudit versions\n";
  }
  // Files written by runaudit are one stretch each (two or three if concatenated); many more
  // are files out of order, whose runs the merge holds.
  if (merge->stretches() > 4 * o.paths.size() + 64 && !o.quiet)
    std::cerr << "runaudit: the results are not in the order runaudit writes them ("
              << merge->stretches() << " ordered stretches in " << o.paths.size()
              << " files): the merge holds a run per stretch in memory\n";
  const report::ReportOptions options = report_options(o.units, o.fail_on);
  bool findings = false;
  report::Tally tally;
  std::size_t without_curves = 0;
  // A bad run line is met while the report is written (run lines are parsed once, then):
  // write_output drops what was written to a file, and the error is the usage error it is.
  std::optional<io::Diagnostic> bad_line;
  try {
    write_output(o.output, [&](std::ostream& out) {
      const auto writer = report::make_writer(o.format, out, options);
      try {
        with_html_limit([&] {
          while (std::optional<audit::RunRecord> run = merge->next()) {
            findings = findings || report::fails(*run, options);
            tally.add(*run);
            if (run->audited && !run->series) ++without_curves;
            writer->run(*run);
          }
        });
      } catch (const io::ParseError& e) {
        bad_line = e.diagnostic();
        throw;
      }
      writer->finish(merge->errors());
    });
  } catch (const std::exception&) {
    if (bad_line) throw InputFileError(io::describe(*bad_line));
    throw;
  }
  if (report::needs_series(o.format) && without_curves > 0 && !o.quiet)
    std::cerr << "runaudit: " << without_curves
              << (without_curves == 1 ? " run has no curves: its card has no charts"
                                      : " runs have no curves: their cards have no charts")
              << " (an audit's -f jsonl "
                 "--series output has them; a history never does)\n";
  const int status = !merge->errors().empty() ? exit_unreadable
                     : findings               ? exit_findings
                                              : exit_ok;
  if (o.output != "-" && !o.quiet)  // as the audit's: the summary line for a CI log
    std::cerr << "runaudit: " << tally.words(merge->errors()) << " (exit " << status
              << "): " << o.output << "\n";
  return status;
}

int run_inspect(const InspectOptions& o) {
  const io::Discovery found = io::discover(o.paths, io::DiscoverOptions{{}, o.read_limits});
  refuse_output_among_inputs(o.output, found);
  std::vector<report::InspectRecord> records;
  std::vector<io::Diagnostic> skipped;  // courses, workouts, routes: readable, no activity
  std::vector<io::Diagnostic> errors = found.problems;
  for (const io::Source& in : found.sources) {
    try {
      for (Activity& a : io::read_activities(in, o.read_limits))
        records.push_back(report::summarise(std::move(a)));
    } catch (const io::ParseError& e) {
      (e.code() == io::ParseErrc::not_an_activity ? skipped : errors).push_back(e.diagnostic());
    }
  }
  write_output(o.output, [&](std::ostream& out) {
    if (o.format == "json")
      report::write_inspect_json(out, records, skipped, errors);
    else
      report::write_inspect_text(out, records, skipped, errors);
  });
  return errors.empty() ? exit_ok : exit_unreadable;
}

}  // namespace runaudit::cli
