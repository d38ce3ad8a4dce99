// Unit tests for what FIT and exports bring to the batch (issues 15 and 16): sources that hold no
// activity are skipped runs, the device's HR anchors as limits of source `device`, what the run
// record carries from FIT, workouts as intent, and duplicates audited once. The FIT files are
// tests/data/fit, written by Garmin's FIT SDK encoder (tests/oracle/make-fit-samples.mjs), whose
// truth is set there: run_pauses_laps.fit is a 1500 s run from 2026-11-16T07:00:00Z (moving
// 1410 s at 3 m/s, pauses 600-660 s and 1200-1230 s), zones_target max HR 188 and threshold HR
// 172, a workout "Recovery 25 min" of warmup, recovery and cooldown steps, sub_sport trail,
// session total_distance 3 x 1410 m, recorded by product 4315 (Forerunner 965).

#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "audit/source_runs.hpp"
#include "runaudit/audit/engine.hpp"
#include "runaudit/io/fit.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/io/source.hpp"
#include "runaudit/local_time.hpp"
#include "runaudit/report/history.hpp"
#include "runaudit/report/writer.hpp"
#include "runaudit/signal/series.hpp"
#include "runaudit/time.hpp"
#include "support/files.hpp"
#include "support/fit_bytes.hpp"
#include "support/synth.hpp"

namespace audit = runaudit::audit;
namespace io = runaudit::io;
using Catch::Matchers::Contains;

namespace {

constexpr std::int64_t fit_start_ms = 1794812400000;  // 2026-11-16T07:00:00Z
constexpr std::int64_t day_ms = 86'400'000;

std::string fit_file(const std::string& name) {
  std::ifstream in(std::string(RUNAUDIT_TEST_DATA_DIR) + "/fit/" + name, std::ios::binary);
  REQUIRE(in);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A flat run due north from @p lat0 N 11 E at @p speed m/s, one fix a second from @p start_ms
// for @p seconds, on the exact WGS84 geodesic (GeographicLib).
std::string gpx_run(std::int64_t start_ms, int seconds, double speed, const std::string& name,
                    double lat0 = 47.0) {
  const GeographicLib::Geodesic& wgs84 = GeographicLib::Geodesic::WGS84();
  std::string out = "<gpx version=\"1.1\" creator=\"test\"><trk><name>" + name +
                    "</name><type>running</type><trkseg>\n";
  for (int t = 0; t <= seconds; ++t) {
    double lat = 0, lon = 0;
    wgs84.Direct(lat0, 11, 0, speed * t, lat, lon);
    char point[120];
    std::snprintf(point, sizeof point, "<trkpt lat=\"%.8f\" lon=\"%.8f\"><time>", lat, lon);
    out += point + runaudit::format_rfc3339(start_ms + t * 1000) + "</time></trkpt>\n";
  }
  return out + "</trkseg></trk></gpx>\n";
}

class Recorder : public audit::BatchSink {
 public:
  std::string render(const audit::RunRecord&) override { return {}; }
  void deliver(audit::RunRecord&& run, std::string&&) override { runs.push_back(std::move(run)); }
  void error(io::Diagnostic&& d) override { errors.push_back(std::move(d)); }
  void outside_window(audit::RunRecord&& run, bool held) override {
    if (held) held_runs.push_back(std::move(run));
  }
  std::vector<audit::RunRecord> runs;
  std::vector<io::Diagnostic> errors;
  std::vector<audit::RunRecord> held_runs;  // outside the window, held by the history
};

// A 20-minute run at 3 m/s whose 1200 records count from the watch's power-on (1000.. s).
testing::fit_bytes::FitBytes power_on_run() {
  namespace fb = testing::fit_bytes;
  fb::FitBytes b;
  fb::activity_file(b).define(1, fb::record, fb::record_fields);
  for (std::uint32_t i = 0; i < 1200; ++i)
    b.data(1, {1000 + i, fb::semicircles(47 + i * 2.7e-5), fb::semicircles(11), 140, 300 * i, 85});
  return b;
}

Recorder batch(const std::vector<std::string>& paths, audit::BatchOptions options = {}) {
  Recorder r;
  audit::run_batch(io::discover(paths).sources, audit::AthleteBook(), options, r);
  return r;
}

std::map<std::string, const audit::RunRecord*> by_file(const Recorder& r) {
  std::map<std::string, const audit::RunRecord*> out;
  for (const audit::RunRecord& run : r.runs)
    out[std::filesystem::path(run.file).filename().string()] = &run;
  return out;
}

}  // namespace

TEST_CASE("batch: files that hold no activity are skipped runs with the reason, not errors",
          "[batch][skip]") {
  testing::TempDir dir("fit_batch_skip");
  dir.write("course.fit", fit_file("course.fit"));
  dir.write("plan.gpx",
            "<gpx><rte><rtept lat=\"1\" lon=\"2\"/><rtept lat=\"1\" lon=\"3\"/></rte></gpx>");
  dir.write("meta.gpx", "<gpx><metadata><name>x</name></metadata></gpx>");
  dir.write("loop.tcx",
            "<TrainingCenterDatabase><Courses><Course/></Courses></TrainingCenterDatabase>");
  dir.write("broken.gpx", "<gpx><trk><trkseg><trkpt lat=\"1\"");  // should have been a run
  for (const unsigned jobs : {1u, 2u}) {
    audit::BatchOptions options;
    options.jobs = jobs;
    const Recorder r = batch({dir.path().string()}, options);
    REQUIRE(r.errors.size() == 1);  // only the broken run: exit status 2 stays for it
    CHECK_THAT(r.errors[0].source, Contains("broken.gpx"));
    REQUIRE(r.runs.size() == 4);
    const auto runs = by_file(r);
    for (const auto& [file, run] : runs) {
      INFO(file);
      CHECK_FALSE(run->audited);
      CHECK_THAT(run->skip_reason, Contains("not an activity"));
    }
    CHECK_THAT(runs.at("course.fit")->skip_reason, Contains("a FIT course file"));
    CHECK_THAT(runs.at("plan.gpx")->skip_reason, Contains("a planned route (2 route points)"));
    CHECK_THAT(runs.at("meta.gpx")->skip_reason, Contains("metadata only"));
    CHECK_THAT(runs.at("loop.tcx")->skip_reason, Contains("a course"));
  }
}

TEST_CASE("batch: a pool swim without timed records is skipped by its sport, not an error",
          "[batch][skip][fit]") {
  namespace fb = testing::fit_bytes;
  // Lengths as records with a distance and no timestamp; a session of sport swimming (5),
  // lap_swimming (17), as a Forerunner 910XT writes.
  fb::FitBytes b;
  fb::activity_file(b).define(1, fb::record, {{5, 4, fb::uint32_t_}});
  for (std::uint32_t i = 1; i <= 40; ++i) b.data(1, {2500 * i});
  b.define(2, fb::session,
           {{253, 4, fb::uint32_t_}, {2, 4, fb::uint32_t_}, {5, 1, fb::enum_t}, {6, 1, fb::enum_t}})
      .data(2, {fb::t_fit + 1800, fb::t_fit, 5, 17});
  testing::TempDir dir("fit_batch_swim");
  dir.write("swim.fit", b.file());
  const Recorder r = batch({dir.path().string()});
  CHECK(r.errors.empty());
  REQUIRE(r.runs.size() == 1);
  CHECK_FALSE(r.runs[0].audited);
  CHECK(r.runs[0].skip_reason == "swimming: not a run");
  // Dated by its session's start_time, as the watch's own list dates it: in its week, not in
  // every window as a run nothing dates.
  CHECK(r.runs[0].start_time_ms == fb::t_unix_ms);
  CHECK_THAT(r.runs[0].name, Contains(runaudit::format_rfc3339(fb::t_unix_ms).substr(0, 10)));
}

TEST_CASE(
    "limits: the device's threshold and max HR come after flags and profile, before the "
    "batch",
    "[limits][fit]") {
  const audit::LimitInputs none;
  audit::LimitInputs device;
  device.lthr_bpm = 172;
  device.max_hr_bpm = 188;
  // Nothing else: 0.85 x the device's threshold HR (the LTHR anchor beats the max).
  audit::Limits l = audit::resolve_limits(none, nullptr, 330.0, device);
  REQUIRE(l.hr_limit_bpm);
  CHECK(l.hr_limit_bpm->value == Approx(0.85 * 172));
  CHECK(l.hr_limit_bpm->source == audit::LimitSource::device);
  CHECK(l.pace_limit_s_per_km->source == audit::LimitSource::batch);  // no pace on a device
  // Only a max HR: 0.76 x 188.
  audit::LimitInputs max_only;
  max_only.max_hr_bpm = 188;
  l = audit::resolve_limits(none, nullptr, std::nullopt, max_only);
  CHECK(l.hr_limit_bpm->value == Approx(0.76 * 188));
  // A profile's value wins over the device's, a flag's over both.
  audit::LimitInputs profile;
  profile.max_hr_bpm = 200;
  l = audit::resolve_limits(none, &profile, std::nullopt, device);
  CHECK(l.hr_limit_bpm->value == Approx(152));
  CHECK(l.hr_limit_bpm->source == audit::LimitSource::profile);
  audit::LimitInputs flags;
  flags.hr_limit_bpm = 140;
  l = audit::resolve_limits(flags, &profile, std::nullopt, device);
  CHECK(l.hr_limit_bpm->value == 140);
  CHECK(l.hr_limit_bpm->source == audit::LimitSource::flag);
  // No device values: no HR limit, as before.
  CHECK_FALSE(audit::resolve_limits(none, nullptr, std::nullopt, none).hr_limit_bpm);
  CHECK(audit::to_string(audit::LimitSource::device) == "device");
}

TEST_CASE(
    "limits: a watch's max HR below the run's highest heart rate is raised to it, its "
    "threshold not",
    "[limits][fit]") {
  // 30 min at 2.8 m/s, the heart at 140 bpm but for two minutes at 178 bpm in the middle.
  synth::Options o;
  o.path = synth::straight;
  o.legs = {{synth::Leg::move, 1800, 2.8}};
  runaudit::Activity a = synth::generate(o).activity;
  for (runaudit::Sample& s : a.samples) {
    const std::int64_t t = s.time_ms - a.samples.front().time_ms;
    s.heart_rate_bpm = t >= 900'000 && t < 1'020'000 ? 178 : 140;
  }
  const auto limit_with = [&](std::optional<double> max_bpm, std::optional<double> threshold_bpm) {
    a.device_heart_rate.max_bpm = max_bpm;
    a.device_heart_rate.threshold_bpm = threshold_bpm;
    return audit::audit_activity(a, "ann", {}, {}, nullptr, std::nullopt, {});
  };
  // A setting of 172 bpm: the heart held 178, so its maximum is 178 or more: 0.76 x 178.
  audit::RunRecord run = limit_with(172, std::nullopt);
  REQUIRE(run.limits.hr_limit_bpm);
  CHECK(run.limits.hr_limit_bpm->value == Approx(0.76 * 178));
  CHECK(run.limits.hr_limit_bpm->source == audit::LimitSource::device);
  CHECK(run.device_max_hr_raised);
  CHECK(run.device_max_hr_bpm == 172);  // the watch's own figure stays in the record
  // A setting above the run's highest: as set.
  run = limit_with(185, std::nullopt);
  CHECK(run.limits.hr_limit_bpm->value == Approx(0.76 * 185));
  CHECK_FALSE(run.device_max_hr_raised);
  // A threshold anchors the limit before the max: nothing is raised.
  run = limit_with(172, 165);
  CHECK(run.limits.hr_limit_bpm->value == Approx(0.85 * 165));
  CHECK_FALSE(run.device_max_hr_raised);
  // A max lent by another of the athlete's runs is raised the same way.
  a.device_heart_rate = {};
  audit::StagedRun staged = audit::stage_activity(a, "ann", {});
  const runaudit::DeviceHeartRate lent{.max_bpm = 170};
  audit::finish_run(staged.record, staged.prepared, {}, nullptr, std::nullopt, {}, false, nullptr,
                    &lent);
  CHECK(staged.record.limits.hr_limit_bpm->value == Approx(0.76 * 178));
  CHECK(staged.record.device_max_hr_raised);
  // What the run lends its athlete's other runs: the max as raised, the threshold as set.
  audit::RunRecord watch_run;
  watch_run.device_max_hr_bpm = 172;
  watch_run.device_threshold_hr_bpm = 160;
  watch_run.metrics.max_hr_bpm = 177;
  CHECK(audit::lent_heart_rate(watch_run).max_bpm == 177);
  CHECK(audit::lent_heart_rate(watch_run).threshold_bpm == 160);
  watch_run.metrics.max_hr_bpm = 170;
  CHECK(audit::lent_heart_rate(watch_run).max_bpm == 172);
  watch_run.metrics.max_hr_bpm = 250;  // no heart's: a glitch, not a maximum
  CHECK(audit::lent_heart_rate(watch_run).max_bpm == 172);
}

TEST_CASE("batch: a lap the file gives only totals for starts at its StartTime", "[batch]") {
  // Four TCX laps: one before the first trackpoint (StartTime 06:29:50), one with 61 points a
  // second from 06:30:00, one with totals only from 06:31:01, one with points from 06:32:00 to
  // 06:33:00. The laps after the first begin 61 s and 120 s after the first sample; the one
  // before the recording has no place in it.
  const auto points = [](int from_s, int to_s) {
    std::string out;
    for (int t = from_s; t <= to_s; ++t)
      out += "<Trackpoint><Time>" + runaudit::format_rfc3339(1714545000000 + t * 1000) +
             "</Time><DistanceMeters>" + std::to_string(3 * t) + "</DistanceMeters></Trackpoint>";
    return out;
  };
  std::string doc =
      "<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/"
      "TrainingCenterDatabase/v2\"><Activities><Activity Sport=\"Running\">"
      "<Id>2024-05-01T06:29:50Z</Id>"
      "<Lap StartTime=\"2024-05-01T06:29:50Z\"><TotalTimeSeconds>10</TotalTimeSeconds></Lap>"
      "<Lap StartTime=\"2024-05-01T06:30:00Z\"><Track>" +
      points(0, 60) +
      "</Track></Lap><Lap StartTime=\"2024-05-01T06:31:01Z\"><TotalTimeSeconds>59"
      "</TotalTimeSeconds><DistanceMeters>177</DistanceMeters></Lap>"
      "<Lap StartTime=\"2024-05-01T06:32:00Z\"><Track>" +
      points(120, 180) + "</Track></Lap></Activity></Activities></TrainingCenterDatabase>";
  const std::vector<runaudit::Activity> acts = io::parse_tcx(doc, "laps.tcx");
  REQUIRE(acts.size() == 1);
  const audit::StagedRun staged = audit::stage_activity(acts[0], "ann", {});
  CHECK(staged.record.lap_start_s == std::vector<double>{61, 120});
}

TEST_CASE("batch: the laps' time outside the trackpoints counts in the duration and distance",
          "[batch][audit]") {
  // TCX laps: 06:28:00 120 s 360 m without trackpoints; trackpoints at 3 m/s from 06:30:00 to
  // 06:34:59; 06:35:00 30 s 90 m without (inside the recording: the gap's own time); trackpoints
  // again from 06:35:30 to 06:40:00; 06:40:00 30 s 90 m without. Outside the trackpoints:
  // 120 + 30 = 150 s and 360 + 90 = 450 m.
  const auto points = [](int from_s, int to_s) {
    std::string out = "<Track>";
    for (int t = from_s; t <= to_s; ++t)
      out += "<Trackpoint><Time>" + runaudit::format_rfc3339(1714545000000 + t * 1000) +
             "</Time><DistanceMeters>" + std::to_string(3 * t) + "</DistanceMeters></Trackpoint>";
    return out + "</Track>";
  };
  const auto lap = [](const char* start, int seconds, int metres, const std::string& track) {
    return std::string("<Lap StartTime=\"2024-05-01T") + start + "Z\"><TotalTimeSeconds>" +
           std::to_string(seconds) + "</TotalTimeSeconds><DistanceMeters>" +
           std::to_string(metres) + "</DistanceMeters>" + track + "</Lap>";
  };
  // A TCX running activity of @p id holding @p laps.
  const auto tcx = [](const char* id, const std::string& laps) {
    return "<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns=\"http://www.garmin.com/"
           "xmlschemas/TrainingCenterDatabase/v2\"><Activities><Activity Sport=\"Running\"><Id>" +
           std::string(id) + "</Id>" + laps + "</Activity></Activities></TrainingCenterDatabase>";
  };
  std::string doc =
      tcx("2024-05-01T06:28:00Z",
          lap("06:28:00", 120, 360, "") + lap("06:30:00", 300, 900, points(0, 299)) +
              lap("06:35:00", 30, 90, "") + lap("06:35:30", 270, 810, points(330, 600)) +
              lap("06:40:00", 30, 90, ""));
  const std::vector<runaudit::Activity> acts = io::parse_tcx(doc, "laps.tcx");
  REQUIRE(acts.size() == 1);
  audit::LimitInputs flags;
  flags.max_duration_s = 12 * 60;
  flags.max_distance_m = 2000;
  const audit::RunRecord r =
      audit::audit_activity(acts[0], "ann", {}, flags, nullptr, std::nullopt, {});
  REQUIRE(r.metrics.untracked_laps_time_s);
  CHECK(*r.metrics.untracked_laps_time_s == Approx(150));
  REQUIRE(r.metrics.untracked_laps_distance_m);
  CHECK(*r.metrics.untracked_laps_distance_m == Approx(450));
  CHECK_THAT(r.file_warning,
             Contains("the file's laps hold 2:30 before its first trackpoint or after its last"));
  const auto finding = [&](const char* rule) {
    for (const audit::Violation& v : r.judgement.violations)
      if (v.rule == rule) return std::optional<double>(v.value);
    return std::optional<double>();
  };
  // The recording's own 10:00 (its gap bridged, moved across) and 1800 m, and the laps' outside.
  REQUIRE(finding("duration"));
  CHECK(*finding("duration") == Approx(600 + 150).margin(2));
  REQUIRE(finding("distance"));
  CHECK(*finding("distance") == Approx(1800 + 450).margin(6));
  // An excerpt: a lap of 5 hours and 150 km holding 10 minutes of trackpoints. Its laps hold
  // more outside the trackpoints than within: not trusted over them.
  doc = tcx("2024-05-01T06:30:00Z", lap("06:30:00", 18000, 150000, points(0, 600)));
  const audit::RunRecord excerpt = audit::audit_activity(
      io::parse_tcx(doc, "excerpt.tcx").at(0), "ann", {}, flags, nullptr, std::nullopt, {});
  CHECK_FALSE(excerpt.metrics.untracked_laps_time_s);
  CHECK_FALSE(excerpt.metrics.untracked_laps_distance_m);
  CHECK(excerpt.file_warning.empty());
  // A lap of a start pressed by mistake 8 h before, without trackpoints: another recording's.
  doc = tcx("2024-04-30T22:30:00Z",
            "<Lap StartTime=\"2024-04-30T22:30:00Z\"><TotalTimeSeconds>60</TotalTimeSeconds>"
            "</Lap>" +
                lap("06:30:00", 600, 1800, points(0, 600)));
  const audit::RunRecord stray = audit::audit_activity(io::parse_tcx(doc, "stray.tcx").at(0), "ann",
                                                       {}, flags, nullptr, std::nullopt, {});
  CHECK_FALSE(stray.metrics.untracked_laps_time_s);
  // A lap started at 06:25:00 and paused at once for 5 minutes: its 30:00 of timer time are all
  // its trackpoints' (06:30:00 to 07:00:00), none before them.
  doc = tcx("2024-05-01T06:25:00Z", lap("06:25:00", 1800, 5400, points(0, 1800)));
  const audit::RunRecord paused = audit::audit_activity(
      io::parse_tcx(doc, "paused.tcx").at(0), "ann", {}, flags, nullptr, std::nullopt, {});
  CHECK_FALSE(paused.metrics.untracked_laps_time_s);
  CHECK(paused.file_warning.empty());
  // A lap from 06:25:00 of 30:00, its first 2:00 trackpoints without position (a watch waiting
  // for its first fix, its runner standing: dropped): the recording's, not outside it.
  std::string blind_then_fixed = "<Track>";
  for (int t = 0; t <= 1800; ++t)
    blind_then_fixed +=
        "<Trackpoint><Time>" + runaudit::format_rfc3339(1714544700000 + t * 1000) + "</Time>" +
        (t < 120 ? std::string()
                 : "<Position><LatitudeDegrees>" + std::to_string(48 + (t - 120) * 2.7e-5) +
                       "</LatitudeDegrees><LongitudeDegrees>11</LongitudeDegrees></Position>") +
        "</Trackpoint>";
  doc = tcx("2024-05-01T06:25:00Z", lap("06:25:00", 1800, 5040, blind_then_fixed + "</Track>"));
  const runaudit::Activity blind = io::parse_tcx(doc, "blind.tcx").at(0);
  REQUIRE(blind.samples.front().time_ms == 1714544700000 + 120'000);  // the first fix
  const audit::RunRecord waited =
      audit::audit_activity(blind, "ann", {}, flags, nullptr, std::nullopt, {});
  CHECK_FALSE(waited.metrics.untracked_laps_time_s);
}

TEST_CASE(
    "batch: a FIT run's record carries the device, sub-sport, workout, device HR and "
    "distance",
    "[batch][fit]") {
  testing::TempDir dir("fit_batch_record");
  dir.write("run.fit", fit_file("run_pauses_laps.fit"));
  const Recorder r = batch({dir.path().string()});
  REQUIRE(r.errors.empty());
  REQUIRE(r.runs.size() == 1);
  const audit::RunRecord& run = r.runs[0];
  CHECK(run.audited);
  CHECK(run.device == "Garmin Forerunner 965");
  CHECK_FALSE(run.bike_computer);
  CHECK(run.sub_sport == "trail");
  CHECK(run.workout_name == "Recovery 25 min");
  CHECK(run.workout_steps == std::vector<std::string>{"warmup", "recovery", "cooldown"});
  CHECK(run.recovery_workout);
  CHECK(run.device_max_hr_bpm == 188);
  CHECK(run.device_threshold_hr_bpm == 172);
  // No flag, no athletes file: the watch's threshold HR gives the HR limit.
  REQUIRE(run.limits.hr_limit_bpm);
  CHECK(run.limits.hr_limit_bpm->value == Approx(0.85 * 172));
  CHECK(run.limits.hr_limit_bpm->source == audit::LimitSource::device);
  // The watch's distance beside ours: 3 m/s for 1410 s moving; ours from the positions.
  CHECK(run.metrics.device_distance_m == Approx(3 * 1410));
  CHECK(run.distance_source == "gps");
  REQUIRE(run.metrics.distance_m);
  CHECK(*run.metrics.distance_m == Approx(3 * 1410).epsilon(0.01));
}

TEST_CASE("selection: --match also matches workout names, a recovery workout is always audited",
          "[batch][intent]") {
  std::vector<runaudit::Activity> acts = io::parse_fit(fit_file("run_pauses_laps.fit"), "run.fit");
  REQUIRE(acts.size() == 1);
  runaudit::Activity a = acts[0];
  a.name = "Lunch";  // as an export may name it
  const auto prepared = runaudit::signal::prepare(a);
  audit::Selection tempo;
  tempo.match = std::regex("Tempo");
  // Steps warmup, recovery, cooldown: planned as a recovery run, whatever the names.
  a.workout->name = "Z1";
  CHECK(audit::recovery_workout(a));
  CHECK_FALSE(audit::skip_reason(a, prepared, tempo));
  // Intervals with recoveries between efforts are no recovery run.
  a.workout->steps[1].intensity = "active";
  a.workout->steps.push_back(a.workout->steps[0]);
  a.workout->steps.back().intensity = "recovery";
  CHECK_FALSE(audit::recovery_workout(a));
  CHECK(audit::skip_reason(a, prepared, tempo) == "name, type and workout do not match --match");
  // ... whatever the workout's name says: "recovery" names the jogs between the efforts.
  a.workout->name = "6x800 w/ 400 recovery";
  CHECK_FALSE(audit::recovery_workout(a));
  a.workout->name = "Easy shakeout";
  CHECK_FALSE(audit::recovery_workout(a));
  // A name that says so with steps of one kind (a single active run step, as a watch's simple
  // workout has) is one.
  a.workout->steps.assign(1, a.workout->steps[1]);
  CHECK(audit::recovery_workout(a));
  a.workout->name = "Tempo 3x10";
  CHECK_FALSE(audit::recovery_workout(a));
  CHECK_FALSE(audit::skip_reason(a, prepared, tempo));  // the workout's name matches
  a.workout.reset();
  CHECK_FALSE(audit::recovery_workout(a));
}

TEST_CASE("batch: the same bytes under two names are audited once", "[batch][duplicates]") {
  testing::TempDir dir("fit_batch_same_bytes");
  const std::string bytes = fit_file("run_pauses_laps.fit");
  dir.write("a.fit", bytes);
  dir.write("b.fit.gz", testing::gzip(bytes));  // the same bytes once inflated
  dir.write("c.fit", bytes);
  for (const unsigned jobs : {1u, 2u}) {
    audit::BatchOptions options;
    options.jobs = jobs;
    const Recorder r = batch({dir.path().string()}, options);
    REQUIRE(r.runs.size() == 3);
    const auto runs = by_file(r);
    CHECK(runs.at("a.fit")->audited);
    REQUIRE(runs.at("a.fit")->duplicates.size() == 2);
    CHECK_THAT(runs.at("a.fit")->duplicates[0], Contains("b.fit.gz"));
    CHECK_THAT(runs.at("a.fit")->duplicates[1], Contains("c.fit"));
    for (const std::string other : {"b.fit.gz", "c.fit"}) {
      CHECK_FALSE(runs.at(other)->audited);
      CHECK_THAT(runs.at(other)->skip_reason, Contains("the same bytes as "));
      CHECK_THAT(runs.at(other)->skip_reason, Contains("a.fit: reported under that name"));
    }
  }
}

TEST_CASE("batch: the same bytes in two athletes' folders are each athlete's run",
          "[batch][duplicates]") {
  // A run of bob's copied into alice's folder too, and twice into bob's: bob's two copies are
  // one run (his first), alice's copy hers; neither moves to the other.
  testing::TempDir dir("fit_batch_two_athletes");
  const std::string bytes = fit_file("run_pauses_laps.fit");
  std::filesystem::create_directories(dir.path() / "alice");
  std::filesystem::create_directories(dir.path() / "bob");
  dir.write("alice/copy.fit", bytes);
  dir.write("bob/a.fit", bytes);
  dir.write("bob/b.fit", bytes);
  const Recorder r = batch({dir.path().string()});
  REQUIRE(r.runs.size() == 3);
  const auto runs = by_file(r);
  CHECK(runs.at("copy.fit")->audited);
  CHECK(runs.at("copy.fit")->athlete == "alice");
  CHECK(runs.at("copy.fit")->duplicates.empty());
  CHECK(runs.at("a.fit")->audited);
  CHECK(runs.at("a.fit")->athlete == "bob");
  REQUIRE(runs.at("a.fit")->duplicates.size() == 1);
  CHECK_THAT(runs.at("a.fit")->duplicates[0], Contains("bob/b.fit"));
  CHECK_FALSE(runs.at("b.fit")->audited);
  CHECK_THAT(runs.at("b.fit")->skip_reason, Contains("a.fit: reported under that name"));
}

TEST_CASE("batch: of one activity in two files, one whose clock went back is not the one audited",
          "[batch][duplicates]") {
  // The same 20-minute run twice: a-back.gpx's clock set back 5 min at minute 10 (300 points
  // dropped out of time order: only part of the run), b-whole.gpx whole. The whole one is
  // audited, as it would be beside a file cut short.
  testing::TempDir dir("fit_batch_clock_back");
  std::filesystem::create_directories(dir.path() / "ann");
  const std::string whole = gpx_run(fit_start_ms, 1200, 3, "Run");
  std::string back = whole;
  for (int t = 600; t <= 1200; ++t) {
    const std::string written = runaudit::format_rfc3339(fit_start_ms + t * 1000);
    const std::size_t at = back.find(written);
    REQUIRE(at != std::string::npos);
    back.replace(at, written.size(), runaudit::format_rfc3339(fit_start_ms + (t - 300) * 1000));
  }
  dir.write("ann/a-back.gpx", back);
  dir.write("ann/b-whole.gpx", whole);
  const Recorder r = batch({dir.path().string()});
  REQUIRE(r.runs.size() == 2);
  const auto runs = by_file(r);
  CHECK(runs.at("b-whole.gpx")->audited);
  CHECK_FALSE(runs.at("a-back.gpx")->audited);
  CHECK_THAT(runs.at("a-back.gpx")->skip_reason,
             Contains("b-whole.gpx (gpx): reported under that name"));
}

TEST_CASE("batch: the same activity in two files of one format is audited once, from the first",
          "[batch][duplicates]") {
  // A phone app's GPX and an export's GPX of the same run (first fixes a second apart), and a
  // GPX holding two tracks of the same times (one file's activities are never each other's
  // duplicates).
  testing::TempDir dir("fit_batch_same_format");
  std::filesystem::create_directories(dir.path() / "ann");
  dir.write("ann/a-phone.gpx", gpx_run(fit_start_ms, 1200, 3, "Run"));
  dir.write("ann/b-export.gpx", gpx_run(fit_start_ms + 1000, 1199, 3, "Run"));
  std::string twice = gpx_run(fit_start_ms + 3 * day_ms, 1200, 3, "Run");
  const std::string track =
      twice.substr(twice.find("<trk>"), twice.find("</gpx>") - twice.find("<trk>"));
  twice.insert(twice.find("</gpx>"), track);
  dir.write("ann/c-two-tracks.gpx", twice);
  const Recorder r = batch({dir.path().string()});
  REQUIRE(r.errors.empty());
  REQUIRE(r.runs.size() == 4);
  const auto runs = by_file(r);
  CHECK(runs.at("a-phone.gpx")->audited);
  CHECK(runs.at("a-phone.gpx")->duplicates.size() == 1);
  CHECK_FALSE(runs.at("b-export.gpx")->audited);
  CHECK_THAT(runs.at("b-export.gpx")->skip_reason, Contains("the same activity as "));
  CHECK_THAT(runs.at("b-export.gpx")->skip_reason,
             Contains("a-phone.gpx (gpx): reported under that name"));
  std::size_t two_tracks = 0;
  for (const audit::RunRecord& run : r.runs)
    if (run.file.find("c-two-tracks.gpx") != std::string::npos) {
      ++two_tracks;
      CHECK(run.audited);
      CHECK(run.duplicates.empty());
    }
  CHECK(two_tracks == 2);
}

TEST_CASE("batch: two recordings started together are one activity only if one sport",
          "[batch][duplicates]") {
  // The same times in pairs of GPX files: a swim and a paddle (both "other" sports, named
  // differently), a run and a ride, a run and a walk (one on foot: an app's label).
  testing::TempDir dir("fit_batch_sports");
  std::filesystem::create_directories(dir.path() / "ann");
  const auto typed = [](std::int64_t start_ms, int seconds, double speed, const std::string& type) {
    std::string gpx = gpx_run(start_ms, seconds, speed, type);
    const std::string running = "<type>running</type>";
    return gpx.replace(gpx.find(running), running.size(), "<type>" + type + "</type>");
  };
  dir.write("ann/a-swim.gpx", typed(fit_start_ms, 1200, 1, "swimming"));
  dir.write("ann/b-paddle.gpx", typed(fit_start_ms + 1000, 1199, 1, "stand_up_paddleboarding"));
  dir.write("ann/c-run.gpx", typed(fit_start_ms + day_ms, 1200, 3, "running"));
  dir.write("ann/d-ride.gpx", typed(fit_start_ms + day_ms + 1000, 1199, 3, "cycling"));
  dir.write("ann/e-run.gpx", typed(fit_start_ms + 2 * day_ms, 1200, 3, "running"));
  dir.write("ann/f-walk.gpx", typed(fit_start_ms + 2 * day_ms + 1000, 1199, 3, "walking"));
  const Recorder r = batch({dir.path().string()});
  REQUIRE(r.errors.empty());
  const auto runs = by_file(r);
  REQUIRE(runs.size() == 6);
  for (const char* file : {"a-swim.gpx", "b-paddle.gpx", "d-ride.gpx"}) {
    CHECK_FALSE(runs.at(file)->audited);
    CHECK_THAT(runs.at(file)->skip_reason, !Contains("the same activity"));
  }
  CHECK(runs.at("c-run.gpx")->audited);
  CHECK(runs.at("c-run.gpx")->duplicates.empty());
  CHECK(runs.at("e-run.gpx")->audited);
  CHECK(runs.at("e-run.gpx")->duplicates.size() == 1);
  CHECK_THAT(runs.at("f-walk.gpx")->skip_reason,
             Contains("e-run.gpx (gpx): reported under that name"));
}

TEST_CASE(
    "batch: of two whole files of one activity in one format, the one telling more is "
    "audited, whatever their names",
    "[batch][duplicates]") {
  // A bare track first by name, the same run with the heart rate second: the second audited.
  testing::TempDir dir("fit_batch_richer");
  std::filesystem::create_directories(dir.path() / "ann");
  const std::string bare = gpx_run(fit_start_ms, 1200, 3, "Run");
  // The same track a second later, each trackpoint with <extensions><hr>140</hr></extensions>.
  const std::string plain = gpx_run(fit_start_ms + 1000, 1199, 3, "Run");
  std::string with_hr;
  std::size_t from = 0;
  for (std::size_t at; (at = plain.find("</trkpt>", from)) != std::string::npos; from = at + 8)
    with_hr += plain.substr(from, at - from) + "<extensions><hr>140</hr></extensions></trkpt>";
  with_hr += plain.substr(from);
  dir.write("ann/a-bare.gpx", bare);
  dir.write("ann/b-heart-rate.gpx", with_hr);
  const Recorder r = batch({dir.path().string()});
  REQUIRE(r.errors.empty());
  const auto runs = by_file(r);
  REQUIRE(runs.size() == 2);
  CHECK(runs.at("b-heart-rate.gpx")->audited);
  CHECK(runs.at("b-heart-rate.gpx")->metrics.avg_hr_bpm);
  CHECK_FALSE(runs.at("a-bare.gpx")->audited);
  CHECK_THAT(runs.at("a-bare.gpx")->skip_reason,
             Contains("b-heart-rate.gpx (gpx): reported under that name"));
}

TEST_CASE("batch: a run its export types as another sport is skipped, saying the export said so",
          "[batch][export]") {
  // A Strava export whose row types the file's run "Ride" (the athlete's correction, or a
  // slip): the export's type stands, and the skip reason names it; a GPX typed a ride by
  // itself says only the sport.
  testing::TempDir dir("fit_batch_export_type");
  std::filesystem::create_directories(dir.path() / "export_7" / "activities");
  dir.write("export_7/activities.csv",
            "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n"
            "1,\"Nov 2, 2026, 7:00:00 AM\",Lunch,Ride,activities/1.gpx\n"
            "2,\"Nov 3, 2026, 7:00:00 AM\",Pool,Swim,activities/2.fit\n"
            "3,\"Nov 4, 2026, 7:00:00 AM\",Pool,Swim,activities/3.gpx\n");
  dir.write("export_7/activities/1.gpx", gpx_run(fit_start_ms + 5 * day_ms, 1200, 3, "Run"));
  // A sport runaudit does not tell apart, by the export's type: worded alike for any format.
  dir.write("export_7/activities/2.fit", fit_file("run_pauses_laps.fit"));
  dir.write("export_7/activities/3.gpx", gpx_run(fit_start_ms + 3 * day_ms, 1200, 3, "Run"));
  std::string ride = gpx_run(fit_start_ms + day_ms, 1200, 3, "Ride");
  ride.replace(ride.find("<type>running</type>"), 20, "<type>cycling</type>");
  dir.write("ride.gpx", ride);
  const Recorder r = batch({dir.path().string()});
  REQUIRE(r.errors.empty());
  const auto runs = by_file(r);
  REQUIRE(runs.size() == 4);
  CHECK(runs.at("1.gpx")->skip_reason == "cycling (its export's type \"Ride\"): not a run");
  CHECK(runs.at("2.fit")->skip_reason == "other (its export's type \"Swim\"): not a run");
  CHECK(runs.at("3.gpx")->skip_reason == "other (its export's type \"Swim\"): not a run");
  CHECK(runs.at("ride.gpx")->skip_reason == "cycling: not a run");
}

TEST_CASE("batch: of two files of one activity, one cut short, the whole one is audited",
          "[batch][duplicates]") {
  // A download that stopped beside a whole copy of the run: the cut FIT (richer, first by name)
  // would be judged on part of the run; the whole GPX is audited. Two GPX, the first cut: the
  // second. Two cut short: the one that goes further.
  testing::TempDir dir("fit_batch_cut_copy");
  std::filesystem::create_directories(dir.path() / "ann");
  const std::string fit = fit_file("run_pauses_laps.fit");
  dir.write("ann/a-cut.fit", fit.substr(0, fit.size() * 7 / 10));
  dir.write("ann/b-whole.gpx", gpx_run(fit_start_ms + 1000, 1499, 3, "Morning Run", 48.0));
  const std::string later = gpx_run(fit_start_ms + 2 * day_ms, 1200, 3, "Run");
  dir.write("ann/c-cut.gpx", later.substr(0, later.size() * 6 / 10));
  dir.write("ann/d-whole.gpx", gpx_run(fit_start_ms + 2 * day_ms + 1000, 1199, 3, "Run"));
  // Bob's copies are both cut, the FIT at half its bytes, the GPX at 90 %: the GPX goes further.
  std::filesystem::create_directories(dir.path() / "bob");
  dir.write("bob/e-cut-early.fit", fit.substr(0, fit.size() / 2));
  const std::string copy = gpx_run(fit_start_ms + 1000, 1499, 3, "Morning Run", 48.0);
  dir.write("bob/f-cut-late.gpx", copy.substr(0, copy.size() * 9 / 10));
  const Recorder r = batch({dir.path().string()});
  REQUIRE(r.errors.empty());
  const auto runs = by_file(r);
  REQUIRE(runs.size() == 6);
  for (const auto& [cut, whole] : {std::pair{"a-cut.fit", "b-whole.gpx"},
                                   {"c-cut.gpx", "d-whole.gpx"},
                                   {"e-cut-early.fit", "f-cut-late.gpx"}}) {
    INFO(cut);
    CHECK(runs.at(whole)->audited);
    REQUIRE(runs.at(whole)->duplicates.size() == 1);
    CHECK_THAT(runs.at(whole)->duplicates[0], Contains(cut));
    CHECK_FALSE(runs.at(cut)->audited);
    CHECK_THAT(runs.at(cut)->skip_reason,
               Contains(std::string(whole) + " (gpx): reported under that name"));
  }
}

TEST_CASE(
    "batch: the same activity as FIT and GPX is audited once, from the FIT, and counts "
    "once in the baseline",
    "[batch][duplicates]") {
  testing::TempDir dir("fit_batch_formats");
  std::filesystem::create_directories(dir.path() / "ann");
  // The watch's FIT, and a GPX of the same run from another export: its first fix a second
  // later (the route of the FIT's formula: north from 48 N 11 E at 3 m/s, pauses left out).
  dir.write("ann/watch.fit", fit_file("run_pauses_laps.fit"));
  dir.write("ann/export.gpx", gpx_run(fit_start_ms + 1000, 1499, 3, "Morning Run", 48.0));
  // Three other runs before it, of 20 min at 5:00/km, and one the week after.
  for (int d = 1; d <= 3; ++d)
    dir.write("ann/before" + std::to_string(d) + ".gpx",
              gpx_run(fit_start_ms - d * day_ms, 1200, 3.333, "Run"));
  dir.write("ann/after.gpx", gpx_run(fit_start_ms + 7 * day_ms, 1200, 3.333, "Run"));
  // Another athlete's run at the same time is not the same activity.
  std::filesystem::create_directories(dir.path() / "bob");
  dir.write("bob/same_time.gpx", gpx_run(fit_start_ms, 1200, 3, "Run", 48.0));
  const Recorder r = batch({dir.path().string()});
  REQUIRE(r.errors.empty());
  const auto runs = by_file(r);
  REQUIRE(runs.size() == 7);
  const audit::RunRecord& fit = *runs.at("watch.fit");
  const audit::RunRecord& gpx = *runs.at("export.gpx");
  CHECK(fit.audited);
  // Staged and spilled in pass 1, read back whole.
  CHECK(fit.workout_steps == std::vector<std::string>{"warmup", "recovery", "cooldown"});
  CHECK(fit.device == "Garmin Forerunner 965");
  REQUIRE(fit.duplicates.size() == 1);
  CHECK_THAT(fit.duplicates[0], Contains("export.gpx"));
  CHECK_FALSE(gpx.audited);
  CHECK_THAT(gpx.skip_reason, Contains("the same activity as "));
  CHECK_THAT(gpx.skip_reason, Contains("watch.fit (fit): reported under that name"));
  CHECK(runs.at("same_time.gpx")->audited);
  CHECK(runs.at("same_time.gpx")->duplicates.empty());
  // The run after sees four runs of ann's in its six weeks, not five: no batch baseline. (Had
  // the GPX counted too, its pace limit would come from the batch.)
  const audit::RunRecord& after = *runs.at("after.gpx");
  REQUIRE(after.audited);
  REQUIRE(after.limits.pace_limit_s_per_km == std::nullopt);
}

TEST_CASE("batch: a member's inner archive names the archive it is inflated from",
          "[batch][archive]") {
  io::Source file;
  file.name = file.path = "runs/a.fit";
  CHECK(audit::detail::inner_archive(file).empty());
  io::Source flat = file;  // a member of an archive on disk: nothing inflated whole
  flat.path = "export.zip";
  flat.members.push_back({"activities/1.fit", "zip", 0, 10, 10, std::nullopt});
  CHECK(audit::detail::inner_archive(flat).empty());
  io::Source nested = flat;  // Garmin: FIT files in zips in the export zip
  nested.members = {{"DI_CONNECT/Part1.zip", "zip", 0, 10, 10, std::nullopt},
                    {"1.fit", "zip", 0, 10, 10, std::nullopt}};
  CHECK(audit::detail::inner_archive(nested) == "export.zip!DI_CONNECT/Part1.zip");
}

TEST_CASE(
    "batch: a damaged file and a bike recorded as a run keep what prepare() found, "
    "spilled in pass 1 or not",
    "[batch][fit]") {
  // Pass 1 stages runs (read, prepare) and spills them; pass 2 judges. What prepare() found
  // beside the series must come back with them: the damage (totals are lower bounds) and the
  // doubt about the sport (speeds no runner reaches).
  testing::TempDir dir("batch_prepared_spilled");
  std::filesystem::create_directories(dir.path() / "ann");
  const std::string whole = fit_file("run_pauses_laps.fit");
  dir.write("ann/cut.fit", whole.substr(0, whole.size() * 7 / 10));            // the battery died
  dir.write("ann/bike.gpx", gpx_run(fit_start_ms + day_ms, 1800, 12, "Run"));  // 43 km/h
  dir.write("ann/plain.gpx", gpx_run(fit_start_ms + 2 * day_ms, 1800, 2.5, "Run"));
  const auto because = [](const audit::RunRecord& r, const std::string& rule, audit::Unjudged why) {
    return std::any_of(r.judgement.not_judged.begin(), r.judgement.not_judged.end(),
                       [&](const audit::NotJudged& n) { return n.rule == rule && n.why == why; });
  };
  for (const bool pace_flag : {false, true})
    for (const std::uint64_t spill : {std::uint64_t{1} << 30, std::uint64_t{0}}) {
      INFO("pace flag " << pace_flag << ", spill limit " << spill);
      audit::BatchOptions options;
      if (pace_flag) options.flags.pace_limit_s_per_km = 400;
      options.spill_limit_bytes = spill;
      const Recorder r = batch({dir.path().string()}, options);
      REQUIRE(r.errors.empty());
      const auto runs = by_file(r);
      const audit::RunRecord& cut = *runs.at("cut.fit");
      REQUIRE(cut.audited);
      CHECK(because(cut, "distance", audit::Unjudged::recording_incomplete));
      CHECK(because(cut, "duration", audit::Unjudged::recording_incomplete));
      CHECK(because(cut, "cooldown", audit::Unjudged::recording_incomplete));
      // With a pace limit or without, the doubt is why pace is not judged (no anchor would
      // make a bike's pace the runner's baseline), and no verdict is given: 30 min of a ride
      // breaks no runner's rule.
      const audit::RunRecord& bike = *runs.at("bike.gpx");
      REQUIRE(bike.audited);
      CHECK(because(bike, "pace", audit::Unjudged::sport_doubtful));
      CHECK(because(bike, "surge", audit::Unjudged::sport_doubtful));
      CHECK(bike.judgement.verdict == audit::Verdict::unjudged);
    }
}

TEST_CASE("batch: the watch's HR anchors hold for the wearer's runs whose files have none",
          "[batch][fit][limits]") {
  // alice's watch (the FIT file: threshold HR 172, max 188) and two GPX exports of hers, a day
  // before and a day after it, and one 50 days after; a ride of hers with a cyclist's threshold
  // HR (150) two hours after the run, nearer to the GPX after it; bob has only a GPX export.
  testing::TempDir dir("fit_batch_watch");
  dir.write("alice/watch.fit", fit_file("run_pauses_laps.fit"));
  namespace fb = testing::fit_bytes;
  fb::FitBytes ride;
  fb::activity_file(ride).define(1, fb::record, fb::record_fields);
  ride.define(2, 7, {{2, 1, fb::uint8_t_}}).data(2, {150});  // zones_target threshold HR
  // FIT time: Unix seconds - 631 065 600 (1989-12-31T00:00:00Z).
  const auto ride_start = static_cast<std::uint32_t>(fit_start_ms / 1000 - 631'065'600 + 7200);
  for (std::uint32_t i = 0; i < 1200; ++i)
    ride.data(1, {ride_start + i, fb::semicircles(47 + i * 4e-5), fb::semicircles(11), 130, 450 * i,
                  85});  // 4.5 m/s: a slow ride, or a fast run
  ride.define(3, fb::session, {{253, 4, fb::uint32_t_}, {2, 4, fb::uint32_t_}, {5, 1, fb::enum_t}})
      .data(3, {ride_start + 1199, ride_start, 2});  // cycling
  dir.write("alice/ride.fit", ride.file());
  // A run of hers recorded on an Edge 530 (a bike computer: its threshold HR, 150, a cyclist's)
  // twelve hours after the watch's, nearer to the GPX after it.
  fb::FitBytes edge;
  edge.define(0, fb::file_id, {{0, 1, fb::enum_t}, {1, 2, fb::uint16_t_}, {2, 2, fb::uint16_t_}})
      .data(0, {4, 1, 3121})  // activity, Garmin, Edge 530
      .define(1, fb::record, fb::record_fields)
      .define(2, 7, {{2, 1, fb::uint8_t_}})
      .data(2, {150});
  const auto edge_start = static_cast<std::uint32_t>(fit_start_ms / 1000 - 631'065'600 + 43'200);
  for (std::uint32_t i = 0; i < 1200; ++i)
    edge.data(1, {edge_start + i, fb::semicircles(47 + i * 2.7e-5), fb::semicircles(11), 130,
                  300 * i, 85});
  edge.define(3, fb::session, {{253, 4, fb::uint32_t_}, {2, 4, fb::uint32_t_}, {5, 1, fb::enum_t}})
      .data(3, {edge_start + 1199, edge_start, 1});  // running
  dir.write("alice/edge-run.fit", edge.file());
  dir.write("alice/before.gpx", gpx_run(fit_start_ms - day_ms, 1500, 3, "Before"));
  dir.write("alice/after.gpx", gpx_run(fit_start_ms + day_ms, 1500, 3, "After"));
  dir.write("alice/much-later.gpx", gpx_run(fit_start_ms + 50 * day_ms, 1500, 3, "Later"));
  dir.write("bob/after.gpx", gpx_run(fit_start_ms + day_ms, 1500, 3, "Bob's"));
  // With --sport any the ride is audited too, and still lends no anchor: it is no run.
  const bool any_sport = GENERATE(false, true);
  INFO("--sport any: " << any_sport);
  audit::BatchOptions selection;
  selection.selection.any_sport = any_sport;
  const Recorder r = batch({dir.path().string()}, selection);
  REQUIRE(r.errors.empty());
  REQUIRE(r.runs.size() == 7);
  for (const audit::RunRecord& run : r.runs) {
    INFO(run.file);
    if (run.file.ends_with("ride.fit")) {
      CHECK(run.audited == any_sport);
      CHECK_FALSE(run.baseline_gap_s_per_km);  // nor a pace to a runner's usual
      continue;
    }
    if (run.file.ends_with("edge-run.fit")) {
      CHECK(run.bike_computer);
      CHECK(run.audited);  // the file says running
      continue;            // judged by its own (a cyclist's) threshold, lending it to no one
    }
    REQUIRE(run.audited);
    if (run.athlete == "bob" || run.file.ends_with("much-later.gpx")) {
      CHECK_FALSE(run.limits.hr_limit_bpm);  // no anchor of his; none within six weeks
      continue;
    }
    REQUIRE(run.limits.hr_limit_bpm);
    CHECK(run.limits.hr_limit_bpm->value == Approx(0.85 * 172));
    CHECK(run.limits.hr_limit_bpm->source == audit::LimitSource::device);
    // The record still says what its own file held.
    CHECK(run.device_threshold_hr_bpm ==
          (run.file.ends_with(".fit") ? std::optional<double>(172) : std::nullopt));
  }

  // A later week's job: the watch's run only in the history, read from its JSONL line.
  std::ostringstream line;
  const auto watch_run = std::find_if(r.runs.begin(), r.runs.end(), [](const auto& run) {
    return run.file.ends_with("watch.fit");
  });
  REQUIRE(watch_run != r.runs.end());
  runaudit::report::write_report("jsonl", line, {}, std::span(&*watch_run, 1), {});
  std::istringstream history(line.str());
  audit::BatchOptions options;
  runaudit::report::read_history(history, "history.jsonl", options.history);
  testing::TempDir week("fit_batch_watch_week");
  week.write("alice/later.gpx", gpx_run(fit_start_ms + 7 * day_ms, 1500, 3, "Later"));
  const Recorder later = batch({week.path().string()}, options);
  REQUIRE(later.runs.size() == 1);
  REQUIRE(later.runs[0].limits.hr_limit_bpm);
  CHECK(later.runs[0].limits.hr_limit_bpm->value == Approx(0.85 * 172));
  CHECK(later.runs[0].limits.hr_limit_bpm->source == audit::LimitSource::device);

  // A history written before impossible settings were dropped (a threshold of 46 bpm beside a
  // max of 188): the max is lent, the threshold is not.
  audit::RunRecord old = *watch_run;
  old.device_threshold_hr_bpm = 46;
  std::ostringstream old_line;
  runaudit::report::write_report("jsonl", old_line, {}, std::span(&old, 1), {});
  std::istringstream old_history(old_line.str());
  audit::BatchOptions old_options;
  runaudit::report::read_history(old_history, "history.jsonl", old_options.history);
  const Recorder after_old = batch({week.path().string()}, old_options);
  REQUIRE(after_old.runs.size() == 1);
  REQUIRE(after_old.runs[0].limits.hr_limit_bpm);
  CHECK(after_old.runs[0].limits.hr_limit_bpm->value == Approx(0.76 * 188));
}

TEST_CASE("baselines: the watch's HR anchors of the nearest run before, else after", "[limits]") {
  audit::BaselineStore store;
  CHECK_FALSE(store.device_heart_rate("alice", 0));
  store.add_device_heart_rate("alice", 1000, {std::nullopt, std::nullopt, 50.0});  // not held
  CHECK_FALSE(store.device_heart_rate("alice", 0));
  store.add_device_heart_rate("Alice", 2000, {190.0, 170.0, std::nullopt});
  store.add_device_heart_rate("alice", 5000, {188.0, std::nullopt, std::nullopt});
  CHECK(store.device_heart_rate("ALICE", 1000)->threshold_bpm == 170);  // the earliest after
  CHECK(store.device_heart_rate("alice", 2000)->threshold_bpm == 170);  // its own
  CHECK(store.device_heart_rate("alice", 4999)->max_bpm == 190);        // the latest before
  CHECK(store.device_heart_rate("alice", 9000)->max_bpm == 188);
  CHECK_FALSE(store.device_heart_rate("alice", 9000)->threshold_bpm);
  CHECK_FALSE(store.device_heart_rate("bob", 9000));
  // Within the baseline window (six weeks) only, either way.
  constexpr std::int64_t window = audit::BaselineStore::window_ms;
  CHECK(store.device_heart_rate("alice", 5000 + window)->max_bpm == 188);
  CHECK_FALSE(store.device_heart_rate("alice", 5001 + window));
  CHECK(store.device_heart_rate("alice", 2000 - window)->max_bpm == 190);
  CHECK_FALSE(store.device_heart_rate("alice", 1999 - window));
}

TEST_CASE("batch: times on the watch's local clock are placed in UTC by the athlete's zone",
          "[batch][fit][time]") {
  // A run whose records count from the watch's power-on, anchored to the activity's local time
  // 2021-09-08T01:46:40 (local); in Berlin that September is UTC+2.
  namespace fb = testing::fit_bytes;
  fb::FitBytes b = power_on_run();
  b.define(2, fb::activity, {{253, 4, fb::uint32_t_}, {5, 4, fb::uint32_t_}})
      .data(2, {2199, fb::t_fit + 1199});
  testing::TempDir dir("fit_batch_local_clock");
  dir.write("alice/run.fit", b.file());
  const Recorder unknown = batch({dir.path().string()});
  REQUIRE(unknown.runs.size() == 1);
  CHECK(unknown.runs[0].clock_is_local);
  CHECK_FALSE(unknown.runs[0].utc_offset_s);
  CHECK(unknown.runs[0].start_time_ms == fb::t_unix_ms);  // the clock as it reads
  audit::BatchOptions berlin;
  berlin.time_zone = runaudit::TimeZone::find("Europe/Berlin");
  const Recorder placed = batch({dir.path().string()}, berlin);
  REQUIRE(placed.runs.size() == 1);
  CHECK_FALSE(placed.runs[0].clock_is_local);
  CHECK(placed.runs[0].utc_offset_s == 7200);
  CHECK(placed.runs[0].start_time_ms == fb::t_unix_ms - 7'200'000);

  // The same run exported as GPX (in UTC): with the zone known, one activity audited once (the
  // FIT is placed in UTC before duplicates are looked for).
  dir.write("alice/export.gpx", gpx_run(fb::t_unix_ms - 7'200'000, 1199, 3, "Export"));
  const Recorder both = batch({dir.path().string()}, berlin);
  REQUIRE(both.runs.size() == 2);
  const auto runs = by_file(both);
  CHECK(runs.at("run.fit")->audited);
  CHECK(runs.at("run.fit")->duplicates.size() == 1);
  CHECK_FALSE(runs.at("export.gpx")->audited);
  CHECK_THAT(runs.at("export.gpx")->skip_reason, Contains("the same activity as "));
}

TEST_CASE("batch: a run whose times nothing dates has no start time, says why, and is in no window",
          "[batch][fit][time]") {
  // Nothing to date its records (no timestamp_correlation, no activity message, no real time
  // anywhere).
  const testing::fit_bytes::FitBytes b = power_on_run();
  testing::TempDir dir("fit_batch_undated");
  dir.write("alice/run.fit", b.file());
  audit::BatchOptions windowed;
  windowed.window = *runaudit::parse_day_range("2026-W48", 0);
  const Recorder r = batch({dir.path().string()}, windowed);
  REQUIRE(r.runs.size() == 1);  // reported: no window can place it
  const audit::RunRecord& run = r.runs[0];
  CHECK_FALSE(run.start_time_ms);  // never a date in 1970
  CHECK(run.audited);
  CHECK(run.metrics.moving_time_s == Approx(1199).margin(1));
  CHECK_THAT(run.file_warning,
             Contains("counted from the device's power-on") && Contains("start time unknown"));
  CHECK(run.late_window == "2026-11-23/2026-11-29");  // the job that reported it

  // Next week's job over the same uploads (a new copy of the folder), its history holding the
  // run: reported by the job above, it is not reported again (a weekly job would fail on it
  // every week); that job run again (a retry) reports it as it did.
  std::ostringstream line;
  runaudit::report::write_report("jsonl", line, {}, std::span(&run, 1), {});
  testing::TempDir copy("fit_batch_undated_copy");
  copy.write("alice/run.fit", b.file());
  for (const char* week : {"2026-W49", "2026-W48"}) {
    audit::BatchOptions next;
    next.window = *runaudit::parse_day_range(week, 0);
    std::istringstream history(line.str());
    runaudit::report::read_history(history, "history.jsonl", next.history);
    const Recorder later = batch({copy.path().string()}, next);
    const bool retry = std::string(week) == "2026-W48";
    CHECK(later.runs.size() == (retry ? 1u : 0u));
    CHECK(later.held_runs.size() == (retry ? 0u : 1u));
  }
  // Another run uploaded since under the same name (watches name files alike, Run.fit): new, so
  // reported.
  {
    namespace fb = testing::fit_bytes;
    fb::FitBytes other;
    fb::activity_file(other).define(1, fb::record, fb::record_fields);
    for (std::uint32_t i = 0; i < 900; ++i)
      other.data(
          1, {5000 + i, fb::semicircles(47 + i * 2.7e-5), fb::semicircles(11), 140, 300 * i, 85});
    testing::TempDir uploads("fit_batch_undated_other");
    uploads.write("alice/dec/run.fit", other.file());
    audit::BatchOptions next;
    next.window = *runaudit::parse_day_range("2026-W49", 0);
    std::istringstream history(line.str());
    runaudit::report::read_history(history, "history.jsonl", next.history);
    const Recorder later = batch({uploads.path().string()}, next);
    CHECK(later.runs.size() == 1u);
    CHECK(later.held_runs.empty());
  }
  // The history file keeps its line (as it keeps runs with a start time), and a job that audits
  // it again replaces it: one line per run, also where the file held it twice.
  const std::string name = audit::undated_name(run.file, 0, run.metrics.elapsed_time_s);
  for (const bool again : {false, true}) {
    std::istringstream earlier(line.str() + line.str());
    std::ostringstream written;
    std::vector<runaudit::report::HistoryLine> lines;
    if (again) lines.push_back({{"alice", std::nullopt, name}, "{\"again\":1}\n"});
    runaudit::report::write_history(earlier, "history.jsonl", lines, {}, written);
    const std::string all = line.str();  // a "report" line, then the run's
    const std::size_t at = all.find("{\"record\":\"run\"");
    const std::string run_line = all.substr(at, all.find('\n', at) + 1 - at);
    CHECK(written.str() == (again ? "{\"again\":1}\n" : run_line));
  }
  // Another athlete's file of that name is another run; so is the file's next activity, and
  // another length.
  audit::BaselineStore store;
  store.add_undated("Alice", audit::undated_name("in/alice/run.fit", 0, 1199.4),
                    "2026-11-23/2026-11-29");
  CHECK(store.undated_window("alice", audit::undated_name("export.zip!alice/run.fit", 0, 1199)));
  CHECK_FALSE(store.undated_window("bob", audit::undated_name("in/alice/run.fit", 0, 1199)));
  CHECK_FALSE(store.undated_window("alice", audit::undated_name("in/alice/run.fit", 1, 1199)));
  CHECK_FALSE(store.undated_window("alice", audit::undated_name("in/alice/run.fit", 0, 899)));
}
