// Weekly Markdown summary: per athlete, a table of ISO weeks (runs audited, pass / warn / fail,
// unjudged, missed planned days, recovery minutes, the costliest violation, the change from the
// calendar week before), then one line per run in date order with its findings below it, then the
// skipped files; the unreadable files and the summary line last. The lines wait in a temporary file
// until the end (they are sorted by date per athlete); memory holds each run's date and place in
// that file, and the weeks.

#include <cstdint>
#include <map>

#include "runaudit/audit/plan.hpp"
#include "runaudit/report/writer.hpp"
#include "text_spill.hpp"
#include "weekly.hpp"
#include "words.hpp"
#include "writers.hpp"

namespace runaudit::report::detail {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '|' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<')
      out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

class MarkdownWriter final : public Writer {
 public:
  MarkdownWriter(std::ostream& out, const ReportOptions& o) : m_out(out), m_units(o.units) {}

  void run(const audit::RunRecord& r, std::string /*rendered: empty*/) override {
    Athlete& a = m_athletes[r.athlete];
    const std::string date = start_words(r).substr(0, 10);  // the local day where known
    const std::string name = r.name.empty() ? file_stem(r.file) : r.name;
    m_summary.add(r);  // audited runs and missed planned days
    m_tally.add(r);
    if (!r.audited) {  // named with its file (a missed planned day: the plan's), as in text
      const std::string file =
          r.file +
          (audit::is_missed_day(r.skip_reason) ? "" : " #" + std::to_string(r.activity_index));
      a.skipped.add(m_lines, r.start_time_ms,
                    "- " + date + " skipped: " + escape(name) + ", " + escape(file) + " (" +
                        escape(skip_words(r, m_units)) + ")\n");
      return;
    }
    const audit::Judgement& j = r.judgement;
    std::string verdict(audit::to_string(j.verdict));
    for (char& c : verdict) c = static_cast<char>(c - 'a' + 'A');
    std::string line = "- " + date + " **" + verdict + "** (" + score_words(j) + ") " +
                       escape(name) + ": " + format_clock(r.metrics.moving_time_s) + " moving";
    if (r.metrics.distance_m) line += ", " + distance_words(r, m_units);
    if (r.metrics.avg_gap_s_per_km) line += ", GAP " + gap_words(r, m_units);
    if (r.metrics.avg_hr_bpm) line += ", HR " + hr_words(r);
    if (!r.file_warning.empty()) line += "\n  - data: " + escape(r.file_warning);
    for (const Finding& f : findings(r, m_units))  // one sub-item per finding, worst first
      if (f.severity != audit::Severity::info)     // advice not listed
        line += "\n  - **" + rule_words(f.rule) + "** (" +
                std::string(audit::to_string(f.severity)) + "): " + escape(f.words);
    // What was not judged, and why: an unjudged run's reason first (its verdict rests on it).
    const auto not_judged = [&](const audit::NotJudged& n) {
      line +=
          "\n  - not judged: **" + rule_words(n.rule) + "**: " + escape(unjudged_words(n, m_units));
    };
    const audit::NotJudged* first =
        j.verdict == audit::Verdict::unjudged ? audit::unknowable_rule(j) : nullptr;
    if (first) not_judged(*first);
    for (const audit::NotJudged& n : j.not_judged)
      if (&n != first) not_judged(n);
    a.runs.add(m_lines, r.start_time_ms, line + '\n');
  }

  void finish(std::span<const io::Diagnostic> errors) override {
    m_out << "# Recovery-run audit\n";
    const auto rows = m_summary.rows();
    for (auto& [athlete, a] : m_athletes) {
      m_out << "\n## " << escape(athlete) << "\n\n";
      const auto weeks = rows.find(athlete);
      if (weeks != rows.end()) {
        m_out << "| week | runs | pass | warn | fail | unjudged | missed | recovery min | "
                 "costliest violation | vs week before |\n"
                 "|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n";
        for (const WeekRow& w : weeks->second)
          m_out << "| " << w.week << " | " << w.runs << " | " << w.verdicts[0] << " | "
                << w.verdicts[1] << " | " << w.verdicts[2] << " | " << w.verdicts[3] << " | "
                << w.missed << " | " << format_fixed(w.recovery_min, 0) << " | " << w.frequent
                << " | " << w.change << " |\n";
        m_out << '\n';
      }
      // Runs in date order, then the skipped files.
      a.runs.write(m_lines, m_out);
      a.skipped.write(m_lines, m_out);
    }
    if (!errors.empty()) {
      m_out << "\n## Unreadable files\n\n";
      for (const io::Diagnostic& e : errors)
        m_out << "- " << escape(e.source) << io::position(e) << ": " << escape(e.message) << " ("
              << e.code << ")\n";
    }
    m_out << '\n' << m_tally.words(errors) << '\n';
  }

 private:
  struct Athlete {
    DatedPieces runs, skipped;  // their lines, in m_lines
  };
  std::ostream& m_out;
  Units m_units;
  std::map<std::string, Athlete, AthleteOrder> m_athletes;
  WeeklySummary m_summary;
  Tally m_tally;      // the summary line, as the text report's
  TextSpill m_lines;  // the runs' lines, as they came
};

}  // namespace

std::unique_ptr<Writer> make_markdown_writer(std::ostream& out, const ReportOptions& o) {
  return std::make_unique<MarkdownWriter>(out, o);
}

}  // namespace runaudit::report::detail
