// Unit tests for parse_gpx (runaudit/io/parse.hpp): one inline document per element or quirk.
//
// Times: 2024-05-01T06:30:00Z is 1714545000000 ms (python3: datetime(2024, 5, 1, 6, 30,
// tzinfo=timezone.utc).timestamp() * 1000); the documents below count seconds from there.
// Line and column numbers in the error tests are counted by hand in the raw strings: each raw
// string starts right after R"( so its first line is line 1.

#include <catch2/catch.hpp>

#include "support/printers.hpp"
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "runaudit/io/error.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/model.hpp"
#include "runaudit/time.hpp"

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

std::vector<Activity> gpx(std::string doc, const std::string& file = "test.gpx") {
  return runaudit::io::parse_gpx(doc, file);
}

std::optional<ParseError> gpx_error(std::string doc, const std::string& file = "test.gpx") {
  return testing::error_of([&] { runaudit::io::parse_gpx(doc, file); });
}

// One track, one segment, with the given trkpt lines (each on its own line, from line 4).
std::string one_segment(const std::string& trkpts) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gpx version=\"1.1\" creator=\"t\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
         "<trk><trkseg>\n" +
         trkpts + "</trkseg></trk>\n</gpx>\n";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Versions and structure

TEST_CASE("GPX 1.1: metadata, track name, type and trackpoint fields", "[gpx]") {
  const auto acts = gpx(R"(<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Garmin Connect" xmlns="http://www.topografix.com/GPX/1/1">
  <metadata><name>File name</name><time>2024-05-01T06:29:00Z</time></metadata>
  <trk>
    <name>Easy recovery</name>
    <type>running</type>
    <trkseg>
      <trkpt lat="52.520008" lon="13.404954"><ele>34.2</ele><time>2024-05-01T06:30:00Z</time></trkpt>
      <trkpt lat="-33.8688" lon="-151.2093"><ele>-2.5</ele><time>2024-05-01T06:30:01.250Z</time></trkpt>
      <trkpt lat="90" lon="-180"><time>2024-05-01T06:30:02Z</time></trkpt>
    </trkseg>
  </trk>
</gpx>
)",
                        "run.gpx");
  REQUIRE(acts.size() == 1);
  const Activity& a = acts[0];
  CHECK(a.file == "run.gpx");
  CHECK(a.index == 0u);
  CHECK(a.format == runaudit::Format::gpx);
  CHECK(a.creator == "Garmin Connect");
  CHECK(a.name == "Easy recovery");
  CHECK(a.sport_raw == "running");
  CHECK(a.sport == Sport::running);
  CHECK(a.trackpoints == 3u);
  CHECK(a.segments == 1u);
  CHECK(a.laps.empty());
  CHECK(a.segment_starts == std::vector<std::size_t>{0});
  CHECK(a.notes.empty());
  REQUIRE(a.samples.size() == 3);
  CHECK(a.samples[0].time_ms == t0);
  CHECK(val(a.samples[0].latitude_deg) == 52.520008);
  CHECK(val(a.samples[0].longitude_deg) == 13.404954);
  CHECK(val(a.samples[0].elevation_m) == 34.2);
  CHECK_FALSE(a.samples[0].heart_rate_bpm);
  CHECK_FALSE(a.samples[0].cadence_spm);
  CHECK_FALSE(a.samples[0].distance_m);
  CHECK_FALSE(a.samples[0].speed_m_per_s);
  CHECK(a.samples[1].time_ms == t0 + 1250);
  CHECK(val(a.samples[1].latitude_deg) == -33.8688);
  CHECK(val(a.samples[1].longitude_deg) == -151.2093);
  CHECK(val(a.samples[1].elevation_m) == -2.5);
  // The extreme valid coordinates are accepted; no elevation stays absent.
  CHECK(a.samples[2].time_ms == t0 + 2 * s_ms);
  CHECK(val(a.samples[2].latitude_deg) == 90.0);
  CHECK(val(a.samples[2].longitude_deg) == -180.0);
  CHECK_FALSE(a.samples[2].elevation_m);
  CHECK(a.start_time_ms() == t0);
  CHECK(a.end_time_ms() == t0 + 2 * s_ms);
}

TEST_CASE("GPX 1.1: the file name in metadata names an unnamed track", "[gpx]") {
  const auto acts =
      gpx(R"(<gpx version="1.1" creator="x"><metadata><name>Evening Run</name></metadata>
<trk><trkseg><trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time></trkpt></trkseg></trk></gpx>)");
  REQUIRE(acts.size() == 1);
  CHECK(acts[0].name == "Evening Run");
  CHECK(acts[0].sport_raw.empty());
  CHECK(acts[0].sport == Sport::running);  // guessed from the name
}

TEST_CASE("GPX 1.0: name under gpx, speed directly in trkpt", "[gpx]") {
  const auto acts = gpx(R"(<?xml version="1.0"?>
<gpx version="1.0" creator="GPSBabel" xmlns="http://www.topografix.com/GPX/1/0">
<name>Morning Ride</name>
<time>2024-05-01T06:30:00Z</time>
<trk>
<trkseg>
<trkpt lat="48.1" lon="11.5"><ele>520.0</ele><time>2024-05-01T06:30:00Z</time><course>90.5</course><speed>2.75</speed></trkpt>
<trkpt lat="48.1001" lon="11.5001"><ele>520.5</ele><time>2024-05-01T06:30:03Z</time><speed>0</speed></trkpt>
</trkseg>
</trk>
</gpx>
)");
  REQUIRE(acts.size() == 1);
  const Activity& a = acts[0];
  CHECK(a.creator == "GPSBabel");
  CHECK(a.name == "Morning Ride");
  CHECK(a.sport == Sport::cycling);  // from the name, there is no <type>
  REQUIRE(a.samples.size() == 2);
  CHECK(val(a.samples[0].speed_m_per_s) == 2.75);
  CHECK(val(a.samples[1].speed_m_per_s) == 0.0);  // standing still is a speed, not absent
  CHECK(val(a.samples[0].elevation_m) == 520.0);
  CHECK(a.samples[1].time_ms == t0 + 3 * s_ms);
}

TEST_CASE("GPX: several tracks and several segments", "[gpx]") {
  const auto acts = gpx(R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t">
<trk><name>First</name><type>9</type>
<trkseg>
<trkpt lat="1.0" lon="1.0"><time>2024-05-01T06:30:00Z</time></trkpt>
<trkpt lat="1.1" lon="1.1"><time>2024-05-01T06:30:01Z</time></trkpt>
</trkseg>
<trkseg>
</trkseg>
<trkseg>
<trkpt lat="1.2" lon="1.2"><time>2024-05-01T06:35:00Z</time></trkpt>
</trkseg>
<trkseg>
<trkpt lat="1.3" lon="1.3"><time>2024-05-01T06:40:00Z</time></trkpt>
<trkpt lat="1.4" lon="1.4"><time>2024-05-01T06:40:01Z</time></trkpt>
</trkseg>
</trk>
<trk><name>Second</name><type>1</type>
<trkseg>
<trkpt lat="2.0" lon="2.0"><time>2024-05-01T08:00:00Z</time></trkpt>
</trkseg>
</trk>
</gpx>
)");
  REQUIRE(acts.size() == 2);
  const Activity& a = acts[0];
  CHECK(a.index == 0u);
  CHECK(a.name == "First");
  CHECK(a.sport == Sport::running);  // Strava type 9
  CHECK(a.segments == 4u);           // trkseg elements as written, the empty one included
  CHECK(a.trackpoints == 5u);
  REQUIRE(a.samples.size() == 5);
  // Non-empty segments start at samples 0, 2 and 3.
  CHECK(a.segment_starts == std::vector<std::size_t>{0, 2, 3});
  CHECK(val(a.samples[2].latitude_deg) == 1.2);
  CHECK(a.samples[2].time_ms == t0 + 300 * s_ms);
  CHECK(a.samples[4].time_ms == t0 + 601 * s_ms);

  const Activity& b = acts[1];
  CHECK(b.index == 1u);
  CHECK(b.name == "Second");
  CHECK(b.sport == Sport::cycling);  // Strava type 1
  CHECK(b.segments == 1u);
  REQUIRE(b.samples.size() == 1);
  CHECK(b.samples[0].time_ms == t0 + 90 * 60 * s_ms);
  CHECK(val(b.samples[0].latitude_deg) == 2.0);
}

TEST_CASE("GPX: a track without times next to a timed one is returned without samples", "[gpx]") {
  const auto acts = gpx(R"(<gpx version="1.1" creator="t">
<trk><name>Planned</name><trkseg>
<trkpt lat="1.0" lon="1.0"/>
<trkpt lat="1.1" lon="1.1"/>
</trkseg></trk>
<trk><name>Done</name><trkseg>
<trkpt lat="1.0" lon="1.0"><time>2024-05-01T06:30:00Z</time></trkpt>
</trkseg></trk>
</gpx>)");
  REQUIRE(acts.size() == 2);
  CHECK(acts[0].samples.empty());
  CHECK(acts[0].trackpoints == 2u);
  const Note* n = find_note(acts[0], NoteCode::no_time);
  REQUIRE(n);
  CHECK(n->count == 2u);
  CHECK(n->first_line == 3u);
  CHECK(acts[1].samples.size() == 1u);
}

TEST_CASE("GPX: waypoints and routes are not activities", "[gpx]") {
  SECTION("route only is not an activity") {
    const auto e = gpx_error(R"(<?xml version="1.0"?>
<gpx version="1.1" creator="planner">
<rte><name>Plan</name>
<rtept lat="1.0" lon="2.0"><time>2024-05-01T06:30:00Z</time></rtept>
<rtept lat="1.1" lon="2.1"/>
<rtept lat="1.2" lon="2.2"/>
</rte>
</gpx>)",
                             "plan.gpx");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::not_an_activity);
    CHECK(e->where().file == "plan.gpx");
    CHECK(e->where().line == 0u);
    CHECK(e->detail() == "a planned route (3 route points), not an activity");
    CHECK(std::string(e->what()) ==
          "plan.gpx: not_an_activity: a planned route (3 route points), not an activity");
  }
  SECTION("waypoints only is not an activity") {
    const auto e = gpx_error(R"(<gpx version="1.1" creator="t">
<wpt lat="1.0" lon="2.0"><time>2024-05-01T06:30:00Z</time><name>A</name></wpt>
<wpt lat="1.1" lon="2.1"><name>B</name></wpt>
</gpx>)");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::not_an_activity);
    CHECK(e->where().line == 0u);
    CHECK_THAT(e->detail(), Contains("waypoints only (2)"));
  }
  SECTION("metadata only is not an activity") {
    const auto e =
        gpx_error(R"(<gpx version="1.1" creator="t"><metadata><name>x</name></metadata></gpx>)");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::not_an_activity);
    CHECK_THAT(e->detail(), Contains("metadata only"));
  }
  SECTION("an empty track is not an activity: Garmin Connect's GPX of one recorded without GPS") {
    const auto e = gpx_error(
        R"(<gpx version="1.1" creator="Garmin Connect"><trk><name>Indoor</name><type>hiking</type>)"
        R"(<trkseg/></trk></gpx>)");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::not_an_activity);
    CHECK_THAT(e->detail(), Contains("a track without trackpoints"));
  }
  SECTION("an untimed track is not an activity (a drawn route)") {
    const auto e = gpx_error(one_segment("<trkpt lat=\"1\" lon=\"2\"><ele>3</ele></trkpt>\n"));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::not_an_activity);
    CHECK_THAT(e->detail(), Contains("a track of 1 points without times"));
  }
  SECTION("waypoints and a route next to a track are ignored") {
    const auto acts = gpx(R"(<gpx version="1.1" creator="t">
<wpt lat="9.0" lon="9.0"><time>2024-05-01T05:00:00Z</time></wpt>
<rte><rtept lat="8.0" lon="8.0"><time>2024-05-01T05:00:00Z</time></rtept></rte>
<trk><trkseg><trkpt lat="1.0" lon="2.0"><time>2024-05-01T06:30:00Z</time></trkpt></trkseg></trk>
</gpx>)");
    REQUIRE(acts.size() == 1);
    REQUIRE(acts[0].samples.size() == 1);
    CHECK(acts[0].samples[0].time_ms == t0);
    CHECK(val(acts[0].samples[0].latitude_deg) == 1.0);
  }
}

// ---------------------------------------------------------------------------------------------
// Namespaces and extensions

TEST_CASE("GPX: Garmin TrackPointExtension v1 (gpxtpx:hr, gpxtpx:cad)", "[gpx][extensions]") {
  const auto acts = gpx(R"(<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Garmin" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><trkseg>
<trkpt lat="1.0" lon="2.0"><time>2024-05-01T06:30:00Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:atemp>21.0</gpxtpx:atemp><gpxtpx:hr>131</gpxtpx:hr><gpxtpx:cad>84</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>
<trkpt lat="1.0" lon="2.0"><time>2024-05-01T06:30:01Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>133</gpxtpx:hr><gpxtpx:cad>86</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>
</trkseg></trk>
</gpx>)");
  REQUIRE(acts.size() == 1);
  REQUIRE(acts[0].samples.size() == 2);
  CHECK(val(acts[0].samples[0].heart_rate_bpm) == 131.0);
  CHECK(val(acts[0].samples[1].heart_rate_bpm) == 133.0);
  // Per-leg 84 and 86 strides/min (median 86 <= 120): doubled to steps/min.
  CHECK(val(acts[0].samples[0].cadence_spm) == 168.0);
  CHECK(val(acts[0].samples[1].cadence_spm) == 172.0);
  const Note* n = find_note(acts[0], NoteCode::cadence_doubled);
  REQUIRE(n);
  CHECK(n->count == 2u);
  CHECK(n->first_line == 4u);
  CHECK_THAT(n->message, Contains("doubled"));
  CHECK_FALSE(find_note(acts[0], NoteCode::cadence_as_steps));
}

TEST_CASE("GPX: Garmin TrackPointExtension v2 with speed", "[gpx][extensions]") {
  const auto acts = gpx(
      R"(<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">
<trk><trkseg>
<trkpt lat="1.0" lon="2.0"><time>2024-05-01T06:30:00Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>140</gpxtpx:hr><gpxtpx:cad>88</gpxtpx:cad><gpxtpx:speed>3.25</gpxtpx:speed><gpxtpx:course>181.0</gpxtpx:course></gpxtpx:TrackPointExtension></extensions></trkpt>
</trkseg></trk>
</gpx>)");
  REQUIRE(acts.size() == 1);
  REQUIRE(acts[0].samples.size() == 1);
  const auto& s = acts[0].samples[0];
  CHECK(val(s.heart_rate_bpm) == 140.0);
  CHECK(val(s.cadence_spm) == 176.0);
  CHECK(val(s.speed_m_per_s) == 3.25);
}

TEST_CASE("GPX: extension prefixes and namespaces do not matter", "[gpx][extensions]") {
  // Each document carries hr 150 and per-leg cadence 90 (-> 180 steps/min) at 06:30:00Z.
  std::string doc;
  SECTION("prefix ns3: (Garmin Connect exports)") {
    doc =
        R"(<gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" version="1.1" creator="Garmin Connect"><trk><trkseg><trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time><extensions><ns3:TrackPointExtension><ns3:hr>150</ns3:hr><ns3:cad>90</ns3:cad></ns3:TrackPointExtension></extensions></trkpt></trkseg></trk></gpx>)";
  }
  SECTION("extension in a default namespace") {
    doc =
        R"(<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="x"><trk><trkseg><trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time><extensions><TrackPointExtension xmlns="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><hr>150</hr><cad>90</cad></TrackPointExtension></extensions></trkpt></trkseg></trk></gpx>)";
  }
  SECTION("no namespace at all") {
    doc =
        R"(<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time><extensions><TrackPointExtension><hr>150</hr><cad>90</cad></TrackPointExtension></extensions></trkpt></trkseg></trk></gpx>)";
  }
  SECTION("an unbound prefix (never declared)") {
    doc =
        R"(<gpx version="1.1" creator="x"><trk><trkseg><trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr><gpxtpx:cad>90</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt></trkseg></trk></gpx>)";
  }
  SECTION("GPX elements themselves under a prefix") {
    doc =
        R"(<g:gpx xmlns:g="http://www.topografix.com/GPX/1/1" version="1.1" creator="x"><g:trk><g:trkseg><g:trkpt lat="1" lon="2"><g:time>2024-05-01T06:30:00Z</g:time><g:extensions><t:TrackPointExtension xmlns:t="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><t:hr>150</t:hr><t:cad>90</t:cad></t:TrackPointExtension></g:extensions></g:trkpt></g:trkseg></g:trk></g:gpx>)";
  }
  SECTION("bare heartrate and cadence directly in extensions (Amazfit style)") {
    doc =
        R"(<gpx version="1.1" creator="Amazfit"><trk><trkseg><trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time><extensions><heartrate>150</heartrate><cadence>90</cadence></extensions></trkpt></trkseg></trk></gpx>)";
  }
  SECTION("bare heartrate directly in trkpt (schema-invalid writers)") {
    doc =
        R"(<gpx version="1.1" creator="x"><trk><trkseg><trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time><heartrate>150</heartrate><cadence>90</cadence></trkpt></trkseg></trk></gpx>)";
  }
  SECTION("Cluetrust gpxdata:hr and gpxdata:cadence") {
    doc =
        R"(<gpx version="1.1" creator="x" xmlns:gpxdata="http://www.cluetrust.com/XML/GPXDATA/1/0"><trk><trkseg><trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time><extensions><gpxdata:hr>150</gpxdata:hr><gpxdata:cadence>90</gpxdata:cadence></extensions></trkpt></trkseg></trk></gpx>)";
  }
  const auto acts = gpx(doc);
  REQUIRE(acts.size() == 1);
  REQUIRE(acts[0].samples.size() == 1);
  const auto& s = acts[0].samples[0];
  CHECK(s.time_ms == t0);
  CHECK(val(s.latitude_deg) == 1.0);
  CHECK(val(s.longitude_deg) == 2.0);
  CHECK(val(s.heart_rate_bpm) == 150.0);
  CHECK(val(s.cadence_spm) == 180.0);
}

TEST_CASE("GPX: gpxdata:distance is the device distance", "[gpx][extensions]") {
  // Counted on from an earlier activity (from 1000 m): the device's total is the last less the
  // first, 11.12 m.
  const auto acts = gpx(
      R"(<gpx version="1.1" creator="x" xmlns:gpxdata="http://www.cluetrust.com/XML/GPXDATA/1/0">
<trk><trkseg>
<trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time><extensions><gpxdata:distance>1000</gpxdata:distance></extensions></trkpt>
<trkpt lat="1.0001" lon="2"><time>2024-05-01T06:30:04Z</time><extensions><gpxdata:distance>1011.12</gpxdata:distance><gpxdata:hr>141</gpxdata:hr></extensions></trkpt>
</trkseg></trk></gpx>)");
  REQUIRE(acts.size() == 1);
  REQUIRE(acts[0].samples.size() == 2);
  CHECK(val(acts[0].samples[0].distance_m) == 1000.0);
  CHECK(val(acts[0].samples[1].distance_m) == 1011.12);
  CHECK(val(acts[0].device_distance_m) == Approx(11.12));
  CHECK(val(acts[0].samples[1].heart_rate_bpm) == 141.0);
  CHECK_FALSE(acts[0].samples[0].heart_rate_bpm);
}

TEST_CASE("GPX: a channel written twice keeps the first value", "[gpx][extensions]") {
  // Amazfit writes the heart rate twice, identically; when they differ the first wins.
  const auto acts = gpx(
      one_segment("<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time><extensions>"
                  "<heartrate>120</heartrate><gpxtpx:TrackPointExtension><gpxtpx:hr>125</gpxtpx:hr>"
                  "</gpxtpx:TrackPointExtension></extensions></trkpt>\n"));
  REQUIRE(acts[0].samples.size() == 1);
  CHECK(val(acts[0].samples[0].heart_rate_bpm) == 120.0);
}

TEST_CASE("GPX: extension elements that are not channels are ignored", "[gpx][extensions]") {
  const auto acts = gpx(one_segment(
      "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time><extensions>"
      "<power>250</power><gpxtpx:TrackPointExtension><gpxtpx:atemp>abc</gpxtpx:atemp>"
      "<gpxtpx:wtemp>12</gpxtpx:wtemp><gpxtpx:depth>1</gpxtpx:depth></gpxtpx:TrackPointExtension>"
      "</extensions><sat>7</sat><hdop>1.2</hdop></trkpt>\n"));
  REQUIRE(acts[0].samples.size() == 1);
  const auto& s = acts[0].samples[0];
  CHECK_FALSE(s.heart_rate_bpm);
  CHECK_FALSE(s.cadence_spm);
  CHECK_FALSE(s.distance_m);
  CHECK_FALSE(s.speed_m_per_s);
  CHECK_FALSE(s.elevation_m);
}

// ---------------------------------------------------------------------------------------------
// Repairs and notes

TEST_CASE("GPX: cadence per leg is doubled, cadence already in steps is kept", "[gpx][notes]") {
  SECTION("per leg: every value in the per-leg range, doubled, cadence_doubled note") {
    const auto acts = gpx(one_segment(
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time><cad>78</cad></trkpt>\n"
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:01Z</time><cad>80</cad></trkpt>\n"
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:02Z</time><cad>82</cad></trkpt>\n"));
    const Activity& a = acts[0];
    REQUIRE(a.samples.size() == 3);
    CHECK(val(a.samples[0].cadence_spm) == 156.0);
    CHECK(val(a.samples[1].cadence_spm) == 160.0);
    CHECK(val(a.samples[2].cadence_spm) == 164.0);
    const Note* n = find_note(a, NoteCode::cadence_doubled);
    REQUIRE(n);
    CHECK(n->count == 3u);
    CHECK(n->first_line == 4u);
    CHECK_FALSE(find_note(a, NoteCode::cadence_as_steps));
  }
  SECTION("already steps: most values above 115 (230 if per leg), kept, cadence_as_steps note") {
    const auto acts = gpx(one_segment(
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time><cad>168</cad></trkpt>\n"
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:01Z</time><cad>170</cad></trkpt>\n"
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:02Z</time><cad>172</cad></trkpt>\n"
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:03Z</time><cad>90</cad></trkpt>\n"));
    const Activity& a = acts[0];
    REQUIRE(a.samples.size() == 4);
    CHECK(val(a.samples[0].cadence_spm) == 168.0);
    CHECK(val(a.samples[1].cadence_spm) == 170.0);
    CHECK(val(a.samples[2].cadence_spm) == 172.0);
    CHECK(val(a.samples[3].cadence_spm) == 90.0);  // a slow walk, in steps too: not doubled
    const Note* n = find_note(a, NoteCode::cadence_as_steps);
    REQUIRE(n);
    CHECK(n->count == 4u);
    CHECK(n->first_line == 4u);
    CHECK_THAT(n->message, Contains("steps/min"));
    CHECK_FALSE(find_note(a, NoteCode::cadence_doubled));
  }
  SECTION("a ride's cadence (pedal rpm) is kept as written, without a note") {
    std::string ride = one_segment(
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time><cad>85</cad></trkpt>\n"
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:01Z</time><cad>90</cad></trkpt>\n");
    ride.replace(ride.find("<trk>"), 5, "<trk><type>cycling</type>");
    const auto acts = gpx(ride);
    const Activity& a = acts[0];
    REQUIRE(a.sport == Sport::cycling);
    REQUIRE(a.samples.size() == 2);
    CHECK(val(a.samples[0].cadence_spm) == 85.0);
    CHECK(val(a.samples[1].cadence_spm) == 90.0);
    CHECK_FALSE(find_note(a, NoteCode::cadence_doubled));
    CHECK_FALSE(find_note(a, NoteCode::cadence_as_steps));
  }
  SECTION("cadence 0 is no steps where the file counts steps, else absent; without a note") {
    const auto none = gpx(one_segment(
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time><cad>0</cad></trkpt>\n"
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:01Z</time><cad>0</cad></trkpt>\n"));
    REQUIRE(none[0].samples.size() == 2);
    CHECK_FALSE(none[0].samples[0].cadence_spm);  // no sensor paired: zeros throughout
    const auto acts = gpx(one_segment(
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time><cad>0</cad></trkpt>\n"
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:01Z</time><cad>85</cad></trkpt>\n"));
    const Activity& a = acts[0];
    REQUIRE(a.samples.size() == 2);
    CHECK(val(a.samples[0].cadence_spm) == 0.0);  // standing
    CHECK(val(a.samples[1].cadence_spm) == 170.0);
    const Note* n = find_note(a, NoteCode::cadence_doubled);
    REQUIRE(n);
    CHECK(n->count == 1u);
    CHECK(n->first_line == 5u);
  }
  SECTION("a per-leg value that doubles above 300 steps/min is removed") {
    // One value in 12 above 115 is a glitch of a per-leg file: 160 -> 320 steps/min.
    std::string points;
    for (int i = 0; i < 12; ++i)
      points +=
          "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:" + std::string(i < 10 ? "0" : "") +
          std::to_string(i) + "Z</time><cad>" + (i == 11 ? "160" : "82") + "</cad></trkpt>\n";
    const auto acts = gpx(one_segment(points));
    const Activity& a = acts[0];
    REQUIRE(a.samples.size() == 12);
    CHECK(val(a.samples[0].cadence_spm) == 164.0);
    CHECK_FALSE(a.samples[11].cadence_spm);
    const Note* n = find_note(a, NoteCode::cadence_invalid);
    REQUIRE(n);
    CHECK(n->count == 1u);
    const Note* d = find_note(a, NoteCode::cadence_doubled);
    REQUIRE(d);
    CHECK(d->count == 11u);
  }
  // Runalyze #1679: a treadmill walk-run in steps whose median (119) is under any one
  // threshold's 120, and a walk in steps, are not doubled.
  SECTION("a walk-run in steps with a median of 119 is kept as written") {
    const int cadences[] = {112, 114, 116, 118, 119, 119, 119, 150, 160, 164, 166};
    std::string points;
    for (int i = 0; i < 11; ++i)
      points +=
          "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:" + std::string(i < 10 ? "0" : "") +
          std::to_string(i) + "Z</time><cad>" + std::to_string(cadences[i]) + "</cad></trkpt>\n";
    const auto acts = gpx(one_segment(points));
    const Activity& a = acts[0];
    REQUIRE(a.samples.size() == 11);
    CHECK(val(a.samples[4].cadence_spm) == 119.0);
    CHECK(val(a.samples[10].cadence_spm) == 166.0);
    CHECK(find_note(a, NoteCode::cadence_as_steps));
  }
  SECTION("a walk (the file's type) at 100-110 is in steps, a walk at 50-60 per leg") {
    const auto walk = [&](int c) {
      std::string points;
      for (int i = 0; i < 5; ++i)
        points += "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:0" + std::to_string(i) +
                  "Z</time><cad>" + std::to_string(c + i) + "</cad></trkpt>\n";
      std::string doc = one_segment(points);
      doc.replace(doc.find("<trk>"), 5, "<trk><type>walking</type>");
      return gpx(doc)[0];
    };
    CHECK(val(walk(104).samples[2].cadence_spm) == 106.0);
    CHECK(val(walk(54).samples[2].cadence_spm) == 112.0);
  }
}

TEST_CASE("GPX: heart rate 0 and 255 are removed with a heart_rate_invalid note", "[gpx][notes]") {
  const auto acts = gpx(one_segment(
      "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time><hr>130</hr></trkpt>\n"
      "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:01Z</time><hr>0</hr></trkpt>\n"
      "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:02Z</time><hr>255</hr></trkpt>\n"
      "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:03Z</time><hr>25</hr></trkpt>\n"
      "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:04Z</time><hr>250</hr></trkpt>\n"));
  const Activity& a = acts[0];
  REQUIRE(a.samples.size() == 5);  // the samples stay; only the value goes
  CHECK(val(a.samples[0].heart_rate_bpm) == 130.0);
  CHECK_FALSE(a.samples[1].heart_rate_bpm);
  CHECK_FALSE(a.samples[2].heart_rate_bpm);
  CHECK(val(a.samples[3].heart_rate_bpm) == 25.0);  // the limits are inside the range
  CHECK(val(a.samples[4].heart_rate_bpm) == 250.0);
  REQUIRE(a.notes.size() == 1);
  CHECK(a.notes[0].code == NoteCode::heart_rate_invalid);
  CHECK(a.notes[0].count == 2u);
  CHECK(a.notes[0].first_line == 5u);
  CHECK(a.notes[0].message == "2 heart rates outside 25..250 bpm removed");
}

TEST_CASE("GPX: elevation -19999 is removed with an elevation_invalid note", "[gpx][notes]") {
  const auto acts = gpx(one_segment(
      "<trkpt lat=\"1\" lon=\"2\"><ele>2.5</ele><time>2024-05-01T06:30:00Z</time></trkpt>\n"
      "<trkpt lat=\"1\" lon=\"2\"><ele>-19999</ele><time>2024-05-01T06:30:01Z</time></trkpt>\n"
      "<trkpt lat=\"1\" lon=\"2\"><ele>0</ele><time>2024-05-01T06:30:02Z</time></trkpt>\n"
      "<trkpt lat=\"1\" lon=\"2\"><ele>-430</ele><time>2024-05-01T06:30:03Z</time></trkpt>\n"
      "<trkpt lat=\"1\" lon=\"2\"><ele>-500</ele><time>2024-05-01T06:30:04Z</time></trkpt>\n"));
  const Activity& a = acts[0];
  REQUIRE(a.samples.size() == 5);
  CHECK(val(a.samples[0].elevation_m) == 2.5);
  CHECK_FALSE(a.samples[1].elevation_m);
  CHECK(val(a.samples[2].elevation_m) == 0.0);     // sea level after 2.5 m is a real reading
  CHECK(val(a.samples[3].elevation_m) == -430.0);  // Dead Sea shore
  CHECK_FALSE(a.samples[4].elevation_m);           // FIT's raw altitude 0, "no altitude"
  REQUIRE(a.notes.size() == 1);
  CHECK(a.notes[0].code == NoteCode::elevation_invalid);
  CHECK(a.notes[0].count == 2u);
  CHECK(a.notes[0].first_line == 5u);
  CHECK(a.notes[0].message == "2 elevations at or below -500 m or above 9000 m removed");
}

TEST_CASE("GPX: elevations of exactly 0 that stand for none are removed with a note",
          "[gpx][notes]") {
  const auto track = [](std::initializer_list<const char*> elevations) {
    std::string points;
    int s = 0;
    for (const char* e : elevations) {
      points += std::string("<trkpt lat=\"1\" lon=\"2\"><ele>") + e +
                "</ele><time>2024-05-01T06:30:0" + std::to_string(s) + "Z</time></trkpt>\n";
      ++s;
    }
    return gpx(one_segment(points))[0];
  };
  SECTION("every elevation 0: none, not a flat run at sea level") {
    const Activity a = track({"0", "0.0", "0", "0"});
    CHECK_FALSE(channels(a).elevation);
    REQUIRE(a.notes.size() == 1);
    CHECK(a.notes[0].code == NoteCode::elevation_zero);
    CHECK(a.notes[0].count == 4u);
  }
  SECTION("0 before the first fix of a track at 700 m: removed, not a 700 m climb") {
    const Activity a = track({"0", "0", "707.2", "707.8", "708.1", "706.9"});
    CHECK_FALSE(a.samples[0].elevation_m);
    CHECK_FALSE(a.samples[1].elevation_m);
    CHECK(val(a.samples[2].elevation_m) == 707.2);
    REQUIRE(a.notes.size() == 1);
    CHECK(a.notes[0].count == 2u);
  }
  SECTION("a dropout to 0 on a run at 30 m: removed, not two 30 m climbs") {
    const Activity a = track({"30.2", "30.4", "0", "30.1", "30.0"});
    CHECK_FALSE(a.samples[2].elevation_m);
    CHECK(val(a.samples[3].elevation_m) == 30.1);
    REQUIRE(a.notes.size() == 1);
    CHECK(a.notes[0].count == 1u);
  }
  SECTION("0 on a beach among readings of a few metres: a reading, kept") {
    const Activity a = track({"1.5", "0", "-0.5", "2.1", "0"});
    CHECK(val(a.samples[1].elevation_m) == 0.0);
    CHECK(val(a.samples[4].elevation_m) == 0.0);
    CHECK(a.notes.empty());
  }
}

TEST_CASE("GPX: numbers beyond a double's range are read as infinity or zero", "[gpx][notes]") {
  // As "inf" is: an elevation of 1e400 is removed with a note, not a reason to refuse the file;
  // a latitude of 1e-400 is 0 (in range), one of 1e400 is not a finite number.
  const auto acts = gpx(one_segment(
      "<trkpt lat=\"1e-400\" lon=\"2\"><ele>1e400</ele><time>2024-05-01T06:30:00Z</time>"
      "</trkpt>\n"
      "<trkpt lat=\"1\" lon=\"2\"><ele>12.5</ele><time>2024-05-01T06:30:01Z</time></trkpt>\n"));
  const Activity& a = acts[0];
  REQUIRE(a.samples.size() == 2);
  CHECK(val(a.samples[0].latitude_deg) == 0.0);
  CHECK_FALSE(a.samples[0].elevation_m);
  REQUIRE(a.notes.size() == 1);
  CHECK(a.notes[0].code == NoteCode::elevation_invalid);
  const auto e = gpx_error(
      one_segment("<trkpt lat=\"1e400\" lon=\"2\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"));
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::bad_number);
  CHECK(e->detail() == "latitude is not a finite number: '1e400'");
}

TEST_CASE("GPX: a position at exactly (0, 0) is null island", "[gpx][notes]") {
  SECTION("in a track with positions the point is placed between the fixes about it") {
    const auto acts = gpx(one_segment(
        "<trkpt lat=\"45.0\" lon=\"7.0\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"
        "<trkpt lat=\"0\" lon=\"0\"><time>2024-05-01T06:30:01Z</time></trkpt>\n"
        "<trkpt lat=\"45.0001\" lon=\"7.0001\"><time>2024-05-01T06:30:02Z</time></trkpt>\n"));
    const Activity& a = acts[0];
    CHECK(a.trackpoints == 3u);
    REQUIRE(a.samples.size() == 3);
    CHECK(a.samples[0].time_ms == t0);
    // Half way in time, half way between the fixes.
    CHECK(a.samples[1].position_interpolated);
    CHECK(val(a.samples[1].latitude_deg) == Approx(45.00005));
    CHECK(val(a.samples[1].longitude_deg) == Approx(7.00005));
    CHECK(a.samples[2].time_ms == t0 + 2 * s_ms);
    REQUIRE(a.notes.size() == 2);  // not also no_position
    CHECK(a.notes[0].code == NoteCode::null_island);
    CHECK(a.notes[0].count == 1u);
    CHECK(a.notes[0].first_line == 5u);
    CHECK(a.notes[1].code == NoteCode::between_fixes);
  }
  SECTION("0 on one axis only is a real position") {
    const auto acts = gpx(one_segment(
        "<trkpt lat=\"0\" lon=\"7.0\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"
        "<trkpt lat=\"51.4779\" lon=\"0\"><time>2024-05-01T06:30:01Z</time></trkpt>\n"));
    const Activity& a = acts[0];
    REQUIRE(a.samples.size() == 2);
    CHECK(val(a.samples[0].latitude_deg) == 0.0);
    CHECK(val(a.samples[1].longitude_deg) == 0.0);
    CHECK(a.notes.empty());
  }
  SECTION("a track all at (0, 0) keeps its timed samples without position") {
    const auto acts = gpx(one_segment(
        "<trkpt lat=\"0\" lon=\"0\"><time>2024-05-01T06:30:00Z</time><hr>120</hr></trkpt>\n"
        "<trkpt lat=\"0.0\" lon=\"-0.0\"><time>2024-05-01T06:30:01Z</time><hr>121</hr></trkpt>\n"));
    const Activity& a = acts[0];
    REQUIRE(a.samples.size() == 2);
    CHECK_FALSE(a.samples[0].has_position());
    CHECK_FALSE(a.samples[1].has_position());
    CHECK(val(a.samples[1].heart_rate_bpm) == 121.0);
    const Note* n = find_note(a, NoteCode::null_island);
    REQUIRE(n);
    CHECK(n->count == 2u);
    CHECK(n->first_line == 4u);
  }
}

TEST_CASE("GPX: duplicate and backwards times are dropped with notes", "[gpx][notes]") {
  const auto acts = gpx(one_segment(
      "<trkpt lat=\"1.0\" lon=\"2.0\"><time>2024-05-01T06:30:00Z</time><hr>120</hr></trkpt>\n"
      "<trkpt lat=\"1.1\" lon=\"2.1\"><time>2024-05-01T06:30:01Z</time><hr>121</hr></trkpt>\n"
      "<trkpt lat=\"1.2\" lon=\"2.2\"><time>2024-05-01T06:30:01Z</time><hr>122</hr></trkpt>\n"
      "<trkpt lat=\"1.3\" lon=\"2.3\"><time>2024-05-01T06:29:59Z</time><hr>123</hr></trkpt>\n"
      "<trkpt lat=\"1.4\" lon=\"2.4\"><time>2024-05-01T06:30:02Z</time><hr>124</hr></trkpt>\n"
      "<trkpt lat=\"1.5\" lon=\"2.5\"><time>2024-05-01T06:30:00Z</time><hr>125</hr></trkpt>\n"
      "<trkpt lat=\"1.6\" lon=\"2.6\"><time>2024-05-01T06:30:02Z</time><hr>126</hr></trkpt>\n"
      "<trkpt lat=\"1.7\" "
      "lon=\"2.7\"><time>2024-05-01T06:30:02.500Z</time><hr>127</hr></trkpt>\n"));
  const Activity& a = acts[0];
  CHECK(a.trackpoints == 8u);
  REQUIRE(a.samples.size() == 4);
  // The first of equal times is kept; every point not later than the last kept one goes.
  CHECK(val(a.samples[0].heart_rate_bpm) == 120.0);
  CHECK(val(a.samples[1].heart_rate_bpm) == 121.0);
  CHECK(val(a.samples[1].latitude_deg) == 1.1);
  CHECK(val(a.samples[2].heart_rate_bpm) == 124.0);
  CHECK(val(a.samples[3].heart_rate_bpm) == 127.0);
  CHECK(a.samples[3].time_ms == t0 + 2500);
  REQUIRE(a.notes.size() == 2);
  // Notes come in NoteCode order: duplicate_time before time_backwards.
  CHECK(a.notes[0].code == NoteCode::duplicate_time);
  CHECK(a.notes[0].count == 2u);  // lines 6 and 10
  CHECK(a.notes[0].first_line == 6u);
  CHECK(a.notes[0].message == "2 trackpoints repeating the previous time dropped");
  CHECK(a.notes[1].code == NoteCode::time_backwards);
  CHECK(a.notes[1].count == 2u);  // lines 7 and 9
  CHECK(a.notes[1].first_line == 7u);
  CHECK(a.notes[1].message == "2 trackpoints out of time order dropped");
}

namespace {

// "2024-05-01T06:MM:SSZ" for @p s seconds after 06:30:00 (s < 1800).
std::string at_second(int s) {
  char text[32];
  std::snprintf(text, sizeof text, "2024-05-01T06:%02d:%02dZ", 30 + s / 60, s % 60);
  return text;
}

// A trackpoint at second @p s, at latitude 1 + @p fix * 1e-5, with heart rate @p hr if above 0.
std::string trkpt_at(int s, int fix, int hr) {
  const std::string lat = std::to_string(1 + fix * 1e-5);
  return "<trkpt lat=\"" + lat + "\" lon=\"2\"><time>" + at_second(s) + "</time>" +
         (hr > 0 ? "<hr>" + std::to_string(hr) + "</hr>" : "") + "</trkpt>\n";
}

}  // namespace

TEST_CASE(
    "GPX: trackpoints a writer jitters back in time are put in order, a clock set back "
    "is not",
    "[gpx][notes]") {
  SECTION("heart rate written a second late, again and again (Sports Tracker): kept, in order") {
    // A fix every 2 s without heart rate; after it, the heart rate of the second before, with
    // the fix before's position (late), and of the fix's own second, with its position (merged
    // into the fix). Heart rate at second s: 100 + s % 50.
    std::string points;
    for (int m = 0; m < 100; ++m) {
      points += trkpt_at(2 * m, 2 * m, 0);
      if (m > 0) points += trkpt_at(2 * m - 1, 2 * m - 2, 100 + (2 * m - 1) % 50);
      points += trkpt_at(2 * m, 2 * m, 100 + (2 * m) % 50);
    }
    const Activity a = gpx(one_segment(points))[0];
    REQUIRE(a.samples.size() == 199u);  // seconds 0 .. 198
    for (std::size_t i = 0; i < a.samples.size(); ++i) {
      CHECK(a.samples[i].time_ms == t0 + static_cast<std::int64_t>(i) * s_ms);
      CHECK(val(a.samples[i].heart_rate_bpm) == 100.0 + static_cast<double>(i % 50));
    }
    const Note* reordered = find_note(a, NoteCode::reordered);
    REQUIRE(reordered);
    CHECK(reordered->count == 99u);
    CHECK(reordered->first_line == 7u);  // the first late point: the 4th line of the trkpts
    CHECK_FALSE(find_note(a, NoteCode::time_backwards));
  }
  SECTION("a clock set back 20 s once: the points up to where it was are dropped, as before") {
    // Seconds 0 .. 99, then the clock reads 80 again and goes on to 199.
    std::string points;
    for (int s = 0; s < 100; ++s) points += trkpt_at(s, s, 120);
    for (int s = 80; s < 200; ++s) points += trkpt_at(s, s + 20, 120);
    const Activity a = gpx(one_segment(points))[0];
    CHECK(a.samples.size() == 200u);  // seconds 0 .. 199, once each
    CHECK_FALSE(find_note(a, NoteCode::reordered));
    const Note* backwards = find_note(a, NoteCode::time_backwards);
    REQUIRE(backwards);
    CHECK(backwards->count == 19u);  // seconds 80 .. 98 again
    const Note* repeated = find_note(a, NoteCode::duplicate_time);
    REQUIRE(repeated);
    CHECK(repeated->count == 1u);  // second 99 again
  }
}

TEST_CASE("GPX: a stretch days from the run is dropped only when few, short and still points",
          "[gpx][notes]") {
  // Seconds [from, to) of 2024-05-DD from 06:30:00, moving north at @p speed m/s from 1 N.
  const auto stretch = [](int day, int from, int to, double speed) {
    std::string points;
    for (int s = from; s < to; ++s) {
      char time[32];
      std::snprintf(time, sizeof time, "2024-05-%02dT06:%02d:%02dZ", day, 30 + s / 60, s % 60);
      points += "<trkpt lat=\"" + std::to_string(1 + s * speed / 111'195) + "\" lon=\"2\"><time>" +
                time + "</time></trkpt>\n";
    }
    return points;
  };
  const std::string run = stretch(2, 0, 1000, 3);  // 3 km on 2 May
  SECTION("40 s standing the day before (3.8 % of the points): dropped, the run dated by itself") {
    const Activity a = gpx(one_segment(stretch(1, 0, 40, 0) + run))[0];
    REQUIRE(a.samples.size() == 1000u);
    CHECK(a.start_time_ms() == a.samples.front().time_ms);
    CHECK(runaudit::format_rfc3339(a.samples.front().time_ms) == "2024-05-02T06:30:00Z");
    const Note* stray = find_note(a, NoteCode::stray_fragment);
    REQUIRE(stray);
    CHECK(stray->count == 40u);
  }
  SECTION("40 s at 3 m/s the day before (120 m): a walk, kept") {
    const Activity a = gpx(one_segment(stretch(1, 0, 40, 3) + run))[0];
    CHECK(a.samples.size() == 1040u);
    CHECK_FALSE(find_note(a, NoteCode::stray_fragment));
  }
  SECTION("21 stretches of 3 points a day apart: together all of it, kept") {
    std::string points;
    for (int day = 1; day <= 21; ++day) points += stretch(day, 0, 3, 0);
    const Activity a = gpx(one_segment(points))[0];
    CHECK(a.samples.size() == 63u);
    CHECK_FALSE(find_note(a, NoteCode::stray_fragment));
  }
  SECTION("4 stretches of 20 s standing a day apart, before the run: 7.4 % together, kept") {
    std::string points;
    for (int day = 3; day <= 6; ++day) points += stretch(day - 2, 0, 20, 0);
    const Activity a = gpx(one_segment(points + stretch(7, 0, 1000, 3)))[0];
    CHECK(a.samples.size() == 1080u);
  }
}

TEST_CASE("GPX: an altitude spike is removed, a steep climb and a level shift are kept",
          "[gpx][notes]") {
  // 1 Hz; elevation as given per second.
  const auto track = [](const std::function<double(int)>& elevation, int seconds) {
    std::string points;
    for (int s = 0; s < seconds; ++s)
      points += "<trkpt lat=\"" + std::to_string(1 + s * 3e-5) + "\" lon=\"2\"><ele>" +
                std::to_string(elevation(s)) + "</ele><time>" + at_second(s) + "</time></trkpt>\n";
    return gpx(one_segment(points))[0];
  };
  SECTION("35 m up for 6 s and back to 2.6 m above (a Strava app FIT's): the 6 removed") {
    const Activity a = track([](int s) { return s < 50 ? 195.6 : s < 56 ? 230.8 : 198.2; }, 100);
    for (std::size_t i = 0; i < a.samples.size(); ++i)
      CHECK(a.samples[i].elevation_m.has_value() == (i < 50 || i >= 56));
    const Note* spike = find_note(a, NoteCode::elevation_spike);
    REQUIRE(spike);
    CHECK(spike->count == 6u);
    CHECK(spike->first_line == 54u);  // the trkpt of second 50, from line 4
  }
  SECTION(
      "a file starting inside a spike, +30 m for 2 s every 20 s: the spikes go, the level "
      "stays") {
    const Activity a = track([](int s) { return s % 20 < 2 ? 430.0 : 400.0; }, 400);
    for (std::size_t i = 0; i < a.samples.size(); ++i)
      CHECK(a.samples[i].elevation_m.has_value() == (i % 20 >= 2));
  }
  SECTION("one reading 60 m off at the start and at the end: removed") {
    const Activity a =
        track([](int s) { return s == 0 || s == 299 ? 160.0 : 100.0 + s * 0.01; }, 300);
    CHECK_FALSE(a.samples.front().elevation_m);
    CHECK_FALSE(a.samples.back().elevation_m);
    const Note* spike = find_note(a, NoteCode::elevation_spike);
    REQUIRE(spike);
    CHECK(spike->count == 2u);
  }
  SECTION("back in steps within a minute: removed up to where it is back") {
    // 22 m up in 1 s, then down 9 m/s for 2 s and 2 m/s after, to within 5.5 m of 176 m.
    const Activity a = track(
        [](int s) {
          return s < 50    ? 176.0
                 : s == 50 ? 198.0
                 : s == 51 ? 189.0
                           : std::max(176.0, 180.0 - 2 * (s - 52));
        },
        100);
    const Note* spike = find_note(a, NoteCode::elevation_spike);
    REQUIRE(spike);
    CHECK(spike->count == 2u);  // 198 and 189 m; 180 m is back within max(5, 22 / 4) m
  }
  SECTION(
      "a vertical kilometre's climb at 1 m/s, a 15 m step that stays or comes back slowly: "
      "kept") {
    const Activity climb = track([](int s) { return 1000.0 + s; }, 100);
    CHECK_FALSE(find_note(climb, NoteCode::elevation_spike));
    // (After the first minute: a step within it leaves a start that is the spike.)
    const Activity shift = track([](int s) { return s < 100 ? 100.0 : 115.0; }, 300);
    CHECK_FALSE(find_note(shift, NoteCode::elevation_spike));
    // 10 m in 1 s and back 70 s later: too long for a spike.
    const Activity hold = track([](int s) { return s >= 100 && s < 170 ? 110.0 : 100.0; }, 300);
    CHECK_FALSE(find_note(hold, NoteCode::elevation_spike));
    // 20 m in 1 s, then back at 1 m/s (a GPS altitude settling): which level is right is not
    // known.
    const Activity settling =
        track([](int s) { return s < 100 ? 100.0 : std::max(100.0, 120.0 - (s - 100)); }, 300);
    CHECK_FALSE(find_note(settling, NoteCode::elevation_spike));
  }
}

TEST_CASE("GPX: trackpoints at one time are merged, unless their positions differ",
          "[gpx][notes]") {
  const auto acts = gpx(one_segment(
      // 0 s: a position, then heart rate and elevation alone: one sample.
      "<trkpt lat=\"1.0\" lon=\"2.0\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"
      "<trkpt><time>2024-05-01T06:30:00Z</time><ele>100</ele><hr>120</hr></trkpt>\n"
      // 1 s: two different positions: the second is dropped as a duplicate.
      "<trkpt lat=\"1.1\" lon=\"2.1\"><time>2024-05-01T06:30:01Z</time><hr>121</hr></trkpt>\n"
      "<trkpt lat=\"1.5\" lon=\"2.5\"><time>2024-05-01T06:30:01Z</time><ele>9</ele></trkpt>\n"
      // 2 s: the same position, elevation written twice differently, heart rate added.
      "<trkpt lat=\"1.2\" lon=\"2.2\"><time>2024-05-01T06:30:02Z</time><ele>102</ele></trkpt>\n"
      "<trkpt lat=\"1.2\" lon=\"2.2\"><time>2024-05-01T06:30:02Z</time><ele>103</ele>"
      "<hr>122</hr></trkpt>\n"
      // 3 s: a repeat adding nothing: dropped as a duplicate.
      "<trkpt lat=\"1.3\" lon=\"2.3\"><time>2024-05-01T06:30:03Z</time><hr>123</hr></trkpt>\n"
      "<trkpt lat=\"1.3\" lon=\"2.3\"><time>2024-05-01T06:30:03Z</time><hr>123</hr></trkpt>\n"));
  const Activity& a = acts[0];
  CHECK(a.trackpoints == 8u);
  REQUIRE(a.samples.size() == 4);
  CHECK(val(a.samples[0].latitude_deg) == 1.0);
  CHECK(val(a.samples[0].elevation_m) == 100.0);
  CHECK(val(a.samples[0].heart_rate_bpm) == 120.0);
  CHECK(val(a.samples[1].latitude_deg) == 1.1);
  CHECK_FALSE(a.samples[1].elevation_m);
  CHECK(val(a.samples[2].elevation_m) == 102.0);
  CHECK(val(a.samples[2].heart_rate_bpm) == 122.0);
  CHECK(a.samples[3].time_ms == t0 + 3 * s_ms);
  const Note* merged = find_note(a, NoteCode::merged_time);
  REQUIRE(merged);
  CHECK(merged->count == 2u);  // lines 5 and 9
  CHECK(merged->first_line == 5u);
  const Note* conflict = find_note(a, NoteCode::conflicting_value);
  REQUIRE(conflict);
  CHECK(conflict->count == 1u);
  CHECK(conflict->first_line == 9u);
  const Note* duplicate = find_note(a, NoteCode::duplicate_time);
  REQUIRE(duplicate);
  CHECK(duplicate->count == 2u);  // lines 7 and 11
  CHECK(duplicate->first_line == 7u);
  CHECK_FALSE(find_note(a, NoteCode::no_position));
}

TEST_CASE("GPX: GPSBabel's 'no time' 1901-12-13T20:45:52Z is no time", "[gpx][notes]") {
  // Unix time -2^31 s, the smallest 32-bit time_t, with or without a fraction of a second.
  const auto acts = gpx(
      one_segment("<trkpt lat=\"1\" lon=\"2\"><time>1901-12-13T20:45:52.2073437Z</time></trkpt>\n"
                  "<trkpt lat=\"1\" lon=\"2\"><time>1901-12-13T20:45:52Z</time></trkpt>\n"
                  "<trkpt lat=\"1\" lon=\"2\"><time>1901-12-13T20:45:53Z</time></trkpt>\n"
                  "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"));
  const Activity& a = acts[0];
  REQUIRE(a.samples.size() == 2);
  CHECK(a.samples[0].time_ms == -2'147'483'647'000);  // a second later is a time
  CHECK(a.samples[1].time_ms == t0);
  const Note* n = find_note(a, NoteCode::no_time);
  REQUIRE(n);
  CHECK(n->count == 2u);
}

TEST_CASE("GPX: a recording dated before GPS time began is undated, its durations kept",
          "[gpx][notes]") {
  // A logger that never set its clock counts from Unix time 0: 10 min after power-on, 2 s apart.
  const auto unset = gpx(
      one_segment("<trkpt lat=\"1\" lon=\"2\"><time>1970-01-01T00:10:00Z</time></trkpt>\n"
                  "<trkpt lat=\"1.00001\" lon=\"2\"><time>1970-01-01T00:10:02Z</time></trkpt>\n"
                  "<trkpt lat=\"1.00002\" lon=\"2\"><time>1970-01-01T00:10:04Z</time></trkpt>\n"));
  const Activity& a = unset[0];
  CHECK_FALSE(a.start_time_known);
  REQUIRE(a.samples.size() == 3u);
  CHECK(a.samples[2].time_ms - a.samples[0].time_ms == 4 * s_ms);
  const Note* n = find_note(a, NoteCode::relative_time);
  REQUIRE(n);
  CHECK(n->count == 3u);
  CHECK_THAT(n->message, Contains("1970-01-01") && Contains("clock was not set"));
  // GPS time's first day (1980-01-06, IS-GPS-200) is a date a GPS receiver can give.
  const auto set = gpx(
      one_segment("<trkpt lat=\"1\" lon=\"2\"><time>1980-01-06T00:00:00Z</time></trkpt>\n"
                  "<trkpt lat=\"1.00001\" lon=\"2\"><time>1980-01-06T00:00:02Z</time></trkpt>\n"));
  CHECK(set[0].start_time_known);
  CHECK_FALSE(find_note(set[0], NoteCode::relative_time));
}

TEST_CASE("GPX: timestamps without a zone are taken as UTC with a note", "[gpx][notes]") {
  const auto acts =
      gpx(one_segment("<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"
                      "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:01</time></trkpt>\n"
                      "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:02.5</time></trkpt>\n"));
  const Activity& a = acts[0];
  REQUIRE(a.samples.size() == 3);
  CHECK(a.samples[1].time_ms == t0 + 1 * s_ms);
  CHECK(a.samples[2].time_ms == t0 + 2500);
  REQUIRE(a.notes.size() == 1);
  CHECK(a.notes[0].code == NoteCode::no_time_zone);
  CHECK(a.notes[0].count == 2u);
  CHECK(a.notes[0].first_line == 5u);
  CHECK(a.notes[0].message == "2 timestamps without time zone taken as UTC");
}

TEST_CASE("GPX: offsets are converted to UTC", "[gpx]") {
  const auto acts = gpx(
      one_segment("<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T08:30:00+02:00</time></trkpt>\n"
                  "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T01:30:01-05:00</time></trkpt>\n"));
  REQUIRE(acts[0].samples.size() == 2);
  CHECK(acts[0].samples[0].time_ms == t0);
  CHECK(acts[0].samples[1].time_ms == t0 + s_ms);
  CHECK(acts[0].notes.empty());
}

TEST_CASE("GPX: a trackpoint without time is dropped with a note", "[gpx][notes]") {
  const auto acts =
      gpx(one_segment("<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"
                      "<trkpt lat=\"1\" lon=\"2\"><ele>5</ele></trkpt>\n"
                      "<trkpt lat=\"1\" lon=\"2\"><time>   </time></trkpt>\n"
                      "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:01Z</time></trkpt>\n"));
  const Activity& a = acts[0];
  CHECK(a.trackpoints == 4u);
  REQUIRE(a.samples.size() == 2);
  REQUIRE(a.notes.size() == 1);
  CHECK(a.notes[0].code == NoteCode::no_time);
  CHECK(a.notes[0].count == 2u);
  CHECK(a.notes[0].first_line == 5u);
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST_CASE("GPX: My Tracks' pause and resume markers (latitude 100, 200) are a pause", "[gpx]") {
  const auto acts = gpx(
      one_segment("<trkpt lat=\"3\" lon=\"14\"><time>2021-01-07T21:52:00Z</time></trkpt>\n"
                  "<trkpt lat=\"3\" lon=\"14.001\"><time>2021-01-07T21:52:01Z</time></trkpt>\n"
                  "<trkpt lat=\"100\" lon=\"0\"><time>2021-01-07T21:52:02Z</time></trkpt>\n"
                  "<trkpt lat=\"200\" lon=\"0\"><time>2021-01-07T21:55:00Z</time></trkpt>\n"
                  "<trkpt lat=\"3\" lon=\"14.002\"><time>2021-01-07T21:55:01Z</time></trkpt>\n"));
  REQUIRE(acts.size() == 1);
  const Activity& a = acts[0];
  REQUIRE(a.samples.size() == 3);
  CHECK(val(a.samples[2].longitude_deg) == 14.002);
  CHECK(a.segment_starts == std::vector<std::size_t>{0, 2});  // the pause starts a segment
  CHECK(a.notes.empty());
  // Any other latitude beyond ±90 is still an error (below).
}

TEST_CASE("GPX: latitude 91 is out_of_range at its trkpt", "[gpx][errors]") {
  const auto e = gpx_error(R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t">
<trk><trkseg>
<trkpt lat="45.0" lon="7.0"><time>2024-05-01T06:30:00Z</time></trkpt>
  <trkpt lat="91" lon="7.0"><time>2024-05-01T06:30:01Z</time></trkpt>
</trkseg></trk>
</gpx>)",
                           "lat.gpx");
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::out_of_range);
  CHECK(e->where().file == "lat.gpx");
  CHECK(e->where().line == 5u);
  CHECK(e->where().column == 3u);
  CHECK_THAT(e->detail(), Contains("latitude 91 outside -90..90"));  // as written
  CHECK_THAT(std::string(e->what()), Contains("lat.gpx:5:3: out_of_range: latitude 91"));
}

TEST_CASE("GPX: other coordinates out of range", "[gpx][errors]") {
  SECTION("latitude -90.5") {
    const auto e = gpx_error(one_segment("<trkpt lat=\"-90.5\" lon=\"0.5\"/>\n"));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::out_of_range);
    CHECK(e->where().line == 4u);
    CHECK(e->where().column == 1u);
    CHECK_THAT(e->detail(), Contains("latitude -90.5"));
  }
  SECTION("longitude 180.5") {
    const auto e = gpx_error(one_segment("<trkpt lat=\"1\" lon=\"180.5\"/>\n"));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::out_of_range);
    CHECK(e->where().line == 4u);
    CHECK_THAT(e->detail(), Contains("longitude 180.5 outside -180..180"));
    CHECK_THAT(e->detail(), Contains("-180..180"));
  }
}

TEST_CASE("GPX: lat=\"abc\" is bad_number with line and column", "[gpx][errors]") {
  const auto e = gpx_error(R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t">
<trk>
  <trkseg>
    <trkpt lat="abc" lon="7.0"><time>2024-05-01T06:30:00Z</time></trkpt>
  </trkseg>
</trk>
</gpx>)");
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::bad_number);
  CHECK(e->where().line == 5u);
  CHECK(e->where().column == 5u);
  CHECK(e->detail() == "latitude is not a number: 'abc'");
  CHECK(std::string(e->what()) == "test.gpx:5:5: bad_number: latitude is not a number: 'abc'");
}

TEST_CASE("GPX: a decimal comma is bad_number", "[gpx][errors]") {
  SECTION("in ele") {
    const auto e = gpx_error(one_segment(
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"
        "<trkpt lat=\"1\" lon=\"2\"><ele>12,5</ele><time>2024-05-01T06:30:01Z</time></trkpt>\n"));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_number);
    CHECK(e->where().line == 5u);
    CHECK(e->where().column == 24u);  // `<trkpt lat="1" lon="2">` is 23 bytes
    CHECK(e->detail() == "elevation is not a number: '12,5'");
  }
  SECTION("in lon") {
    const auto e = gpx_error(one_segment("<trkpt lat=\"1.5\" lon=\"12,5\"/>\n"));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_number);
    CHECK(e->where().line == 4u);
    CHECK(e->where().column == 1u);
    CHECK(e->detail() == "longitude is not a number: '12,5'");
  }
  SECTION("in a heart rate extension") {
    const auto e = gpx_error(one_segment(
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time><extensions><gpxtpx:"
        "TrackPointExtension><gpxtpx:hr>1 20</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>"
        "</trkpt>\n"));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_number);
    CHECK(e->where().line == 4u);
    CHECK(e->detail() == "heart rate is not a number: '1 20'");
  }
}

TEST_CASE("GPX: numbers are checked strictly", "[gpx][errors]") {
  SECTION("white space around a number and a leading + are accepted") {
    const auto acts =
        gpx(one_segment("<trkpt lat=\" 45.5 \" lon=\"+7.25\"><ele>\n  12.5\n</ele>"
                        "<time> 2024-05-01T06:30:00Z </time></trkpt>\n"));
    REQUIRE(acts[0].samples.size() == 1);
    CHECK(val(acts[0].samples[0].latitude_deg) == 45.5);
    CHECK(val(acts[0].samples[0].longitude_deg) == 7.25);
    CHECK(val(acts[0].samples[0].elevation_m) == 12.5);
    CHECK(acts[0].samples[0].time_ms == t0);
  }
  SECTION("an exponent is a number") {
    const auto acts = gpx(one_segment(
        "<trkpt lat=\"4.55e1\" lon=\"7\"><ele>1.25E2</ele><time>2024-05-01T06:30:00Z</time>"
        "</trkpt>\n"));
    CHECK(val(acts[0].samples[0].latitude_deg) == 45.5);
    CHECK(val(acts[0].samples[0].elevation_m) == 125.0);
  }
  const char* const not_numbers[] = {"nan", "inf", "-inf", "1.5.2", "0x10",
                                     "12a", "--5", "++5",  "1 5"};
  for (const char* text : not_numbers) {
    INFO(text);
    const auto e = gpx_error(one_segment("<trkpt lat=\"" + std::string(text) +
                                         "\" lon=\"7\"><time>2024-05-01T06:30:00Z</time>"
                                         "</trkpt>\n"));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_number);
    CHECK(e->where().line == 4u);
    CHECK_THAT(e->detail(), Contains(text));
  }
}

// The parser reads plain decimals without from_chars when that is exact (Clinger's fast path);
// every value must still be the correctly rounded double, which glibc's strtod returns.
TEST_CASE("GPX: numbers are read as the correctly rounded doubles", "[gpx]") {
  std::vector<std::string> texts = {"47.3769045",
                                    "-8.5418157",
                                    "0.1",
                                    "-0",
                                    "89.99999999999999",
                                    "9007199254740991",
                                    "9007199254740993",
                                    "123456789012345.6",
                                    "0.000000000000000000001",
                                    "1.0000000000000000000000001",
                                    "5.",
                                    ".5"};
  std::uint64_t state = 42;  // xorshift64: reproducible "random" coordinates of 1 to 17 digits
  for (int i = 0; i < 2000; ++i) {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    const int fraction = static_cast<int>(state % 16);
    const double value = static_cast<double>(state % 180'000'000'000'000ull) * 1e-12 - 90;
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", fraction, std::clamp(value, -90.0, 90.0));
    texts.emplace_back(text);
  }
  for (const std::string& text : texts) {
    INFO(text);
    const double expected = std::strtod(text.c_str(), nullptr);
    const bool latitude = std::abs(expected) <= 90;
    const auto acts =
        gpx(one_segment("<trkpt lat=\"" + (latitude ? text : "0") + "\" lon=\"1\"><ele>" + text +
                        "</ele><time>2024-05-01T06:30:00Z</time></trkpt>\n"));
    if (latitude) CHECK(val(acts[0].samples[0].latitude_deg) == expected);
    if (std::abs(expected) <= 9000 && expected > -500)
      CHECK(val(acts[0].samples[0].elevation_m) == expected);
  }
}

// Regression (fixed): to_double() drops one leading '+' and hands the rest to std::from_chars,
// which accepts a leading '-': "+-45" is read as -45 instead of being rejected
// (docs/ARCHITECTURE.md, "Errors": numbers must be parsed strictly). A trackpoint with lat="+-45"
// lands in the southern hemisphere silently.
TEST_CASE("GPX: a number with two signs is bad_number", "[gpx][errors]") {
  const auto e = gpx_error(
      one_segment("<trkpt lat=\"+-45\" lon=\"7\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"));
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::bad_number);
  CHECK(e->where().line == 4u);
}

TEST_CASE(
    "GPX: a trackpoint without lat or lon has no position: placed between fixes, else "
    "dropped with a no_position note",
    "[gpx][notes]") {
  // Points 2 (no lat), 3 (no lon) and 4 (an empty lat) have no position; 1, 5 and 6 do, so the
  // track has positions: the file is read, not an error. The three lie between the fixes at :00
  // and :04, so they are kept, placed on the line between them at their times; point 7 (no lat,
  // after the last fix) is dropped.
  const auto acts = gpx(one_segment(
      "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time><hr>120</hr></trkpt>\n"
      "<trkpt lon=\"2\"><time>2024-05-01T06:30:01Z</time><hr>121</hr></trkpt>\n"
      "  <trkpt lat=\"1\"><time>2024-05-01T06:30:02Z</time></trkpt>\n"
      "<trkpt lat=\"\" lon=\"2\"><time>2024-05-01T06:30:03Z</time></trkpt>\n"
      "<trkpt lat=\"1.001\" lon=\"2\"><time>2024-05-01T06:30:04Z</time><hr>124</hr></trkpt>\n"
      "<trkpt lat=\"1.002\" lon=\"2\"><time>2024-05-01T06:30:05Z</time><hr>125</hr></trkpt>\n"
      "<trkpt lon=\"2\"><time>2024-05-01T06:30:06Z</time><hr>126</hr></trkpt>\n"));
  REQUIRE(acts.size() == 1);
  const Activity& a = acts[0];
  CHECK(a.trackpoints == 7u);
  REQUIRE(a.samples.size() == 6);
  CHECK(a.samples[0].time_ms == t0);
  for (std::size_t k = 1; k <= 3; ++k) {
    CHECK(a.samples[k].position_interpolated);
    CHECK(val(a.samples[k].latitude_deg) == Approx(1 + 0.00025 * double(k)));
    CHECK(val(a.samples[k].longitude_deg) == Approx(2));
  }
  CHECK(val(a.samples[1].heart_rate_bpm) == 121.0);
  CHECK(val(a.samples[4].heart_rate_bpm) == 124.0);
  CHECK_FALSE(a.samples[4].position_interpolated);
  CHECK(a.samples[5].time_ms == t0 + 5000);
  const Note* between = find_note(a, NoteCode::between_fixes);
  REQUIRE(between);
  CHECK(between->count == 3u);
  CHECK(between->first_line == 5u);
  const Note* n = find_note(a, NoteCode::no_position);
  REQUIRE(n);
  CHECK(n->count == 1u);
  CHECK(n->first_line == 10u);
  // The elapsed time still starts at the first point.
  CHECK(a.recording_start_ms == t0);
}

TEST_CASE("GPX: a trackpoint without position between fixes is placed between them",
          "[gpx][notes]") {
  // Three samples kept, the middle one placed.
  const auto placed = [](const std::string& points) {
    const auto acts = gpx(one_segment(points));
    const Activity a = acts.at(0);
    REQUIRE(a.samples.size() == 3);
    CHECK(a.samples[1].position_interpolated);
    return a;
  };
  SECTION("beside a point without time, which is dropped") {
    const Activity a = placed(
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"
        "<trkpt><hr>120</hr></trkpt>\n"
        "<trkpt><time>2024-05-01T06:30:01Z</time><hr>121</hr></trkpt>\n"
        "<trkpt lat=\"1.002\" lon=\"2\"><time>2024-05-01T06:30:02Z</time></trkpt>\n");
    CHECK(val(a.samples[1].latitude_deg) == Approx(1.001));
    CHECK(val(a.samples[1].heart_rate_bpm) == 121.0);
    const Note* no_time = find_note(a, NoteCode::no_time);
    REQUIRE(no_time);
    CHECK(no_time->count == 1u);
  }
  SECTION("either side of the antimeridian, the short way") {
    // Fixes at 179.9999° E and 179.9999° W, 2 s apart: the point 1 s after the first is on the
    // antimeridian (not at 0°, half way round the other way).
    const Activity a = placed(
        "<trkpt lat=\"-16\" lon=\"179.9999\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"
        "<trkpt><time>2024-05-01T06:30:01Z</time><hr>130</hr></trkpt>\n"
        "<trkpt lat=\"-16\" lon=\"-179.9999\"><time>2024-05-01T06:30:02Z</time></trkpt>\n");
    CHECK(std::abs(val(a.samples[1].longitude_deg)) == Approx(180));
    CHECK(val(a.samples[1].latitude_deg) == Approx(-16));
  }
}

TEST_CASE("GPX: an impossible time drops its trackpoint, a file of them is bad_timestamp",
          "[gpx][errors]") {
  SECTION("one damaged time among readable ones: the run is kept, the point dropped") {
    // Lines 4-7: the second and third times are impossible (Feb 29 of 2023, year 7520 beyond
    // 2200), the rest 1 s apart.
    const auto acts =
        gpx(one_segment("<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"
                        "<trkpt lat=\"1\" lon=\"2\"><time>2023-02-29T06:30:00Z</time></trkpt>\n"
                        "<trkpt lat=\"1\" lon=\"2\"><time>7520-05-01T06:30:02Z</time></trkpt>\n"
                        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:03Z</time></trkpt>\n"));
    REQUIRE(acts.size() == 1u);
    const Activity& a = acts[0];
    REQUIRE(a.samples.size() == 2u);
    CHECK(a.samples[0].time_ms == t0);
    CHECK(a.samples[1].time_ms == t0 + 3 * s_ms);
    const Note* n = find_note(a, NoteCode::time_unreadable);
    REQUIRE(n);
    CHECK(n->count == 2u);
    CHECK(n->first_line == 5u);
    CHECK_FALSE(find_note(a, NoteCode::no_time));
  }
  SECTION("every time impossible: bad_timestamp at the first") {
    const auto e = gpx_error(
        one_segment("<trkpt lat=\"1\" lon=\"2\"><time>2024-02-30T06:30:00Z</time></trkpt>\n"
                    "<trkpt lat=\"1\" lon=\"2\"><time>2023-02-29T06:30:00Z</time></trkpt>\n"));
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_timestamp);
    CHECK(e->where().line == 4u);
    CHECK(e->where().column == 24u);
    CHECK(e->detail() == "impossible or unreadable time '2024-02-30T06:30:00Z'");
  }
}

TEST_CASE("GPX: a truncated document is malformed_xml, truncated", "[gpx][errors]") {
  SECTION("stops after a complete trackpoint") {
    const auto e = gpx_error(R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t">
<trk><trkseg>
<trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time></trkpt>
)");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::malformed_xml);
    CHECK_THAT(e->detail(), Contains("truncated"));
    CHECK(e->where().line >= 4u);  // at the end of the text, not at its start
  }
  SECTION("stops inside element text") {
    const auto e = gpx_error(R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t">
<trk><trkseg>
<trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time></trkpt>
<trkpt lat="1" lon="2"><time>2024-05-01T06:3)");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::malformed_xml);
    CHECK_THAT(e->detail(), Contains("truncated"));
    CHECK(e->where().line == 5u);
    CHECK_THAT(std::string(e->what()), Contains("test.gpx:5:"));
  }
  SECTION("stops inside a start tag name") {
    const auto e = gpx_error("<gpx version=\"1.1\">\n<trk><trkseg>\n<trkp");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::malformed_xml);
    CHECK_THAT(e->detail(), Contains("truncated"));
    CHECK(e->where().line == 3u);
  }
}

// Regression (fixed): load_in_place() calls an error "truncated" only when pugixml's error offset
// is within two bytes of the end of the text. When a download stops inside an attribute value or
// inside an end tag, pugixml reports the offset of the attribute or of the end tag's name, so the
// same truncation is reported as "malformed XML: Error parsing element attribute" or "Start-end
// tags mismatch" (in practice a trkpt line such as `<trkpt lat="52.52` is where a cut often lands).
TEST_CASE("GPX: a document cut inside an attribute or an end tag is reported as truncated",
          "[gpx][errors]") {
  SECTION("inside an attribute value") {
    const auto e = gpx_error(R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t">
<trk><trkseg>
<trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time></trkpt>
<trkpt lat="52.52)");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::malformed_xml);
    CHECK_THAT(e->detail(), Contains("truncated"));
  }
  SECTION("inside an end tag") {
    const auto e = gpx_error(R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t">
<trk><trkseg>
<trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time></trkpt>
</trkse)");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::malformed_xml);
    CHECK_THAT(e->detail(), Contains("truncated"));
  }
  SECTION("every cut after the root's start tag") {
    const std::string whole = R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t">
<trk><name>A &amp; B</name><trkseg>
<trkpt lat="1.25" lon="2.5"><ele>3</ele><time>2024-05-01T06:30:00Z</time></trkpt>
</trkseg></trk>
</gpx>)";
    const std::size_t from = whole.find('>', whole.find("<gpx")) + 1;
    const std::size_t to = whole.size();  // the last byte completes </gpx>
    for (std::size_t n = from; n < to; ++n) {
      const std::string cut = whole.substr(0, n);
      INFO("cut after " << n << " bytes: ..." << cut.substr(cut.size() > 20 ? cut.size() - 20 : 0));
      const auto e = gpx_error(cut);
      REQUIRE(e);
      CHECK(e->code() == ParseErrc::malformed_xml);
      CHECK_THAT(e->detail(), Contains("truncated"));
    }
  }
}

TEST_CASE("GPX: malformed XML is reported with its line", "[gpx][errors]") {
  const auto e = gpx_error(R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t">
<trk><trkseg>
<trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time></trkseg>
</trk>
</gpx>)");
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::malformed_xml);
  CHECK(e->where().line == 4u);
  CHECK_THAT(e->detail(), Contains("malformed XML"));
  CHECK_THAT(e->detail(), !Contains("truncated"));
}

TEST_CASE("GPX: a kml root is wrong_root", "[gpx][errors]") {
  const auto e = gpx_error(R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark/></Document></kml>)",
                           "map.gpx");
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::wrong_root);
  CHECK(e->where().file == "map.gpx");
  CHECK(e->where().line == 2u);
  CHECK(e->where().column == 1u);
  CHECK_THAT(e->detail(), Contains("root element <kml>"));
  CHECK_THAT(std::string(e->what()), Contains("map.gpx:2:1: wrong_root:"));
}

TEST_CASE("GPX: a TCX document given to parse_gpx is wrong_root", "[gpx][errors]") {
  const auto e = gpx_error("<TrainingCenterDatabase><Activities/></TrainingCenterDatabase>");
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::wrong_root);
  CHECK(e->where().line == 1u);
  CHECK_THAT(e->detail(), Contains("<TrainingCenterDatabase>"));
}

// ---------------------------------------------------------------------------------------------
// Layout quirks

TEST_CASE("GPX: CRLF line ends", "[gpx]") {
  const std::string doc =
      "<?xml version=\"1.0\"?>\r\n"
      "<gpx version=\"1.1\" creator=\"win\">\r\n"
      "<trk><name>\r\nCRLF run\r\n</name><trkseg>\r\n"
      "<trkpt lat=\"1.5\" lon=\"2.5\">\r\n<ele>\r\n10\r\n</ele>\r\n"
      "<time>2024-05-01T06:30:00Z\r\n</time>\r\n</trkpt>\r\n"
      "</trkseg></trk>\r\n</gpx>\r\n";
  const auto acts = gpx(doc);
  REQUIRE(acts.size() == 1);
  CHECK(acts[0].name == "CRLF run");  // no stray \r
  CHECK(acts[0].creator == "win");
  REQUIRE(acts[0].samples.size() == 1);
  CHECK(acts[0].samples[0].time_ms == t0);
  CHECK(val(acts[0].samples[0].elevation_m) == 10.0);

  SECTION("error lines count CRLF as one line end") {
    const auto e = gpx_error(
        "<?xml version=\"1.0\"?>\r\n<gpx>\r\n<trk><trkseg>\r\n"
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time></trkpt>\r\n"
        "  <trkpt lat=\"x\" lon=\"2\"/>\r\n</trkseg></trk></gpx>\r\n");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_number);
    CHECK(e->where().line == 5u);
    CHECK(e->where().column == 3u);
  }
}

TEST_CASE("GPX: a single-line document", "[gpx]") {
  const std::string doc =
      R"(<gpx version="1.1" creator="one"><trk><trkseg><trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time></trkpt><trkpt lat="1" lon="2"><time>2024-05-01T06:30:01Z</time></trkpt></trkseg></trk></gpx>)";
  const auto acts = gpx(doc);
  REQUIRE(acts.size() == 1);
  REQUIRE(acts[0].samples.size() == 2);
  CHECK(acts[0].samples[1].time_ms == t0 + s_ms);

  SECTION("the column locates an error on the one line") {
    // `<gpx><trk><trkseg>` is 18 bytes: the trkpt starts at column 19.
    const auto e = gpx_error(R"(<gpx><trk><trkseg><trkpt lat="1" lon="zz"/></trkseg></trk></gpx>)");
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_number);
    CHECK(e->where().line == 1u);
    CHECK(e->where().column == 19u);
    CHECK(e->where().offset == 18);
  }
}

TEST_CASE("GPX: names in CDATA and with entities", "[gpx]") {
  const auto acts = gpx(R"(<gpx version="1.1" creator="A &amp; B &lt;tools&gt;">
<trk><name><![CDATA[Evening Run <fast> & "fun"]]></name><trkseg>
<trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time></trkpt>
</trkseg></trk>
<trk><name>Tom &amp; Jerry&#39;s walk</name><trkseg>
<trkpt lat="1" lon="2"><time>2024-05-01T07:30:00Z</time></trkpt>
</trkseg></trk>
</gpx>)");
  REQUIRE(acts.size() == 2);
  CHECK(acts[0].creator == "A & B <tools>");
  CHECK(acts[0].name == "Evening Run <fast> & \"fun\"");
  CHECK(acts[0].sport == Sport::running);
  CHECK(acts[1].name == "Tom & Jerry's walk");
  CHECK(acts[1].sport == Sport::walking);
}

TEST_CASE("GPX: the type element wins over the name", "[gpx]") {
  const auto acts = gpx(R"(<gpx><trk><name>Morning Ride</name><type>running</type><trkseg>
<trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time></trkpt></trkseg></trk></gpx>)");
  CHECK(acts[0].sport_raw == "running");
  CHECK(acts[0].sport == Sport::running);
}

// Regression (fixed): the line index is built from the bytes as given, but for a document declared
// encoding="ISO-8859-1" pugixml converts the buffer to UTF-8 before parsing, so every non-ASCII
// character before an error shifts the reported offset by one byte: below, 30 'é' on line 3 move
// the error from line 5, column 1 to line 6, column 4.
TEST_CASE("GPX: error locations in an ISO-8859-1 document", "[gpx][errors]") {
  std::string doc =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
      "<gpx>\n"
      "<trk><name>" +
      std::string(30, '\xE9') +
      "</name>\n"
      "<trkseg>\n"
      "<trkpt lat=\"abc\" lon=\"1\"/>\n"
      "</trkseg></trk></gpx>\n";
  const auto e = gpx_error(doc);
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::bad_number);
  CHECK(e->where().line == 5u);
  CHECK(e->where().column == 1u);
}

// Regression (fixed): transcode_latin1 wrote a one-line UTF-8 declaration in place of the
// document's own, so a declaration spread over two lines moved every later error up one line.
TEST_CASE("GPX: an ISO-8859-1 declaration over two lines keeps line numbers", "[gpx][errors]") {
  const auto e = gpx_error(
      "<?xml version=\"1.0\"\n encoding=\"ISO-8859-1\"?>\n"
      "<gpx version=\"1.1\" creator=\"x\">\n"
      "<trk><trkseg>\n"
      "<trkpt lat=\"1\" lon=\"1\"><time>2026-01-01T06:00:00Z</time></trkpt>\n"
      "<trkpt lat=\"1\" lon=\"1\"><ele>bad</ele><time>2026-01-01T06:00:01Z</time></trkpt>\n"
      "</trkseg></trk></gpx>\n");
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::bad_number);
  CHECK(e->where().line == 6u);
  CHECK(e->where().column == 24u);
}

// Regression (fixed): pugixml accepts content after the root element, and parse_gpx uses the first
// root only. Two GPX documents concatenated into one file (`cat a.gpx b.gpx`) are not well-formed
// XML, yet the second one's tracks are silently lost instead of the file being reported
// malformed_xml.
TEST_CASE("GPX: content after the root element is malformed_xml", "[gpx][errors]") {
  const auto e = gpx_error(R"(<?xml version="1.0"?>
<gpx version="1.1" creator="a"><trk><trkseg><trkpt lat="1" lon="2"><time>2024-05-01T06:30:00Z</time></trkpt></trkseg></trk></gpx>
<?xml version="1.0"?>
<gpx version="1.1" creator="b"><trk><trkseg><trkpt lat="3" lon="4"><time>2024-05-01T08:30:00Z</time></trkpt></trkseg></trk></gpx>
)");
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::malformed_xml);
  CHECK(e->where().line == 4u);  // the second root element
  CHECK_THAT(e->detail(), Catch::Contains("after the root element"));
}

TEST_CASE("GPX: hostile extension nesting does not exhaust the stack", "[gpx][regression]") {
  std::string ext;
  for (int i = 0; i < 200000; ++i) ext += "<x>";
  for (int i = 0; i < 200000; ++i) ext += "</x>";
  const auto acts = gpx(one_segment(
      "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:00Z</time><extensions><gpxtpx:hr>140"
      "</gpxtpx:hr>" +
      ext + "</extensions></trkpt>\n"));
  REQUIRE(acts.size() == 1);
  CHECK(val(acts[0].samples.at(0).heart_rate_bpm) == 140);
}

TEST_CASE("gpx: the local offset written with the first time is the activity's", "[gpx][time]") {
  // 22:30-08:00 on 22 November is 06:30Z on the 23rd: the run's day is the 22nd, locally.
  const auto local = gpx(
      one_segment("<trkpt lat=\"47\" lon=\"8\"><time>2026-11-22T22:30:00-08:00</time></trkpt>\n"
                  "<trkpt lat=\"47\" lon=\"8.0001\"><time>2026-11-23T06:30:01Z</time></trkpt>\n"));
  REQUIRE(local.size() == 1);
  REQUIRE(local[0].utc_offset_s);
  CHECK(*local[0].utc_offset_s == -8 * 3600);
  // Z says when, not where: no local offset.
  const auto utc = gpx(one_segment(
      "<trkpt lat=\"47\" lon=\"8\"><time>2026-11-23T06:30:00Z</time></trkpt>\n"
      "<trkpt lat=\"47\" lon=\"8.0001\"><time>2026-11-23T07:30:01+01:00</time></trkpt>\n"));
  REQUIRE(utc[0].samples.size() == 2u);
  CHECK_FALSE(utc[0].utc_offset_s);
}

// ---------------------------------------------------------------------------------------------
// A document cut short (an interrupted download or sync)

TEST_CASE("GPX: a document cut short keeps the trackpoints before the cut", "[gpx][damage]") {
  // 120 trackpoints a second apart from t0 (2024-05-01T06:30:00Z), each on its own line, at
  // elevation 400.5 + i m and HR 120 + i bpm.
  std::string points;
  for (int i = 0; i < 120; ++i)
    points += "<trkpt lat=\"47." + std::to_string(1000 + i) + "\" lon=\"8.5\"><ele>" +
              std::to_string(400 + i) +
              ".5</ele><time>2024-05-01T06:" + std::to_string(30 + i / 60) + ":" +
              (i % 60 < 10 ? "0" : "") + std::to_string(i % 60) + "Z</time><extensions><hr>" +
              std::to_string(120 + i) + "</hr></extensions></trkpt>\n";
  const std::string whole = one_segment(points);
  const std::size_t line_100 = whole.find("<trkpt lat=\"47.1100\"");
  // Cut inside the 101st trackpoint's latitude, its elevation, its time, its HR: the first
  // 100 kept as written, the cut one dropped; between trackpoints: the 100 before it, less the
  // last (its end tag unseen: kept only whole trackpoints whose values cannot be cut).
  for (const std::size_t at :
       {whole.find("lat=", line_100) + 8, whole.find("<ele>", line_100) + 6,
        whole.find("<time>", line_100) + 15, whole.find("<hr>", line_100) + 5}) {
    INFO("cut at byte " << at);
    const std::vector<Activity> acts = gpx(whole.substr(0, at));
    REQUIRE(acts.size() == 1u);
    const Activity& a = acts[0];
    REQUIRE(a.samples.size() == 100u);
    CHECK(a.samples.front().time_ms == t0);
    CHECK(a.samples.back().time_ms == t0 + 99 * s_ms);
    CHECK(val(a.samples.back().elevation_m) == 499.5);
    CHECK(val(a.samples.back().heart_rate_bpm) == 219);
    const Note* n = find_note(a, NoteCode::file_damaged);
    REQUIRE(n);
    CHECK(n->first_offset == std::ptrdiff_t(at));
    CHECK(n->first_line == 104u);  // line 4 holds the first trackpoint
    CHECK_THAT(n->message, Contains("kept the 100 trackpoints before it"));
  }
  // Two tracks, the cut in the second: the first is whole, and not said to be damaged.
  const std::string first_trk = whole.substr(0, whole.find("</trk>") + 6) + "\n";
  const std::string two = first_trk + "<trk><trkseg>\n" + points.substr(0, points.size() / 2);
  const std::vector<Activity> both = gpx(two);
  REQUIRE(both.size() == 2u);
  CHECK(both[0].samples.size() == 120u);
  CHECK_FALSE(find_note(both[0], NoteCode::file_damaged));
  CHECK(find_note(both[1], NoteCode::file_damaged));
  // Less than a minute before the cut is no run: the truncation is the error, with its line.
  const auto e = gpx_error(whole.substr(0, whole.find("<trkpt lat=\"47.1050\"") + 10));
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::malformed_xml);
  CHECK_THAT(e->detail(), Contains("truncated XML"));
  CHECK(e->where().line == 54u);
}
