// The default text report: a block per run, each athlete's by date (held in a temporary file
// until the end), then errors and a summary line.

#include <array>
#include <map>
#include <sstream>

#include "runaudit/audit/plan.hpp"
#include "runaudit/report/writer.hpp"
#include "text_spill.hpp"
#include "words.hpp"
#include "writers.hpp"

namespace runaudit::report::detail {
namespace {

class TextWriter final : public Writer {
 public:
  TextWriter(std::ostream& out, const ReportOptions& o) : m_out(out), m_units(o.units) {}

  std::string render(const audit::RunRecord& r) const override {
    std::ostringstream out;
    if (!r.audited) {  // a missed planned day is a day of a plan's line, not a file's run
      out << "SKIP  " << start_words(r) << "  " << r.athlete << "  " << r.file;
      if (!audit::is_missed_day(r.skip_reason)) out << " #" << r.activity_index;
      out << ": " << skip_words(r, m_units) << "\n\n";
      return out.str();
    }
    const audit::Judgement& j = r.judgement;
    std::string verdict(audit::to_string(j.verdict));
    for (char& c : verdict) c = static_cast<char>(c - 'a' + 'A');
    out << verdict << "  " << start_words(r) << "  " << r.athlete << "  "
        << (r.name.empty() ? file_stem(r.file) : r.name) << "  " << score_words(j) << "\n  "
        << r.file << " #" << r.activity_index << (r.device.empty() ? "" : ", from " + r.device)
        << '\n';
    if (!r.sport_inferred.empty())
      out << "  " << to_string(r.sport) << " inferred: " << r.sport_inferred << '\n';
    if (!r.file_warning.empty()) out << "  data  " << r.file_warning << '\n';
    const signal::Metrics& m = r.metrics;
    out << "  " << format_clock(m.moving_time_s) << " moving";
    if (m.distance_m) out << ", " << distance_words(r, m_units);
    if (m.avg_pace_s_per_km) out << ", pace " << format_pace(*m.avg_pace_s_per_km, m_units);
    if (m.avg_gap_s_per_km) out << ", GAP " << gap_words(r, m_units);
    if (m.gain_per_km_m) out << ", climb " << climb_words(m, m_units);
    if (m.avg_hr_bpm) out << ", HR " << hr_words(r);
    out << '\n';
    // Where the pace and HR limits came from (the other limits are the defaults unless given).
    if (const std::string limits = limits_words(r, m_units); !limits.empty())
      out << "  limits  " << limits << '\n';
    for (const Finding& f : findings(r, m_units)) {
      out << "  " << severity_word(f.severity) << "  " << rule_words(f.rule);
      if (f.deduction >= 0.5) out << ' ' << cost_words(f.deduction);
      out << ": " << f.words << '\n';
    }
    for (const audit::NotJudged& n : j.not_judged)
      out << "  not judged  " << rule_words(n.rule) << ": " << unjudged_words(n, m_units) << '\n';
    out << '\n';
    return out.str();
  }

  void run(const audit::RunRecord& r, std::string rendered) override {
    m_tally.add(r);
    m_athletes[r.athlete].add(m_blocks, r.start_time_ms, rendered);
  }

  void finish(std::span<const io::Diagnostic> errors) override {
    for (auto& [athlete, blocks] : m_athletes) blocks.write(m_blocks, m_out);
    for (const io::Diagnostic& e : errors) {
      m_out << "ERROR " << e.source << io::position(e) << ": " << e.message << " [" << e.code
            << "]\n";
    }
    if (!errors.empty()) m_out << '\n';
    m_out << m_tally.words(errors) << '\n';
  }

 private:
  std::ostream& m_out;
  Units m_units;
  Tally m_tally;
  TextSpill m_blocks;                                           // the runs' blocks, as they came
  std::map<std::string, DatedPieces, AthleteOrder> m_athletes;  // each athlete's, by date
};

}  // namespace

std::unique_ptr<Writer> make_text_writer(std::ostream& out, const ReportOptions& o) {
  return std::make_unique<TextWriter>(out, o);
}

}  // namespace runaudit::report::detail
