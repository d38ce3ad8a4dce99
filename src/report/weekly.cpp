#include "weekly.hpp"

#include <cstdio>

#include "runaudit/format.hpp"
#include "runaudit/time.hpp"

namespace runaudit::report::detail {

void WeeklySummary::add(const audit::RunRecord& r) {
  if (!r.audited) return;
  std::string key = "undated";
  if (r.start_time_ms) {
    const IsoWeek w = iso_week(*r.start_time_ms);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-W%02d", w.year, w.week);
    key = buf;
  }
  Week& week = m_weeks[r.athlete][key];
  const audit::Judgement& j = r.judgement;
  ++week.runs;
  ++week.verdicts[static_cast<std::size_t>(j.verdict)];
  if (j.verdict == audit::Verdict::pass) week.recovery_s += r.metrics.moving_time_s;
  std::map<std::string, bool> broken;  // a rule counts once per run; advice not at all
  for (const audit::Violation& v : j.violations)
    if (v.severity != audit::Severity::info) broken[v.rule] = true;
  for (const auto& [rule, _] : broken) ++week.rules[rule];
}

std::map<std::string, std::vector<WeekRow>> WeeklySummary::rows() const {
  std::map<std::string, std::vector<WeekRow>> out;
  for (const auto& [athlete, weeks] : m_weeks) {
    const Week* previous = nullptr;
    for (const auto& [key, w] : weeks) {
      WeekRow row;
      row.week = key;
      row.runs = w.runs;
      row.verdicts = w.verdicts;
      row.recovery_min = w.recovery_s / 60;
      row.frequent = "—";
      std::size_t most = 0;
      for (const auto& [rule, n] : w.rules)
        if (n > most) {
          most = n;
          row.frequent = rule + " (" + std::to_string(n) + ")";
        }
      row.change = "—";
      if (previous) {
        const double dmin = (w.recovery_s - previous->recovery_s) / 60;
        const long dpass =
            static_cast<long>(w.verdicts[0]) - static_cast<long>(previous->verdicts[0]);
        row.change = (dmin >= 0 ? "+" : "") + format_fixed(dmin, 0) + " recovery min, " +
                     (dpass >= 0 ? "+" : "") + std::to_string(dpass) + " pass";
      }
      out[athlete].push_back(row);
      previous = &w;
    }
  }
  return out;
}

}  // namespace runaudit::report::detail
