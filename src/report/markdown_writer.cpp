// Weekly Markdown summary: per athlete, a table of ISO weeks (runs audited, pass / warn / fail,
// recovery minutes, the most frequent violation, the change from the previous week), then one
// line per run.

#include <array>
#include <map>

#include "runaudit/report/writer.hpp"
#include "runaudit/time.hpp"
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

struct Week {
  std::size_t runs = 0;
  std::array<std::size_t, 3> verdicts{};
  double recovery_s = 0;                     // moving time of runs that passed
  std::map<std::string, std::size_t> rules;  // runs breaking each rule (advice not counted)
};

class MarkdownWriter final : public Writer {
 public:
  MarkdownWriter(std::ostream& out, const ReportOptions& o) : m_out(out), m_units(o.units) {}

  void run(const audit::RunRecord& r) override {
    Athlete& a = m_athletes[r.athlete];
    const std::string date =
        r.start_time_ms ? format_rfc3339(*r.start_time_ms).substr(0, 10) : "undated";
    const std::string name = r.name.empty() ? file_stem(r.file) : r.name;
    if (!r.audited) {
      a.lines.push_back("- " + date + " skipped: " + escape(name) + " (" + escape(r.skip_reason) +
                        ")");
      return;
    }
    const IsoWeek w = r.start_time_ms ? iso_week(*r.start_time_ms) : IsoWeek{};
    char key[16];
    std::snprintf(key, sizeof key, "%04d-W%02d", w.year, w.week);
    Week& week = a.weeks[key];
    const audit::Judgement& j = r.judgement;
    ++week.runs;
    ++week.verdicts[static_cast<std::size_t>(j.verdict)];
    if (j.verdict == audit::Verdict::pass) week.recovery_s += r.metrics.moving_time_s;
    std::map<std::string, bool> broken;
    for (const audit::Violation& v : j.violations)
      if (v.severity != audit::Severity::info) broken[v.rule] = true;
    for (const auto& [rule, _] : broken) ++week.rules[rule];

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

  void finish(std::span<const io::FileError> errors) override {
    m_out << "# Recovery-run audit\n";
    for (const auto& [athlete, a] : m_athletes) {
      m_out << "\n## " << escape(athlete) << "\n\n";
      if (!a.weeks.empty()) {
        m_out << "| week | runs | pass | warn | fail | recovery min | most frequent violation | "
                 "vs previous week |\n|---|---:|---:|---:|---:|---:|---|---|\n";
        const Week* previous = nullptr;
        for (const auto& [key, w] : a.weeks) {
          std::string frequent = "—";
          std::size_t most = 0;
          for (const auto& [rule, n] : w.rules)
            if (n > most) {
              most = n;
              frequent = rule + " (" + std::to_string(n) + ")";
            }
          std::string change = "—";
          if (previous) {
            const double dmin = (w.recovery_s - previous->recovery_s) / 60;
            const long dpass =
                static_cast<long>(w.verdicts[0]) - static_cast<long>(previous->verdicts[0]);
            change = (dmin >= 0 ? "+" : "") + format_fixed(dmin, 0) + " recovery min, " +
                     (dpass >= 0 ? "+" : "") + std::to_string(dpass) + " pass";
          }
          m_out << "| " << key << " | " << w.runs << " | " << w.verdicts[0] << " | "
                << w.verdicts[1] << " | " << w.verdicts[2] << " | "
                << format_fixed(w.recovery_s / 60, 0) << " | " << frequent << " | " << change
                << " |\n";
          previous = &w;
        }
        m_out << '\n';
      }
      for (const std::string& line : a.lines) m_out << line << '\n';
    }
    if (!errors.empty()) {
      m_out << "\n## Unreadable files\n\n";
      for (const io::FileError& e : errors)
        m_out << "- " << escape(e.file)
              << (e.line ? ":" + std::to_string(e.line) + ":" + std::to_string(e.column) : "")
              << ": " << escape(e.message) << " (" << e.code << ")\n";
    }
  }

 private:
  struct Athlete {
    std::map<std::string, Week> weeks;  // "2026-W47" sorts chronologically
    std::vector<std::string> lines;
  };
  std::ostream& m_out;
  Units m_units;
  std::map<std::string, Athlete> m_athletes;
};

}  // namespace

std::unique_ptr<Writer> make_markdown_writer(std::ostream& out, const ReportOptions& o) {
  return std::make_unique<MarkdownWriter>(out, o);
}

}  // namespace runaudit::report::detail
