// Unit tests for runaudit/io/read.hpp (sniff, gunzip, read_document) and read_activities on the
// small files in tests/data, including the data-driven walk over tests/data/*/{valid,invalid}.

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "runaudit/io/error.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/io/read.hpp"
#include "support/files.hpp"
#include "support/gpx_text.hpp"
#include "support/printers.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using runaudit::io::DocumentKind;
using runaudit::io::gunzip;
using runaudit::io::ParseErrc;
using runaudit::io::ParseError;
using runaudit::io::read_activities;
using runaudit::io::read_document;
using runaudit::io::sniff;

namespace {

using testing::find_note;
using testing::gzip;
using testing::val;

const fs::path data_dir{RUNAUDIT_TEST_DATA_DIR};

// The value of an optional channel, NaN when absent (so that a comparison with Approx fails and
// prints "nan").
std::string data(const std::string& relative) {
  return (data_dir / relative).string();
}

template <class F>
std::optional<ParseError> error_of(F&& f) {
  try {
    f();
  } catch (const ParseError& e) {
    return e;
  }
  return std::nullopt;
}

// A file in the system's temporary directory, removed when the test ends.
class TempFile {
 public:
  TempFile(const std::string& name, std::string_view bytes)
      : m_path(fs::temp_directory_path() /
               ("runaudit_test_read_" + std::to_string(std::random_device{}()) + "_" + name)) {
    std::ofstream out(m_path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(m_path, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path() const { return m_path.string(); }

 private:
  fs::path m_path;
};

constexpr std::string_view tiny_gpx =
    "<?xml version=\"1.0\"?>\n"
    "<gpx version=\"1.1\" creator=\"t\"><trk><trkseg>\n"
    "<trkpt lat=\"1.5\" lon=\"2.5\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"
    "</trkseg></trk></gpx>\n";

}  // namespace

// ---------------------------------------------------------------------------------------------
// sniff

TEST_CASE("sniff: GPX and TCX roots", "[read][sniff]") {
  CHECK(sniff("<gpx version=\"1.1\">") == DocumentKind::gpx);
  CHECK(sniff("<gpx>") == DocumentKind::gpx);
  CHECK(sniff("<gpx/>") == DocumentKind::gpx);
  CHECK(sniff("<TrainingCenterDatabase xmlns=\"x\">") == DocumentKind::tcx);
  CHECK(sniff("<?xml version=\"1.0\"?><gpx>") == DocumentKind::gpx);
  CHECK(sniff("<?xml version=\"1.0\"?>\n<TrainingCenterDatabase>") == DocumentKind::tcx);
  SECTION("a UTF-8 byte order mark is skipped") {
    CHECK(sniff("\xEF\xBB\xBF<?xml version=\"1.0\"?><gpx>") == DocumentKind::gpx);
    CHECK(sniff("\xEF\xBB\xBF<TrainingCenterDatabase>") == DocumentKind::tcx);
  }
  SECTION("white space and new lines before the declaration") {
    CHECK(sniff("\n\n   \t<?xml version=\"1.0\"?>\n<gpx>") == DocumentKind::gpx);
    CHECK(sniff("\r\n<?xml version=\"1.0\"?>\r\n<TrainingCenterDatabase>") == DocumentKind::tcx);
    CHECK(sniff("\xEF\xBB\xBF \n<?xml version=\"1.0\"?>\n<gpx>") == DocumentKind::gpx);
  }
  SECTION("comments, processing instructions and a DOCTYPE before the root") {
    CHECK(sniff("<?xml version=\"1.0\"?>\n<!-- exported by x -->\n<gpx>") == DocumentKind::gpx);
    CHECK(sniff("<!-- a > inside a comment -- still a comment -->\n<gpx>") == DocumentKind::gpx);
    CHECK(sniff("<?xml-stylesheet href=\"a.xsl\"?>\n<gpx>") == DocumentKind::gpx);
    CHECK(sniff("<!DOCTYPE gpx>\n<gpx>") == DocumentKind::gpx);
    CHECK(sniff("<?xml version=\"1.0\"?><!--a--><!--b--><!DOCTYPE x><TrainingCenterDatabase>") ==
          DocumentKind::tcx);
  }
  SECTION("prefixed roots") {
    CHECK(sniff("<ns:gpx xmlns:ns=\"http://www.topografix.com/GPX/1/1\">") == DocumentKind::gpx);
    CHECK(sniff("<tcd:TrainingCenterDatabase xmlns:tcd=\"x\">") == DocumentKind::tcx);
  }
}

TEST_CASE("sniff: HTML pages", "[read][sniff]") {
  CHECK(sniff("<!DOCTYPE html>\n<html><body>Sign in</body></html>") == DocumentKind::html);
  CHECK(sniff("<!doctype html><html>") == DocumentKind::html);
  CHECK(sniff("<html lang=\"en\"><head>") == DocumentKind::html);
  CHECK(sniff("<HTML><BODY>") == DocumentKind::html);
  CHECK(sniff("\n  <!-- page -->\n<html>") == DocumentKind::html);
  CHECK(sniff("<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
              "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n<html>") ==
        DocumentKind::html);
}

TEST_CASE("sniff: other XML, empty, binary and text", "[read][sniff]") {
  CHECK(sniff("<?xml version=\"1.0\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">") ==
        DocumentKind::unknown_xml);
  CHECK(sniff("<gpxfoo>") == DocumentKind::unknown_xml);  // local name must be exactly gpx
  CHECK(sniff("<Gpx>") == DocumentKind::unknown_xml);     // and case matters for XML names
  CHECK(sniff("<!-- a comment that never ends") == DocumentKind::unknown_xml);
  SECTION("empty") {
    CHECK(sniff("") == DocumentKind::empty);
    CHECK(sniff("   \n\t\r\n") == DocumentKind::empty);
    CHECK(sniff("\xEF\xBB\xBF") == DocumentKind::empty);
    CHECK(sniff("\xEF\xBB\xBF  \n") == DocumentKind::empty);
  }
  SECTION("binary junk") {
    CHECK(sniff(std::string_view("\x00\x01\x02\x03", 4)) == DocumentKind::binary);
    // A FIT file: 14-byte header starting with 0x0E, ".FIT" at offset 8; not with 0x0B.
    CHECK(sniff(std::string_view("\x0E\x10\x43\x08\x00\x00\x00\x00.FIT\x00\x00", 14)) ==
          DocumentKind::fit);
    CHECK(sniff(std::string_view("\x0B\x10\x43\x08\x00\x00\x00\x00.FIT\x00\x00", 14)) ==
          DocumentKind::binary);
    // gzip data that was not inflated.
    CHECK(sniff(std::string_view("\x1F\x8B\x08\x00\x00\x00\x00\x00", 8)) == DocumentKind::binary);
    CHECK(sniff(std::string_view("PK\x03\x04\x14\x00", 6)) == DocumentKind::binary);  // a zip
  }
  SECTION("text that is not XML") {
    CHECK(sniff("This is not a GPX file.\n") == DocumentKind::text);
    CHECK(sniff("lat,lon,time\n1,2,2024-05-01T06:30:00Z\n") == DocumentKind::text);
    CHECK(sniff("{\"type\": \"FeatureCollection\"}") == DocumentKind::text);
  }
}

// Regression (fixed): sniff() skips a DOCTYPE by looking for the first '>', so a DOCTYPE with an
// internal subset
// (`<!DOCTYPE gpx [ <!ENTITY ...> ]>`) ends at the '>' inside the subset and the rest (" ]>")
// does not start with '<': the document is called `text` and read_activities reports not_xml
// for a well-formed GPX file that parse_gpx reads without complaint.
TEST_CASE("sniff: a DOCTYPE with an internal subset is skipped", "[read][sniff]") {
  const std::string doc =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE gpx [ <!ENTITY me \"runaudit\"> ]>\n"
      "<gpx version=\"1.1\" creator=\"t\"><trk><trkseg>\n"
      "<trkpt lat=\"1.5\" lon=\"2.5\"><time>2024-05-01T06:30:00Z</time></trkpt>\n"
      "</trkseg></trk></gpx>\n";
  CHECK(sniff(doc) == DocumentKind::gpx);
  const TempFile file("doctype_subset.gpx", doc);
  const auto error = error_of([&] { read_activities(file.path()); });
  CHECK_FALSE(error);
}

// ---------------------------------------------------------------------------------------------
// gunzip

TEST_CASE("gunzip: inflates data compressed with zlib", "[read][gzip]") {
  const std::string plain(tiny_gpx);
  const std::string packed = gzip(plain);
  REQUIRE(static_cast<unsigned char>(packed[0]) == 0x1F);
  REQUIRE(static_cast<unsigned char>(packed[1]) == 0x8B);
  CHECK(gunzip(packed, "a.gpx.gz") == plain);

  SECTION("empty content") {
    CHECK(gunzip(gzip(""), "empty.gz").empty());
  }
  SECTION("output much larger than the input (buffer growth)") {
    // 2 MiB of a repeated line compresses to a few KiB: the output buffer must grow many times.
    std::string big;
    const std::string line = "<trkpt lat=\"52.5200\" lon=\"13.4050\"><ele>34.0</ele></trkpt>\n";
    while (big.size() < (2u << 20)) big += line;
    const std::string big_packed = gzip(big);
    REQUIRE(big_packed.size() * 50 < big.size());
    CHECK(gunzip(big_packed, "big.gz") == big);
  }
  SECTION("binary content with NUL bytes survives") {
    const std::string bin("a\0b\0\xff\x1f\x8b", 7);
    CHECK(gunzip(gzip(bin), "bin.gz") == bin);
  }
}

TEST_CASE("gunzip: concatenated members are all inflated", "[read][gzip]") {
  // RFC 1952 §2.2: `cat a.gz b.gz > ab.gz` is a valid gzip file holding a then b.
  const std::string joined = gzip("first member, ") + gzip("second member, ") + gzip("third.");
  CHECK(gunzip(joined, "ab.gz") == "first member, second member, third.");
}

TEST_CASE("gunzip: truncated data is bad_gzip", "[read][gzip]") {
  const std::string packed = gzip(tiny_gpx);
  const auto check_truncated = [](const std::string& cut) {
    const auto e = error_of([&] { gunzip(cut, "cut.gpx.gz"); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_gzip);
    CHECK(e->where().file == "cut.gpx.gz");
    CHECK(e->where().line == 0u);
    CHECK_THAT(e->detail(), Contains("truncated"));
    // Where the data ends: the byte offset of the cut, in the gzip file.
    CHECK(e->where().offset == std::ptrdiff_t(cut.size()));
    CHECK_THAT(std::string(e->what()), Contains("cut.gpx.gz (byte " + std::to_string(cut.size()) +
                                                "): bad_gzip: truncated"));
  };
  SECTION("cut in the middle of the deflate stream") {
    check_truncated(packed.substr(0, packed.size() / 2));
  }
  SECTION("cut before the 8-byte trailer (CRC-32 and size)") {
    check_truncated(packed.substr(0, packed.size() - 8));
  }
  SECTION("cut one byte before the end") {
    check_truncated(packed.substr(0, packed.size() - 1));
  }
  SECTION("only the 10-byte header") {
    check_truncated(packed.substr(0, 10));
  }
  SECTION("only the magic bytes") {
    check_truncated(packed.substr(0, 2));
  }
  SECTION("a complete member followed by a cut one") {
    const std::string second = gzip("more");
    check_truncated(packed + second.substr(0, second.size() / 2));
  }
}

TEST_CASE("gunzip: corrupt data is bad_gzip", "[read][gzip]") {
  std::string packed = gzip(tiny_gpx);
  // The byte offset is where zlib stopped: within the damaged part, or at the trailer that
  // does not match (RFC 1952: a 10-byte header here, the deflate data, 8 bytes of trailer).
  std::ptrdiff_t from = 0, to = 0;
  SECTION("wrong CRC-32 in the trailer") {
    packed[packed.size() - 8] = static_cast<char>(packed[packed.size() - 8] ^ 0x55);
    from = std::ptrdiff_t(packed.size()) - 8, to = std::ptrdiff_t(packed.size());
  }
  SECTION("garbage instead of the deflate stream") {
    for (std::size_t i = 10; i < 20; ++i) packed[i] = '\xff';
    from = 10, to = 20;
  }
  SECTION("unknown compression method in the header") {
    packed[2] = '\x07';  // only 8 (deflate) is defined
    from = 0, to = 10;
  }
  const auto e = error_of([&] { gunzip(packed, "bad.gz"); });
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::bad_gzip);
  CHECK(e->where().file == "bad.gz");
  CHECK(e->where().line == 0u);
  CHECK(e->where().offset >= from);
  CHECK(e->where().offset <= to);
  CHECK_THAT(e->detail(), Contains("corrupt gzip data"));
}

TEST_CASE("read_activities: a .gz cut short is decoded as far as it goes", "[read][gzip]") {
  // Three minutes of trackpoints a second apart from 2024-05-01T06:30:00Z, one per line.
  constexpr std::int64_t t0 = 1714545000000;  // 2024-05-01T06:30:00Z
  const std::string doc = testing::gpx_run("Run", t0, 179);
  // Where trackpoint k starts.
  const auto point = [&](int k) {
    return doc.rfind("<trkpt", doc.find(runaudit::format_rfc3339(t0 + 1000 * k)));
  };
  const testing::TempDir dir("gz_cut");
  SECTION("cut inside the 121st trackpoint's time: the 120 before it kept, both cuts noted") {
    const std::size_t at = doc.find("<time>", point(120)) + 12;
    const std::string path = dir.write("cut.gpx.gz", testing::gzip_cut(doc, at));
    const auto acts = read_activities(path);
    REQUIRE(acts.size() == 1u);
    REQUIRE(acts[0].samples.size() == 120u);
    CHECK(acts[0].samples.back().time_ms == t0 + 119'000);
    const auto* damage = find_note(acts[0], runaudit::NoteCode::file_damaged);
    REQUIRE(damage);
    CHECK(damage->first_offset == std::ptrdiff_t(at));
    const auto* cut = find_note(acts[0], runaudit::NoteCode::compressed_truncated);
    REQUIRE(cut);
    CHECK(cut->first_offset == std::ptrdiff_t(at));
    CHECK(cut->message == "truncated gzip data (ends after " + std::to_string(at) +
                              " inflated bytes): what followed is lost");
    // read_document gives a whole document or none.
    const auto e = error_of([&] { read_document(path); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_gzip);
  }
  SECTION("only the gzip trailer missing: the document is whole, the cut still noted") {
    const std::string gz = gzip(doc);
    const std::string path = dir.write("trailer.gpx.gz", gz.substr(0, gz.size() - 8));
    const auto acts = read_activities(path);
    REQUIRE(acts.size() == 1u);
    CHECK(acts[0].samples.size() == 180u);
    CHECK_FALSE(find_note(acts[0], runaudit::NoteCode::file_damaged));
    const auto* cut = find_note(acts[0], runaudit::NoteCode::compressed_truncated);
    REQUIRE(cut);
    CHECK(cut->first_offset == std::ptrdiff_t(doc.size()));
  }
  SECTION("cut after 30 s: one error with both reasons and the document's line") {
    const std::size_t at = point(30) + 7;  // inside its start tag
    const std::string path = dir.write("early.gpx.gz", testing::gzip_cut(doc, at));
    const auto e = error_of([&] { read_activities(path); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_gzip);
    CHECK_THAT(e->detail(), Contains("truncated gzip data (ends after " + std::to_string(at) +
                                     " inflated bytes); what precedes the cut is no run to audit: "
                                     "truncated XML"));
    CHECK(e->where().line == 33u);  // the declaration, the root, then 30 trackpoints
  }
}

// ---------------------------------------------------------------------------------------------
// read_document

TEST_CASE("read_document: a missing file is an io error", "[read]") {
  const std::string missing = data("gpx/valid/this_file_does_not_exist.gpx");
  const auto e = error_of([&] { read_document(missing); });
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::io);
  CHECK(e->where().file == missing);
  CHECK(e->where().line == 0u);
  CHECK(e->where().column == 0u);
  CHECK(e->where().offset == -1);
  CHECK_THAT(e->detail(), Contains("cannot open"));
  CHECK_THAT(e->detail(), Contains("No such file"));
  CHECK(std::string(e->what()) == missing + ": io: " + e->detail());

  // read_activities reports the same.
  const auto e2 = error_of([&] { read_activities(missing); });
  REQUIRE(e2);
  CHECK(e2->code() == ParseErrc::io);
}

// Regression (fixed): read_document on a directory: std::ifstream opens it, seekg/tellg report a
// huge size (LONG_MAX on Linux), and the error is too_large "larger than 512 MiB" instead of io
// ("cannot read (not a regular file?)"), which read.hpp documents for files that cannot be read.
TEST_CASE("read_document: a directory is an io error", "[read]") {
  const std::string dir = data("gpx");
  const auto e = error_of([&] { read_document(dir); });
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::io);
}

TEST_CASE("read_document: plain bytes are returned as they are", "[read]") {
  const TempFile file("plain.gpx", tiny_gpx);
  CHECK(read_document(file.path()) == tiny_gpx);
}

TEST_CASE("read_document: gzip data is inflated whatever the file is called", "[read][gzip]") {
  const std::string packed = gzip(tiny_gpx);
  SECTION(".gpx.gz") {
    const TempFile file("named.gpx.gz", packed);
    CHECK(read_document(file.path()) == tiny_gpx);
  }
  SECTION(".gpx (gzip data under a plain name)") {
    const TempFile file("disguised.gpx", packed);
    CHECK(read_document(file.path()) == tiny_gpx);
  }
  SECTION("a .gz name over plain data is read as plain data") {
    const TempFile file("notreally.gpx.gz", tiny_gpx);
    CHECK(read_document(file.path()) == tiny_gpx);
  }
  SECTION("the file in tests/data") {
    const std::string doc = read_document(data("gpx/valid/compressed.gpx.gz"));
    CHECK(doc.rfind("<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"gz\">", 0) == 0);
    CHECK_THAT(doc, Contains("<name>Compressed</name>"));
  }
  SECTION("a truncated .gz in tests/data") {
    const std::string path = data("gpx/invalid/bad_gzip__truncated.gpx.gz");
    const auto e = error_of([&] { read_document(path); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_gzip);
    CHECK(e->where().file == path);
    CHECK_THAT(e->detail(), Contains("truncated"));
  }
}

// ---------------------------------------------------------------------------------------------
// parse_document (what read_activities does after read_document)

TEST_CASE("parse_document: the content, not the name, picks the parser", "[read]") {
  std::string tcx =
      "<TrainingCenterDatabase><Activities><Activity Sport=\"Running\">"
      "<Lap StartTime=\"2024-05-01T06:30:00Z\"><Track><Trackpoint>"
      "<Time>2024-05-01T06:30:00Z</Time><DistanceMeters>0</DistanceMeters>"
      "</Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>";
  const auto acts = runaudit::io::parse_document(tcx, "named_like.gpx");
  REQUIRE(acts.size() == 1u);
  CHECK(acts[0].format == runaudit::Format::tcx);
  REQUIRE(acts[0].samples.size() == 1u);
  CHECK(acts[0].samples[0].time_ms == testing::t0);

  std::string gpx(tiny_gpx);
  CHECK(runaudit::io::parse_document(gpx, "named_like.tcx").at(0).format == runaudit::Format::gpx);

  std::string blank = " \n\t";
  const auto e = error_of([&] { runaudit::io::parse_document(blank, "blank.gpx"); });
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::empty_file);
  CHECK(e->where().file == "blank.gpx");
  // A .gz that holds nothing: the file is not empty, what it inflates to is.
  std::string inflated = gunzip(gzip(""), "run.fit.gz");
  const auto gz = error_of([&] { runaudit::io::parse_document(inflated, "run.fit.gz"); });
  REQUIRE(gz);
  CHECK(gz->code() == ParseErrc::empty_file);
  CHECK_THAT(gz->detail(), Contains("once inflated"));
}

// ---------------------------------------------------------------------------------------------
// read_activities on individual files

TEST_CASE("read_activities: GPX 1.1 with TrackPointExtension v1 from a file", "[read]") {
  const std::string path = data("gpx/valid/gpx11_trackpointextension_v1.gpx");
  const auto acts = read_activities(path);
  REQUIRE(acts.size() == 1);
  const auto& a = acts[0];
  CHECK(a.file == path);
  CHECK(a.format == runaudit::Format::gpx);
  CHECK(a.name == "Morning Run");
  CHECK(a.sport_raw == "running");
  CHECK(a.sport == runaudit::Sport::running);
  CHECK(a.creator == "runaudit tests");
  REQUIRE(a.samples.size() == 2);
  // 2024-05-01T06:30:00Z = 1714545000000 (python3 datetime)
  CHECK(a.samples[0].time_ms == 1714545000000);
  CHECK(a.samples[1].time_ms == 1714545001000);
  CHECK(val(a.samples[0].latitude_deg) == Approx(52.52));
  CHECK(val(a.samples[0].longitude_deg) == Approx(13.405));
  CHECK(val(a.samples[1].elevation_m) == Approx(34.2));
  CHECK(val(a.samples[0].heart_rate_bpm) == Approx(120));
  CHECK(val(a.samples[1].heart_rate_bpm) == Approx(122));
  // cad 80 and 82 are per-leg (median 81 <= 120): doubled.
  CHECK(val(a.samples[0].cadence_spm) == Approx(160));
  CHECK(val(a.samples[1].cadence_spm) == Approx(164));
}

TEST_CASE("read_activities: TCX from a file", "[read]") {
  const std::string path = data("tcx/valid/running_tpx.tcx");
  const auto acts = read_activities(path);
  REQUIRE(acts.size() == 1);
  const auto& a = acts[0];
  CHECK(a.format == runaudit::Format::tcx);
  CHECK(a.sport == runaudit::Sport::running);
  CHECK(a.creator == "Forerunner Test");
  REQUIRE(a.samples.size() == 2);
  CHECK(a.samples[1].time_ms == 1714545002000);
  CHECK(val(a.samples[1].distance_m) == Approx(6.0));
  CHECK(val(a.samples[1].speed_m_per_s) == Approx(3.1));
  CHECK(val(a.samples[1].cadence_spm) == Approx(162));
  CHECK(val(a.samples[1].heart_rate_bpm) == Approx(121));
}

TEST_CASE("read_activities: BOM, CRLF and a comment before the root", "[read]") {
  const auto acts = read_activities(data("gpx/valid/bom_crlf_comment.gpx"));
  REQUIRE(acts.size() == 1);
  CHECK(acts[0].creator == "crlf");
  REQUIRE(acts[0].samples.size() == 2);
  CHECK(val(acts[0].samples[0].latitude_deg) == Approx(45.0));
  CHECK(val(acts[0].samples[1].longitude_deg) == Approx(7.0001));
  CHECK(acts[0].samples[1].time_ms == 1714545001000);
}

TEST_CASE("read_activities: a gzip-compressed GPX file", "[read][gzip]") {
  const auto acts = read_activities(data("gpx/valid/compressed.gpx.gz"));
  REQUIRE(acts.size() == 1);
  CHECK(acts[0].name == "Compressed");
  CHECK(acts[0].creator == "gz");
  REQUIRE(acts[0].samples.size() == 2);
  CHECK(val(acts[0].samples[0].latitude_deg) == Approx(40.0));
  CHECK(val(acts[0].samples[0].longitude_deg) == Approx(-3.7));
}

TEST_CASE("read_activities: an ISO-8859-1 document is converted to UTF-8", "[read]") {
  const auto acts = read_activities(data("gpx/valid/latin1_encoding.gpx"));
  REQUIRE(acts.size() == 1);
  // "Café München" written in Latin-1 (0xE9, 0xFC), read as UTF-8 (C3 A9, C3 BC).
  CHECK(acts[0].name == "Caf\xC3\xA9 M\xC3\xBCnchen");
}

TEST_CASE("read_activities: GPX errors located in the file", "[read]") {
  struct Case {
    const char* file;
    ParseErrc code;
    std::size_t line, column;
    const char* detail;
  };
  // Lines and columns counted in the files as written (1-based; column of the element's '<').
  const Case cases[] = {
      {"gpx/invalid/bad_number__lat.gpx", ParseErrc::bad_number, 4, 3,
       "latitude is not a number: 'abc'"},
      {"gpx/invalid/out_of_range__lat_91.gpx", ParseErrc::out_of_range, 5, 1, "latitude 91"},
      {"gpx/invalid/bad_timestamp__february_30.gpx", ParseErrc::bad_timestamp, 4, 28,
       "2024-02-30T06:30:00Z"},
      {"gpx/invalid/wrong_root__kml.gpx", ParseErrc::wrong_root, 2, 1, "<kml>"},
      {"tcx/invalid/out_of_range__longitude_200.tcx", ParseErrc::out_of_range, 5, 1,
       "longitude 200"},
      {"tcx/invalid/bad_timestamp__hour_25.tcx", ParseErrc::bad_timestamp, 4, 13,
       "2024-05-01T25:30:00Z"},
      {"tcx/invalid/bad_number__heart_rate.tcx", ParseErrc::bad_number, 4, 60,
       "heart rate is not a number: '1x0'"},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    const std::string path = data(c.file);
    const auto e = error_of([&] { read_activities(path); });
    REQUIRE(e);
    CHECK(e->code() == c.code);
    CHECK(e->where().file == path);
    CHECK(e->where().line == c.line);
    CHECK(e->where().column == c.column);
    CHECK_THAT(e->detail(), Contains(c.detail));
    CHECK_THAT(std::string(e->what()), Contains(path + ":" + std::to_string(c.line) + ":" +
                                                std::to_string(c.column) + ": "));
  }
}

TEST_CASE("read_activities: a truncated file names the last line", "[read]") {
  const std::string path = data("gpx/invalid/malformed_xml__truncated.gpx");
  const auto e = error_of([&] { read_activities(path); });
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::malformed_xml);
  CHECK(e->where().line == 5u);  // the file's last line, where the text stops
  CHECK_THAT(e->detail(), Contains("truncated"));
}

TEST_CASE("read_activities: files that are not GPX or TCX at all", "[read]") {
  struct Case {
    const char* file;
    ParseErrc code;
    const char* detail;
  };
  const Case cases[] = {
      {"gpx/invalid/empty_file__zero_bytes.gpx", ParseErrc::empty_file, "empty"},
      {"gpx/invalid/empty_file__white_space.gpx", ParseErrc::empty_file, "empty"},
      {"gpx/invalid/not_xml__plain_text.gpx", ParseErrc::not_xml, "not XML"},
      {"gpx/invalid/not_xml__binary.gpx", ParseErrc::not_xml, "binary"},
      {"gpx/invalid/no_timestamps__fit_header_only.gpx", ParseErrc::no_timestamps, "FIT file"},
      {"gpx/invalid/html_page__login.gpx", ParseErrc::html_page, "HTML"},
      {"gpx/invalid/not_an_activity__route_only.gpx", ParseErrc::not_an_activity,
       "a planned route (2 route points)"},
      {"gpx/invalid/not_an_activity__waypoints_only.gpx", ParseErrc::not_an_activity,
       "waypoints only (1)"},
      {"gpx/invalid/not_an_activity__untimed_track.gpx", ParseErrc::not_an_activity,
       "a track of 2 points without times"},
      {"tcx/invalid/not_an_activity__course.tcx", ParseErrc::not_an_activity, "a course"},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    const std::string path = data(c.file);
    const auto e = error_of([&] { read_activities(path); });
    REQUIRE(e);
    CHECK(e->code() == c.code);
    CHECK(e->where().file == path);
    CHECK(e->where().line == 0u);
    CHECK_THAT(e->detail(), Contains(c.detail));
  }
}

// A file named .fit whose bytes are not FIT (a text saved under the name, a download replaced
// by something else): said in FIT's terms, not as "not XML".
TEST_CASE("read_activities: a .fit that is not FIT names the missing signature", "[read]") {
  struct Case {
    const char* name;
    std::string bytes;
    ParseErrc code;
    const char* detail;
  };
  const std::string notes = "lap 1: 4:50, lap 2: 4:48\n";
  const Case cases[] = {
      {"notes.FIT", notes, ParseErrc::bad_fit,
       "not a FIT file: text, without the '.FIT' signature at bytes 8-11"},
      {"run.fit", std::string("\x0e\x10\x00\x00\x00\x00\x00\x00RIFF\x01\x02\x03", 15),
       ParseErrc::bad_fit,
       "not a FIT file: binary data without the '.FIT' signature at bytes 8-11"},
      {"run.fit.gz", gzip(gzip("not even FIT inside")), ParseErrc::bad_fit,
       "gzip data inside the gzip (compressed twice)"},
      {"100.fit.gz", "abc\n", ParseErrc::bad_fit,
       "no FIT file, gzipped or not: 4 bytes of text, too short even for a FIT header"},
      {"101.fit.gz", notes, ParseErrc::bad_fit,
       "no FIT file, gzipped or not: text, without the '.FIT' signature at bytes 8-11"},
      {"102.fit.gz", gzip(notes), ParseErrc::bad_fit,  // gzip, holding text
       "no FIT file, gzipped or not: text, without the '.FIT' signature at bytes 8-11"},
      {"notes.gpx", notes, ParseErrc::not_xml, "not XML (does not start with '<')"},  // not FIT
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const TempFile file(c.name, c.bytes);
    const auto e = error_of([&] { read_activities(file.path()); });
    REQUIRE(e);
    CHECK(e->code() == c.code);
    CHECK(e->detail() == c.detail);
  }
}

TEST_CASE("read_activities: unrecognised XML is parsed to name its root or its XML error",
          "[read]") {
  SECTION("a KML document without declaration") {
    const TempFile file("kml.gpx", "<kml><Document/></kml>\n");
    const auto e = error_of([&] { read_activities(file.path()); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::wrong_root);
    CHECK(e->where().line == 1u);
    CHECK(e->where().column == 1u);
    CHECK_THAT(e->detail(), Contains("<kml>"));
  }
  SECTION("an unterminated comment") {
    const TempFile file("comment.gpx", "<?xml version=\"1.0\"?>\n<!-- never closed\n");
    const auto e = error_of([&] { read_activities(file.path()); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::malformed_xml);
    CHECK(e->where().line != 0u);
  }
}

// ---------------------------------------------------------------------------------------------
// The data-driven walk over tests/data/*/valid and tests/data/*/invalid

namespace {

std::vector<fs::path> files_in(const std::string& kind) {
  std::vector<fs::path> out;
  for (const auto& format_dir : fs::directory_iterator(data_dir)) {
    if (!format_dir.is_directory()) continue;
    const fs::path dir = format_dir.path() / kind;
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.is_regular_file()) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<ParseErrc> errc_named(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(ParseErrc::encrypted); ++i) {
    const auto code = static_cast<ParseErrc>(i);
    if (runaudit::io::to_string(code) == name) return code;
  }
  return std::nullopt;
}

// Errors that come from inside the XML, so they must carry a line.
bool located_in_xml(ParseErrc code) {
  switch (code) {
    case ParseErrc::malformed_xml:
    case ParseErrc::wrong_root:
    case ParseErrc::missing_element:
    case ParseErrc::bad_number:
    case ParseErrc::out_of_range:
    case ParseErrc::bad_timestamp:
      return true;
    default:
      return false;
  }
}

}  // namespace

TEST_CASE("data: every file in tests/data/*/valid parses with timed samples", "[read][data]") {
  const auto files = files_in("valid");
  REQUIRE(files.size() >= 8);  // the walk must not pass by finding nothing
  for (const fs::path& path : files) {
    INFO(path.string());
    std::vector<runaudit::Activity> acts;
    REQUIRE_NOTHROW(acts = read_activities(path.string()));
    REQUIRE_FALSE(acts.empty());
    const bool any_samples = std::any_of(
        acts.begin(), acts.end(), [](const runaudit::Activity& a) { return !a.samples.empty(); });
    CHECK(any_samples);
    for (const auto& a : acts) {
      CHECK(a.file == path.string());
      for (std::size_t i = 1; i < a.samples.size(); ++i)
        CHECK(a.samples[i].time_ms > a.samples[i - 1].time_ms);
    }
  }
}

TEST_CASE("data: every file in tests/data/*/invalid fails with the code its name gives",
          "[read][data]") {
  const auto files = files_in("invalid");
  REQUIRE(files.size() >= 15);
  std::set<ParseErrc> seen;
  for (const fs::path& path : files) {
    const std::string name = path.filename().string();
    INFO(path.string());
    const auto sep = name.find("__");
    REQUIRE(sep != std::string::npos);
    const auto expected = errc_named(std::string_view(name).substr(0, sep));
    REQUIRE(expected);
    const auto e = error_of([&] { read_activities(path.string()); });
    REQUIRE(e);
    CHECK(e->code() == *expected);
    CHECK(e->where().file == path.string());
    CHECK_FALSE(e->detail().empty());
    // A `.gz` cut short is decoded as far as it goes: the line is where its document stops.
    const bool cut_gzip = e->detail().find("what precedes the cut") != std::string::npos;
    if (located_in_xml(*expected) || cut_gzip) {
      CHECK(e->where().line > 0u);
      CHECK(e->where().column > 0u);
    } else {
      CHECK(e->where().line == 0u);
    }
    seen.insert(*expected);
  }
  // Every code a file can trigger (all but io and too_large) has at least one file.
  for (const ParseErrc code :
       {ParseErrc::bad_gzip, ParseErrc::empty_file, ParseErrc::not_xml, ParseErrc::html_page,
        ParseErrc::malformed_xml, ParseErrc::wrong_root, ParseErrc::missing_element,
        ParseErrc::bad_number, ParseErrc::out_of_range, ParseErrc::bad_timestamp,
        ParseErrc::no_timestamps, ParseErrc::not_an_activity}) {
    INFO(runaudit::io::to_string(code));
    CHECK(seen.count(code) == 1u);
  }
}

// ---------------------------------------------------------------------------------------------
// ParseError and Diagnostic

TEST_CASE("ParseError: what() is file:line:column: code: detail", "[read][error]") {
  using runaudit::io::SourceLocation;
  const ParseError full(ParseErrc::bad_number, SourceLocation{"a.gpx", 12, 7, 300}, "why");
  CHECK(std::string(full.what()) == "a.gpx:12:7: bad_number: why");
  CHECK(full.detail() == "why");
  const ParseError no_column(ParseErrc::malformed_xml, SourceLocation{"b.gpx", 3, 0, -1}, "x");
  CHECK(std::string(no_column.what()) == "b.gpx:3: malformed_xml: x");
  const ParseError nowhere(ParseErrc::io, SourceLocation{"c.gpx", 0, 0, -1}, "cannot open");
  CHECK(std::string(nowhere.what()) == "c.gpx: io: cannot open");

  const auto record = full.diagnostic();
  CHECK(record.source == "a.gpx");
  CHECK(record.code == "bad_number");
  CHECK(record.message == "why");
  CHECK(record.line == 12u);
  CHECK(record.column == 7u);
  CHECK(record.offset == -1);  // the line says where
  CHECK(runaudit::io::describe(record) == "a.gpx:12:7: why");
}

TEST_CASE("ParseError: a byte offset without a line is named as such", "[read][error]") {
  using runaudit::io::SourceLocation;
  const ParseError binary(ParseErrc::bad_number, SourceLocation{"x: y.fit", 0, 0, 1234}, "bad");
  CHECK(std::string(binary.what()) == "x: y.fit (byte 1234): bad_number: bad");
  const auto record = binary.diagnostic();
  CHECK(record.offset == 1234);
  CHECK(runaudit::io::position(record) == " (byte 1234)");
  // A source name with ": " in it stays whole.
  CHECK(runaudit::io::describe(record) == "x: y.fit (byte 1234): bad");
}

TEST_CASE("ParseErrc: every code has its snake_case name", "[read][error]") {
  using runaudit::io::to_string;
  CHECK(to_string(ParseErrc::io) == "io");
  CHECK(to_string(ParseErrc::too_large) == "too_large");
  CHECK(to_string(ParseErrc::bad_gzip) == "bad_gzip");
  CHECK(to_string(ParseErrc::empty_file) == "empty_file");
  CHECK(to_string(ParseErrc::not_xml) == "not_xml");
  CHECK(to_string(ParseErrc::html_page) == "html_page");
  CHECK(to_string(ParseErrc::malformed_xml) == "malformed_xml");
  CHECK(to_string(ParseErrc::wrong_root) == "wrong_root");
  CHECK(to_string(ParseErrc::missing_element) == "missing_element");
  CHECK(to_string(ParseErrc::bad_number) == "bad_number");
  CHECK(to_string(ParseErrc::out_of_range) == "out_of_range");
  CHECK(to_string(ParseErrc::bad_timestamp) == "bad_timestamp");
  CHECK(to_string(ParseErrc::no_timestamps) == "no_timestamps");
}

TEST_CASE("read_document: a FIFO is refused, never read (it would block)", "[read][regression]") {
  const std::string path = "test_fifo.gpx";
  std::remove(path.c_str());
  REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
  try {
    read_document(path);
    FAIL("expected an io error");
  } catch (const ParseError& e) {
    CHECK(e.code() == ParseErrc::io);
    CHECK_THAT(e.detail(), Contains("not a regular file"));
  }
  std::remove(path.c_str());
}

TEST_CASE("read_activities: UTF-16 with a byte-order mark is read", "[read][regression]") {
  const std::string utf8 =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<gpx version=\"1.1\"><trk><name>Caf\xC3\xA9 "
      "\xF0\x9F\x8F\x83</name><trkseg><trkpt lat=\"47\" lon=\"8\"><time>2024-05-01T06:30:00Z</time>"
      "</trkpt><trkpt lat=\"47.001\" lon=\"8\"><time>2024-05-01T06:30:10Z</time></trkpt></trkseg>"
      "</trk></gpx>\n";
  // Encode as UTF-16LE and UTF-16BE by hand (BMP characters and one surrogate pair).
  std::u32string cps;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]) & 0x3F);
    cps.push_back(cp);
    i += static_cast<std::size_t>(len);
  }
  for (const bool little : {true, false}) {
    std::string bytes = little ? std::string("\xFF\xFE") : std::string("\xFE\xFF");
    const auto put = [&](unsigned u) {
      const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
      bytes += little ? lo : hi;
      bytes += little ? hi : lo;
    };
    for (const char32_t cp : cps) {
      if (cp >= 0x10000) {
        put(0xD800 + ((cp - 0x10000) >> 10));
        put(0xDC00 + ((cp - 0x10000) & 0x3FF));
      } else {
        put(static_cast<unsigned>(cp));
      }
    }
    const std::string path = little ? "test_utf16le.gpx" : "test_utf16be.gpx";
    std::ofstream(path, std::ios::binary) << bytes;
    const auto acts = read_activities(path);
    REQUIRE(acts.size() == 1);
    CHECK(acts[0].samples.size() == 2);
    CHECK(acts[0].name == "Caf\xC3\xA9 \xF0\x9F\x8F\x83");
    std::remove(path.c_str());
  }
}

// ---------------------------------------------------------------------------------------------
// ReadLimits

TEST_CASE("read_document: a file of exactly max_file_bytes is read, one byte more is too_large",
          "[read][limits]") {
  const TempFile file("limit.gpx", tiny_gpx);
  runaudit::io::ReadLimits limits;
  limits.max_file_bytes = tiny_gpx.size();
  CHECK(read_document(file.path(), limits) == tiny_gpx);
  limits.max_file_bytes = tiny_gpx.size() - 1;
  const auto e = error_of([&] { read_document(file.path(), limits); });
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::too_large);
  CHECK(e->where().line == 0u);
  CHECK(e->detail() == "file of " + std::to_string(tiny_gpx.size()) + " bytes is larger than " +
                           std::to_string(tiny_gpx.size() - 1) +
                           " bytes (raise it with --max-file-size)");
  SECTION("whole binary units are named as such") {
    const std::string kib(1025, ' ');
    const TempFile over("kib.gpx", kib);
    limits.max_file_bytes = 1024;
    const auto k = error_of([&] { read_document(over.path(), limits); });
    REQUIRE(k);
    CHECK(k->detail() == "file of 1025 bytes is larger than 1 KiB (raise it with --max-file-size)");
  }
  SECTION("the file size limit applies to the compressed bytes of a .gz") {
    const std::string packed = gzip(tiny_gpx);
    const TempFile gz("limit.gpx.gz", packed);
    limits.max_file_bytes = packed.size();
    limits.max_inflated_bytes = tiny_gpx.size();
    CHECK(read_document(gz.path(), limits) == tiny_gpx);
    limits.max_file_bytes = packed.size() - 1;
    const auto g = error_of([&] { read_document(gz.path(), limits); });
    REQUIRE(g);
    CHECK(g->code() == ParseErrc::too_large);
    CHECK_THAT(g->detail(), Contains("--max-file-size"));
  }
}

TEST_CASE("gunzip: output of exactly the limit is kept, one byte more is too_large",
          "[read][gzip][limits]") {
  const std::string plain(tiny_gpx);
  const std::string packed = gzip(plain);
  CHECK(gunzip(packed, "a.gz", plain.size()) == plain);
  const auto e = error_of([&] { gunzip(packed, "a.gz", plain.size() - 1); });
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::too_large);
  CHECK(e->where().file == "a.gz");
  CHECK(e->detail() == "inflates to more than " + std::to_string(plain.size() - 1) +
                           " bytes (raise it with --max-inflated-size)");
  SECTION("the limit counts all members together") {
    const std::string joined = gzip("12345") + gzip("67890");
    CHECK(gunzip(joined, "j.gz", 10) == "1234567890");
    const auto j = error_of([&] { gunzip(joined, "j.gz", 9); });
    REQUIRE(j);
    CHECK(j->code() == ParseErrc::too_large);
  }
  SECTION("the default limit is 64 MiB") {
    const std::string just_over((64u << 20) + 1, 'x');
    const auto big = error_of([&] { gunzip(gzip(just_over), "big.gz"); });
    REQUIRE(big);
    CHECK(big->detail() == "inflates to more than 64 MiB (raise it with --max-inflated-size)");
  }
}

TEST_CASE("parsers: the trackpoint limit counts per activity while parsing", "[read][limits]") {
  runaudit::io::ReadLimits limits;
  limits.max_trackpoints = 3;
  const auto trk = [](int first) {
    std::string s = "<trk><trkseg>\n";
    for (int i = first; i < first + 3; ++i)
      s += "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:0" + std::to_string(i) +
           "Z</time></trkpt>\n";
    return s + "</trkseg></trk>\n";
  };
  SECTION("GPX: two tracks of 3 under a limit of 3 are read") {
    std::string doc = "<gpx>\n" + trk(0) + trk(3) + "</gpx>\n";
    const auto acts = runaudit::io::parse_gpx(doc, "two.gpx", limits);
    REQUIRE(acts.size() == 2u);
    CHECK(acts[0].samples.size() == 3u);
    CHECK(acts[1].samples.size() == 3u);
  }
  SECTION("GPX: a fourth trackpoint in one track, in a second segment, is too_large at its line") {
    // line 1 <gpx>, 2 <trk><trkseg>, 3-5 points, 6 </trkseg>, 7 <trkseg>, 8 the fourth point.
    std::string doc = "<gpx>\n" + trk(0);
    doc.replace(doc.size() - 16, 16, "</trkseg>\n<trkseg>\n");
    doc +=
        "<trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:30:09Z</time></trkpt>\n"
        "</trkseg></trk></gpx>\n";
    const auto e = error_of([&] { runaudit::io::parse_gpx(doc, "four.gpx", limits); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::too_large);
    CHECK(e->where().line == 8u);
    CHECK(e->where().column == 1u);
    CHECK(e->detail() ==
          "more than 3 trackpoints in one activity (raise it with --max-trackpoints)");
  }
  SECTION("TCX: trackpoints of all laps count together") {
    const auto lap = [](int first) {
      std::string s = "<Lap><Track>\n";
      for (int i = first; i < first + 2; ++i)
        s += "<Trackpoint><Time>2024-05-01T06:30:0" + std::to_string(i) + "Z</Time></Trackpoint>\n";
      return s + "</Track></Lap>\n";
    };
    // line 1 root, 2 Activities, 3 Lap, 4-5 points, 6 end, 7 Lap, 8-9 points: the 4th on 9.
    // parse_tcx parses in place: each call gets its own copy.
    const std::string tcx = "<TrainingCenterDatabase>\n<Activities><Activity Sport=\"Running\">\n" +
                            lap(0) + lap(2) + "</Activity></Activities></TrainingCenterDatabase>\n";
    std::string doc = tcx;
    const auto e = error_of([&] { runaudit::io::parse_tcx(doc, "laps.tcx", limits); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::too_large);
    CHECK(e->where().line == 9u);
    limits.max_trackpoints = 4;
    doc = tcx;
    const auto acts = runaudit::io::parse_tcx(doc, "laps.tcx", limits);
    REQUIRE(acts.size() == 1u);
    CHECK(acts[0].samples.size() == 4u);
  }
}
