// Unit tests for the batch engine (src/audit/engine.cpp) and discovery (src/io/discover.cpp):
// source order for any --jobs, the per-athlete baseline policy, athlete naming and shards. Runs
// are written as GPX at test time on exact geodesics (GeographicLib), so their pace is known.

#include <sys/stat.h>

#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "runaudit/audit/engine.hpp"
#include "runaudit/io/source.hpp"
#include "runaudit/time.hpp"
#include "support/files.hpp"

namespace audit = runaudit::audit;
namespace io = runaudit::io;

namespace {

constexpr std::int64_t day_ms = 86'400'000;
constexpr std::int64_t start_2026_11_02 = 1'793'577'600'000;  // 2026-11-02T00:00:00Z

// A flat run due north from 47.37 N 8.54 E at @p pace_s_per_km for @p minutes, one fix a second,
// on the exact WGS84 geodesic: its distance and pace are known to GeographicLib's precision.
// @p type: the sport the file says.
std::string gpx_run(double pace_s_per_km, double minutes, std::int64_t start_ms,
                    const std::string& name, const std::string& type = "running") {
  const GeographicLib::Geodesic& wgs84 = GeographicLib::Geodesic::WGS84();
  std::string out =
      "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" "
      "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>" +
      name + "</name><type>" + type + "</type><trkseg>\n";
  const double speed = 1000 / pace_s_per_km;
  for (int t = 0; t <= static_cast<int>(minutes * 60); ++t) {
    double lat = 0, lon = 0;
    wgs84.Direct(47.37, 8.54, 0, speed * t, lat, lon);
    char point[160];
    std::snprintf(point, sizeof point, "<trkpt lat=\"%.8f\" lon=\"%.8f\"><ele>400</ele><time>", lat,
                  lon);
    out += point + runaudit::format_rfc3339(start_ms + t * 1000) + "</time></trkpt>\n";
  }
  return out + "</trkseg></trk></gpx>\n";
}

// Records what a batch delivers, in order.
class Recorder : public audit::BatchSink {
 public:
  std::string render(const audit::RunRecord& run) override {
    return run.file + "#" + std::to_string(run.activity_index);
  }
  void deliver(audit::RunRecord&& run, std::string&& rendered) override {
    events.push_back(rendered);
    runs.push_back(std::move(run));
  }
  void error(io::Diagnostic&& d) override {
    events.push_back("error " + d.source);
    errors.push_back(std::move(d));
  }
  void begin_pass(std::size_t sources) override { passes.push_back(sources); }
  void source_done() override {
    const std::lock_guard<std::mutex> lock(mutex);
    ++done;
  }

  std::vector<std::string> events;
  std::vector<io::Diagnostic> errors;
  std::vector<audit::RunRecord> runs;
  std::vector<std::size_t> passes;
  std::size_t done = 0;
  std::mutex mutex;
};

}  // namespace

TEST_CASE("batch: runs and errors come in source order for any --jobs", "[batch]") {
  testing::TempDir dir("engine_order");
  std::vector<std::string> expected;
  for (int i = 0; i < 9; ++i) {
    const std::string name = "run" + std::to_string(i) + ".gpx";
    // Different lengths, so workers finish out of order; two broken files among them.
    const std::string path =
        i == 3 || i == 7
            ? dir.write(name, "<gpx><trk><trkseg><trkpt lat=\"1\"")
            : dir.write(name, gpx_run(360, 3 + (i * 7) % 10, start_2026_11_02 + i * day_ms,
                                      "Run " + std::to_string(i)));
    expected.push_back(i == 3 || i == 7 ? "error " + path : path + "#0");
  }
  const io::Discovery found = io::discover({dir.path().string()});
  REQUIRE(found.sources.size() == 9);
  for (const unsigned jobs : {1u, 2u, 3u, 8u}) {
    for (const bool with_anchor : {true, false}) {  // one pass, or staging for a baseline first
      INFO("jobs " << jobs << ", pace anchor " << with_anchor);
      audit::BatchOptions options;
      options.jobs = jobs;
      if (with_anchor) options.flags.pace_limit_s_per_km = 330;
      Recorder r;
      audit::run_batch(found.sources, audit::AthleteBook(), options, r);
      CHECK(r.events == expected);
      // Staged first either way: duplicates are found among all runs before any is judged.
      CHECK(r.passes == std::vector<std::size_t>{9, 9});
      CHECK(r.done == 18u);
    }
  }
}

TEST_CASE(
    "batch: a run's baseline is 1.10 x the median of the athlete's 5+ runs in the six weeks "
    "before it",
    "[batch][limits]") {
  testing::TempDir dir("engine_baseline");
  const auto write = [&](const std::string& athlete, int d, double pace, const std::string& name) {
    std::filesystem::create_directories(dir.path() / athlete);
    dir.write(athlete + "/d" + std::to_string(d) + ".gpx",
              gpx_run(pace, 12, start_2026_11_02 + d * day_ms, name));
  };
  // alice: five runs on days 0-4 at 5:00..5:40/km (median 5:20 = 320 s/km), then an "Easy" run
  // on day 10 (limit 1.10 x 320 = 352 s/km) and one on day 50, when days 0-4 are more than six
  // weeks back. --match chooses the runs audited, never the runs that make the baseline.
  const double alice[] = {300, 340, 310, 330, 320};
  for (int d = 0; d < 5; ++d) write("alice", d, alice[d], "Tempo");
  write("alice", 10, 400, "Easy");
  write("alice", 50, 400, "Easy late");
  // bob: four runs, then a fifth: each has at most four before it.
  for (int d = 0; d < 5; ++d) write("bob", d, 300, "Easy");
  // carol: a profile anchor (threshold 4:00/km -> 1.25 x 240 = 300 s/km) and one run.
  write("carol", 0, 280, "Easy");
  audit::AthleteProfile carol{"Carol", {}};
  carol.inputs.threshold_pace_s_per_km = 240;

  const io::Discovery found = io::discover({dir.path().string()});
  REQUIRE(found.sources.size() == 13);
  audit::BatchOptions options;
  options.selection.match = std::regex("easy", std::regex::icase);
  for (const std::uint64_t spill : {std::uint64_t{1} << 30, std::uint64_t{0}}) {
    INFO("spill limit " << spill);
    options.spill_limit_bytes = spill;  // 0: pass 2 reads every source again
    Recorder r;
    audit::run_batch(found.sources, audit::AthleteBook({carol}), options, r);
    REQUIRE(r.runs.size() == 13);
    std::size_t audited = 0;
    for (const audit::RunRecord& run : r.runs) {
      INFO(run.file);
      audited += run.audited;
      if (!run.audited) continue;
      if (run.name == "Easy" && run.athlete == "alice") {
        REQUIRE(run.limits.pace_limit_s_per_km);
        CHECK(run.limits.pace_limit_s_per_km->source == audit::LimitSource::batch);
        CHECK(run.limits.pace_limit_s_per_km->value == Approx(1.10 * 320).epsilon(0.005));
      } else if (run.athlete == "carol") {
        REQUIRE(run.limits.pace_limit_s_per_km);
        CHECK(run.limits.pace_limit_s_per_km->source == audit::LimitSource::profile);
        CHECK(run.limits.pace_limit_s_per_km->value == Approx(300));
      } else {  // alice's run on day 50, bob's runs: fewer than 5 runs in the window
        CHECK_FALSE(run.limits.pace_limit_s_per_km);
        const auto pace =
            std::find_if(run.judgement.not_judged.begin(), run.judgement.not_judged.end(),
                         [](const audit::NotJudged& n) { return n.rule == "pace"; });
        REQUIRE(pace != run.judgement.not_judged.end());
        CHECK(pace->why == audit::Unjudged::no_pace_limit);
      }
    }
    CHECK(audited == 2 + 5 + 1);  // alice's two "Easy" runs, bob's five, carol's one
  }
}

TEST_CASE("batch: an export's broken file is named as its index names the run", "[batch][export]") {
  // A Strava export: the athlete knows the run by its row's name and type, not by its file's
  // number. A row without a name adds nothing.
  testing::TempDir dir("engine_export_error");
  std::filesystem::create_directories(dir.path() / "export" / "activities");
  dir.write("export/activities/101.gpx", "<gpx><trk><trkseg><trkpt lat=\"1\"");
  dir.write("export/activities/102.gpx", "<gpx><trk><trkseg><trkpt lat=\"1\"");
  dir.write("export/activities.csv",
            "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n"
            "101,\"Nov 2, 2026, 6:00:00 AM\",Easy shakeout,Run,activities/101.gpx\n"
            "102,\"Nov 3, 2026, 6:00:00 AM\",,Run,activities/102.gpx\n");
  Recorder r;
  audit::run_batch(io::discover({(dir.path() / "export").string()}).sources, audit::AthleteBook(),
                   audit::BatchOptions{}, r);
  REQUIRE(r.errors.size() == 2u);
  CHECK_THAT(r.errors[0].message,
             Catch::Matchers::EndsWith("; its export's \"Easy shakeout\" (Run)"));
  CHECK_THAT(r.errors[1].message, !Catch::Matchers::Contains("its export's"));
  CHECK(r.errors[0].code == r.errors[1].code);  // the reader's own, as without the name
}

TEST_CASE("batch: a pace flag anchors every athlete over any baseline", "[batch][limits]") {
  testing::TempDir dir("engine_flag");
  std::filesystem::create_directories(dir.path() / "dave");
  for (int i = 0; i < 5; ++i)
    dir.write("dave/r" + std::to_string(i) + ".gpx",
              gpx_run(300, 10, start_2026_11_02 + i * day_ms, "Run"));
  audit::BatchOptions options;
  options.flags.pace_limit_s_per_km = 390;
  Recorder r;
  audit::run_batch(io::discover({dir.path().string()}).sources, audit::AthleteBook(), options, r);
  REQUIRE(r.runs.size() == 5);
  for (const audit::RunRecord& run : r.runs) {
    REQUIRE(run.limits.pace_limit_s_per_km);
    CHECK(run.limits.pace_limit_s_per_km->source == audit::LimitSource::flag);
    CHECK(run.limits.pace_limit_s_per_km->value == 390);
  }
}

TEST_CASE("batch: a swim or a ride its export calls a run is unjudged, a walk so called is judged",
          "[batch][export]") {
  // A Strava export whose rows all say Run (the athlete's type) over files that say otherwise:
  // a file's own sport not done on foot makes the sport doubtful; walking or hiking does not
  // (a run recorded in the wrong mode), nor a word the sport table does not know.
  testing::TempDir dir("engine_conflict");
  std::filesystem::create_directories(dir.path() / "export" / "activities");
  // (sport in the file, doubtful, pace s/km): the last, a ride at 30 km/h, at speeds no runner
  // reaches too, still named by both sports (the stronger word).
  const std::vector<std::tuple<std::string, bool, double>> files{
      {"swimming", true, 420},  {"cycling", true, 420},  {"e_biking", true, 420},
      {"Ride", true, 420},      {"walking", false, 420}, {"hiking", false, 420},
      {"training", false, 420}, {"running", false, 420}, {"cycling", true, 120}};
  std::string csv = "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n";
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string id = std::to_string(100 + i);
    dir.write(
        "export/activities/" + id + ".gpx",
        gpx_run(std::get<2>(files[i]), 20, start_2026_11_02 + static_cast<std::int64_t>(i) * day_ms,
                "Morning", std::get<0>(files[i])));
    csv += id + ",\"Nov 2, 2026, 6:00:00 AM\",Easy,Run,activities/" + id + ".gpx\n";
  }
  dir.write("export/activities.csv", csv);
  audit::BatchOptions options;
  options.flags.pace_limit_s_per_km = 390;  // every run 30 s/km slower: the pace passes
  Recorder r;
  audit::run_batch(io::discover({(dir.path() / "export").string()}).sources, audit::AthleteBook(),
                   options, r);
  REQUIRE(r.runs.size() == files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const audit::RunRecord& run = r.runs[i];
    const auto& [file_sport, doubtful, pace_s_per_km] = files[i];
    INFO(file_sport << " at " << pace_s_per_km << " s/km");
    CHECK(run.sport == runaudit::Sport::running);
    const auto pace = std::find_if(run.judgement.not_judged.begin(), run.judgement.not_judged.end(),
                                   [](const audit::NotJudged& n) { return n.rule == "pace"; });
    if (doubtful) {
      CHECK(run.judgement.verdict == audit::Verdict::unjudged);
      REQUIRE(pace != run.judgement.not_judged.end());
      CHECK(pace->why == audit::Unjudged::sport_conflict);
      CHECK(pace->detail == "the file says \"" + file_sport + "\", its export's type \"Run\"");
      CHECK(audit::sport_doubtful(run.judgement));
    } else {
      CHECK(run.judgement.verdict == audit::Verdict::pass);
      CHECK(pace == run.judgement.not_judged.end());
    }
  }
}

TEST_CASE("batch: a plan row's limits override the athlete's for the runs of its day",
          "[batch][limits][plan]") {
  // erin's profile: threshold 4:40/km, limit 1.25 x 280 = 350 s/km (5:50/km). Two flat runs:
  // Tuesday 17 Nov at 6:00/km (360 s/km, slower than 350: passes the profile) and Thursday
  // 19 Nov at 5:20/km (320 s/km, 8.6 % faster than 350: fails it, major from 5 %). The plan
  // prescribes Tuesday's easy run at 10:30/mi (630 s/mi = 391.46 s/km: 360 is 8.0 % too fast)
  // and Thursday's recovery at 5:10/km (310 s/km: 320 is slow enough).
  testing::TempDir dir("engine_plan_limits");
  std::filesystem::create_directories(dir.path() / "erin");
  dir.write("erin/tue.gpx",
            gpx_run(360, 20, start_2026_11_02 + 15 * day_ms + 7 * 3'600'000, "Easy run"));
  dir.write("erin/thu.gpx",
            gpx_run(320, 20, start_2026_11_02 + 17 * day_ms + 7 * 3'600'000, "Recovery run"));
  const std::string plan = dir.write("plan.csv",
                                     "athlete,date,session,pace_limit\n"
                                     "erin,2026-11-17,easy,10:30/mi\n"
                                     "erin,2026-11-19,recovery,5:10\n");
  audit::AthleteProfile erin{"erin", {}};
  erin.inputs.threshold_pace_s_per_km = 280;
  const auto pace_violations = [](const audit::RunRecord& run) {
    return std::count_if(run.judgement.violations.begin(), run.judgement.violations.end(),
                         [](const audit::Violation& v) { return v.rule == "pace"; });
  };
  const io::Discovery found = io::discover({(dir.path() / "erin").string()});
  for (const bool with_plan : {false, true}) {
    INFO("plan " << with_plan);
    audit::BatchOptions options;
    if (with_plan) options.plan = audit::Plan::read(plan, runaudit::Units::metric);
    Recorder r;
    audit::run_batch(found.sources, audit::AthleteBook({erin}), options, r);
    REQUIRE(r.runs.size() == 2);
    const audit::RunRecord& tue = r.runs[0].name == "Easy run" ? r.runs[0] : r.runs[1];
    const audit::RunRecord& thu = r.runs[0].name == "Easy run" ? r.runs[1] : r.runs[0];
    REQUIRE(tue.audited);
    REQUIRE(thu.audited);
    if (with_plan) {
      CHECK(tue.limits.pace_limit_s_per_km->value == Approx(391.46).epsilon(1e-5));
      CHECK(tue.limits.pace_limit_s_per_km->source == audit::LimitSource::plan);
      CHECK(pace_violations(tue) == 1);
      CHECK(tue.judgement.verdict == audit::Verdict::fail);
      CHECK(thu.limits.pace_limit_s_per_km->value == 310);
      CHECK(thu.limits.pace_limit_s_per_km->source == audit::LimitSource::plan);
      CHECK(pace_violations(thu) == 0);
      CHECK(thu.judgement.verdict == audit::Verdict::pass);
    } else {
      for (const audit::RunRecord* run : {&tue, &thu}) {
        CHECK(run->limits.pace_limit_s_per_km->value == 350);
        CHECK(run->limits.pace_limit_s_per_km->source == audit::LimitSource::profile);
      }
      CHECK(pace_violations(tue) == 0);
      CHECK(tue.judgement.verdict == audit::Verdict::pass);
      CHECK(pace_violations(thu) == 1);
      CHECK(thu.judgement.verdict == audit::Verdict::fail);
    }
  }
}

TEST_CASE("batch: the baseline store is causal, six weeks, each activity once", "[batch]") {
  audit::BaselineStore store;
  const std::int64_t t = start_2026_11_02;
  // Four runs: not yet a baseline.
  for (int d = 1; d <= 4; ++d) store.add("ann", t - d * day_ms, 300 + 10 * d);
  CHECK_FALSE(store.before("ann", t));
  // The fifth, exactly six weeks before: inside the window.
  store.add("ann", t - 42 * day_ms, 400);
  REQUIRE(store.before("ann", t));
  const audit::Baseline b = *store.before("ann", t);
  CHECK(b.usual_gap_s_per_km == 330);  // the median of 310, 320, 330, 340, 400
  CHECK(b.runs == 5u);
  CHECK(b.first_start_ms == t - 42 * day_ms);
  CHECK(b.last_start_ms == t - day_ms);
  // One millisecond later the oldest has left the window.
  CHECK_FALSE(store.before("ann", t + 1));
  // A run never counts for itself: at its own start time only the runs before it count.
  store.add("ann", t, 200);
  CHECK(store.before("ann", t)->runs == 5u);
  // The same activity added again (history and batch) replaces the one held.
  store.add("ann", t - day_ms, 500);
  CHECK(store.runs_of("ann") == 6u);
  CHECK(store.before("ann", t)->usual_gap_s_per_km == 340);  // 500 (was 310), 320, 330, 340, 400
  // ... and so does the same activity a second later (a GPX export of a FIT), or a minute.
  store.add("ann", t - day_ms + 1000, 310);
  CHECK(store.runs_of("ann") == 6u);
  CHECK(store.before("ann", t)->usual_gap_s_per_km == 330);  // 310 (was 500), 320, ...
  store.add("ann", t - day_ms + 1000 - 60'000, 500);
  CHECK(store.runs_of("ann") == 6u);
  CHECK(store.before("ann", t)->usual_gap_s_per_km == 340);
  // A run a minute and a millisecond apart is another run.
  store.add("ann", t - day_ms + 1000 - 120'001, 300);
  CHECK(store.runs_of("ann") == 7u);
  // Athletes are apart.
  store.add("ben", t - day_ms, 200);
  CHECK(store.runs_of("ben") == 1u);
  CHECK(store.runs_of("nobody") == 0u);
  CHECK_FALSE(store.before("ben", t));
  // ... ignoring case, as the athletes file and the plan: "Ann" in the history is "ann".
  CHECK(store.runs_of("ANN") == 7u);
  CHECK(store.holds("Ann", t - day_ms));
  store.add("Ann", t - day_ms, 310);
  CHECK(store.runs_of("ann") == 7u);
  CHECK(store.before("Ann", t)->usual_gap_s_per_km == store.before("ann", t)->usual_gap_s_per_km);
  // The window of the job that reported a run late, found as the run is (any case, a minute).
  CHECK(store.late_window("ann", t - day_ms).empty());
  store.add_late_window("Ann", t - day_ms, "2026-10-26/2026-11-01");
  store.add_late_window("ann", t, "");  // nothing to note
  CHECK(store.late_window("ANN", t - day_ms + 60'000) == "2026-10-26/2026-11-01");
  CHECK(store.late_window("ann", t - day_ms + 60'001).empty());
  CHECK(store.late_window("ann", t).empty());
  CHECK(store.late_window("ben", t - day_ms).empty());
}

TEST_CASE("activity starts: one activity within a minute, per athlete, any case", "[batch]") {
  audit::ActivityStarts starts;
  const std::int64_t t = start_2026_11_02;
  CHECK_FALSE(starts.holds("ann", t));
  starts.add("Ann", t);
  CHECK(starts.holds("ann", t));
  CHECK(starts.holds("ANN", t - 60'000));  // a GPX export a minute before the FIT's first record
  CHECK(starts.holds("ann", t + 60'000));
  CHECK_FALSE(starts.holds("ann", t - 60'001));
  CHECK_FALSE(starts.holds("ann", t + 60'001));
  CHECK_FALSE(starts.holds("ben", t));
  starts.add("ann", t + 90'000);  // another run 90 s later: both held
  CHECK(starts.holds("ann", t + 150'000));
  CHECK(starts.holds("ann", t - 60'000));
}

TEST_CASE("discovery: athletes are named by the first folder below a folder given",
          "[batch][discover]") {
  testing::TempDir dir("engine_naming");
  const std::string gpx = gpx_run(360, 1, start_2026_11_02, "Run");
  std::filesystem::create_directories(dir.path() / "uploads" / "alice" / "2026");
  std::filesystem::create_directories(dir.path() / "uploads" / "bob");
  dir.write("uploads/alice/2026/a.gpx", gpx);
  dir.write("uploads/bob/b.tcx.GZ", testing::gzip("<x/>"));
  dir.write("uploads/c.gpx", gpx);
  dir.write("uploads/notes.txt", "not a run");
  dir.write("uploads/bob/photo.jpg", "\xff\xd8");
  const std::string uploads = (dir.path() / "uploads").string();

  const io::Discovery found = io::discover({uploads});
  REQUIRE(found.sources.size() == 3);
  REQUIRE(found.ignored.size() == 2u);  // named, sorted, with why
  CHECK(found.ignored[0].name == uploads + "/bob/photo.jpg");
  CHECK(found.ignored[1].name == uploads + "/notes.txt");
  CHECK_THAT(found.ignored[1].why, Catch::Matchers::Contains("not an activity file"));
  CHECK(found.problems.empty());
  CHECK(found.sources[0].athlete == "alice");
  CHECK(found.sources[1].athlete == "bob");
  CHECK(found.sources[2].athlete == "uploads");  // directly in the folder given: its name
  CHECK(found.sources[0].size_hint == gpx.size());
  CHECK(found.sources[0].name == found.sources[0].path);

  // The same file given by name too is one source, the entry that names its athlete.
  const io::Discovery twice = io::discover({uploads + "/alice/2026/a.gpx", uploads});
  CHECK(twice.sources.size() == 3u);
  CHECK(twice.sources[0].athlete == "alice");

  // --athlete names everyone.
  const io::Discovery named = io::discover({uploads}, io::DiscoverOptions{"zoe"});
  for (const io::Source& s : named.sources) CHECK(s.athlete == "zoe");

  // Folders named by a date part do not name athletes: one runner's archive sorted by year,
  // month or day is theirs (the folder given names them); below a year, an athlete's folder
  // still does; a two-digit name is a month only below a year, a number elsewhere.
  for (const char* file :
       {"mine/2024/a.gpx", "mine/2025/11/b.gpx", "mine/2025-12/c.gpx", "mine/2026_01_05/d.gpx",
        "club/2024/ann/e.gpx", "club/07/f.gpx", "club/2024/13/g.gpx", "club/20245/h.gpx",
        "mine/2025/11/05/i.gpx", "mine/2024-11/23/j.gpx", "club/2024/11/32/k.gpx"}) {
    std::filesystem::create_directories((dir.path() / file).parent_path());
    dir.write(file, gpx);
  }
  std::map<std::string, std::string> athlete_of;
  for (const io::Source& s :
       io::discover({(dir.path() / "mine").string(), (dir.path() / "club").string()}).sources)
    athlete_of[std::filesystem::path(s.name).filename().string()] = s.athlete;
  CHECK(athlete_of == std::map<std::string, std::string>{{"a.gpx", "mine"},
                                                         {"b.gpx", "mine"},
                                                         {"c.gpx", "mine"},
                                                         {"d.gpx", "mine"},
                                                         {"e.gpx", "ann"},
                                                         {"f.gpx", "07"},
                                                         {"g.gpx", "13"},
                                                         {"h.gpx", "20245"},
                                                         {"i.gpx", "mine"},
                                                         {"j.gpx", "mine"},
                                                         {"k.gpx", "32"}});

  // A date folder given is named as the folder above it (a year's uploads of carol's, a
  // month of mine); an athlete's folder given is theirs.
  for (const char* given : {"mine/2025", "mine/2025/11", "mine/2025/11/05", "club/2024/ann"}) {
    const io::Discovery one = io::discover({(dir.path() / given).string()});
    REQUIRE(!one.sources.empty());
    CHECK(one.sources.front().athlete == (std::string(given).starts_with("mine") ? "mine" : "ann"));
  }

  // A path that does not exist is a problem with its code; the rest is still found.
  const io::Discovery missing = io::discover({uploads + "/nope: really", uploads});
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].source == uploads + "/nope: really");  // kept whole
  CHECK(missing.problems[0].code == "not_found");
  CHECK(missing.sources.size() == 3u);
}

TEST_CASE(
    "discovery: pipes and broken links in a folder are problems where a run was expected, "
    "else named as passed over",
    "[batch][discover]") {
  testing::TempDir dir("engine_special");
  std::filesystem::create_directories(dir.path() / "ann");
  dir.write("ann/a.gpx", gpx_run(360, 1, start_2026_11_02, "Run"));
  const std::filesystem::path ann = dir.path() / "ann";
  REQUIRE(::mkfifo((ann / "pipe.fit").c_str(), 0600) == 0);
  REQUIRE(::mkfifo((ann / "pipe.txt").c_str(), 0600) == 0);
  std::filesystem::create_symlink(dir.path() / "gone.fit", ann / "dangling.fit");
  std::filesystem::create_symlink(dir.path() / "gone", ann / "dangling-note");
  std::filesystem::create_directory_symlink(dir.path(), ann / "up");
  const io::Discovery d = io::discover({ann.string()});
  REQUIRE(d.sources.size() == 1u);
  REQUIRE(d.problems.size() == 2u);
  std::map<std::string, std::string> problem, ignored;
  for (const io::Diagnostic& p : d.problems) problem[p.source] = p.code + ": " + p.message;
  for (const io::Ignored& i : d.ignored) ignored[i.name] = i.why;
  CHECK_THAT(problem.at((ann / "pipe.fit").string()),
             Catch::Matchers::StartsWith("io: not a regular file"));
  CHECK_THAT(problem.at((ann / "dangling.fit").string()),
             Catch::Matchers::StartsWith("io: a broken symbolic link"));
  REQUIRE(ignored.size() == 3u);
  CHECK_THAT(ignored.at((ann / "pipe.txt").string()), Catch::Matchers::StartsWith("not a regular"));
  CHECK_THAT(ignored.at((ann / "dangling-note").string()),
             Catch::Matchers::StartsWith("a broken symbolic link"));
  CHECK(ignored.at((ann / "up").string()) == "a symbolic link to a folder: not followed");
}

TEST_CASE("shards: every source in exactly one part, an athlete's runs together", "[batch]") {
  std::vector<io::Source> sources;
  for (int i = 0; i < 60; ++i)
    sources.push_back(io::Source{"x/" + std::to_string(i) + ".gpx", "",
                                 i % 3 == 0 ? "" : "a" + std::to_string(i % 5), 0, 1});
  for (const unsigned shards : {1u, 2u, 3u, 7u}) {
    std::map<std::string, std::set<unsigned>> parts_of_athlete;
    for (const io::Source& s : sources) {
      unsigned parts = 0;
      for (unsigned k = 1; k <= shards; ++k)
        if (audit::in_shard(s, k, shards)) {
          ++parts;
          if (!s.athlete.empty()) parts_of_athlete[s.athlete].insert(k);
        }
      CHECK(parts == 1u);
    }
    for (const auto& [athlete, parts] : parts_of_athlete) CHECK(parts.size() == 1u);
  }
  // An athlete's name in any case is the same athlete, in the same part.
  for (unsigned k = 1; k <= 7; ++k)
    CHECK(audit::in_shard(io::Source{"x/1.gpx", "", "Anna", 0, 1}, k, 7) ==
          audit::in_shard(io::Source{"y/2.gpx", "", "aNNA", 0, 1}, k, 7));
  // The key is the file name, not its folder: the same part however the path is spelled.
  for (unsigned k = 1; k <= 5; ++k)
    CHECK(audit::in_shard(io::Source{"/a/b/run.gpx", "", "", 0, 1}, k, 5) ==
          audit::in_shard(io::Source{"./run.gpx", "", "", 0, 1}, k, 5));
}

TEST_CASE("shards: a missed planned day is reported once, by the part of its athlete",
          "[batch][plan]") {
  // Anna (folder "Anna", plan rows "anna") ran on 17 Nov and missed 18 Nov; bob ran nothing and
  // missed 18 Nov; the unnamed athlete "default" missed 18 Nov. Unsharded, all three missed
  // days are delivered; in three parts each named athlete's missed day comes from exactly the
  // part holding their runs, and the unnamed athlete's from none (its runs are split by file
  // name, so no part can tell a missed day). Anna's missed day takes her runs' spelling
  // ("Anna", not the plan's "anna"): the reports file it in her section and week.
  testing::TempDir dir("engine_shard_missed");
  std::filesystem::create_directories(dir.path() / "Anna");
  dir.write("Anna/mon.gpx",
            gpx_run(400, 20, start_2026_11_02 + 15 * day_ms + 7 * 3'600'000, "Recovery run"));
  const std::string plan = dir.write("plan.csv",
                                     "athlete,date,session\n"
                                     "anna,2026-11-17,recovery\n"
                                     "anna,2026-11-18,recovery\n"
                                     "bob,2026-11-18,recovery\n"
                                     "default,2026-11-18,easy\n");
  const io::Discovery found = io::discover({dir.path().string() + "/Anna"}, {"Anna"});
  REQUIRE(found.sources.size() == 1u);
  const auto missed_by = [&](unsigned shard, unsigned shards) {
    audit::BatchOptions options;
    options.plan = audit::Plan::read(plan, runaudit::Units::metric);
    options.shard = shard;
    options.shards = shards;
    std::vector<io::Source> part;
    for (const io::Source& s : found.sources)
      if (audit::in_shard(s, shard, shards)) part.push_back(s);
    Recorder r;
    audit::run_batch(part, audit::AthleteBook(), options, r);
    std::multiset<std::string> missed;
    for (const audit::RunRecord& run : r.runs)
      if (run.skip_reason.find("planned recovery run missed") != std::string::npos)
        missed.insert(run.athlete);
    return missed;
  };
  CHECK(missed_by(1, 1) == std::multiset<std::string>{"Anna", "bob", "default"});
  std::multiset<std::string> all;
  for (unsigned k = 1; k <= 3; ++k) {
    const std::multiset<std::string> part = missed_by(k, 3);
    if (part.count("Anna")) CHECK(audit::in_shard(found.sources[0], k, 3));
    if (part.count("bob")) CHECK(audit::athlete_in_shard("BOB", k, 3));
    all.insert(part.begin(), part.end());
  }
  CHECK(all == std::multiset<std::string>{"Anna", "bob"});
}

TEST_CASE("athlete book: names match ignoring case, athletes without a row are listed once",
          "[batch]") {
  audit::AthleteProfile alice{"Alice", {}};
  alice.inputs.max_hr_bpm = 190;
  const audit::AthleteBook book({alice});
  REQUIRE(book.find("alice"));
  CHECK(*book.find("ALICE")->max_hr_bpm == 190);
  CHECK_FALSE(book.find("bob"));
  const std::vector<io::Source> sources{{"1.gpx", "1.gpx", "alice", 0, 2},
                                        {"2.gpx", "2.gpx", "bob", 0, 2},
                                        {"3.gpx", "3.gpx", "bob", 0, 2},
                                        {"4.gpx", "4.gpx", "", 0, 1}};
  CHECK(book.without_profile(sources) == std::vector<std::string>{"bob", "default"});
  const audit::AthleteBook two({alice, audit::AthleteProfile{"Zoe", {}}});
  CHECK(two.without_sources(sources) == std::vector<std::string>{"Zoe"});  // as written
}

TEST_CASE(
    "athlete book: names match in Unicode NFC, as a macOS folder decomposes them and a CSV "
    "composes them",
    "[batch]") {
  // "José" typed (U+00E9) and as a macOS folder names it (e + combining acute, U+0301); "Zoë"
  // the other way round; a name with bytes that are not UTF-8 matches only itself.
  const std::string jose_nfc = "Jos\xC3\xA9", jose_nfd = "Jose\xCC\x81";
  const std::string zoe_nfc = "Zo\xC3\xAB", zoe_nfd = "Zoe\xCC\x88";
  audit::AthleteProfile jose{jose_nfc, {}}, zoe{zoe_nfd, {}}, odd{"bad\xFF", {}};
  jose.inputs.max_hr_bpm = 190;
  zoe.inputs.max_hr_bpm = 180;
  odd.inputs.max_hr_bpm = 170;
  const audit::AthleteBook book({jose, zoe, odd});
  REQUIRE(book.find(jose_nfd));
  CHECK(*book.find(jose_nfd)->max_hr_bpm == 190);
  REQUIRE(book.find(zoe_nfc));
  CHECK(*book.find(zoe_nfc)->max_hr_bpm == 180);
  CHECK(*book.find(" JOS\xC3\x89 ")->max_hr_bpm == 190);  // trimmed, case ignored (É)
  CHECK(*book.find("ZO\xC3\x8B")->max_hr_bpm == 180);     // ZOË
  REQUIRE(book.find("bad\xFF"));
  CHECK_FALSE(book.find("bad\xEF\xBF\xBD"));  // not the replacement character's name
  CHECK_FALSE(book.find("Jose"));             // the accent is part of the name
  const std::vector<io::Source> sources{{"1.gpx", "1.gpx", jose_nfd, 0, 2}};
  CHECK(book.without_profile(sources).empty());
}
