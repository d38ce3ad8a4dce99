// Weekly Markdown summary: per athlete, a table of ISO weeks (runs audited, pass / warn / fail,
// recovery minutes, the most frequent violation, the change from the previous week), then one
// line per run.

#include <map>

#include "runaudit/report/writer.hpp"
#include "runaudit/time.hpp"
#include "weekly.hpp"
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
    const std::string date =
        r.start_time_ms ? format_rfc3339(*r.start_time_ms).substr(0, 10) : "undated";
    const std::string name = r.name.empty() ? file_stem(r.file) : r.name;
    if (!r.audited) {
      a.lines.push_back("- " + date + " skipped: " + escape(name) + " (" + escape(r.skip_reason) +
                        ")");
      return;
    }
    m_summary.add(r);
    const audit::Judgement& j = r.judgement;
    std::string verdict(audit::to_string(j.verdict));
    for (char& c : verdict) c = static_cast<char>(c - 'a' + 'A');
    std::string line = "- " + date + " **" + verdict + "** (" + format_fixed(j.score, 0) + ") " +
                       escape(name) + ": " + format_clock(r.metrics.moving_time_s);
    if (r.metrics.distance_m) line += ", " + format_distance(*r.metrics.distance_m, m_units);
    if (r.metrics.avg_gap_s_per_km)
      line += ", GAP " + format_pace(*r.metrics.avg_gap_s_per_km, m_units);
    std::map<std::string, std::size_t> counts;  // rule -> violations (advice not listed)
    std::vector<std::string> order;
    for (const audit::Violation& v : j.violations) {
      if (v.severity == audit::Severity::info) continue;
      if (counts[v.rule]++ == 0) order.push_back(v.rule);
    }
    for (std::size_t k = 0; k < order.size(); ++k)
      line += (k == 0 ? " — " : ", ") + order[k] +
              (counts[order[k]] > 1 ? " ×" + std::to_string(counts[order[k]]) : "");
    a.lines.push_back(line);
  }

  void finish(std::span<const io::Diagnostic> errors) override {
    m_out << "# Recovery-run audit\n";
    const auto rows = m_summary.rows();
    for (const auto& [athlete, a] : m_athletes) {
      m_out << "\n## " << escape(athlete) << "\n\n";
      const auto weeks = rows.find(athlete);
      if (weeks != rows.end()) {
        m_out << "| week | runs | pass | warn | fail | unjudged | recovery min | most frequent "
                 "violation | vs previous week |\n|---|---:|---:|---:|---:|---:|---:|---|---|\n";
        for (const WeekRow& w : weeks->second)
          m_out << "| " << w.week << " | " << w.runs << " | " << w.verdicts[0] << " | "
                << w.verdicts[1] << " | " << w.verdicts[2] << " | " << w.verdicts[3] << " | "
                << format_fixed(w.recovery_min, 0) << " | " << w.frequent << " | " << w.change
                << " |\n";
        m_out << '\n';
      }
      for (const std::string& line : a.lines) m_out << line << '\n';
    }
    if (!errors.empty()) {
      m_out << "\n## Unreadable files\n\n";
      for (const io::Diagnostic& e : errors)
        m_out << "- " << escape(e.source) << io::position(e) << ": " << escape(e.message) << " ("
              << e.code << ")\n";
    }
  }

 private:
  struct Athlete {
    std::vector<std::string> lines;
  };
  std::ostream& m_out;
  Units m_units;
  std::map<std::string, Athlete> m_athletes;
  WeeklySummary m_summary;
};

}  // namespace

std::unique_ptr<Writer> make_markdown_writer(std::ostream& out, const ReportOptions& o) {
  return std::make_unique<MarkdownWriter>(out, o);
}

}  // namespace runaudit::report::detail
