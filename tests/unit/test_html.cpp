// The coach's HTML report and the pieces behind it, on records whose truth is known by hand:
// splits of a run at a constant speed, the weekly table's costliest rule and calendar weeks,
// cards in date order, skipped files in a labelled table, charts aggregated to their width.

#include <catch2/catch.hpp>
#include <cmath>
#include <pugixml.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "report/splits.hpp"
#include "report/trends.hpp"
#include "report/weekly.hpp"
#include "runaudit/audit/batch.hpp"
#include "runaudit/audit/plan.hpp"
#include "runaudit/report/writer.hpp"

using namespace runaudit;

namespace {

// A run at exactly 3 m/s: a point every 10 s (30 m), 2500 m in all; elevation +1 m a point,
// GAP 300 s/km, HR 150 bpm; positions along a meridian from 47° N.
audit::RunRecord steady_run() {
  audit::RunRecord r;
  r.file = "steady.gpx";
  r.audited = true;
  audit::ChartSeries c;
  for (int i = 0; 30.0 * i <= 2500; ++i) {
    c.time_s.push_back(10.0 * i);
    c.distance_m.push_back(30.0 * i);
    c.gap_s_per_km.push_back(300);
    c.elevation_m.push_back(400.0 + i);
    c.heart_rate_bpm.push_back(150);
    c.latitude_deg.push_back(47 + 30.0 * i / 111195);
    c.longitude_deg.push_back(8);
    c.state.emplace_back("running");
  }
  r.metrics.distance_m = c.distance_m.back();  // 2490 m: 83 points after the first
  r.metrics.moving_time_s = c.time_s.back();
  r.series = c;
  r.limits.pace_limit_s_per_km = audit::Limit{320, audit::LimitSource::flag};
  r.limits.hr_limit_bpm = audit::Limit{155, audit::LimitSource::flag};
  return r;
}

std::string html_of(const std::vector<audit::RunRecord>& runs) {
  std::ostringstream out;
  report::write_report("html", out, {}, runs, {});
  return out.str();
}

// The part of @p text from @p from up to (not including) the next @p to; the test fails
// without @p from.
std::string between(const std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.substr(at, text.find(to, at) - at);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("splits: a steady run splits into whole km and a rest, by hand", "[report][html]") {
  audit::RunRecord r = steady_run();
  audit::Violation surge;
  surge.rule = "surge";
  surge.start_m = 1200;
  surge.end_m = 1400;
  r.judgement.violations.push_back(surge);
  const auto s = report::detail::splits(r, 1000);
  REQUIRE(s.size() == 3);
  // 1000 m at 3 m/s = 333.3 s; climb 1 m per 30 m = 33.3 m per km; 490 m in the last.
  CHECK(s[0].elapsed_s == Approx(1000.0 / 3));
  CHECK(s[1].elapsed_s == Approx(1000.0 / 3));
  CHECK(s[2].end_m == Approx(2490));
  CHECK(s[2].elapsed_s == Approx(490.0 / 3));
  CHECK(s[0].climb_m == Approx(1000.0 / 30));
  CHECK(s[2].climb_m == Approx(490.0 / 30));
  CHECK(s[1].moving_s / s[1].gap_distance_m * 1000 == Approx(300));
  CHECK(s[1].hr_bpm == Approx(150));
  // GAP 300 s/km is faster than the 320 s/km limit everywhere; HR 150 is under 155; the surge
  // lies in the second km only.
  CHECK(s[0].broken == std::vector<std::string>{"GAP"});
  CHECK(s[1].broken == std::vector<std::string>{"GAP", "surge"});
  CHECK(s[2].broken == std::vector<std::string>{"GAP"});
  // The file's laps: a second lap from 400 s, i.e. 1200 m; 1290 m in 430 s after it.
  r.lap_start_s = {400};
  const auto laps = report::detail::laps(r);
  REQUIRE(laps.size() == 2);
  CHECK(laps[0].elapsed_s == Approx(400));
  CHECK(laps[0].distance_m == Approx(1200));
  CHECK(laps[1].elapsed_s == Approx(430));
  CHECK(laps[1].distance_m == Approx(1290));
  CHECK(laps[1].broken == std::vector<std::string>{"GAP", "surge"});  // the surge at 1.2–1.4 km
  // 1000 laps are a table (a 24-hour race on a 400 m track has 600); 1001 are none (a hostile
  // file's million laps would be a page too large to write).
  r.lap_start_s.clear();
  for (int k = 1; k < 1000; ++k) r.lap_start_s.push_back(0.8 * k);
  CHECK(report::detail::laps(r).size() == 1000);
  r.lap_start_s.push_back(800);
  CHECK(report::detail::laps(r).empty());
  const std::string omitted = report::detail::splits_tables(r, Units::metric);
  CHECK(omitted.find("Laps of the file") == std::string::npos);
  CHECK(omitted.find("The file's 1001 laps: more than a table shows (1000)") != std::string::npos);
  r.lap_start_s = {400};
  // In miles: 2490 m = 1.547 mi, one whole mile in 1609.344 / 3 s.
  const auto miles = report::detail::splits(r, metres_per_mile);
  REQUIRE(miles.size() == 2);
  CHECK(miles[0].elapsed_s == Approx(metres_per_mile / 3));
}

TEST_CASE("splits: the table shows moving time, and the time stopped beside it", "[report][html]") {
  // Pace is moving time over distance: the time column is moving time too, and a stop of
  // 2 min in km 2 (the state "stopped" for 12 points of 10 s, no distance) is shown beside it.
  audit::RunRecord r = steady_run();
  audit::ChartSeries& c = *r.series;
  for (std::size_t i = 40; i < 52; ++i) c.state[i] = "stopped";
  for (std::size_t i = 40; i < c.time_s.size(); ++i)
    c.distance_m[i] = 30.0 * 39 + 30.0 * static_cast<double>(i >= 52 ? i - 51 : 0);
  const auto s = report::detail::splits(r, 1000);
  REQUIRE(s.size() == 3);
  CHECK(s[1].elapsed_s == Approx(1000.0 / 3 + 120));
  CHECK(s[1].moving_s == Approx(1000.0 / 3));
  const std::string table = report::detail::splits_tables(r, Units::metric);
  CHECK(table.find("<th>moving</th><th>pace</th>") != std::string::npos);
  // km 2: 5:33 moving (1000 m at 3 m/s: 333.3 s), +2:00 stopped, pace 5:33/km.
  CHECK(table.find("<td>2</td><td>5:33 <span class=\"still\">+2:00 stopped</span></td><td>"
                   "5:33/km</td>") != std::string::npos);
  CHECK(count(table, "stopped</span>") == 1);  // only in km 2
}

TEST_CASE("splits: climbing counts in steps of the run's gain hysteresis, shared where it rose",
          "[report][html]") {
  audit::RunRecord r = steady_run();  // +1 m every 30 m: 33.3 m a km
  signal::ElevationQuality gps;
  gps.hysteresis_m = 20;  // GPS altitude: the run's gain counts swings of 20 m or more
  r.elevation = gps;
  const auto climbing = report::detail::splits(r, 1000);
  REQUIRE(climbing.size() == 3);
  // Steps of 20 m or more, one every 600 m (at 600, 1200, 1800 and 2400 m), each shared over
  // the 600 m it rose over: 33.3 m in each whole km, 13.3 m in the 400 m of the last split up to
  // 2400 m; the last 3 m, short of a step, are not counted (80 m in all, as the run's gain).
  CHECK(climbing[0].climb_m == Approx(100.0 / 3));
  CHECK(climbing[1].climb_m == Approx(100.0 / 3));
  CHECK(climbing[2].climb_m == Approx(40.0 / 3));
  // The card's gain, counted on every sample rather than the chart's points (say 84 m): the
  // splits share it as they share the steps, and add up to it.
  r.metrics.elevation_gain_m = 84;
  const auto shared = report::detail::splits(r, 1000);
  CHECK(shared[0].climb_m == Approx(84.0 * (100.0 / 3) / 80));
  CHECK(shared[0].climb_m + shared[1].climb_m + shared[2].climb_m == Approx(84));
  r.metrics.elevation_gain_m.reset();
  // GPS wander of ±3 m on flat ground: no climbing in any split (it was 3 m per point up).
  for (std::size_t i = 0; i < r.series->elevation_m.size(); ++i)
    r.series->elevation_m[i] = 400 + (i % 2 ? 3 : -3);
  for (const auto& split : report::detail::splits(r, 1000)) CHECK(split.climb_m == 0);
}

TEST_CASE("splits: a span marks the splits it covers, not the next one by a sample",
          "[report][html]") {
  audit::RunRecord r = steady_run();
  r.limits.pace_limit_s_per_km.reset();  // only the spans mark splits here
  r.limits.hr_limit_bpm.reset();
  audit::Violation hr;  // ends at the first sample past the 2 km bound (a point every 30 m)
  hr.rule = "heart_rate";
  hr.severity = audit::Severity::major;
  hr.start_m = 1200;
  hr.end_m = 2010;
  hr.time_above_pct = 40;  // a stretch above the limit, not the run's average
  r.judgement.violations.push_back(hr);
  audit::Violation surge;  // short, and wholly in the third split
  surge.rule = "surge";
  surge.severity = audit::Severity::minor;
  surge.start_m = 2300;
  surge.end_m = 2330;
  r.judgement.violations.push_back(surge);
  const auto s = report::detail::splits(r, 1000);
  REQUIRE(s.size() == 3);
  CHECK(s[0].broken.empty());
  // The split's average under the limit (none here): a stretch above it, said so.
  CHECK(s[1].broken == std::vector<std::string>{"HR stretch"});
  CHECK(s[2].broken == std::vector<std::string>{"surge"});
  // With the average (150 bpm) above a limit of 145 too: one mark, "HR".
  r.limits.hr_limit_bpm = audit::Limit{145, audit::LimitSource::flag};
  CHECK(report::detail::splits(r, 1000)[1].broken == std::vector<std::string>{"HR"});
}

TEST_CASE("splits: the rest after the last whole km shows no GAP under 100 m", "[report][html]") {
  audit::RunRecord r = steady_run();                        // 2490 m: a rest of 490 m
  for (auto& v : r.series->distance_m) v *= 2010.0 / 2490;  // now 2010 m: a rest of 10 m
  r.metrics.distance_m = r.series->distance_m.back();
  const std::string html = html_of({r});
  const std::string rows = between(html, "<table class=\"splits\"", "</table>");
  const auto last = rows.rfind("<tr");
  REQUIRE(last != std::string::npos);
  // Its cells: km, time, pace, GAP, ...: the GAP cell is the fourth.
  std::string row = rows.substr(last);
  std::vector<std::string> cells;
  for (auto at = row.find("<td"); at != std::string::npos; at = row.find("<td", at + 1))
    cells.push_back(
        row.substr(row.find('>', at) + 1, row.find("</td>", at) - row.find('>', at) - 1));
  REQUIRE(cells.size() >= 4);
  CHECK(cells[3] == "—");
}

TEST_CASE("weekly: the costliest rule leads, and weeks compare with the calendar week before",
          "[report][html]") {
  report::detail::WeeklySummary weeks;
  const auto run = [](std::int64_t day, std::vector<std::pair<std::string, double>> broken) {
    audit::RunRecord r;
    r.athlete = "ann";
    r.audited = true;
    r.start_time_ms = day * 86400000LL;
    r.metrics.moving_time_s = 1800;
    for (const auto& [rule, deduction] : broken) {
      audit::Violation v;
      v.rule = rule;
      v.severity = audit::Severity::minor;
      v.deduction = deduction;
      r.judgement.violations.push_back(v);
    }
    r.judgement.verdict = broken.empty() ? audit::Verdict::pass : audit::Verdict::fail;
    return r;
  };
  // 2026-11-16 (day 20773) is a Monday: W47. A run failing distance (−2), pace (−40) and surge
  // (−10) is headlined by pace, whatever the alphabet says.
  weeks.add(run(20773, {{"distance", 2}, {"pace", 40}, {"surge", 10}}));
  weeks.add(run(20774, {}));
  weeks.add(run(20780, {}));       // W48: a pass, as in W47
  weeks.add(run(20780 + 14, {}));  // W50: the week before (W49) had no runs
  const auto rows = weeks.rows().at("ann");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].week == "2026-W47");
  CHECK(rows[0].frequent == "pace (1 run, −40 points)");
  CHECK(rows[0].change.empty());  // no W46
  CHECK(rows[1].week == "2026-W48");
  CHECK(rows[1].change == "+0 recovery min, +0 pass");  // 1 pass of 30 min in each
  CHECK(rows[2].week == "2026-W50");
  CHECK(rows[2].change.empty());
  // The change is that of the minutes shown: 30:20 (30 min) against 29:40 (30 min) is +0.
  report::detail::WeeklySummary close;
  audit::RunRecord a = run(20773, {}), b = run(20780, {});
  a.metrics.moving_time_s = 29 * 60 + 40;
  b.metrics.moving_time_s = 30 * 60 + 20;
  close.add(a);
  close.add(b);
  const auto close_rows = close.rows().at("ann");
  REQUIRE(close_rows.size() == 2);
  CHECK(close_rows[1].change == "+0 recovery min, +0 pass");
  // Missed planned days count in their week, also in a week without runs; skipped files do not.
  report::detail::WeeklySummary planned;
  const auto missed = [](std::int64_t day) {
    audit::RunRecord r;
    r.athlete = "ann";
    r.start_time_ms = day * 86400000LL;
    r.skip_reason = std::string(audit::missed_day_reason) + ": no run on a day";
    return r;
  };
  audit::RunRecord ride = missed(20774);
  ride.skip_reason = "cycling: not a run";
  planned.add(run(20773, {}));
  planned.add(missed(20775));  // W47
  planned.add(ride);           // W47, not a planned day
  planned.add(missed(20787));  // W49, nothing run
  const auto planned_rows = planned.rows().at("ann");
  REQUIRE(planned_rows.size() == 2);
  CHECK(planned_rows[0].week == "2026-W47");
  CHECK(planned_rows[0].runs == 1);
  CHECK(planned_rows[0].missed == 1);
  CHECK(planned_rows[1].week == "2026-W49");
  CHECK(planned_rows[1].runs == 0);
  CHECK(planned_rows[1].missed == 1);
  // The trend chart has no point for a week without runs: W47 only.
  const std::string chart = report::detail::trends_svg(planned_rows, Units::metric);
  CHECK(chart.find(">W47<") != std::string::npos);
  CHECK(chart.find(">W49<") == std::string::npos);
}

TEST_CASE("html: cards in date order, skipped files in a labelled table, times with their zone",
          "[report][html]") {
  std::vector<audit::RunRecord> runs;
  for (const std::int64_t day : {20775, 20773, 20774}) {
    audit::RunRecord r = steady_run();
    r.athlete = "ann";
    r.name = "day " + std::to_string(day);
    r.start_time_ms = day * 86400000LL + 6 * 3600000LL;
    runs.push_back(r);
  }
  runs[2].utc_offset_s = 3600;  // 07:00 local
  audit::RunRecord ride;
  ride.athlete = "ann";
  ride.file = "ride.gpx";
  ride.sport_raw = "Ride";
  ride.skip_reason = "cycling: not a run";
  runs.push_back(ride);
  const std::string html = html_of(runs);
  const auto a = html.find("day 20773"), b = html.find("day 20774"), c = html.find("day 20775");
  REQUIRE(a != std::string::npos);
  CHECK(a < b);
  CHECK(b < c);
  CHECK(html.find("Mon 2026-11-16 06:00 Z · day 20773") != std::string::npos);
  CHECK(html.find("Tue 2026-11-17 07:00 +01:00 · day 20774") != std::string::npos);
  const auto skipped = html.find("<caption>Skipped files: not audited</caption>");
  REQUIRE(skipped != std::string::npos);
  CHECK(skipped > c);
  CHECK(html.find("cycling: not a run", skipped) != std::string::npos);
  // Each card: three charts (pace, elevation, HR), each with its legend, a route, splits.
  CHECK(count(html, "<figure class=\"chart ") == 3 * 3 + 1);  // + the trends
  CHECK(count(html, "<ul class=\"legend\">") == 3 * 3 + 3 + 1);
  CHECK(count(html, "<svg class=\"route\"") == 3);
  CHECK(count(html, "<table class=\"splits\">") == 3);
  CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("html: missed planned days have their own table, by day, not among skipped files",
          "[report][html]") {
  audit::RunRecord missed;
  missed.file = "plan.csv:4";
  missed.athlete = "ann";
  missed.name = "planned easy run";
  missed.start_time_ms = 1795305600000;  // 2026-11-22T00:00:00Z
  missed.skip_reason = std::string(audit::missed_day_reason) + ": no run on 2026-11-22";
  audit::RunRecord ride = missed;
  ride.file = "ride.gpx";
  ride.skip_reason = "cycling: not a run";
  const std::string html = html_of({missed, ride});
  const std::string rows =
      between(html, "<caption>Planned recovery days without a run</caption>", "</table>");
  CHECK(rows.find("<td>Sun 2026-11-22</td><td class=\"text\">planned easy run</td><td "
                  "class=\"text\">plan.csv:4</td>") != std::string::npos);
  CHECK(rows.find("ride.gpx") == std::string::npos);
  CHECK(html.find("plan.csv:4 #0") == std::string::npos);
  CHECK(html.find("ride.gpx #0") != std::string::npos);  // a skipped file, as before
  std::ostringstream text;  // the text report too: a plan's line, not a file's run #0
  const std::vector<audit::RunRecord> both{missed, ride};
  report::write_report("text", text, {}, both, {});
  CHECK(text.str().find("plan.csv:4: planned recovery run missed") != std::string::npos);
  CHECK(text.str().find("ride.gpx #0: ") != std::string::npos);
}

TEST_CASE("html: a run with nothing broken but rules not judged does not read as clean",
          "[report][html]") {
  audit::RunRecord r = steady_run();
  r.judgement.verdict = audit::Verdict::unjudged;
  r.judgement.not_judged.push_back({"pace", audit::Unjudged::no_pace_limit});
  CHECK(html_of({r}).find("No rule broken of those judged") != std::string::npos);
  r.judgement.not_judged.clear();
  r.judgement.verdict = audit::Verdict::pass;
  const std::string clean = html_of({r});
  CHECK(clean.find("No rule broken.") != std::string::npos);
  CHECK(clean.find("of those judged") == std::string::npos);
}

TEST_CASE("html: the cool-down band is labelled with the card's walking time", "[report][html]") {
  // The last 20 points (200 s) are not running: a 10 s stop, then a walk the audit measured at
  // 3:10; the band spans both, its label says the walk, as the card does.
  audit::RunRecord r = steady_run();
  auto& states = r.series->state;
  for (std::size_t i = states.size() - 20; i < states.size(); ++i) states[i] = "walking";
  states[states.size() - 20] = "stopped";
  r.metrics.cooldown_walk_s = 190;
  const std::string chart = between(html_of({r}), "<figure class=\"chart pace\">", "</figure>");
  CHECK(chart.find(">cool-down 3:10</text>") != std::string::npos);
  CHECK(chart.find("cool-down 3:20") == std::string::npos);
}

TEST_CASE("html: without a cool-down walk, what follows the last running is no cool-down band",
          "[report][html]") {
  // The last 6 points (60 s) walk: too short for a cool-down (the card says 0:00, "no
  // cool-down walk"); the chart bands them as a walk, not as a cool-down.
  audit::RunRecord r = steady_run();
  auto& states = r.series->state;
  for (std::size_t i = states.size() - 6; i < states.size(); ++i) states[i] = "walking";
  r.metrics.cooldown_walk_s = 0;
  const std::string chart = between(html_of({r}), "<figure class=\"chart pace\">", "</figure>");
  CHECK(chart.find("cool-down") == std::string::npos);
  CHECK(chart.find("class=\"state walk\"") != std::string::npos);
}

TEST_CASE("html: the time under a km tick is when the run got there, between the points",
          "[report][html]") {
  // 3 m/s with a point every 10 s (30 m): 1 km at 333.3 s, between the points of 330 s (990 m)
  // and 340 s (1020 m); 2 km at 666.7 s.
  const std::string chart =
      between(html_of({steady_run()}), "<figure class=\"chart pace\">", "</figure>");
  CHECK(chart.find(">5:33</text>") != std::string::npos);
  CHECK(chart.find(">11:07</text>") != std::string::npos);
  CHECK(chart.find(">5:40</text>") == std::string::npos);  // the point after the tick
}

TEST_CASE("html: a stop's band says the time not moving, where it began and ended too",
          "[report][html]") {
  // Points 40..51 stopped (12 x 10 s), the stretch before them moving for 4 s of its 10 and the
  // one after for 7: a stop of 6 + 120 + 3 = 129 s, the card's "2:09", not the points' 2:00.
  audit::RunRecord r = steady_run();
  audit::ChartSeries& c = *r.series;
  c.moving_s.assign(c.time_s.size(), 10);
  c.moving_s[0] = 0;
  for (std::size_t i = 40; i <= 51; ++i) {
    c.state[i] = "stopped";
    c.moving_s[i] = 0;
    c.distance_m[i] = c.distance_m[39];
  }
  for (std::size_t i = 52; i < c.distance_m.size(); ++i) c.distance_m[i] -= 12 * 30;
  c.moving_s[39] = 4;
  c.moving_s[52] = 7;
  r.metrics.distance_m = c.distance_m.back();
  const std::string chart = between(html_of({r}), "<figure class=\"chart pace\">", "</figure>");
  CHECK(chart.find(">stop 2:09</text>") != std::string::npos);
}

TEST_CASE("html: a long run's curves are averaged to the chart's width", "[report][html]") {
  audit::RunRecord r = steady_run();
  audit::ChartSeries& c = *r.series;
  // A 4-hour run: 1,440 points a chart would draw as a scribble.
  for (std::size_t i = c.time_s.size(); i < 1440; ++i) {
    c.time_s.push_back(10.0 * static_cast<double>(i));
    c.distance_m.push_back(30.0 * static_cast<double>(i));
    c.gap_s_per_km.push_back(i % 2 ? 280 : 320);  // jitter the average irons out
    c.elevation_m.push_back(400);
    c.heart_rate_bpm.push_back(150);
    c.latitude_deg.push_back(47);
    c.longitude_deg.push_back(8 + 1e-4 * static_cast<double>(i));
    c.state.emplace_back("running");
  }
  r.metrics.distance_m = c.distance_m.back();
  const std::string html = html_of({r});
  const auto at = html.find("<path class=\"gap\" d=\"");
  REQUIRE(at != std::string::npos);
  const std::string d = html.substr(at, html.find('"', at + 21) - at);
  CHECK(count(d, " L") + 1 <= 325);  // at most two pixels per point on a 650 px plot
  CHECK(count(d, " L") + 1 >= 300);
}

TEST_CASE("html: a pace beyond the robust range is drawn at the edge and marked",
          "[report][html]") {
  audit::RunRecord r = steady_run();
  // One 10 s stretch at 2:30/km GAP among 5:00/km: beyond the 5th–95th percentile range.
  r.series->gap_s_per_km[40] = 150;
  const std::string html = html_of({r});
  const std::string chart = between(html, "<figure class=\"chart pace\">", "</figure>");
  CHECK(count(chart, "<path class=\"beyond\"") == 1 + 1);  // the marker and its legend swatch
  CHECK(chart.find("beyond the axis") != std::string::npos);
  CHECK(count(html_of({steady_run()}), "class=\"beyond\"") == 0);
}

TEST_CASE("html: a finding's label near the chart's right edge ends inside it", "[report][html]") {
  // The distance limit passed at 2400 m of 2490: its band starts 96 % of the way across, where
  // a label written rightwards from the band would run past the chart (it showed "durat").
  audit::RunRecord r = steady_run();
  audit::Violation v;
  v.rule = "distance";
  v.severity = audit::Severity::major;
  v.value = 2490;
  v.limit = 2400;
  v.unit = audit::UnitKind::m;
  v.start_m = 2400;
  v.end_m = 2490;
  v.start_s = 8000;
  v.end_s = 8300;
  r.judgement.violations.push_back(v);
  const std::string html = html_of({r});
  const std::string chart = between(html, "<figure class=\"chart pace\">", "</figure>");
  const std::string text = between(chart, "<text class=\"span-label\"", "</text>");
  CHECK_THAT(text, Catch::Matchers::EndsWith(">distance"));
  CHECK_THAT(text, Catch::Matchers::Contains("text-anchor=\"end\""));
  const double x = std::stod(text.substr(text.find("x=\"") + 3));
  const auto box = chart.find("viewBox=\"0 0 ");
  REQUIRE(box != std::string::npos);
  const double width = std::stod(chart.substr(box + 12));
  CHECK(x <= width);
  CHECK(x - 6 * 8 >= 0);  // "distance": 8 characters of about 6 px
  // Words are drawn over the curves (an SVG paints in order), never crossed by them: the
  // finding's label and the limit's after the last curve.
  const std::size_t last_curve = chart.rfind("<path class=\"gap\"");
  REQUIRE(last_curve != std::string::npos);
  CHECK(chart.find("<text class=\"span-label\"") > last_curve);
  CHECK(chart.find("<text class=\"limit-label\"") > last_curve);
}

TEST_CASE("trends: weeks of one year by their number, of several years with the year",
          "[report][html]") {
  const auto labels = [](const std::vector<std::string>& names) {
    std::vector<report::detail::WeekRow> weeks;
    for (const std::string& name : names) {
      report::detail::WeekRow w;
      w.week = name;
      w.runs = 1;
      w.avg_gap_s_per_km = 330;
      w.pace_limit_s_per_km = 340;
      weeks.push_back(w);
    }
    return report::detail::trends_svg(weeks, Units::metric);
  };
  const std::string one_year = labels({"2026-W47", "2026-W48"});
  CHECK(one_year.find(">W47</text>") != std::string::npos);
  // A dot's tooltip names its week and its value's unit.
  CHECK(one_year.find("<title>2026-W48: 5:30 min/km GAP</title>") != std::string::npos);
  CHECK(one_year.find(">W48</text>") != std::string::npos);
  const std::string years = labels({"2017-W09", "2018-W01", "2024-W20"});
  for (const char* week : {">2017-W09</text>", ">2018-W01</text>", ">2024-W20</text>"})
    CHECK(years.find(week) != std::string::npos);
}

TEST_CASE("trends: many weeks keep their labels apart and their limits in their slots",
          "[report][html]") {
  // 23 weeks from 2012 to 2025 (a bulk export): 28 px a week, where "2012-W03" needs ~56 px.
  std::vector<report::detail::WeekRow> weeks;
  for (std::size_t i = 0; i < 23; ++i) {
    report::detail::WeekRow w;
    w.week = std::to_string(2012 + i * 13 / 22) + "-W" + (i < 9 ? "0" : "") + std::to_string(i + 1);
    w.runs = 1 + i % 2;
    w.verdicts[0] = i % 2;
    w.avg_gap_s_per_km = 330;
    w.pace_limit_s_per_km = 340;
    w.avg_hr_bpm = 140;
    w.hr_limit_bpm = 139;
    weeks.push_back(w);
  }
  const std::string chart = report::detail::trends_svg(weeks, Units::metric);
  // The texts of one row (the labels at y) with their x, in order.
  const auto row = [&](const std::string& y) {
    std::vector<std::pair<double, std::string>> out;
    const std::regex text("<text x=\"([0-9.]+)\" y=\"" + y +
                          "\" text-anchor=\"middle\">([^<]*)</text>");
    for (std::sregex_iterator it(chart.begin(), chart.end(), text), end; it != end; ++it)
      out.emplace_back(std::stod((*it)[1]), (*it)[2]);
    return out;
  };
  const auto apart = [](const std::vector<std::pair<double, std::string>>& texts) {
    REQUIRE(texts.size() >= 2);
    for (std::size_t i = 1; i < texts.size(); ++i) {
      INFO(texts[i - 1].second << " at " << texts[i - 1].first << ", " << texts[i].second << " at "
                               << texts[i].first);
      // Two middle-anchored labels of about 6 px a character do not overlap.
      CHECK(texts[i].first - texts[i - 1].first >=
            3.0 * static_cast<double>(texts[i - 1].second.size() + texts[i].second.size()));
    }
  };
  const std::vector<std::pair<double, std::string>> names = row("280");
  CHECK(names.front().second == "2012-W01");  // the first week is named
  apart(names);
  apart(row("308"));  // the shares that passed
  // Every week's share is still there, as a bar with its count in a title.
  CHECK(std::regex_search(chart, std::regex("<title>2012-W02: 1/2 passed</title>")));
  // The limits' dashes end inside the plot (x from 62 to 712).
  const std::regex limit("<path class=\"limit\" d=\"([^\"]*)\"");
  std::size_t paths = 0;
  for (std::sregex_iterator it(chart.begin(), chart.end(), limit), end; it != end; ++it, ++paths) {
    const std::string d = (*it)[1];
    const std::regex point("[ML]([0-9.]+),");
    for (std::sregex_iterator p(d.begin(), d.end(), point), e; p != e; ++p) {
      CHECK(std::stod((*p)[1]) >= 62);
      CHECK(std::stod((*p)[1]) <= 712);
    }
  }
  CHECK(paths == 2);  // pace and heart rate
}

TEST_CASE("trends: the limit's line breaks over a week without a limit", "[report][html]") {
  // Four weeks; the HR limit known in weeks 1, 2 and 4 (week 3's runs had no HR anchor): its
  // steps join weeks 1 and 2, and week 4's dash starts apart (a second "M").
  std::vector<report::detail::WeekRow> weeks;
  for (std::size_t i = 0; i < 4; ++i) {
    report::detail::WeekRow w;
    w.week = "2026-W4" + std::to_string(i + 1);
    w.runs = 1;
    w.avg_gap_s_per_km = 330;
    w.pace_limit_s_per_km = 340;
    w.avg_hr_bpm = 140;
    if (i != 2) w.hr_limit_bpm = 150 + static_cast<double>(i);
    weeks.push_back(w);
  }
  const std::string chart = report::detail::trends_svg(weeks, Units::metric);
  std::vector<std::string> paths;
  const std::regex limit("<path class=\"limit\" d=\"([^\"]*)\"");
  for (std::sregex_iterator it(chart.begin(), chart.end(), limit), end; it != end; ++it)
    paths.push_back((*it)[1]);
  REQUIRE(paths.size() == 2);  // pace, then heart rate
  const auto moves = [](const std::string& d) { return std::count(d.begin(), d.end(), 'M'); };
  CHECK(moves(paths[0]) == 1);  // the pace limit every week: one line
  CHECK(moves(paths[1]) == 2);  // the HR limit: weeks 1-2, then week 4
  CHECK(std::count(paths[1].begin(), paths[1].end(), 'L') == 4);  // 3 dashes, 1 joint
}

TEST_CASE("splits: a pause counts in a split's time, not in its pace", "[report][html]") {
  audit::RunRecord r = steady_run();
  audit::ChartSeries& c = *r.series;
  c.moving_s.assign(c.time_s.size(), 10);
  c.moving_s[0] = 0;
  for (std::size_t i = 40; i < c.time_s.size(); ++i) c.time_s[i] += 60;  // paused before 1200 m
  const auto s = report::detail::splits(r, 1000);
  REQUIRE(s.size() == 3);
  CHECK(s[1].elapsed_s == Approx(1000.0 / 3 + 60));
  CHECK(s[1].moving_s == Approx(1000.0 / 3));  // 3 m/s: 5:33/km, the pause left out
  CHECK(s[0].elapsed_s == Approx(1000.0 / 3));
}

TEST_CASE("route: start, finish, a tick per km, a halo per located breach", "[report][html]") {
  audit::RunRecord r = steady_run();  // 2490 m straight north
  audit::Violation stretch;
  stretch.rule = "heart_rate";
  stretch.severity = audit::Severity::major;
  stretch.time_above_pct = 30;  // a located stretch, not the average
  stretch.start_s = 400;
  stretch.end_s = 500;
  audit::Violation total;  // a total past its limit: no halo
  total.rule = "distance";
  total.severity = audit::Severity::major;
  total.start_s = 0;
  total.end_s = 830;
  r.judgement.violations = {stretch, total};
  const std::string html = html_of({r});
  const auto at = html.find("<svg class=\"route\"");
  REQUIRE(at != std::string::npos);
  pugi::xml_document svg;
  REQUIRE(svg.load_string(html.substr(at, html.find("</svg>", at) + 6 - at).c_str()));
  std::size_t starts = 0, finishes = 0, ticks = 0, halos = 0;
  for (const pugi::xml_node n : svg.child("svg").children()) {
    const std::string cls = n.attribute("class").value();
    starts += cls == "start";
    finishes += cls == "finish";
    ticks += cls == "tick";
    if (cls.rfind("halo", 0) == 0) {
      ++halos;
      CHECK(std::string(n.child_value("title")) == "heart rate");  // the reports' words
    }
  }
  CHECK(starts == 1);
  CHECK(finishes == 1);
  CHECK(ticks == 2);  // km 1 and 2 of 2.49
  CHECK(halos == 1);  // the HR stretch
  // The pace chart's hatch for it says the rule in words too.
  CHECK(html.find("<title>heart rate: ") != std::string::npos);
  CHECK(html.find("<title>heart_rate") == std::string::npos);
}
