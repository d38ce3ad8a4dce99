#pragma once
// Private: the audit's findings in words, in the units of the report that shows them. The audit
// keeps violations and the reasons a rule was not judged as values (audit::Violation,
// audit::Unjudged); every writer, and every report made later from JSONL results, words them
// here, so a report never mixes the units of the audit run with its own.

#include <string>
#include <string_view>
#include <vector>

#include "runaudit/audit/audit.hpp"
#include "runaudit/audit/batch.hpp"
#include "runaudit/format.hpp"

namespace runaudit::report::detail {

/// @p v in words, e.g. "average 5:12/km grade-adjusted over 34:59 moving, limit 5:38/km (26
/// s/km too fast)". @p run is the record @p v belongs to: its limits and metrics complete some
/// findings (the heart-rate limit of a share, the elevation gain beside the climbing rate).
std::string violation_words(const audit::Violation& v, const audit::RunRecord& run, Units units);

/// One rule a run broke, with all its violations: what a person reads.
struct Finding {
  std::string rule;
  audit::Severity severity = audit::Severity::info;  ///< the worst of its violations
  double deduction = 0;   ///< score points, summed; 0 on a run not scored (unjudged)
  std::size_t count = 0;  ///< violations
  std::string words;  ///< e.g. "HR above 140 bpm for 33:40 in 3 stretches: km 0.2–2.1, 3.4–5.0,
                      ///< 5.6–6.7; 77 % of moving time, allowed 10 %"
};

/// A rule's name as the reports people read write it (text, HTML, Markdown): "heart rate" for
/// heart_rate, "climb" for elevation_gain (its findings begin "climbing …"), "cool-down" for
/// cooldown; other rules (pace, surge, duration, distance, grade, and any this build does not know)
/// as named.
std::string rule_words(std::string_view rule);

/// A severity as reports write it for people: "major", "minor", and "advice" for info (a
/// finding that costs no points, such as a missing cool-down). JSON keeps the code ("info").
std::string_view severity_word(audit::Severity severity);

/// The findings of @p run, one per rule, worst first (major before minor before advice, then by
/// deduction, then in rule order); their spans listed compactly, at most eight, in run order.
std::vector<Finding> findings(const audit::RunRecord& run, Units units);

/// The score as @p before + "87" + @p after ("score 87", "score 87/100", "87"), or "not scored"
/// for an unjudged run: its score counts only the rules that could be judged, and 100 beside
/// "unjudged" would read as a perfect run. A fail with no major finding says why: "score 58,
/// under 60: the findings add up to a fail" (audit::fail_below_score).
std::string score_words(const audit::Judgement& judgement, std::string_view before = "score ",
                        std::string_view after = "");

/// When @p run started, to the minute: local time with its offset where the record has it
/// ("2026-11-16 07:30 +01:00"), the device's local clock when its zone is unknown
/// ("2012-02-13 12:21 local", RunRecord::clock_is_local), else UTC ("2026-11-16 06:30 Z");
/// "undated" without a time.
std::string start_words(const audit::RunRecord& run);

/// What a finding cost the score, in points: "−49 points", "−1 point" (@p deduction rounded).
std::string cost_words(double deduction);

/// Every limit of audited @p run with where it came from, in @p units, grouped by source in rule
/// order: "pace 5:38/km, HR 144.5 bpm (the athletes file); duration 45 min, distance 8.00 km,
/// climb 10 m/km, grade 4 % (default)"; a batch baseline's source as "1.10 × the usual GAP 5:07/km
/// of 7 runs, 2026-10-05 to 2026-11-14" (RunRecord::baseline_runs and its dates); climb and grade
/// with the decimals that show them (50 ft/mi is 9.47 m/km); empty for a run not audited.
std::string limits_words(const audit::RunRecord& run, Units units);

/// The distance of @p run in @p units ("4.98 km"), which one it is when not the GPS track's
/// ("12.24 km (device's; GPS track 11.45 km)", "10.18 km (device's, no GPS)": RunRecord::
/// distance_source), and the device's own total beside it when they differ by more than 3 %
/// ("4.98 km (device 5.73 km)": a file whose laps hold more than its trackpoints, a damaged
/// file, a foot pod off calibration; 3 % is docs/distance.md's target for the worst difference
/// on 1 s recordings). Empty without a distance.
std::string distance_words(const audit::RunRecord& run, Units units);

/// Our climbing per km in @p units ("6.7 m/km"), and, where the device gave its own total
/// ascent (a FIT session's) and ours differs from it by more than 10 m and 25 % of it, both
/// totals beside it ("6.7 m/km (+80 m; watch +28 m)": a watch's barometer or its own filtering of
/// GPS altitude); a run descending beyond what it climbs (by 10 m and 25 % of it) with a GAP a
/// second per km or more slower than its pace gives both, which explain it ("0.0 m/km (+0 m /
/// −35 m)"). Empty without our climbing per km.
std::string climb_words(const signal::Metrics& metrics, Units units);

/// The average GAP of @p run in @p units ("5:49/km", over its moving time), and the one its pace
/// was judged by beside it when they differ by a second per km or more, with what it leaves out
/// ("5:49/km (judged 5:25/km: before the cool-down walk, 1:10 of walking left out)": the
/// effort's, before the cool-down walk and, when most of it is running, without its walks:
/// RunRecord::baseline_gap_s_per_km, baseline_walks_left_out_s); "no elevation" said first in
/// the brackets when the run has none (the GAP is then the pace: "6:52/km (no elevation; judged
/// 6:30/km: …)"); empty without a GAP. @p left_out false leaves out what the judged one leaves out
/// (a card whose tiles give the cool-down and whose glossary says what "judged" is).
std::string gap_words(const audit::RunRecord& run, Units units, bool left_out = true);

/// The average heart rate of @p run over its moving time ("137 bpm"), and the one its heart-rate
/// rule judged beside it when that rule was broken by the average and the two differ by a beat
/// or more ("137 bpm (judged 142 bpm)": the effort's, before the cool-down walk, the
/// heart_rate finding's value); empty without heart rate.
std::string hr_words(const audit::RunRecord& run);

/// A heart rate of @p run (an average, a split's) as shown beside its HR limit: whole bpm ("141
/// bpm"), but to the tenth within a beat of the limit ("140.5 bpm" beside 140.6 bpm), where
/// whole beats would read over a limit it is under.
std::string hr_beside_limit(double bpm, const audit::RunRecord& run);

/// The GAP @p run's pace was judged by (s/km): RunRecord::baseline_gap_s_per_km, else its
/// average GAP over the moving time; nullopt without either.
std::optional<double> judged_gap_s_per_km(const audit::RunRecord& run);

/// Why @p run was not audited, in words in @p units: its skip_reason, with the speed it cites
/// (RunRecord::skip_speed_m_per_s) worded in @p units ("15.7 mph"), then its file_warning (a
/// damaged file: the skip rests on what was read); empty for an audited run.
std::string skip_words(const audit::RunRecord& run, Units units);

/// Why a rule was not judged, in words ("less than 200 m of running"), with what the run showed
/// where the reason rests on a measurement (NotJudged::detail: "sport doubtful: 400 m in 0:36,
/// faster than the world record 0:43 (not on foot: a ride or a car, or its distance or altitude
/// mismeasured)", "the altitude is not the ground's (a broken altimeter): climbing
/// 3070 % sustained over 200 m"; those details are worded in metric, so imperial reports give
/// the reason alone).
std::string unjudged_words(const audit::NotJudged& n, Units units);

}  // namespace runaudit::report::detail
