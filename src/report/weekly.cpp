#include "weekly.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "runaudit/format.hpp"
#include "runaudit/time.hpp"
#include "words.hpp"

namespace runaudit::report::detail {
namespace {

std::string week_key(std::int64_t local_ms) {
  const IsoWeek w = iso_week(local_ms);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", w.year, w.week);
  return buf;
}

constexpr std::int64_t week_ms = 7LL * 24 * 3600 * 1000;

}  // namespace

WeeklySummary::Week& WeeklySummary::week_of(const audit::RunRecord& r) {
  std::string key = "undated", previous;
  if (r.start_time_ms) {
    const std::int64_t local =
        *r.start_time_ms +
        static_cast<std::int64_t>(std::llround(r.utc_offset_s.value_or(0) * 1000));
    key = week_key(local);
    previous = week_key(local - week_ms);
  }
  Week& week = m_weeks[r.athlete][key];
  week.previous = previous;
  return week;
}

void WeeklySummary::add(const audit::RunRecord& r) {
  if (!r.audited) {
    if (audit::is_missed_day(r.skip_reason)) ++week_of(r).missed;
    return;
  }
  Week& week = week_of(r);
  const audit::Judgement& j = r.judgement;
  ++week.runs;
  ++week.verdicts[static_cast<std::size_t>(j.verdict)];
  if (j.verdict == audit::Verdict::pass) week.recovery_s += r.metrics.moving_time_s;
  if (audit::sport_doubtful(j)) return;  // a ride typed as a run: an unjudged run, no more
  const bool pace_disputed =
      std::any_of(j.not_judged.begin(), j.not_judged.end(), [](const audit::NotJudged& n) {
        return n.rule == "pace" && n.why == audit::Unjudged::distance_disputed;
      });
  // The GAP its pace was judged by (walks left out), so the week's dot and its verdicts agree.
  if (!pace_disputed) week.gap.add(judged_gap_s_per_km(r));  // else a noisy track's
  week.hr.add(r.metrics.avg_hr_bpm);
  if (r.limits.pace_limit_s_per_km) week.pace_limit.add(r.limits.pace_limit_s_per_km->value);
  if (r.limits.hr_limit_bpm) week.hr_limit.add(r.limits.hr_limit_bpm->value);
  std::map<std::string, Rule> broken;  // this run's rules (advice is none)
  // A run not scored loses no points (findings): its findings still rank the rules.
  for (const audit::Violation& v : j.violations) {
    if (v.severity == audit::Severity::info) continue;
    Rule& rule = broken[v.rule];
    if (j.scored()) rule.deduction += v.deduction;
    rule.weight += v.deduction * (v.severity == audit::Severity::major ? 2 : 1);
  }
  for (const auto& [name, rule] : broken) {
    Rule& total = week.rules[name];
    total.weight += rule.weight;
    total.deduction += rule.deduction;
    ++total.runs;
  }
}

std::map<std::string, std::vector<WeekRow>> WeeklySummary::rows() const {
  std::map<std::string, std::vector<WeekRow>> out;
  for (const auto& [athlete, weeks] : m_weeks) {
    for (const auto& [key, w] : weeks) {
      WeekRow row;
      row.week = key;
      row.runs = w.runs;
      row.missed = w.missed;
      row.verdicts = w.verdicts;
      row.recovery_min = std::round(w.recovery_s / 60);
      row.avg_gap_s_per_km = w.gap.value();
      row.avg_hr_bpm = w.hr.value();
      row.pace_limit_s_per_km = w.pace_limit.value();
      row.hr_limit_bpm = w.hr_limit.value();
      row.frequent = "—";
      const Rule* most = nullptr;
      for (const auto& [rule, r] : w.rules)
        if (!most || r.weight > most->weight || (r.weight == most->weight && r.runs > most->runs)) {
          most = &r;
          // Points are each run's (of 100): over several runs, their sum says so.
          row.frequent = rule_words(rule) + " (" + std::to_string(r.runs) +
                         (r.runs == 1 ? " run" : " runs") +
                         (r.deduction < 0.5
                              ? ")"  // broken only by runs not scored
                              : ", " + cost_words(r.deduction) + (r.runs == 1 ? ")" : " in all)"));
        }
      const auto before = weeks.find(w.previous);
      if (!w.previous.empty() && before != weeks.end()) {
        const Week& p = before->second;
        // The difference of the minutes shown (rounded), so 76 against 76 is never "−1".
        const double dmin = std::round(w.recovery_s / 60) - std::round(p.recovery_s / 60);
        const long dpass = static_cast<long>(w.verdicts[0]) - static_cast<long>(p.verdicts[0]);
        row.change = (dmin >= 0 ? "+" : "−") + format_fixed(std::abs(dmin), 0) + " recovery min, " +
                     (dpass >= 0 ? "+" : "−") + std::to_string(std::abs(dpass)) + " pass";
      }
      out[athlete].push_back(row);
    }
  }
  return out;
}

}  // namespace runaudit::report::detail
