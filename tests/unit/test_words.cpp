// The findings in words (report/words), checked against hand-converted figures in both unit
// systems, and the run record through JSONL and back: every field exactly as written.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "report/words.hpp"
#include "report/writers.hpp"
#include "runaudit/audit/batch.hpp"
#include "runaudit/audit/record_fields.hpp"
#include "runaudit/report/results.hpp"
#include "runaudit/report/writer.hpp"
#include "support/synth.hpp"

using namespace runaudit;
using audit::UnitKind;
using audit::Violation;
using report::detail::unjudged_words;
using report::detail::violation_words;

namespace {

// A record with the limits and metrics the words of some findings borrow.
audit::RunRecord record() {
  audit::RunRecord r;
  r.audited = true;
  r.metrics.distance_m = 9800;
  r.metrics.elevation_gain_m = 157;
  r.elevation = runaudit::signal::ElevationQuality{};  // its paces grade-adjusted
  r.metrics.cooldown_walk_s = 200;
  r.limits.hr_limit_bpm = audit::Limit{144.4, audit::LimitSource::profile};
  return r;
}

Violation violation(const char* rule, double value, double limit, UnitKind unit) {
  Violation v;
  v.rule = rule;
  v.value = value;
  v.limit = limit;
  v.unit = unit;
  return v;
}

std::string metric(const Violation& v) {
  return violation_words(v, record(), Units::metric);
}
std::string imperial(const Violation& v) {
  return violation_words(v, record(), Units::imperial);
}

}  // namespace

TEST_CASE("words: pace and surges, per km and per mile", "[report][words]") {
  Violation pace = violation("pace", 312.4, 337.5, UnitKind::s_per_km);
  pace.duration_s = 2099.4;
  CHECK(metric(pace) ==
        "average 5:12/km grade-adjusted over 34:59 moving before the 3:20 cool-down walk, limit "
        "5:38/km (25 s/km too fast)");
  // 312.4 s/km × 1.609344 = 502.8 s/mi; 337.5 → 543.2; the 25.1 s/km difference → 40.4 s/mi.
  CHECK(imperial(pace) ==
        "average 8:23/mi grade-adjusted over 34:59 moving before the 3:20 cool-down walk, limit "
        "9:03/mi (40 s/mi too fast)");
  Violation surge = violation("surge", 254, 337.5, UnitKind::s_per_km);
  surge.start_m = 3300;
  surge.end_m = 3520;
  surge.duration_s = 48;
  CHECK(metric(surge) == "km 3.3–3.5: 4:14/km grade-adjusted for 0:48, limit 5:38/km");
  // 3300 m = 2.05 mi, 3520 m = 2.19 mi; 254 s/km = 408.8 s/mi.
  CHECK(imperial(surge) == "mi 2.1–2.2: 6:49/mi grade-adjusted for 0:48, limit 9:03/mi");
  // A run without elevation (a treadmill's): its paces are not grade-adjusted, and say so.
  audit::RunRecord flat = record();
  flat.elevation.reset();
  CHECK(violation_words(surge, flat, Units::metric) ==
        "km 3.3–3.5: 4:14/km (no elevation to adjust) for 0:48, limit 5:38/km");
}

TEST_CASE("words: heart rate, an average, a stretch and short bursts", "[report][words]") {
  const Violation average = violation("heart_rate", 149.1, 144.4, UnitKind::bpm);
  CHECK(metric(average) ==
        "average heart rate 149 bpm before the 3:20 cool-down walk, limit 144.4 bpm");
  // Within a beat of the limit, to the tenth, as the run's line gives it: not "145 bpm".
  CHECK(metric(violation("heart_rate", 144.84, 144.4, UnitKind::bpm)) ==
        "average heart rate 144.8 bpm before the 3:20 cool-down walk, limit 144.4 bpm");
  Violation stretch = violation("heart_rate", 149.1, 144.4, UnitKind::bpm);
  stretch.start_m = 200;
  stretch.end_m = 6700;
  stretch.duration_s = 2020;
  stretch.time_above_pct = 96.2;
  stretch.time_above_allowed_pct = 10;
  // The share is of the moving time before the record's 3:20 cool-down walk.
  CHECK(metric(stretch) ==
        "km 0.2–6.7: 149 bpm for 33:40, limit 144.4 bpm; HR above 144.4 bpm for 96 % of moving "
        "time before the 3:20 cool-down walk (allowed 10 %)");
  // 200 m = 0.12 mi, 6700 m = 4.16 mi.
  CHECK(imperial(stretch) ==
        "mi 0.1–4.2: 149 bpm for 33:40, limit 144.4 bpm; HR above 144.4 bpm for 96 % of moving "
        "time before the 3:20 cool-down walk (allowed 10 %)");
  const Violation bursts = violation("heart_rate", 14.4, 10, UnitKind::pct_time_above);
  CHECK(metric(bursts) ==
        "HR above 144.4 bpm for 14 % of moving time before the 3:20 cool-down walk (allowed 10 %), "
        "in no stretch of 1:00 or more");
}

// The example: one finding per rule, its spans listed compactly, worst first.
TEST_CASE("words: one finding per rule, spans listed compactly, worst first", "[report][words]") {
  audit::RunRecord r = record();
  const auto stretch = [](double a_m, double b_m, double seconds, double deduction) {
    Violation v = violation("heart_rate", 149, 144.4, UnitKind::bpm);
    v.severity = audit::Severity::major;
    v.start_m = a_m;
    v.end_m = b_m;
    v.duration_s = seconds;
    v.time_above_pct = 77.2;
    v.time_above_allowed_pct = 10;
    v.deduction = deduction;
    return v;
  };
  // 600 + 1000 + 420 s = 2020 s = 33:40 above the limit.
  r.judgement.violations = {stretch(200, 2100, 600, 10), stretch(3400, 5000, 1000, 10),
                            stretch(5600, 6700, 420, 5)};
  for (const auto& [a, b, pace] : {std::tuple{3300.0, 3520.0, 254.0}, {5000.0, 5400.0, 290.0}}) {
    Violation v = violation("surge", pace, 337.5, UnitKind::s_per_km);
    v.start_m = a;
    v.end_m = b;
    v.duration_s = 48;
    v.deduction = 4;
    r.judgement.violations.push_back(v);
  }
  r.judgement.violations.push_back(violation("cooldown", 95, 180, UnitKind::s));
  r.judgement.violations.back().severity = audit::Severity::info;
  const auto found = report::detail::findings(r, Units::metric);
  REQUIRE(found.size() == 3);
  CHECK(found[0].rule == "heart_rate");  // major first
  CHECK(found[0].deduction == 25);
  CHECK(found[0].words ==
        "HR above 144.4 bpm for 77 % of moving time before the 3:20 cool-down walk, allowed 10 %; "
        "33:40 of it in 3 stretches of 1:00 or more: km 0.2–2.1, 3.4–5.0, 5.6–6.7");
  CHECK(found[1].rule == "surge");
  CHECK(found[1].count == 2);
  CHECK(found[1].words ==
        "2 surges faster than 5:38/km for 1:36 in all, fastest 4:14/km grade-adjusted: km "
        "3.3–3.5, 5.0–5.4");
  CHECK(found[2].rule == "cooldown");  // advice last
  // Without elevation (a treadmill), the pace is not called grade-adjusted.
  r.elevation.reset();
  CHECK(report::detail::findings(r, Units::metric)[1].words ==
        "2 surges faster than 5:38/km for 1:36 in all, fastest 4:14/km (no elevation to adjust): "
        "km 3.3–3.5, 5.0–5.4");
}

TEST_CASE("words: the findings' points add up to what the score shown lost", "[report][words]") {
  // Deductions 37.4, 19.4, 14.4, 10.4 and 7.6: 89.2 in all, score 10.8, shown 11. Each rounded
  // alone they read 37 + 19 + 14 + 10 + 8 = 88; by largest remainders 38 + 19 + 14 + 10 + 8 = 89.
  audit::RunRecord r = record();
  r.judgement.verdict = audit::Verdict::fail;
  r.judgement.score = 10.8;
  const char* rules[] = {"pace", "heart_rate", "distance", "duration", "grade"};
  const double deductions[] = {37.4, 19.4, 14.4, 10.4, 7.6};
  for (std::size_t i = 0; i < 5; ++i) {
    Violation v = violation(rules[i], 1, 1, UnitKind::pct);
    v.severity = audit::Severity::major;
    v.deduction = deductions[i];
    r.judgement.violations.push_back(v);
  }
  double total = 0;
  std::map<std::string, double> of;
  for (const auto& f : report::detail::findings(r, Units::metric)) {
    total += f.deduction;
    of[f.rule] = f.deduction;
  }
  CHECK(total == 89);
  CHECK(of["pace"] == 38);
  CHECK(of["grade"] == 8);
  CHECK(of["distance"] == 14);
  // A score of 12.5 is shown as 12 (to nearest, ties to even), so 88 points are lost in all.
  r.judgement.score = 12.5;
  r.judgement.violations.resize(2);
  r.judgement.violations[0].deduction = 50.25;
  r.judgement.violations[1].deduction = 37.25;
  CHECK(report::detail::score_words(r.judgement, "score ", "") == "score 12");
  double shown = 0;
  for (const auto& f : report::detail::findings(r, Units::metric)) shown += f.deduction;
  CHECK(shown == 88);
}

TEST_CASE("words: surges listed together, a short one in hundredths", "[report][words]") {
  // Surges over 1000-1040 m and 1100-1190 m: tenths would make the first "1.0–1.0".
  audit::RunRecord r = record();
  for (const auto& [a, b] : {std::pair{1000.0, 1040.0}, {1100.0, 1190.0}}) {
    Violation v = violation("surge", 254, 337.5, UnitKind::s_per_km);
    v.start_m = a;
    v.end_m = b;
    v.duration_s = 31;
    v.start_s = a;
    r.judgement.violations.push_back(v);
  }
  const auto found = report::detail::findings(r, Units::metric);
  REQUIRE(found.size() == 1);
  CHECK_THAT(found[0].words, Catch::EndsWith(": km 1.00–1.04, 1.1–1.2"));
}

TEST_CASE("words: totals and climbing, in km and m or mi and ft", "[report][words]") {
  // The record's run ends with a 3:20 cool-down walk, which the totals leave out (effort_of).
  Violation duration = violation("duration", 3599, 2700, UnitKind::s);
  duration.start_m = 7350;
  CHECK(metric(duration) ==
        "59:59 moving before the 3:20 cool-down walk, limit 45 min (14:59 over, from 7.35 km)");
  CHECK(imperial(duration) ==
        "59:59 moving before the 3:20 cool-down walk, limit 45 min (14:59 over, from 4.57 mi)");
  duration.limit = 2730;  // --max-duration 45.5
  CHECK(metric(duration) ==
        "59:59 moving before the 3:20 cool-down walk, limit 45.5 min (14:29 over, from 7.35 km)");
  const Violation distance = violation("distance", 9800, 8000, UnitKind::m);
  CHECK(metric(distance) == "9.80 km before the 3:20 cool-down walk, limit 8.00 km");
  CHECK(imperial(distance) ==
        "6.09 mi before the 3:20 cool-down walk, limit 4.97 mi");  // 9800 / 1609.344 = 6.089
  // A file cut short at 0.92 km judged by its session's total, 11.27 km.
  audit::RunRecord cut = record();
  cut.metrics.distance_m = 920;
  cut.metrics.device_distance_m = 11'270;
  Violation by_device = violation("distance", 11'270, 8000, UnitKind::m);
  by_device.by_device_total = true;
  CHECK(violation_words(by_device, cut, Units::metric) ==
        "11.27 km by the device's total, a cool-down walk included (the damaged file was read to "
        "0.92 km), limit 8.00 km");
  const Violation gain = violation("elevation_gain", 24, 10, UnitKind::m_per_km);
  CHECK(metric(gain) == "climbing 24 m/km (+157 m), limit 10 m/km");
  // 1 m/km = 5.28 ft/mi: 24 → 126.7, 10 → 52.8; 157 m = 515.1 ft.
  CHECK(imperial(gain) == "climbing 127 ft/mi (+515 ft), limit 53 ft/mi");
  // A noisy (GPS) altitude, counted in climbs of 20 m or more (65.6 ft): the least it climbed.
  audit::RunRecord noisy = record();
  noisy.elevation = runaudit::signal::ElevationQuality{.confidence = "low", .hysteresis_m = 20};
  CHECK(violation_words(gain, noisy, Units::metric) ==
        "climbing 24 m/km (+157 m, counting climbs of 20 m or more: the altitude is noisy), limit "
        "10 m/km");
  CHECK(violation_words(gain, noisy, Units::imperial) ==
        "climbing 127 ft/mi (+515 ft, counting climbs of 66 ft or more: the altitude is noisy), "
        "limit 53 ft/mi");
  Violation grade = violation("grade", 5.14, 4, UnitKind::pct);
  grade.start_m = 1500;
  grade.end_m = 2500;
  CHECK(metric(grade) == "km 1.5–2.5: climbing 5.1 % sustained, limit 4.0 %");
  CHECK(imperial(grade) == "mi 0.9–1.6: climbing 5.1 % sustained, limit 4.0 %");
  // Values that round to their limit get the decimals that tell them apart: 10.2 m/km over 10,
  // 4.04 % over 4.
  CHECK(metric(violation("elevation_gain", 10.2, 10, UnitKind::m_per_km)) ==
        "climbing 10.2 m/km (+157 m), limit 10.0 m/km");
  grade.value = 4.04;
  CHECK(metric(grade) == "km 1.5–2.5: climbing 4.04 % sustained, limit 4.00 %");
  CHECK(metric(violation("cooldown", 0, 180, UnitKind::s)) ==
        "no cool-down walk at the end; walk at least 3:00");
  CHECK(metric(violation("cooldown", 95, 180, UnitKind::s)) ==
        "cool-down walk of 1:35; walk at least 3:00");
}

TEST_CASE("words: each limit says where it came from, a cost in points", "[report][words]") {
  audit::RunRecord r;
  r.audited = true;
  CHECK(report::detail::limits_words(r, Units::metric).empty());
  r.limits.pace_limit_s_per_km = audit::Limit{365, audit::LimitSource::batch};  // 331.8 s/km x 1.10
  r.baseline_runs = 7;
  r.baseline_first_ms = 1'759'622'400'000;  // 2025-10-05T00:00:00Z
  r.baseline_last_ms = 1'763'078'400'000;   // 2025-11-14T00:00:00Z
  r.limits.hr_limit_bpm = audit::Limit{142.8, audit::LimitSource::device};
  // A file without HR settings (a GPX) borrows those a watch held in a run of its athlete's.
  CHECK(report::detail::limits_words(r, Units::metric) ==
        "pace 6:05/km (1.10 × the usual GAP 5:32/km of 7 runs, 2025-10-05 to 2025-11-14); HR 142.8 "
        "bpm "
        "(the watch's settings, from another of the athlete's runs)");
  r.device_threshold_hr_bpm = 168;  // its own: 0.85 × 168 = 142.8
  CHECK(report::detail::limits_words(r, Units::metric) ==
        "pace 6:05/km (1.10 × the usual GAP 5:32/km of 7 runs, 2025-10-05 to 2025-11-14); HR 142.8 "
        "bpm "
        "(the watch's settings)");
  // A max HR below the run's highest heart rate, raised to it (0.76 x 188 = 142.9).
  r.device_threshold_hr_bpm.reset();
  r.device_max_hr_bpm = 180;
  r.metrics.max_hr_bpm = 188;
  r.device_max_hr_raised = true;
  CHECK_THAT(
      report::detail::limits_words(r, Units::metric),
      Catch::Matchers::EndsWith("(the watch's settings, its max HR raised to this run's 188 bpm)"));
  r.device_max_hr_raised = false;
  r.device_max_hr_bpm.reset();
  r.device_threshold_hr_bpm = 168;
  // The baseline's days are the athlete's: at UTC-5 the first run was on the evening before.
  r.utc_offset_s = -5 * 3600;
  CHECK(report::detail::limits_words(r, Units::metric).find("2025-10-04 to 2025-11-13") !=
        std::string::npos);
  r.limits.pace_limit_s_per_km = audit::Limit{340, audit::LimitSource::profile};
  // 340 s/km × 1.609344 = 547.2 s/mi = 9:07/mi.
  CHECK(report::detail::limits_words(r, Units::imperial) ==
        "pace 9:07/mi (the athletes file); HR 142.8 bpm (the watch's settings)");
  // Every limit, grouped by where it came from, in rule order; climbing and grade with the
  // decimals that show them: 50 ft/mi = 50 × 0.3048 m / 1.609344 km = 9.4697 m/km.
  r.limits.hr_limit_bpm = audit::Limit{144.5, audit::LimitSource::profile};
  r.limits.max_duration_s = audit::Limit{45 * 60, audit::LimitSource::default_value};
  r.limits.max_distance_m = audit::Limit{8000, audit::LimitSource::default_value};
  r.limits.max_gain_per_km_m = audit::Limit{50 * 0.3048 / 1.609344, audit::LimitSource::flag};
  r.limits.max_grade_pct = audit::Limit{4, audit::LimitSource::default_value};
  CHECK(report::detail::limits_words(r, Units::metric) ==
        "pace 5:40/km, HR 144.5 bpm (the athletes file); duration 45 min, distance 8.00 km "
        "(defaults); climb 9.47 m/km (the command line); grade 4 % (default)");
  CHECK(report::detail::limits_words(r, Units::imperial) ==
        "pace 9:07/mi, HR 144.5 bpm (the athletes file); duration 45 min, distance 4.97 mi "
        "(defaults); climb 50 ft/mi (the command line); grade 4 % (default)");
  // Limits derived from anchors say from which: 1.25 × 4:32/km = 5:40/km, 0.85 × 170 = 144.5,
  // 0.76 × 190 = 144.4; 272 s/km = 437.7 s/mi = 7:18/mi.
  r.limits.pace_limit_s_per_km =
      audit::Limit{340, audit::LimitSource::profile, audit::LimitAnchor::threshold_pace, 272};
  r.limits.hr_limit_bpm =
      audit::Limit{144.5, audit::LimitSource::flag, audit::LimitAnchor::lthr, 170};
  CHECK_THAT(report::detail::limits_words(r, Units::metric),
             Catch::StartsWith("pace 5:40/km (1.25 × threshold pace 4:32/km, the athletes file); "
                               "HR 144.5 bpm (0.85 × LTHR 170 bpm, the command line); "));
  CHECK_THAT(report::detail::limits_words(r, Units::imperial),
             Catch::StartsWith("pace 9:07/mi (1.25 × threshold pace 7:18/mi, the athletes file)"));
  r.limits.hr_limit_bpm =
      audit::Limit{144.4, audit::LimitSource::device, audit::LimitAnchor::max_hr, 190};
  CHECK_THAT(report::detail::limits_words(r, Units::metric),
             Catch::Contains("HR 144.4 bpm (0.76 × max HR 190 bpm, the watch's settings)"));
  r.audited = false;  // a skipped run has no limits to show
  CHECK(report::detail::limits_words(r, Units::metric).empty());
  CHECK(report::detail::cost_words(49.4) == "−49 points");
  CHECK(report::detail::cost_words(0.7) == "−1 point");
}

TEST_CASE("words: the watch's ascent beside our climbing only beyond 10 m and 25 %",
          "[report][words]") {
  signal::Metrics m;
  CHECK(report::detail::climb_words(m, Units::metric).empty());
  m.distance_m = 12000;
  m.elevation_gain_m = 80;
  m.gain_per_km_m = 80.0 / 12;
  CHECK(report::detail::climb_words(m, Units::metric) == "6.7 m/km");  // no device figure
  m.device_elevation_gain_m = 28;  // 52 m apart: more than 10 m and 7 m (25 %)
  CHECK(report::detail::climb_words(m, Units::metric) == "6.7 m/km (+80 m; watch +28 m)");
  // 6.667 m/km = 35.2 ft/mi; 80 m = 262 ft, 28 m = 92 ft.
  CHECK(report::detail::climb_words(m, Units::imperial) == "35.2 ft/mi (+262 ft; watch +92 ft)");
  m.device_elevation_gain_m = 70;  // 10 m apart: within 10 m
  CHECK(report::detail::climb_words(m, Units::metric) == "6.7 m/km");
  m.elevation_gain_m = 300;
  m.device_elevation_gain_m = 250;  // 50 m apart, within 25 % of 250 m
  m.gain_per_km_m = 25;
  CHECK(report::detail::climb_words(m, Units::metric) == "25.0 m/km");
  // Descending 35 m with no climb: both totals, which explain a GAP slower than the pace.
  m.elevation_gain_m = 0;
  m.elevation_loss_m = 35;
  m.gain_per_km_m = 0;
  m.device_elevation_gain_m.reset();
  m.avg_pace_s_per_km = 302;
  m.avg_gap_s_per_km = 302.5;  // no slower than the pace as shown: nothing to explain
  CHECK(report::detail::climb_words(m, Units::metric) == "0.0 m/km");
  m.avg_gap_s_per_km = 359;
  CHECK(report::detail::climb_words(m, Units::metric) == "0.0 m/km (+0 m / −35 m)");
  m.device_elevation_gain_m = 12;  // 12 m apart: more than 10 m and 3 m (25 %)
  CHECK(report::detail::climb_words(m, Units::metric) == "0.0 m/km (+0 m / −35 m; watch +12 m)");
  m.elevation_loss_m = 9;  // within 10 m of the climb: as before
  CHECK(report::detail::climb_words(m, Units::metric) == "0.0 m/km (+0 m; watch +12 m)");
}

TEST_CASE("words: which distance, and the device's beside ours only beyond 3 %",
          "[report][words]") {
  runaudit::audit::RunRecord r;
  r.distance_source = "gps";
  runaudit::signal::Metrics& m = r.metrics;
  CHECK(report::detail::distance_words(r, Units::metric).empty());
  m.distance_m = 4980;
  CHECK(report::detail::distance_words(r, Units::metric) == "4.98 km");
  m.device_distance_m = 5120;  // 2.7 % more: within what GPS and devices differ by
  CHECK(report::detail::distance_words(r, Units::metric) == "4.98 km");
  m.device_distance_m = 5729;  // a TCX whose first laps have no trackpoints
  CHECK(report::detail::distance_words(r, Units::metric) == "4.98 km (device 5.73 km)");
  // 4980 m = 3.094 mi, 5729 m = 3.560 mi (1 mi = 1609.344 m).
  CHECK(report::detail::distance_words(r, Units::imperial) == "3.09 mi (device 3.56 mi)");
  // The device's distance used, the GPS track having read short of it (a trail, a foot pod).
  r.distance_source = "device";
  m.distance_m = 12238;
  m.device_distance_m = 12242;
  m.gps_distance_m = 11449;
  CHECK(report::detail::distance_words(r, Units::metric) ==
        "12.24 km (device's; GPS track 11.45 km)");
  // The device's moving distance 3 % or more under its own total (it counted while stopped).
  m.distance_m = 3804;
  m.device_distance_m = 4241;
  m.gps_distance_m = 3596;
  CHECK(report::detail::distance_words(r, Units::metric) ==
        "3.80 km (device's; GPS track 3.60 km; device total 4.24 km)");
  // No positions: the device's distance (a foot pod, a treadmill), or its speeds summed.
  m.gps_distance_m.reset();
  m.distance_m = 10180;
  m.device_distance_m = 10249;
  CHECK(report::detail::distance_words(r, Units::metric) == "10.18 km (device's, no GPS)");
  r.distance_source = "speed";
  CHECK(report::detail::distance_words(r, Units::metric) ==
        "10.18 km (from the device's speeds, no GPS)");
  // A GPS track 50 % longer than the device's distance over the same stretches: disputed, and
  // the distance finding is the device's (22 726 m / 1.504 = 15 111 m).
  r.distance_source = "gps";
  r.track_over_device = 1.504;
  m.distance_m = 22726;
  m.device_distance_m = 16917;
  CHECK(report::detail::distance_words(r, Units::metric) ==
        "22.73 km (GPS track, 50 % longer than the device's 15.11 km over the same stretches: "
        "disputed; device total 16.92 km)");
  audit::Violation v;
  v.rule = "distance";
  v.value = 22726 / 1.504;
  v.limit = 8000;
  v.unit = audit::UnitKind::m;
  CHECK(report::detail::violation_words(v, r, Units::metric) ==
        "15.11 km by the device's distance (the GPS track reads 50 % longer), limit 8.00 km");
}

TEST_CASE("words: why a rule was not judged, in the report's units", "[report][words]") {
  using audit::Unjudged;
  const auto reason = [](Unjudged why) { return audit::NotJudged{"pace", why}; };
  CHECK(unjudged_words(reason(Unjudged::too_little_running), Units::metric) ==
        "less than 200 m of running");
  // 200 m = 656.2 ft.
  CHECK(unjudged_words(reason(Unjudged::too_little_running), Units::imperial) ==
        "less than 656 ft of running");
  CHECK(unjudged_words(reason(Unjudged::no_limit), Units::metric) == "no limit given");
  // The sport doubt says what the run showed (worded in metric by the signal stage: imperial
  // reports keep the reason alone).
  const audit::NotJudged doubt{"pace", Unjudged::sport_doubtful,
                               "400 m in 0:36, faster than the world record 0:43"};
  CHECK(unjudged_words(doubt, Units::metric) ==
        "sport doubtful: 400 m in 0:36, faster than the world record 0:43 (not on foot: a ride or "
        "a car, or its distance or altitude mismeasured)");
  // A broken altimeter says how steep it read (in metric, as the doubt).
  const audit::NotJudged altitude{"grade", Unjudged::elevation_implausible,
                                  "climbing 3070 % sustained over 200 m"};
  CHECK(unjudged_words(altitude, Units::metric) ==
        "the altitude is not the ground's (a broken altimeter): climbing 3070 % sustained over "
        "200 m");
  CHECK(unjudged_words(altitude, Units::imperial) ==
        unjudged_words(reason(Unjudged::elevation_implausible), Units::imperial));
  CHECK(unjudged_words(doubt, Units::imperial) ==
        unjudged_words(reason(Unjudged::sport_doubtful), Units::imperial));
  // Every reason, in either system, has words of its own and none of the other system's units.
  const std::regex metric_unit("(^|[^a-z_])(km|m)([^a-z_]|$)");
  const std::regex imperial_unit("(^|[^a-z_])(mi|ft)([^a-z_]|$)");
  std::vector<std::string> seen;
  for (int i = 0; i <= static_cast<int>(Unjudged::no_running); ++i) {
    const auto why = static_cast<Unjudged>(i);
    const std::string m = unjudged_words(reason(why), Units::metric);
    const std::string f = unjudged_words(reason(why), Units::imperial);
    INFO(audit::to_string(why) << ": " << m << " / " << f);
    CHECK_FALSE(std::regex_search(m, imperial_unit));
    CHECK_FALSE(std::regex_search(f, metric_unit));
    CHECK(std::find(seen.begin(), seen.end(), m) == seen.end());
    seen.push_back(m);
  }
}

TEST_CASE("words: a ride's inferred speed in the report's units", "[report][words][units]") {
  // A ride without a sport at 8 m/s: skipped, its speed kept as a value.
  synth::Options o;
  o.path = synth::straight;
  o.legs = {{synth::Leg::move, 1200, 8.0}};
  synth::Run ride = synth::generate(o);
  ride.activity.sport = Sport::unknown;
  audit::RunRecord r =
      audit::audit_activity(ride.activity, "ann", {}, {}, nullptr, std::nullopt, {});
  REQUIRE_FALSE(r.audited);
  REQUIRE(r.skip_speed_m_per_s);
  CHECK(*r.skip_speed_m_per_s == Approx(8.0).epsilon(0.01));
  // 7 m/s = 25.2 km/h = 25200 m / 1609.344 m per mile = 15.66 mph.
  r.skip_speed_m_per_s = 7.0;
  CHECK(report::detail::skip_words(r, Units::metric) ==
        "cycling (inferred: median moving speed 25.2 km/h, the file names no sport): not a run");
  CHECK(report::detail::skip_words(r, Units::imperial) ==
        "cycling (inferred: median moving speed 15.7 mph, the file names no sport): not a run");
  for (const char* format : {"text", "json", "csv", "junit", "markdown", "html"}) {
    INFO(format);
    std::ostringstream out;
    report::write_report(format, out, report::ReportOptions{Units::imperial, {}},
                         std::span<const audit::RunRecord>(&r, 1), {});
    CHECK(out.str().find("median moving speed 15.7 mph") != std::string::npos);
    CHECK(out.str().find("km/h") == std::string::npos);
  }
  // @p run written as JSONL and read back.
  const auto round_trip = [](const audit::RunRecord& run) {
    std::ostringstream jsonl;
    report::write_report("jsonl", jsonl, {}, std::span<const audit::RunRecord>(&run, 1), {});
    std::istringstream in(jsonl.str());
    report::Results back;
    report::read_results(in, "runs.jsonl", back);
    REQUIRE(back.runs.size() == 1);
    return back.runs[0];
  };
  // Results written in metric, read back and reported in imperial: the speed, not the words,
  // was kept.
  const audit::RunRecord back = round_trip(r);
  CHECK(back.skip_speed_m_per_s == 7.0);
  CHECK(report::detail::skip_words(back, Units::imperial) ==
        "cycling (inferred: median moving speed 15.7 mph, the file names no sport): not a run");
  // Another reason written over it (a duplicate) cites no speed.
  r.skip_reason = "the same bytes as a.fit: reported under that name";
  r.skip_speed_m_per_s.reset();
  CHECK(report::detail::skip_words(r, Units::imperial) == r.skip_reason);
  // A damaged file's warning follows the reason, once: also when the reason was read back from
  // results that carried it already.
  r.file_warning = "file damaged at byte 751: kept the file's 14 records before it";
  const std::string damaged =
      "the same bytes as a.fit: reported under that name; file damaged at byte 751: kept the "
      "file's 14 "
      "records before it";
  CHECK(report::detail::skip_words(r, Units::metric) == damaged);
  CHECK(report::detail::skip_words(round_trip(r), Units::metric) == damaged);
}

TEST_CASE("record: JSONL gives back every field of every run exactly", "[report][record]") {
  // Runs with violations of several rules, a pace-less one, a skipped ride; curves included.
  std::vector<audit::RunRecord> runs;
  audit::LimitInputs flags;
  flags.pace_limit_s_per_km = 340.3;
  flags.hr_limit_bpm = 131.7;
  for (const double speed : {3.3, 2.6, 8.0}) {
    synth::Options o;
    o.path = synth::straight;
    o.elevation = [](double d) { return 0.013 * d; };
    o.legs = {{synth::Leg::move, 2900, speed}};
    synth::Run run = synth::generate(o);
    run.activity.file = "runs/" + std::to_string(speed) + ".gpx";
    run.activity.name = "Run \"" + std::to_string(speed) + "\"";
    if (speed > 6) run.activity.sport = Sport::cycling;
    if (speed == 2.6) {  // what a FIT file adds
      Activity& a = run.activity;
      a.device = "Garmin Forerunner 965";
      a.sub_sport = "trail";
      a.bike_computer = false;
      a.workout.emplace().name = "Recovery \"Z1\"";
      a.workout->steps.resize(3);
      a.workout->steps[0].intensity = "warmup";
      a.workout->steps[1].intensity = "recovery";
      a.device_heart_rate.threshold_bpm = 172;
      a.device_heart_rate.max_bpm = 188;
      a.device_distance_m = 7531.4;
    }
    runs.push_back(
        audit::audit_activity(run.activity, "ann", {}, flags, nullptr, std::nullopt, {}, true));
    flags = {};
  }
  runs[1].duplicates = {"export.zip!a.gpx", "b \"c\".tcx"};
  REQUIRE(runs[1].limits.hr_limit_bpm);
  REQUIRE(runs[1].limits.hr_limit_bpm->source == audit::LimitSource::device);
  REQUIRE(runs[1].workout_steps == std::vector<std::string>{"warmup", "recovery", ""});
  REQUIRE(runs[0].judgement.violations.size() >= 4);
  REQUIRE_FALSE(runs[2].audited);
  runs[0].utc_offset_s = -8 * 3600;
  runs[0].lap_start_s = {612.5, 1224};
  // Every reason a rule goes unjudged reads back (the reader once knew only the first fifteen:
  // results holding a later one were refused by `runaudit report`).
  for (std::size_t k = 0; k < std::size(audit::unjudged_names); ++k)
    runs[0].judgement.not_judged.push_back(
        {"surge", static_cast<audit::Unjudged>(k), "detail " + std::to_string(k)});

  std::ostringstream out;
  report::write_report("jsonl", out, {}, runs, {});
  std::istringstream in(out.str());
  report::Results back;
  report::read_results(in, "runs.jsonl", back);
  REQUIRE(back.runs.size() == runs.size());

  namespace fields = audit::fields;
  // Each member the table names, compared bit for bit (NaN columns as NaN).
  const auto same = [](const auto& a, const auto& b, const auto& table) {
    fields::for_each(table, [&](const auto& entry) {
      if constexpr (!std::is_same_v<std::decay_t<decltype(entry)>, fields::Written>) {
        INFO(entry.name);
        const auto& x = a.*entry.member;
        const auto& y = b.*entry.member;
        if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::vector<double>>) {
          REQUIRE(x.size() == y.size());
          for (std::size_t i = 0; i < x.size(); ++i)
            CHECK((x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i]))));
        } else {
          CHECK(x == y);
        }
      }
    });
  };
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const audit::RunRecord& a = runs[i];
    const audit::RunRecord& b = back.runs[i];
    same(a, b, fields::run_fields);
    same(a, b, fields::recording_fields);
    same(a.metrics, b.metrics, fields::metric_fields);
    REQUIRE(a.elevation.has_value() == b.elevation.has_value());
    if (a.elevation) same(*a.elevation, *b.elevation, fields::elevation_fields);
    same(a.limits, b.limits, fields::limit_fields);
    REQUIRE(a.judgement.violations.size() == b.judgement.violations.size());
    for (std::size_t k = 0; k < a.judgement.violations.size(); ++k)
      same(a.judgement.violations[k], b.judgement.violations[k], fields::violation_fields);
    REQUIRE(a.judgement.not_judged.size() == b.judgement.not_judged.size());
    for (std::size_t k = 0; k < a.judgement.not_judged.size(); ++k)
      same(a.judgement.not_judged[k], b.judgement.not_judged[k], fields::not_judged_fields);
    CHECK(a.judgement.score == b.judgement.score);
    CHECK(a.judgement.verdict == b.judgement.verdict);
    REQUIRE(b.series.has_value());
    same(*a.series, *b.series, fields::series_fields);
  }

  // Results written before the recording's keys existed are read, those keys absent.
  const std::string first_run =
      out.str().substr(out.str().find('\n') + 1);  // after the report line
  std::string old_line = first_run.substr(0, first_run.find('\n'));
  fields::for_each(fields::recording_fields, [&](const auto& entry) {
    const std::regex key("\"" + std::string(entry.name) + "\":(null|false|\\[\\]|\"[^\"]*\"),");
    old_line = std::regex_replace(old_line, key, "");
  });
  REQUIRE(old_line.find("\"device\"") == std::string::npos);
  std::istringstream old_in(old_line + "\n");
  report::Results old;
  REQUIRE_NOTHROW(report::read_results(old_in, "old.jsonl", old));
  REQUIRE(old.runs.size() == 1);
  CHECK(old.runs[0].device.empty());
  CHECK(old.runs[0].name == runs[0].name);
}

TEST_CASE("words: an unjudged run is not scored, a judged one has its score", "[report][words]") {
  audit::Judgement j;
  j.score = 100;  // nothing it could judge was broken: no perfect run for that
  j.verdict = audit::Verdict::unjudged;
  CHECK(report::detail::score_words(j) == "not scored");
  j.verdict = audit::Verdict::warn;
  j.score = 84.6;
  CHECK(report::detail::score_words(j) == "score 85");
  CHECK(report::detail::score_words(j, "score ", "/100") == "score 85/100");
  // Failed by several minor findings: the score is the reason, and says so.
  j.verdict = audit::Verdict::fail;
  j.score = 58;
  j.violations.push_back({.rule = "pace", .severity = audit::Severity::minor});
  CHECK(report::detail::score_words(j) == "score 58, under 60: the findings add up to a fail");
  j.violations.push_back({.rule = "distance", .severity = audit::Severity::major});
  CHECK(report::detail::score_words(j) == "score 58");
}

TEST_CASE("reports list athletes ignoring case, then as written", "[report]") {
  std::vector<std::string> names{"Smith, Ann", "bob", "alice", "Alice", "al", "Bo"};
  std::ranges::sort(names, report::detail::AthleteOrder{});
  CHECK(names == std::vector<std::string>{"al", "Alice", "alice", "Bo", "bob", "Smith, Ann"});
}

TEST_CASE("words: a start time says its offset when known, 0 included, Z when unknown",
          "[report][words]") {
  audit::RunRecord r;
  r.start_time_ms = 1'763'879'400'000;  // 2025-11-23T06:30:00Z
  CHECK(report::detail::start_words(r) == "2025-11-23 06:30 Z");
  r.utc_offset_s = 0;  // a London run in winter: its local time is UTC's, and known
  CHECK(report::detail::start_words(r) == "2025-11-23 06:30 +00:00");
  r.utc_offset_s = -8 * 3600;
  CHECK(report::detail::start_words(r) == "2025-11-22 22:30 -08:00");
  r.utc_offset_s.reset();
  r.clock_is_local = true;  // a watch's local clock, its zone unknown: no offset claimed
  CHECK(report::detail::start_words(r) == "2025-11-23 06:30 local");
}

TEST_CASE("words: the GAP over the moving time, and the one judged beside it", "[report][words]") {
  runaudit::audit::RunRecord r;
  r.elevation = runaudit::signal::ElevationQuality{};
  CHECK(report::detail::gap_words(r, Units::metric).empty());
  r.metrics.avg_gap_s_per_km = 349;  // 5:49/km, a cool-down walk included
  CHECK(report::detail::gap_words(r, Units::metric) == "5:49/km");
  r.baseline_gap_s_per_km = 348.6;  // within a second: one figure
  CHECK(report::detail::gap_words(r, Units::metric) == "5:49/km");
  r.baseline_gap_s_per_km = 325;  // 5:25/km before the walk
  CHECK(report::detail::gap_words(r, Units::metric) == "5:49/km (judged 5:25/km)");
  CHECK(report::detail::judged_gap_s_per_km(r) == 325);
  // 349 s/km = 9:22/mi, 325 s/km = 8:43/mi (1.609344 km/mi).
  CHECK(report::detail::gap_words(r, Units::imperial) == "9:22/mi (judged 8:43/mi)");
  // What the judged one leaves out is said: the cool-down walk, walk breaks (315 s = 5:15).
  r.metrics.cooldown_walk_s = 240;
  CHECK(report::detail::gap_words(r, Units::metric) ==
        "5:49/km (judged 5:25/km: before the cool-down walk)");
  r.baseline_walks_left_out_s = 315;
  CHECK(report::detail::gap_words(r, Units::metric) ==
        "5:49/km (judged 5:25/km: before the cool-down walk, 5:15 of walking left out)");
  // A card that shows the cool-down and explains "judged" elsewhere (HTML): the figure alone.
  CHECK(report::detail::gap_words(r, Units::metric, false) == "5:49/km (judged 5:25/km)");
  r.metrics.cooldown_walk_s = 0;
  CHECK(report::detail::gap_words(r, Units::metric) ==
        "5:49/km (judged 5:25/km: 5:15 of walking left out)");
  r.baseline_walks_left_out_s.reset();
  // Without elevation the GAP is the pace, and said to be ungraded.
  r.elevation.reset();
  CHECK(report::detail::gap_words(r, Units::metric) == "5:49/km (no elevation; judged 5:25/km)");
  r.baseline_gap_s_per_km.reset();
  CHECK(report::detail::gap_words(r, Units::metric) == "5:49/km (no elevation)");
}

// The card's heart rate and its finding's tell one story: the effort's average the rule judged
// beside the whole moving time's, as the GAP does.
TEST_CASE("words: the heart rate over the moving time, and the one judged beside it",
          "[report][words]") {
  runaudit::audit::RunRecord r;
  CHECK(report::detail::hr_words(r).empty());
  r.metrics.avg_hr_bpm = 137.2;  // the 4:00 cool-down walk included
  CHECK(report::detail::hr_words(r) == "137 bpm");
  // Broken by a stretch, not the average: no effort average to show.
  Violation stretch = violation("heart_rate", 150.4, 140.3, UnitKind::bpm);
  stretch.time_above_pct = 47;
  stretch.time_above_allowed_pct = 10;
  r.judgement.violations = {stretch};
  CHECK(report::detail::hr_words(r) == "137 bpm");
  // Broken by the effort's average, 142 bpm before the walk.
  r.judgement.violations.push_back(violation("heart_rate", 141.9, 140.3, UnitKind::bpm));
  CHECK(report::detail::hr_words(r) == "137 bpm (judged 142 bpm)");
  // The same beat rounded: one figure.
  r.metrics.avg_hr_bpm = 142.3;
  CHECK(report::detail::hr_words(r) == "142 bpm");
  // Within a beat of the limit, to the tenth: 140.5 bpm is under 140.6 bpm, "141 bpm" would not
  // read so.
  r.judgement.violations.clear();
  r.limits.hr_limit_bpm = audit::Limit{140.6, audit::LimitSource::flag};
  r.metrics.avg_hr_bpm = 140.46;
  CHECK(report::detail::hr_words(r) == "140.5 bpm");
  r.metrics.avg_hr_bpm = 138.4;
  CHECK(report::detail::hr_words(r) == "138 bpm");
}
