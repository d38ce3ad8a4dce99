// Unit tests for parse_tcx (runaudit/io/parse.hpp): one inline document per element or quirk,
// and a GPX and a TCX written from the same run giving the same samples.
//
// Times: 2024-05-01T06:30:00Z is 1714545000000 ms (python3: datetime(2024, 5, 1, 6, 30,
// tzinfo=timezone.utc).timestamp() * 1000); the documents below count seconds from there.
// Line and column numbers in the error tests are counted by hand in the raw strings: each raw
// string starts right after R"( so its first line is line 1.

#include <catch2/catch.hpp>

#include "support/printers.hpp"
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "runaudit/io/error.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/model.hpp"
#include "runaudit/signal/series.hpp"

using Catch::Matchers::Contains;
using runaudit::Activity;
using runaudit::Note;
using runaudit::NoteCode;
using runaudit::Sport;
using runaudit::io::ParseErrc;
using runaudit::io::ParseError;

namespace {

using testing::find_note;
using testing::val;

using testing::s_ms;
using testing::t0;

std::vector<Activity> tcx(std::string doc, const std::string& file = "test.tcx") {
  return runaudit::io::parse_tcx(doc, file);
}

std::optional<ParseError> tcx_error(std::string doc, const std::string& file = "test.tcx") {
  return testing::error_of([&] { runaudit::io::parse_tcx(doc, file); });
}

// One Running activity with one lap and one track holding @p trackpoints, which start on line 4.
std::string one_track(const std::string& trackpoints) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/"
         "TrainingCenterDatabase/v2\">\n"
         "<Activities><Activity Sport=\"Running\"><Lap "
         "StartTime=\"2024-05-01T06:30:00Z\"><Track>\n" +
         trackpoints + "</Track></Lap></Activity></Activities>\n</TrainingCenterDatabase>\n";
}

// A trackpoint at t0 + @p second with a position and @p inner extra elements.
std::string point(int second, const std::string& inner = "") {
  const std::string ss = (second < 10 ? "0" : "") + std::to_string(second);
  return "<Trackpoint><Time>2024-05-01T06:30:" + ss +
         "Z</Time><Position><LatitudeDegrees>45.0</LatitudeDegrees><LongitudeDegrees>7.0"
         "</LongitudeDegrees></Position>" +
         inner + "</Trackpoint>\n";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Structure

TEST_CASE("TCX: an activity with every trackpoint element", "[tcx]") {
  const auto acts = tcx(R"(<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
  <Activities>
    <Activity Sport="Running">
      <Id>2024-05-01T06:30:00Z</Id>
      <Lap StartTime="2024-05-01T06:30:00Z">
        <TotalTimeSeconds>2.0</TotalTimeSeconds>
        <DistanceMeters>6.5</DistanceMeters>
        <Calories>1</Calories>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
        <Track>
          <Trackpoint>
            <Time>2024-05-01T06:30:00Z</Time>
            <Position>
              <LatitudeDegrees>52.520008</LatitudeDegrees>
              <LongitudeDegrees>13.404954</LongitudeDegrees>
            </Position>
            <AltitudeMeters>34.2</AltitudeMeters>
            <DistanceMeters>0.0</DistanceMeters>
            <HeartRateBpm xsi:type="HeartRateInBeatsPerMinute_t"><Value>131</Value></HeartRateBpm>
            <Extensions><ns3:TPX><ns3:Speed>3.25</ns3:Speed><ns3:RunCadence>84</ns3:RunCadence></ns3:TPX></Extensions>
          </Trackpoint>
          <Trackpoint>
            <Time>2024-05-01T06:30:02Z</Time>
            <Position>
              <LatitudeDegrees>52.520051</LatitudeDegrees>
              <LongitudeDegrees>13.405012</LongitudeDegrees>
            </Position>
            <AltitudeMeters>34.6</AltitudeMeters>
            <DistanceMeters>6.5</DistanceMeters>
            <HeartRateBpm xsi:type="HeartRateInBeatsPerMinute_t"><Value>133</Value></HeartRateBpm>
            <Extensions><ns3:TPX><ns3:Speed>3.5</ns3:Speed><ns3:RunCadence>86</ns3:RunCadence></ns3:TPX></Extensions>
          </Trackpoint>
        </Track>
      </Lap>
      <Creator xsi:type="Device_t"><Name>Forerunner 255</Name><UnitId>1</UnitId><ProductID>3992</ProductID></Creator>
    </Activity>
  </Activities>
  <Author xsi:type="Application_t"><Name>Connect Api</Name></Author>
</TrainingCenterDatabase>
)",
                        "run.tcx");
  REQUIRE(acts.size() == 1);
  const Activity& a = acts[0];
  CHECK(a.file == "run.tcx");
  CHECK(a.index == 0u);
  CHECK(a.format == runaudit::Format::tcx);
  CHECK(a.sport_raw == "Running");
  CHECK(a.sport == Sport::running);
  CHECK(a.creator == "Forerunner 255");  // the device, not the Author application
  CHECK(a.trackpoints == 2u);
  CHECK(a.segments == 1u);
  CHECK(a.segment_starts == std::vector<std::size_t>{0});
  REQUIRE(a.laps.size() == 1);
  CHECK(a.laps[0].start_time_ms == t0);
  CHECK(val(a.laps[0].total_time_s) == 2.0);
  CHECK(val(a.laps[0].distance_m) == 6.5);
  CHECK(a.laps[0].first_sample == 0u);
  CHECK(a.laps[0].sample_count == 2u);

  REQUIRE(a.samples.size() == 2);
  const auto& p = a.samples[0];
  CHECK(p.time_ms == t0);
  CHECK(val(p.latitude_deg) == 52.520008);
  CHECK(val(p.longitude_deg) == 13.404954);
  CHECK(val(p.elevation_m) == 34.2);
  CHECK(val(p.distance_m) == 0.0);
  CHECK(val(p.heart_rate_bpm) == 131.0);  // read through the xsi:type attribute
  CHECK(val(p.speed_m_per_s) == 3.25);
  CHECK(val(p.cadence_spm) == 168.0);  // RunCadence 84 per leg -> 168 steps/min
  const auto& q = a.samples[1];
  CHECK(q.time_ms == t0 + 2 * s_ms);
  CHECK(val(q.latitude_deg) == 52.520051);
  CHECK(val(q.longitude_deg) == 13.405012);
  CHECK(val(q.elevation_m) == 34.6);
  CHECK(val(q.distance_m) == 6.5);
  CHECK(val(q.heart_rate_bpm) == 133.0);
  CHECK(val(q.speed_m_per_s) == 3.5);
  CHECK(val(q.cadence_spm) == 172.0);

  REQUIRE(a.notes.size() == 1);
  CHECK(a.notes[0].code == NoteCode::cadence_doubled);
  CHECK(a.notes[0].count == 2u);
  CHECK(a.notes[0].first_line == 13u);
}

TEST_CASE("TCX: the Author names the creator when the activity has no Creator", "[tcx]") {
  const auto acts = tcx(R"(<TrainingCenterDatabase>
<Activities><Activity Sport="Running"><Lap StartTime="2024-05-01T06:30:00Z"><Track>
<Trackpoint><Time>2024-05-01T06:30:00Z</Time></Trackpoint>
</Track></Lap></Activity></Activities>
<Author><Name>Some Exporter</Name></Author>
</TrainingCenterDatabase>)");
  REQUIRE(acts.size() == 1);
  CHECK(acts[0].creator == "Some Exporter");
}

TEST_CASE("TCX: two activities in one file", "[tcx]") {
  const auto acts = tcx(R"(<?xml version="1.0"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities>
<Activity Sport="Biking"><Id>2024-05-01T05:00:00Z</Id><Lap StartTime="2024-05-01T05:00:00Z"><Track>
<Trackpoint><Time>2024-05-01T05:00:00Z</Time><Position><LatitudeDegrees>1.0</LatitudeDegrees><LongitudeDegrees>2.0</LongitudeDegrees></Position></Trackpoint>
</Track></Lap></Activity>
<Activity Sport="Running"><Id>2024-05-01T06:30:00Z</Id><Lap StartTime="2024-05-01T06:30:00Z"><Track>
<Trackpoint><Time>2024-05-01T06:30:00Z</Time><Position><LatitudeDegrees>3.0</LatitudeDegrees><LongitudeDegrees>4.0</LongitudeDegrees></Position></Trackpoint>
<Trackpoint><Time>2024-05-01T06:30:01Z</Time><Position><LatitudeDegrees>3.1</LatitudeDegrees><LongitudeDegrees>4.1</LongitudeDegrees></Position></Trackpoint>
</Track></Lap></Activity>
</Activities>
</TrainingCenterDatabase>)");
  REQUIRE(acts.size() == 2);
  CHECK(acts[0].index == 0u);
  CHECK(acts[0].sport == Sport::cycling);
  REQUIRE(acts[0].samples.size() == 1);
  CHECK(acts[0].samples[0].time_ms == t0 - 90 * 60 * s_ms);
  CHECK(val(acts[0].samples[0].latitude_deg) == 1.0);
  CHECK(acts[1].index == 1u);
  CHECK(acts[1].sport == Sport::running);
  REQUIRE(acts[1].samples.size() == 2);
  CHECK(acts[1].samples[1].time_ms == t0 + s_ms);
  CHECK(val(acts[1].samples[1].longitude_deg) == 4.1);
}

TEST_CASE("TCX: the legs of a MultiSportSession in order", "[tcx]") {
  const auto acts = tcx(R"(<?xml version="1.0"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities>
<MultiSportSession>
<Id>2024-05-01T06:00:00Z</Id>
<FirstSport><Activity Sport="Running"><Id>2024-05-01T06:00:00Z</Id><Lap StartTime="2024-05-01T06:00:00Z"><Track>
<Trackpoint><Time>2024-05-01T06:00:00Z</Time></Trackpoint>
</Track></Lap></Activity></FirstSport>
<NextSport><Transition><TotalTimeSeconds>60</TotalTimeSeconds></Transition><Activity Sport="Biking"><Id>2024-05-01T06:20:00Z</Id><Lap StartTime="2024-05-01T06:20:00Z"><Track>
<Trackpoint><Time>2024-05-01T06:20:00Z</Time></Trackpoint>
</Track></Lap></Activity></NextSport>
<NextSport><Activity Sport="Running"><Id>2024-05-01T06:30:00Z</Id><Lap StartTime="2024-05-01T06:30:00Z"><Track>
<Trackpoint><Time>2024-05-01T06:30:00Z</Time></Trackpoint>
</Track></Lap></Activity></NextSport>
</MultiSportSession>
<Activity Sport="Other"><Id>2024-05-01T09:00:00Z</Id><Lap StartTime="2024-05-01T09:00:00Z"><Track>
<Trackpoint><Time>2024-05-01T09:00:00Z</Time></Trackpoint>
</Track></Lap></Activity>
</Activities>
</TrainingCenterDatabase>)");
  REQUIRE(acts.size() == 4);
  CHECK(acts[0].sport == Sport::running);
  CHECK(acts[1].sport == Sport::cycling);
  CHECK(acts[2].sport == Sport::running);
  CHECK(acts[3].sport == Sport::other);
  CHECK(acts[3].sport_raw == "Other");
  for (std::size_t i = 0; i < acts.size(); ++i) {
    CHECK(acts[i].index == i);
    REQUIRE(acts[i].samples.size() == 1);
  }
  CHECK(acts[0].samples[0].time_ms == t0 - 30 * 60 * s_ms);
  CHECK(acts[1].samples[0].time_ms == t0 - 10 * 60 * s_ms);
  CHECK(acts[2].samples[0].time_ms == t0);
  CHECK(acts[3].samples[0].time_ms == t0 + 150 * 60 * s_ms);
}

TEST_CASE("TCX: Folders are ignored", "[tcx]") {
  const auto acts = tcx(R"(<?xml version="1.0"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Folders>
<History><Running Name="Running"><Week StartDay="2024-04-29"><ActivityRef><Id>2024-05-01T06:30:00Z</Id></ActivityRef></Week></Running></History>
<Workouts><Running Name="Running"/></Workouts>
</Folders>
<Activities>
<Activity Sport="Running"><Id>2024-05-01T06:30:00Z</Id><Lap StartTime="2024-05-01T06:30:00Z"><Track>
<Trackpoint><Time>2024-05-01T06:30:00Z</Time></Trackpoint>
</Track></Lap></Activity>
</Activities>
</TrainingCenterDatabase>)");
  REQUIRE(acts.size() == 1);  // the ActivityRef is a reference to the one activity
  CHECK(acts[0].samples.size() == 1u);
}

TEST_CASE("TCX: laps", "[tcx]") {
  const auto acts = tcx(R"(<?xml version="1.0"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>2024-05-01T06:30:00Z</Id>
<Lap StartTime="2024-05-01T06:30:00Z"><TotalTimeSeconds>300</TotalTimeSeconds><DistanceMeters>1000</DistanceMeters><Track>
<Trackpoint><Time>2024-05-01T06:30:00Z</Time></Trackpoint>
<Trackpoint><Time>2024-05-01T06:32:30Z</Time></Trackpoint>
<Trackpoint><Time>2024-05-01T06:35:00Z</Time></Trackpoint>
</Track></Lap>
<Lap StartTime="2024-05-01T06:35:00Z"><TotalTimeSeconds>240.5</TotalTimeSeconds><DistanceMeters>1000.25</DistanceMeters><Track>
<Trackpoint><Time>2024-05-01T06:35:00Z</Time></Trackpoint>
<Trackpoint><Time>2024-05-01T06:37:00Z</Time></Trackpoint>
</Track></Lap>
<Lap StartTime="2024-05-01T06:39:00.5+00:00"><TotalTimeSeconds>0</TotalTimeSeconds></Lap>
<Lap StartTime="2024-05-01T06:40:00Z"><Track>
<Trackpoint><Time>2024-05-01T06:40:00Z</Time></Trackpoint>
</Track></Lap>
</Activity></Activities>
</TrainingCenterDatabase>)");
  REQUIRE(acts.size() == 1);
  const Activity& a = acts[0];
  REQUIRE(a.laps.size() == 4);
  // The second lap's first point repeats the first lap's last time (a common Garmin habit):
  // dropped as a duplicate, so the second lap keeps one sample.
  REQUIRE(a.samples.size() == 5);
  CHECK(a.laps[0].start_time_ms == t0);
  CHECK(val(a.laps[0].total_time_s) == 300.0);
  CHECK(val(a.laps[0].distance_m) == 1000.0);
  CHECK(a.laps[0].first_sample == 0u);
  CHECK(a.laps[0].sample_count == 3u);

  CHECK(a.laps[1].start_time_ms == t0 + 300 * s_ms);
  CHECK(val(a.laps[1].total_time_s) == 240.5);
  CHECK(val(a.laps[1].distance_m) == 1000.25);
  CHECK(a.laps[1].first_sample == 3u);
  CHECK(a.laps[1].sample_count == 1u);
  CHECK(a.samples[3].time_ms == t0 + 420 * s_ms);

  CHECK(a.laps[2].start_time_ms == t0 + 540 * s_ms + 500);
  CHECK(val(a.laps[2].total_time_s) == 0.0);
  CHECK_FALSE(a.laps[2].distance_m);
  CHECK(a.laps[2].sample_count == 0u);

  CHECK(a.laps[3].start_time_ms == t0 + 600 * s_ms);
  CHECK_FALSE(a.laps[3].total_time_s);
  CHECK(a.laps[3].first_sample == 4u);
  CHECK(a.laps[3].sample_count == 1u);

  CHECK(val(a.device_distance_m) == 2000.25);  // the laps' DistanceMeters: 1000 + 1000.25
  CHECK(a.segments == 3u);                     // three Track elements; the third lap has none
  CHECK(a.segment_starts == std::vector<std::size_t>{0});  // lap changes are not pauses
  const Note* dup = find_note(a, NoteCode::duplicate_time);
  REQUIRE(dup);
  CHECK(dup->count == 1u);
  CHECK(dup->first_line == 10u);
}

TEST_CASE("TCX: several Tracks in one lap are segments", "[tcx]") {
  const auto acts = tcx(R"(<TrainingCenterDatabase>
<Activities><Activity Sport="Running"><Lap StartTime="2024-05-01T06:30:00Z">
<Track>
<Trackpoint><Time>2024-05-01T06:30:00Z</Time></Trackpoint>
<Trackpoint><Time>2024-05-01T06:30:01Z</Time></Trackpoint>
</Track>
<Track>
<Trackpoint><Time>2024-05-01T06:31:00Z</Time></Trackpoint>
</Track>
<Track></Track>
<Track>
<Trackpoint><Time>2024-05-01T06:32:00Z</Time></Trackpoint>
</Track>
</Lap></Activity></Activities>
</TrainingCenterDatabase>)");
  REQUIRE(acts.size() == 1);
  const Activity& a = acts[0];
  CHECK(a.segments == 4u);
  REQUIRE(a.samples.size() == 4);
  CHECK(a.segment_starts == std::vector<std::size_t>{0, 2, 3});
  REQUIRE(a.laps.size() == 1);
  CHECK(a.laps[0].first_sample == 0u);
  CHECK(a.laps[0].sample_count == 4u);
  CHECK(a.samples[2].time_ms == t0 + 60 * s_ms);
  CHECK(a.samples[3].time_ms == t0 + 120 * s_ms);
}

TEST_CASE("TCX: the device's distance is its laps' or its trackpoints' count, the larger",
          "[tcx]") {
  // Movescount writes lap totals short of what its own trackpoints count (a lap of 1002 m over
  // trackpoints that cover 1919 m); other devices count distance in laps after the last
  // trackpoint. Both are the device's figures: the larger stands for what it measured.
  const auto doc = [](const std::string& lap_m, const std::string& last_m,
                      const std::string& first_m = "0") {
    return R"(<?xml version="1.0"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>2024-05-01T06:30:00Z</Id>
<Lap StartTime="2024-05-01T06:30:00Z">)" +
           (lap_m.empty() ? "" : "<DistanceMeters>" + lap_m + "</DistanceMeters>") + R"(<Track>
<Trackpoint><Time>2024-05-01T06:30:00Z</Time><DistanceMeters>)" +
           first_m + R"(</DistanceMeters></Trackpoint>
<Trackpoint><Time>2024-05-01T06:40:00Z</Time><DistanceMeters>)" +
           last_m + R"(</DistanceMeters></Trackpoint>
</Track></Lap></Activity></Activities></TrainingCenterDatabase>)";
  };
  CHECK(val(tcx(doc("1002", "2919"))[0].device_distance_m) == 2919);
  CHECK(val(tcx(doc("2100", "1919"))[0].device_distance_m) == 2100);
  // A Forerunner 310XT counting on from its last activity (its trackpoints read 42 013.9 to
  // 42 292.9 m for a 299 m run): the trackpoints count the difference.
  CHECK(val(tcx(doc("299.03", "42292.9", "42013.9"))[0].device_distance_m) == 299.03);
  CHECK(val(tcx(doc("", "42292.9", "42013.9"))[0].device_distance_m) == Approx(279));
}

TEST_CASE("TCX: DistanceMeters 0 on every trackpoint is no distance, removed with a note",
          "[tcx][notes]") {
  // A heart-rate strap's recording: 0 m throughout, beside the lap's 6000 m. Read as distances,
  // the run would be a 20 s standstill.
  const auto acts = tcx(
      one_track("<Trackpoint><Time>2024-05-01T06:30:00Z</Time><DistanceMeters>0</DistanceMeters>"
                "<HeartRateBpm><Value>110</Value></HeartRateBpm></Trackpoint>\n"
                "<Trackpoint><Time>2024-05-01T06:30:10Z</Time><DistanceMeters>0</DistanceMeters>"
                "<HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>\n"
                "<Trackpoint><Time>2024-05-01T06:30:20Z</Time>"
                "<HeartRateBpm><Value>130</Value></HeartRateBpm></Trackpoint>\n"));
  const Activity& a = acts.at(0);
  REQUIRE(a.samples.size() == 3u);
  for (const auto& s : a.samples) CHECK_FALSE(s.distance_m);
  CHECK_FALSE(a.device_distance_m);
  const Note* n = find_note(a, NoteCode::distance_zero);
  REQUIRE(n);
  CHECK(n->count == 2u);
  CHECK(n->first_line == 4u);
  // A treadmill run that starts at 0 and counts on keeps every value (the test below).
}

TEST_CASE("TCX: treadmill points without Position are kept with DistanceMeters", "[tcx]") {
  const auto acts = tcx(one_track(
      "<Trackpoint><Time>2024-05-01T06:30:00Z</Time><DistanceMeters>0</DistanceMeters>"
      "<HeartRateBpm><Value>110</Value></HeartRateBpm></Trackpoint>\n"
      "<Trackpoint><Time>2024-05-01T06:30:10Z</Time><DistanceMeters>28.5</DistanceMeters>"
      "</Trackpoint>\n"
      "<Trackpoint><Time>2024-05-01T06:30:20Z</Time><DistanceMeters>57.25</DistanceMeters>"
      "<Extensions><TPX xmlns=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\">"
      "<Speed>2.875</Speed></TPX></Extensions></Trackpoint>\n"));
  REQUIRE(acts.size() == 1);
  const Activity& a = acts[0];
  REQUIRE(a.samples.size() == 3);
  CHECK(a.notes.empty());
  for (const auto& s : a.samples) CHECK_FALSE(s.has_position());
  CHECK(val(a.samples[0].distance_m) == 0.0);
  CHECK(val(a.samples[1].distance_m) == 28.5);
  CHECK(val(a.samples[2].distance_m) == 57.25);
  CHECK(val(a.device_distance_m) == 57.25);  // no lap total: the last DistanceMeters
  CHECK(val(a.samples[2].speed_m_per_s) == 2.875);
  CHECK(val(a.samples[0].heart_rate_bpm) == 110.0);
  CHECK(a.samples[2].time_ms == t0 + 20 * s_ms);
  const auto c = runaudit::channels(a);
  CHECK_FALSE(c.position);
  CHECK(c.device_distance);
  CHECK(c.device_speed);
  CHECK(c.heart_rate);
  CHECK_FALSE(c.elevation);
  CHECK_FALSE(c.cadence);
}

TEST_CASE(
    "TCX: a first trackpoint with only Time is dropped when others have positions, one "
    "between fixes is placed between them",
    "[tcx][notes]") {
  const auto acts = tcx(one_track("<Trackpoint><Time>2024-05-01T06:29:59Z</Time></Trackpoint>\n" +
                                  point(0) + point(1) +
                                  "<Trackpoint><Time>2024-05-01T06:30:02Z</Time>"
                                  "<HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>\n" +
                                  point(3)));
  REQUIRE(acts.size() == 1);
  const Activity& a = acts[0];
  CHECK(a.trackpoints == 5u);
  REQUIRE(a.samples.size() == 4);
  CHECK(a.samples[0].time_ms == t0);
  CHECK(a.samples[1].time_ms == t0 + s_ms);
  // The heart rate at 06:30:02, between the fixes at :01 and :03 (both at 45° N 7° E), is kept
  // where they are.
  CHECK(a.samples[2].time_ms == t0 + 2 * s_ms);
  CHECK(val(a.samples[2].heart_rate_bpm) == 120);
  CHECK(a.samples[2].position_interpolated);
  CHECK(val(a.samples[2].latitude_deg) == Approx(45.0));
  CHECK(val(a.samples[2].longitude_deg) == Approx(7.0));
  CHECK(a.samples[3].time_ms == t0 + 3 * s_ms);
  CHECK_FALSE(a.samples[3].position_interpolated);
  REQUIRE(a.notes.size() == 2);
  CHECK(a.notes[0].code == NoteCode::no_position);
  CHECK(a.notes[0].count == 1u);
  CHECK(a.notes[0].first_line == 4u);
  CHECK(a.notes[0].message == "1 trackpoint without position dropped (track has positions)");
  CHECK(a.notes[1].code == NoteCode::between_fixes);
  CHECK(a.notes[1].count == 1u);
  REQUIRE(a.laps.size() == 1);
  CHECK(a.laps[0].first_sample == 0u);
  CHECK(a.laps[0].sample_count == 4u);
  // The recording started at the time-only point, 1 s before the first sample (issue 19).
  REQUIRE(a.recording_start_ms);
  CHECK(*a.recording_start_ms == t0 - s_ms);
  const runaudit::signal::Metrics m = runaudit::signal::prepare(a).metrics;
  CHECK(m.elapsed_time_s == 4);  // 06:29:59 to 06:30:03
  CHECK(m.moving_time_s + m.stopped_time_s + m.paused_time_s == m.elapsed_time_s);
}

TEST_CASE("TCX: the title is the activity's Notes, else its Training Plan's name", "[tcx]") {
  const auto with = [](const std::string& inner) {
    std::string doc = one_track(point(0) + point(1));
    doc.replace(doc.find("<Lap "), 5, inner + "<Lap ");
    return tcx(doc).at(0).name;
  };
  CHECK(with("") == "");
  CHECK(with("<Notes>  Easy Tuesday\nlegs heavy</Notes>") == "Easy Tuesday");
  CHECK(with("<Notes/><Training><Plan Type=\"Workout\"><Name>Recovery 40</Name></Plan>"
             "</Training>") == "Recovery 40");
}

TEST_CASE("TCX: TPX Speed and RunCadence in any namespace form", "[tcx][extensions]") {
  std::string ext;
  SECTION("default namespace") {
    ext =
        "<Extensions><TPX xmlns=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\">"
        "<Speed>3.125</Speed><RunCadence>87</RunCadence></TPX></Extensions>";
  }
  SECTION("ns3: prefix") {
    ext =
        "<Extensions><ns3:TPX><ns3:Speed>3.125</ns3:Speed><ns3:RunCadence>87</ns3:RunCadence>"
        "</ns3:TPX></Extensions>";
  }
  SECTION("ax2: prefix, declared") {
    ext =
        "<Extensions><ax2:TPX xmlns:ax2=\"http://www.garmin.com/xmlschemas/ActivityExtension/"
        "v2\"><ax2:RunCadence>87</ax2:RunCadence><ax2:Speed>3.125</ax2:Speed></ax2:TPX>"
        "</Extensions>";
  }
  const auto acts = tcx(one_track(point(0, ext)));
  REQUIRE(acts.size() == 1);
  REQUIRE(acts[0].samples.size() == 1);
  CHECK(val(acts[0].samples[0].speed_m_per_s) == 3.125);
  CHECK(val(acts[0].samples[0].cadence_spm) == 174.0);
}

TEST_CASE("TCX: lap extensions are not trackpoint values", "[tcx][extensions]") {
  const auto acts = tcx(R"(<TrainingCenterDatabase>
<Activities><Activity Sport="Running"><Lap StartTime="2024-05-01T06:30:00Z">
<Track><Trackpoint><Time>2024-05-01T06:30:00Z</Time></Trackpoint></Track>
<Extensions><LX xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><AvgSpeed>3.0</AvgSpeed><AvgRunCadence>85</AvgRunCadence></LX></Extensions>
</Lap></Activity></Activities>
</TrainingCenterDatabase>)");
  REQUIRE(acts[0].samples.size() == 1);
  CHECK_FALSE(acts[0].samples[0].speed_m_per_s);
  CHECK_FALSE(acts[0].samples[0].cadence_spm);
}

TEST_CASE("TCX: the Cadence element", "[tcx][extensions]") {
  SECTION("per leg, doubled") {
    const auto acts =
        tcx(one_track(point(0, "<Cadence>84</Cadence>") + point(1, "<Cadence>86</Cadence>")));
    REQUIRE(acts[0].samples.size() == 2);
    CHECK(val(acts[0].samples[0].cadence_spm) == 168.0);
    CHECK(val(acts[0].samples[1].cadence_spm) == 172.0);
    const Note* n = find_note(acts[0], NoteCode::cadence_doubled);
    REQUIRE(n);
    CHECK(n->count == 2u);
    CHECK(n->first_line == 4u);
  }
  SECTION("already steps (median above 120), kept") {
    const auto acts =
        tcx(one_track(point(0, "<Cadence>170</Cadence>") + point(1, "<Cadence>174</Cadence>")));
    REQUIRE(acts[0].samples.size() == 2);
    CHECK(val(acts[0].samples[0].cadence_spm) == 170.0);
    CHECK(val(acts[0].samples[1].cadence_spm) == 174.0);
    const Note* n = find_note(acts[0], NoteCode::cadence_as_steps);
    REQUIRE(n);
    CHECK(n->count == 2u);
    CHECK_FALSE(find_note(acts[0], NoteCode::cadence_doubled));
  }
}

TEST_CASE("TCX: HeartRateBpm variants", "[tcx]") {
  const auto acts = tcx(one_track(
      point(0,
            "<HeartRateBpm xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            "xsi:type=\"HeartRateInBeatsPerMinute_t\"><Value>142</Value></HeartRateBpm>") +
      point(1, "<HeartRateBpm>\n  <Value> 143 </Value>\n</HeartRateBpm>") +
      point(2, "<HeartRateBpm></HeartRateBpm>") +
      point(3, "<HeartRateBpm><Value>0</Value></HeartRateBpm>")));
  const Activity& a = acts[0];
  REQUIRE(a.samples.size() == 4);
  CHECK(val(a.samples[0].heart_rate_bpm) == 142.0);
  CHECK(val(a.samples[1].heart_rate_bpm) == 143.0);
  CHECK_FALSE(a.samples[2].heart_rate_bpm);  // no Value: absent, no note
  CHECK_FALSE(a.samples[3].heart_rate_bpm);  // 0: "no value", removed with a note
  REQUIRE(a.notes.size() == 1);
  CHECK(a.notes[0].code == NoteCode::heart_rate_invalid);
  CHECK(a.notes[0].count == 1u);
  CHECK(a.notes[0].first_line == 9u);  // point(1) spans lines 5-7, point(2) is line 8
}

TEST_CASE("TCX: Sport attribute values", "[tcx]") {
  const auto with_sport = [](const std::string& attr) {
    return tcx("<TrainingCenterDatabase><Activities><Activity" + attr +
               "><Lap StartTime=\"2024-05-01T06:30:00Z\"><Track><Trackpoint><Time>"
               "2024-05-01T06:30:00Z</Time></Trackpoint></Track></Lap></Activity></Activities>"
               "</TrainingCenterDatabase>")[0];
  };
  CHECK(with_sport(" Sport=\"Running\"").sport == Sport::running);
  CHECK(with_sport(" Sport=\"Biking\"").sport == Sport::cycling);
  CHECK(with_sport(" Sport=\"Other\"").sport == Sport::other);
  const Activity none = with_sport("");
  CHECK(none.sport_raw.empty());
  CHECK(none.sport == Sport::unknown);
}

TEST_CASE("TCX: times with offsets and without a zone", "[tcx][notes]") {
  const auto acts =
      tcx(one_track("<Trackpoint><Time>2024-05-01T08:30:00+02:00</Time></Trackpoint>\n"
                    "<Trackpoint><Time>2024-05-01T06:30:01</Time></Trackpoint>\n"
                    "<Trackpoint><Time>2024-05-01T06:30:02.750Z</Time></Trackpoint>\n"));
  const Activity& a = acts[0];
  REQUIRE(a.samples.size() == 3);
  CHECK(a.samples[0].time_ms == t0);
  CHECK(a.samples[1].time_ms == t0 + s_ms);
  CHECK(a.samples[2].time_ms == t0 + 2750);
  REQUIRE(a.notes.size() == 1);
  CHECK(a.notes[0].code == NoteCode::no_time_zone);
  CHECK(a.notes[0].count == 1u);
  CHECK(a.notes[0].first_line == 5u);
}

TEST_CASE("TCX: elevation sentinel and backwards time", "[tcx][notes]") {
  const auto acts = tcx(one_track(point(0, "<AltitudeMeters>-19999</AltitudeMeters>") +
                                  point(2, "<AltitudeMeters>12</AltitudeMeters>") + point(1)));
  const Activity& a = acts[0];
  REQUIRE(a.samples.size() == 2);
  CHECK_FALSE(a.samples[0].elevation_m);
  CHECK(val(a.samples[1].elevation_m) == 12.0);
  REQUIRE(a.notes.size() == 2);
  CHECK(a.notes[0].code == NoteCode::time_backwards);
  CHECK(a.notes[0].first_line == 6u);
  CHECK(a.notes[1].code == NoteCode::elevation_invalid);
  CHECK(a.notes[1].first_line == 4u);
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST_CASE("TCX: a Courses-only file is not an activity", "[tcx][errors]") {
  const auto e = tcx_error(R"(<?xml version="1.0"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Courses><Course><Name>Loop</Name>
<Lap><TotalTimeSeconds>600</TotalTimeSeconds></Lap>
<Track>
<Trackpoint><Time>2024-05-01T06:30:00Z</Time><Position><LatitudeDegrees>1</LatitudeDegrees><LongitudeDegrees>2</LongitudeDegrees></Position></Trackpoint>
</Track>
</Course></Courses>
</TrainingCenterDatabase>)",
                           "course.tcx");
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::not_an_activity);
  CHECK(e->where().file == "course.tcx");
  CHECK(e->where().line == 0u);
  CHECK(e->detail() == "a course (planned route), not an activity");
  CHECK(std::string(e->what()) ==
        "course.tcx: not_an_activity: a course (planned route), not an activity");
}

TEST_CASE("TCX: nothing timed is no_timestamps", "[tcx][errors]") {
  SECTION("empty Activities is not an activity") {
    const auto e = tcx_error("<TrainingCenterDatabase><Activities/></TrainingCenterDatabase>");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::not_an_activity);
    CHECK_THAT(e->detail(), Contains("no Activity"));
  }
  SECTION("an activity whose trackpoints have no Time") {
    const auto e = tcx_error(
        one_track("<Trackpoint><Position><LatitudeDegrees>1</LatitudeDegrees><LongitudeDegrees>2"
                  "</LongitudeDegrees></Position></Trackpoint>\n"));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::no_timestamps);
    CHECK_THAT(e->detail(), Contains("activities without timed trackpoints"));
  }
}

TEST_CASE("TCX: an impossible Time drops its trackpoint, a file of them is bad_timestamp",
          "[tcx][errors]") {
  SECTION("one damaged Time among readable ones: the run is kept, the point dropped") {
    const auto acts =
        tcx(one_track(point(0) + point(1) +
                      "<Trackpoint><Time>2024-02-30T06:30:02Z</Time></Trackpoint>\n" + point(3)));
    REQUIRE(acts.size() == 1u);
    const Activity& a = acts[0];
    REQUIRE(a.samples.size() == 3u);
    CHECK(a.samples[2].time_ms == t0 + 3 * s_ms);
    const Note* n = find_note(a, NoteCode::time_unreadable);
    REQUIRE(n);
    CHECK(n->count == 1u);
    CHECK(n->first_line == 6u);
  }
  SECTION("every Time impossible: bad_timestamp at the first") {
    const auto e = tcx_error(R"(<?xml version="1.0"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Lap StartTime="2024-05-01T06:30:00Z"><Track>
<Trackpoint><Time>not a time</Time></Trackpoint>
<Trackpoint>
    <Time>2024-02-30T06:30:01Z</Time>
</Trackpoint>
</Track></Lap></Activity></Activities>
</TrainingCenterDatabase>)",
                             "t.tcx");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_timestamp);
    CHECK(e->where().line == 4u);
    CHECK(e->where().column == 13u);
    CHECK(e->detail() == "impossible or unreadable time 'not a time'");
    CHECK(std::string(e->what()) ==
          "t.tcx:4:13: bad_timestamp: impossible or unreadable time 'not a time'");
  }
}

TEST_CASE("TCX: an impossible lap StartTime is bad_timestamp at the Lap", "[tcx][errors]") {
  const auto e = tcx_error(R"(<TrainingCenterDatabase>
<Activities><Activity Sport="Running">
  <Lap StartTime="2024-13-01T06:30:00Z"><Track>
<Trackpoint><Time>2024-05-01T06:30:00Z</Time></Trackpoint>
</Track></Lap></Activity></Activities>
</TrainingCenterDatabase>)");
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::bad_timestamp);
  CHECK(e->where().line == 3u);
  CHECK(e->where().column == 3u);
  CHECK_THAT(e->detail(), Contains("2024-13-01T06:30:00Z"));
}

TEST_CASE("TCX: coordinates out of range are located at their element", "[tcx][errors]") {
  SECTION("latitude 95") {
    const auto e =
        tcx_error(one_track("<Trackpoint><Time>2024-05-01T06:30:00Z</Time><Position>\n"
                            "  <LatitudeDegrees>95</LatitudeDegrees>\n"
                            "  <LongitudeDegrees>7</LongitudeDegrees>\n"
                            "</Position></Trackpoint>\n"));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::out_of_range);
    CHECK(e->where().line == 5u);
    CHECK(e->where().column == 3u);
    CHECK_THAT(e->detail(), Contains("latitude 95 outside -90..90"));  // as written
  }
  SECTION("longitude -181") {
    const auto e = tcx_error(one_track(
        "<Trackpoint><Time>2024-05-01T06:30:00Z</Time><Position><LatitudeDegrees>5"
        "</LatitudeDegrees><LongitudeDegrees>-181</LongitudeDegrees></Position></Trackpoint>\n"));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::out_of_range);
    CHECK(e->where().line == 4u);
    // <Trackpoint> 12 + <Time>...</Time> 33 + <Position> 10 + <LatitudeDegrees>5</...> 36 bytes
    CHECK(e->where().column == 92u);
    CHECK_THAT(e->detail(), Contains("longitude -181 outside -180..180"));
  }
}

TEST_CASE("TCX: numbers that are not numbers are bad_number", "[tcx][errors]") {
  SECTION("LatitudeDegrees abc") {
    const auto e = tcx_error(one_track(
        "<Trackpoint><Time>2024-05-01T06:30:00Z</Time>\n"
        "<Position><LatitudeDegrees>abc</LatitudeDegrees><LongitudeDegrees>7</LongitudeDegrees>"
        "</Position></Trackpoint>\n"));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_number);
    CHECK(e->where().line == 5u);
    CHECK(e->where().column == 11u);
    CHECK(e->detail() == "latitude is not a number: 'abc'");
  }
  SECTION("AltitudeMeters 12,5") {
    const auto e = tcx_error(one_track(point(0, "<AltitudeMeters>12,5</AltitudeMeters>")));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_number);
    CHECK(e->where().line == 4u);
    CHECK(e->detail() == "altitude is not a number: '12,5'");
  }
  SECTION("DistanceMeters 1.2.3") {
    const auto e = tcx_error(one_track(point(0, "<DistanceMeters>1.2.3</DistanceMeters>")));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_number);
    CHECK(e->detail() == "distance is not a number: '1.2.3'");
  }
  SECTION("lap TotalTimeSeconds") {
    const auto e = tcx_error(R"(<TrainingCenterDatabase><Activities><Activity Sport="Running">
<Lap StartTime="2024-05-01T06:30:00Z"><TotalTimeSeconds>five</TotalTimeSeconds></Lap>
</Activity></Activities></TrainingCenterDatabase>)");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_number);
    CHECK(e->where().line == 2u);
    CHECK(e->where().column == 39u);
    CHECK_THAT(e->detail(), Contains("'five'"));
  }
}

TEST_CASE("TCX: a Position without longitude is missing_element", "[tcx][errors]") {
  const auto e = tcx_error(
      one_track("<Trackpoint><Time>2024-05-01T06:30:00Z</Time><Position><LatitudeDegrees>5"
                "</LatitudeDegrees></Position></Trackpoint>\n"));
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::missing_element);
  CHECK(e->where().line == 4u);
  CHECK(e->where().column == 46u);  // <Trackpoint> 12 + <Time>...</Time> 33 bytes
  CHECK_THAT(e->detail(), Contains("Position without both latitude and longitude"));
}

TEST_CASE("TCX: a truncated document is malformed_xml, truncated", "[tcx][errors]") {
  const auto e = tcx_error(R"(<?xml version="1.0"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Lap StartTime="2024-05-01T06:30:00Z"><Track>
<Trackpoint><Time>2024-05-01T06:30:00Z</Time></Trackpoint>
<Trackpoint><Time>2024-05-01T06:30:01Z</Time><HeartRateBpm><Value>12)");
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::malformed_xml);
  CHECK(e->where().line == 5u);
  CHECK_THAT(e->detail(), Contains("truncated"));
}

TEST_CASE("TCX: a GPX document given to parse_tcx is wrong_root", "[tcx][errors]") {
  const auto e = tcx_error(R"(<?xml version="1.0"?>
<gpx version="1.1" creator="x"><trk/></gpx>)");
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::wrong_root);
  CHECK(e->where().line == 2u);
  CHECK(e->where().column == 1u);
  CHECK(e->detail() == "root element <gpx> is not <TrainingCenterDatabase>");
}

TEST_CASE("TCX: a prefixed root is accepted", "[tcx]") {
  const auto acts = tcx(
      R"(<tcd:TrainingCenterDatabase xmlns:tcd="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><tcd:Activities><tcd:Activity Sport="Running"><tcd:Lap StartTime="2024-05-01T06:30:00Z"><tcd:Track><tcd:Trackpoint><tcd:Time>2024-05-01T06:30:00Z</tcd:Time><tcd:HeartRateBpm><tcd:Value>99</tcd:Value></tcd:HeartRateBpm></tcd:Trackpoint></tcd:Track></tcd:Lap></tcd:Activity></tcd:Activities></tcd:TrainingCenterDatabase>)");
  REQUIRE(acts.size() == 1);
  REQUIRE(acts[0].samples.size() == 1);
  CHECK(acts[0].samples[0].time_ms == t0);
  CHECK(val(acts[0].samples[0].heart_rate_bpm) == 99.0);
}

// ---------------------------------------------------------------------------------------------
// GPX and TCX from the same run

TEST_CASE("a GPX and a TCX written from the same run give the same samples", "[tcx][gpx]") {
  struct Point {
    const char* time;
    const char *lat, *lon, *ele, *hr;
    std::int64_t expected_ms;
    double expected_lat, expected_lon, expected_ele, expected_hr;
  };
  // The note at the top gives t0; the rest are whole seconds after it (06:30:03 is missing: a
  // smart-recording gap).
  const std::vector<Point> run = {
      {"2024-05-01T06:30:00Z", "52.520008", "13.404954", "34.2", "121", t0, 52.520008, 13.404954,
       34.2, 121},
      {"2024-05-01T06:30:01Z", "52.520051", "13.405012", "34.4", "123", t0 + 1000, 52.520051,
       13.405012, 34.4, 123},
      {"2024-05-01T06:30:02Z", "52.520094", "13.405071", "34.5", "124", t0 + 2000, 52.520094,
       13.405071, 34.5, 124},
      {"2024-05-01T06:30:04Z", "52.52018", "13.405188", "34.3", "126", t0 + 4000, 52.52018,
       13.405188, 34.3, 126},
      {"2024-05-01T06:30:05.500Z", "52.520223", "13.405246", "-0.5", "127", t0 + 5500, 52.520223,
       13.405246, -0.5, 127},
  };

  std::string gpx_doc =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gpx version=\"1.1\" creator=\"same\" xmlns=\"http://www.topografix.com/GPX/1/1\" "
      "xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">\n"
      "<trk><type>running</type><trkseg>\n";
  std::string tcx_doc =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/"
      "TrainingCenterDatabase/v2\">\n"
      "<Activities><Activity Sport=\"Running\"><Id>2024-05-01T06:30:00Z</Id>"
      "<Lap StartTime=\"2024-05-01T06:30:00Z\"><Track>\n";
  for (const Point& p : run) {
    gpx_doc += std::string("<trkpt lat=\"") + p.lat + "\" lon=\"" + p.lon + "\"><ele>" + p.ele +
               "</ele><time>" + p.time +
               "</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>" + p.hr +
               "</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>\n";
    tcx_doc += std::string("<Trackpoint><Time>") + p.time + "</Time><Position><LatitudeDegrees>" +
               p.lat + "</LatitudeDegrees><LongitudeDegrees>" + p.lon +
               "</LongitudeDegrees></Position><AltitudeMeters>" + p.ele +
               "</AltitudeMeters><HeartRateBpm><Value>" + p.hr +
               "</Value></HeartRateBpm></Trackpoint>\n";
  }
  gpx_doc += "</trkseg></trk>\n</gpx>\n";
  tcx_doc += "</Track></Lap></Activity></Activities>\n</TrainingCenterDatabase>\n";

  const auto from_gpx = runaudit::io::parse_gpx(gpx_doc, "same.gpx");
  const auto from_tcx = runaudit::io::parse_tcx(tcx_doc, "same.tcx");
  REQUIRE(from_gpx.size() == 1);
  REQUIRE(from_tcx.size() == 1);
  const Activity& g = from_gpx[0];
  const Activity& t = from_tcx[0];
  CHECK(g.format == runaudit::Format::gpx);
  CHECK(t.format == runaudit::Format::tcx);
  CHECK(g.sport == Sport::running);
  CHECK(t.sport == Sport::running);
  CHECK(g.trackpoints == run.size());
  CHECK(t.trackpoints == run.size());
  CHECK(g.segment_starts == t.segment_starts);
  CHECK(g.notes.empty());
  CHECK(t.notes.empty());
  REQUIRE(g.samples.size() == run.size());
  REQUIRE(t.samples.size() == run.size());
  for (std::size_t i = 0; i < run.size(); ++i) {
    INFO("point " << i << " at " << run[i].time);
    const auto& a = g.samples[i];
    const auto& b = t.samples[i];
    // Against the values written, then against each other.
    CHECK(a.time_ms == run[i].expected_ms);
    CHECK(val(a.latitude_deg) == run[i].expected_lat);
    CHECK(val(a.longitude_deg) == run[i].expected_lon);
    CHECK(val(a.elevation_m) == run[i].expected_ele);
    CHECK(val(a.heart_rate_bpm) == run[i].expected_hr);
    CHECK(b.time_ms == a.time_ms);
    CHECK(b.latitude_deg == a.latitude_deg);
    CHECK(b.longitude_deg == a.longitude_deg);
    CHECK(b.elevation_m == a.elevation_m);
    CHECK(b.heart_rate_bpm == a.heart_rate_bpm);
    CHECK(b.cadence_spm == a.cadence_spm);
    CHECK(b.distance_m == a.distance_m);
    CHECK(b.speed_m_per_s == a.speed_m_per_s);
    CHECK_FALSE(a.cadence_spm);
    CHECK_FALSE(a.distance_m);
    CHECK_FALSE(a.speed_m_per_s);
  }
}

TEST_CASE("TCX: a new lap continues the recording, a second Track in a lap follows a pause",
          "[tcx][regression]") {
  // Three laps of 2 points 1 s apart, then a second Track in the last lap.
  std::string laps;
  int second = 0;
  const auto point = [&] {
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "<Trackpoint><Time>2024-05-01T06:30:%02dZ</Time><DistanceMeters>%d"
                  "</DistanceMeters></Trackpoint>\n",
                  second, 3 * second);
    ++second;
    return std::string(buf);
  };
  for (int lap = 0; lap < 3; ++lap) {
    laps += "<Lap StartTime=\"2024-05-01T06:30:00Z\"><Track>\n";
    laps += point();  // one statement each: the order of operands of + is unspecified
    laps += point();
    laps += "</Track>";
    if (lap == 2) {
      laps += "<Track>\n";
      laps += point();
      laps += point();
      laps += "</Track>";
    }
    laps += "</Lap>\n";
  }
  const auto acts =
      tcx("<?xml version=\"1.0\"?>\n<TrainingCenterDatabase><Activities><Activity "
          "Sport=\"Running\">\n" +
          laps + "</Activity></Activities></TrainingCenterDatabase>\n");
  REQUIRE(acts.size() == 1);
  CHECK(acts[0].segments == 4);
  CHECK(acts[0].samples.size() == 8);
  // Pauses only where a second Track starts inside a lap (sample 6), not at lap changes.
  CHECK(acts[0].segment_starts == std::vector<std::size_t>{0, 6});
}

TEST_CASE("TCX: the local offset written with the first time is the activity's", "[tcx][time]") {
  const std::string with_offset =
      "<Trackpoint><Time>2024-05-01T08:30:00+02:00</Time><Position><LatitudeDegrees>45.0"
      "</LatitudeDegrees><LongitudeDegrees>7.0</LongitudeDegrees></Position></Trackpoint>\n";
  const auto local = tcx(one_track(with_offset + point(1)));
  REQUIRE(local.size() == 1);
  REQUIRE(local[0].utc_offset_s);
  CHECK(*local[0].utc_offset_s == 7200);
  CHECK(local[0].samples.size() == 2u);  // 08:30+02:00 is 06:30:00Z, one second before
  CHECK_FALSE(tcx(one_track(point(0) + point(1)))[0].utc_offset_s);
}

TEST_CASE("TCX: a document cut short keeps the trackpoints before the cut", "[tcx][damage]") {
  // 90 trackpoints a second apart from t0 (2024-05-01T06:30:00Z), HR 120 + i bpm, one lap
  // whose totals (written before its track) say 270 m.
  std::string doc =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/"
      "TrainingCenterDatabase/v2\">\n<Activities><Activity Sport=\"Running\">"
      "<Id>2024-05-01T06:30:00Z</Id>\n<Lap StartTime=\"2024-05-01T06:30:00Z\">"
      "<TotalTimeSeconds>89</TotalTimeSeconds><DistanceMeters>270</DistanceMeters><Track>\n";
  for (int i = 0; i < 90; ++i)
    doc += "<Trackpoint><Time>2024-05-01T06:" + std::to_string(30 + i / 60) + ":" +
           (i % 60 < 10 ? "0" : "") + std::to_string(i % 60) + "Z</Time><DistanceMeters>" +
           std::to_string(3 * i) + "</DistanceMeters><HeartRateBpm><Value>" +
           std::to_string(120 + i) + "</Value></HeartRateBpm></Trackpoint>\n";
  doc += "</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n";
  // Cut inside the 81st trackpoint's HR value: 80 kept, as written.
  const std::size_t at = doc.find("<Value>", doc.find("<Time>2024-05-01T06:31:20Z</Time>")) + 8;
  const std::vector<Activity> acts = tcx(doc.substr(0, at));
  REQUIRE(acts.size() == 1u);
  REQUIRE(acts[0].samples.size() == 80u);
  CHECK(acts[0].samples.back().time_ms == t0 + 79 * s_ms);
  CHECK(val(acts[0].samples.back().heart_rate_bpm) == 199);
  CHECK(val(acts[0].device_distance_m) == 270);  // the lap's total: the whole run's
  const Note* n = find_note(acts[0], NoteCode::file_damaged);
  REQUIRE(n);
  CHECK(n->first_offset == std::ptrdiff_t(at));
  // Cut inside the lap's StartTime attribute: no trackpoint, so the truncation is the error.
  const auto e = tcx_error(doc.substr(0, doc.find("StartTime=") + 20));
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::malformed_xml);
  CHECK_THAT(e->detail(), Contains("truncated XML"));
}
