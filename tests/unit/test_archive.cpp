// Unit tests for archives (src/io/zip.cpp, tar.cpp, archive.cpp) and export layouts
// (src/io/export_index.cpp, discover.cpp): archives are written at test time with libarchive's
// writer, hostile ones by patching its bytes; runs are generated GPX with known names and start
// times, or files of the real corpus read from where it lives.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "runaudit/io/format.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/io/source.hpp"
#include "runaudit/time.hpp"
#include "support/archives.hpp"
#include "support/files.hpp"
#include "support/gpx_text.hpp"

namespace io = runaudit::io;
using testing::Entry;

namespace {

constexpr std::int64_t start_2026_11_02 = 1'793'577'600'000;  // 2026-11-02T00:00:00Z

using testing::gpx_run;

// Every activity of every source, or the error, by source name.
std::map<std::string, std::string> read_all(const std::vector<io::Source>& sources,
                                            const io::ReadLimits& limits = {}) {
  std::map<std::string, std::string> out;
  for (const io::Source& s : sources) {
    try {
      std::string text;
      for (const runaudit::Activity& a : io::read_activities(s, limits))
        text += a.name + "|" + std::string(to_string(a.sport)) + "|" + a.sport_raw + "|" +
                std::to_string(a.samples.size()) + ";";
      out[s.name] = text;
    } catch (const io::ParseError& e) {
      out[s.name] = std::string("error ") + std::string(to_string(e.code()));
    }
  }
  return out;
}

bool has_problem(const io::Discovery& d, const std::string& source_suffix, const std::string& code,
                 const std::string& words = "") {
  return std::any_of(d.problems.begin(), d.problems.end(), [&](const io::Diagnostic& p) {
    return p.source.size() >= source_suffix.size() &&
           p.source.compare(p.source.size() - source_suffix.size(), source_suffix.size(),
                            source_suffix) == 0 &&
           p.code == code && p.message.find(words) != std::string::npos;
  });
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Checks that @p kept, read from a file cut short, holds what precedes the cut exactly as in the
// whole file @p whole: a prefix of its samples, over 100 of them and not all.
void check_prefix(const runaudit::Activity& kept, const runaudit::Activity& whole) {
  CHECK(kept.samples.size() > 100);
  CHECK(kept.samples.size() < whole.samples.size());
  for (std::size_t i = 0; i < kept.samples.size(); ++i) {
    INFO(i);
    REQUIRE(kept.samples[i].time_ms == whole.samples[i].time_ms);
    REQUIRE(kept.samples[i].latitude_deg == whole.samples[i].latitude_deg);
    REQUIRE(kept.samples[i].heart_rate_bpm == whole.samples[i].heart_rate_bpm);
  }
}

}  // namespace

TEST_CASE("archives: zip, tar and tar.gz members are sources named ARCHIVE!MEMBER", "[archive]") {
  testing::TempDir dir("archive_kinds");
  const std::vector<Entry> entries{
      {"activities/1.gpx", gpx_run("One", start_2026_11_02)},
      {"activities/2.gpx.gz", testing::gzip(gpx_run("Two", start_2026_11_02 + 86'400'000))},
      {"activities/", ""},
      {"media/photo.jpg", "\xff\xd8\xff"},
  };
  for (const std::string format : {"zip", "tar", "tar.gz"}) {
    for (const bool stored : {false, true}) {
      if (stored && format != "zip") continue;
      const std::string path =
          dir.write("alice_export." + format, testing::make_archive(entries, {format, stored, ""}));
      const io::Discovery d = io::discover({path});
      INFO(format << (stored ? " stored" : ""));
      CHECK(d.problems.empty());
      REQUIRE(d.sources.size() == 2);
      CHECK(d.sources[0].name == path + "!activities/1.gpx");
      CHECK(d.sources[1].name == path + "!activities/2.gpx.gz");
      REQUIRE(d.ignored.size() == 1u);  // the photo (a folder entry is no file)
      CHECK(d.ignored[0].name == path + "!media/photo.jpg");
      CHECK(d.sources[0].athlete == "alice_export");  // the archive's name without extension
      CHECK(d.sources[0].size_hint == entries[0].data.size());
      const auto read = read_all(d.sources);
      CHECK(read.at(d.sources[0].name) == "One|running|running|601;");
      CHECK(read.at(d.sources[1].name) == "Two|running|running|601;");
    }
  }
}

TEST_CASE(
    "archives: the member a zip cut short ends inside is read as far as it goes, the run kept "
    "up to the cut",
    "[archive]") {
  // run_pauses_laps.fit (tests/data/fit: a 1500 s run written by Garmin's SDK) in a zip whose
  // download stopped 60 % into the member's data: stored, and deflated (libarchive writes its
  // sizes in a descriptor after the data, which the cut takes away).
  testing::TempDir dir("archive_cut_member");
  std::ifstream in(std::string(RUNAUDIT_TEST_DATA_DIR) + "/fit/run_pauses_laps.fit",
                   std::ios::binary);
  const std::string fit((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(fit.size() > 1000);
  io::Source whole_source;
  whole_source.name = whole_source.path = dir.write("whole.fit", fit);
  const std::vector<runaudit::Activity> whole = io::read_activities(whole_source);
  REQUIRE(whole.size() == 1u);
  for (const bool stored : {true, false}) {
    INFO((stored ? "stored" : "deflated"));
    const std::string zip = testing::make_archive(
        {{"first.gpx", gpx_run("First", start_2026_11_02)}, {"run.fit", fit}}, {"zip", stored, ""});
    // The member's data starts after its local header (30 bytes) and name.
    const std::size_t header = testing::find_all(zip, "run.fit")[0] - 30;
    const auto byte = [&](std::size_t at) {
      return static_cast<std::size_t>(static_cast<unsigned char>(zip[at]));
    };
    const std::size_t data = header + 30 + 7 + (byte(header + 28) | (byte(header + 29) << 8));
    // Its end: the data descriptor after a deflated member (APPNOTE 4.3.9: "PK\7\x08").
    const std::size_t member_end =
        stored ? data + fit.size() : zip.find(std::string("PK\x07\x08", 4), data);
    REQUIRE(member_end != std::string::npos);
    const std::size_t cut_at = data + (member_end - data) * 6 / 10;
    const std::string path =
        dir.write(stored ? "cut-stored.zip" : "cut.zip", zip.substr(0, cut_at));
    const io::Discovery d = io::discover({path});
    CHECK(has_problem(d, path, "bad_archive", "the archive ends inside run.fit, read as far as"));
    // The line says where the archive ends.
    CHECK(std::any_of(d.problems.begin(), d.problems.end(), [&](const io::Diagnostic& p) {
      return p.source == path && p.offset == static_cast<std::ptrdiff_t>(cut_at);
    }));
    REQUIRE(d.sources.size() == 2u);
    REQUIRE(d.sources[1].name == path + "!run.fit");
    const std::vector<runaudit::Activity> kept = io::read_activities(d.sources[1]);
    REQUIRE(kept.size() == 1u);
    check_prefix(kept[0], whole[0]);
    const auto cut_note = std::find_if(
        kept[0].notes.begin(), kept[0].notes.end(),
        [](const auto& n) { return n.code == runaudit::NoteCode::compressed_truncated; });
    REQUIRE(cut_note != kept[0].notes.end());
    CHECK_THAT(cut_note->message, Catch::Matchers::Contains("the archive ends inside it"));
    // Cut before any of the member's data: listed, and one clear error when read.
    const std::string early = dir.write("early.zip", zip.substr(0, data + 1));
    const io::Discovery e = io::discover({early});
    REQUIRE(e.sources.size() == 2u);
    CHECK(read_all(e.sources).at(early + "!run.fit").rfind("error ", 0) == 0);
  }
}

TEST_CASE("archives: the member a tar cut short ends inside is read as far as it goes",
          "[archive]") {
  // run_pauses_laps.fit after a GPX in a tar, plain and gzip-compressed, whose download stopped
  // 60 % into the FIT member's data (plain) or 80 % into the compressed stream (the FIT file is
  // most of it): listed, said to be cut there, and its run kept up to the cut, every sample as in
  // the whole file.
  testing::TempDir dir("archive_tar_cut_member");
  std::ifstream in(std::string(RUNAUDIT_TEST_DATA_DIR) + "/fit/run_pauses_laps.fit",
                   std::ios::binary);
  const std::string fit((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  io::Source whole_source;
  whole_source.name = whole_source.path = dir.write("whole.fit", fit);
  const std::vector<runaudit::Activity> whole = io::read_activities(whole_source);
  REQUIRE(whole.size() == 1u);
  const std::vector<Entry> entries{{"first.gpx", gpx_run("First", start_2026_11_02)},
                                   {"run.fit", fit}};
  for (const std::string format : {"ustar", "tar.gz"}) {
    INFO(format);
    const std::string archive = testing::make_archive(entries, {format});
    std::size_t cut_at = archive.size() * 8 / 10;
    if (format == "ustar") {  // the FIT member's data follows its 512-byte header
      const std::size_t data = testing::find_all(archive, "run.fit")[0] + 512;
      cut_at = data + fit.size() * 6 / 10;
    }
    const std::string path = dir.write("cut." + std::string(format == "ustar" ? "tar" : "tar.gz"),
                                       archive.substr(0, cut_at));
    const io::Discovery d = io::discover({path});
    CHECK(has_problem(d, path, "bad_archive",
                      "truncated tar archive (a download cut short?): 2 members listed; the "
                      "archive ends inside run.fit, read as far as it goes"));
    REQUIRE(d.sources.size() == 2u);
    REQUIRE(d.sources[1].name == path + "!run.fit");
    CHECK(io::read_activities(d.sources[0]).size() == 1u);  // the GPX before it, whole
    const std::vector<runaudit::Activity> kept = io::read_activities(d.sources[1]);
    REQUIRE(kept.size() == 1u);
    check_prefix(kept[0], whole[0]);
  }
  // A plain tar cut where a member's header ends (none of its data), or where the member before
  // it ends (only the missing end-of-archive blocks tell): one line, the archive's, and the GPX
  // before the cut read whole.
  const std::string tar = testing::make_archive(entries, {"ustar"});
  const std::size_t fit_header = testing::find_all(tar, "run.fit")[0];
  for (const auto& [cut_at, says] :
       {std::pair{fit_header + 512, "the archive ends inside run.fit, before any of its data"},
        std::pair{fit_header, "the archive ends after first.gpx"}}) {
    INFO(cut_at);
    const std::string path =
        dir.write("cut-" + std::to_string(cut_at) + ".tar", tar.substr(0, cut_at));
    const io::Discovery d = io::discover({path});
    REQUIRE(d.problems.size() == 1u);
    CHECK_THAT(d.problems[0].message,
               Catch::Matchers::StartsWith("truncated tar archive (a download cut short?)") &&
                   Catch::Matchers::EndsWith(says));
    REQUIRE(d.sources.size() == 1u);
    CHECK(io::read_activities(d.sources[0]).size() == 1u);
  }
  // Whole, with its end-of-archive blocks: no problem.
  CHECK(io::discover({dir.write("whole.tar", tar)}).problems.empty());
  // A .tar.gz cut a few hundred bytes in: too little for libarchive to list, said to be cut.
  const std::string early =
      dir.write("early.tar.gz", testing::make_archive(entries, {"tar.gz"}).substr(0, 300));
  const io::Discovery e = io::discover({early});
  REQUIRE(e.problems.size() == 1u);
  CHECK(e.problems[0].message ==
        "truncated tar archive (a download cut short?): too little of it left to list its members");
}

TEST_CASE("archives: members read in any order give the same activities", "[archive]") {
  testing::TempDir dir("archive_order");
  std::vector<Entry> entries;
  for (int i = 0; i < 40; ++i)
    entries.push_back({"a/" + std::to_string(100 + i) + ".gpx",
                       gpx_run("Run " + std::to_string(i),
                               start_2026_11_02 + std::int64_t{i} * 86'400'000, 60 + i)});
  for (const std::string format : {"zip", "tar", "tar.gz"}) {
    const std::string path = dir.write("x." + format, testing::make_archive(entries, {format}));
    std::vector<io::Source> sources = io::discover({path}).sources;
    REQUIRE(sources.size() == 40);
    const auto in_order = read_all(sources);
    std::reverse(sources.begin(), sources.end());
    const auto reversed = read_all(sources);
    std::shuffle(sources.begin(), sources.end(), std::mt19937(7));
    const auto shuffled = read_all(sources);
    INFO(format);
    CHECK(in_order == reversed);
    CHECK(in_order == shuffled);
    for (int i = 0; i < 40; ++i)
      CHECK(in_order.at(path + "!a/" + std::to_string(100 + i) + ".gpx") ==
            "Run " + std::to_string(i) + "|running|running|" + std::to_string(61 + i) + ";");
  }
}

TEST_CASE("archives: a corpus zip reads as the files themselves", "[archive][corpus]") {
  const std::filesystem::path corpus(RUNAUDIT_CORPUS_DIR);
  testing::TempDir dir("archive_corpus");
  std::vector<Entry> entries;
  std::vector<std::string> names;
  for (const auto& f : std::filesystem::directory_iterator(corpus))
    if (io::is_activity_file_name(f.path().filename().string())) {
      entries.push_back({"runs/" + f.path().filename().string(), slurp(f.path())});
      names.push_back(f.path().filename().string());
    }
  REQUIRE(entries.size() > 20);
  const std::string path = dir.write("corpus.zip", testing::make_archive(entries));
  const io::Discovery d = io::discover({path});
  CHECK(d.problems.empty());
  REQUIRE(d.sources.size() == entries.size());
  const auto from_zip = read_all(d.sources);
  for (const std::string& name : names) {
    io::Source file;
    file.name = file.path = (corpus / name).string();
    const auto direct = read_all({file});
    INFO(name);
    CHECK(from_zip.at(path + "!runs/" + name) == direct.at(file.name));
  }
}

TEST_CASE("archives: a name listed twice is two members, both read, the second named a copy",
          "[archive]") {
  // A zip written with one name twice, a tar appended to with `tar -r`: two runs, not one
  // silently lost; and two inner archives of one name hold their own runs each.
  testing::TempDir dir("archive_same_name");
  const std::string inner_a =
      testing::make_archive({{"run.gpx", gpx_run("Inner A", start_2026_11_02)}});
  const std::string inner_b =
      testing::make_archive({{"run.gpx", gpx_run("Inner B", start_2026_11_02 + 3'600'000)}});
  const std::vector<Entry> entries{
      {"run.gpx", gpx_run("First", start_2026_11_02 + 86'400'000)},
      {"run.gpx", gpx_run("Second", start_2026_11_02 + 2 * 86'400'000, 300)},
      {"inner.zip", inner_a},
      {"inner.zip", inner_b},
  };
  for (const std::string format : {"zip", "tar"}) {
    INFO(format);
    const std::string path =
        dir.write("same." + format, testing::make_archive(entries, {format, false, ""}));
    const io::Discovery d = io::discover({path});
    CHECK(d.problems.empty());
    REQUIRE(d.sources.size() == 4);
    const auto read = read_all(d.sources);
    CHECK(read.at(path + "!run.gpx") == "First|running|running|601;");
    CHECK(read.at(path + "!run.gpx (copy 2)") == "Second|running|running|301;");
    CHECK(read.at(path + "!inner.zip!run.gpx") == "Inner A|running|running|601;");
    CHECK(read.at(path + "!inner.zip (copy 2)!run.gpx") == "Inner B|running|running|601;");
    // Read again in the other order (a thread keeps the inner archive it read last).
    std::vector<io::Source> reversed(d.sources.rbegin(), d.sources.rend());
    CHECK(read_all(reversed) == read);
  }
}

TEST_CASE("archives: inner archives are read to the depth limit", "[archive]") {
  testing::TempDir dir("archive_nested");
  // 50 levels: level k holds run k and the archive of level k + 1.
  std::string inner = testing::make_archive({{"run49.gpx", gpx_run("Level 49", start_2026_11_02)}});
  for (int level = 48; level >= 0; --level)
    inner = testing::make_archive({{"run" + std::to_string(level) + ".gpx",
                                    gpx_run("Level " + std::to_string(level), start_2026_11_02)},
                                   {"deeper" + std::to_string(level + 1) + ".zip", inner}});
  const std::string path = dir.write("nest.zip", inner);
  const io::Discovery d = io::discover({path});
  // Depth 3 (the default): nest.zip, deeper1.zip, deeper2.zip are read; deeper3.zip is not.
  REQUIRE(d.sources.size() == 3);
  CHECK(d.sources[0].name == path + "!deeper1.zip!deeper2.zip!run2.gpx");
  CHECK(d.sources[1].name == path + "!deeper1.zip!run1.gpx");
  CHECK(d.sources[2].name == path + "!run0.gpx");
  REQUIRE(d.problems.size() == 1);
  CHECK(d.problems[0].source == path + "!deeper1.zip!deeper2.zip!deeper3.zip");
  CHECK(d.problems[0].message.find("--max-archive-depth") != std::string::npos);
  const auto read = read_all(d.sources);
  CHECK(read.at(d.sources[0].name) == "Level 2|running|running|601;");
  CHECK(read.at(d.sources[2].name) == "Level 0|running|running|601;");

  io::DiscoverOptions deeper;
  deeper.limits.max_archive_depth = 50;
  const io::Discovery all = io::discover({path}, deeper);
  CHECK(all.problems.empty());
  CHECK(all.sources.size() == 50u);
  CHECK(read_all(all.sources).at(all.sources.front().name) == "Level 49|running|running|601;");
}

TEST_CASE("archives: hostile zips give one error each and the other members are read",
          "[archive][hostile]") {
  testing::TempDir dir("archive_hostile");
  const std::string good = gpx_run("Good", start_2026_11_02);
  const auto good_read = "Good|running|running|601;";

  SECTION("a member inflating past the size it declares") {
    std::string zip =
        testing::make_archive({{"bomb.gpx", std::string(8 << 20, ' ')}, {"good.gpx", good}});
    // The directory says 1 000 bytes; the data inflates to 8 MiB.
    testing::put_le(zip, testing::central_headers(zip)[0] + 24, 1000, 4);
    const std::string path = dir.write("bomb.zip", zip);
    const io::Discovery d = io::discover({path});
    const auto read = read_all(d.sources);
    CHECK(read.at(path + "!bomb.gpx") == "error bad_archive");
    CHECK(read.at(path + "!good.gpx") == good_read);
  }
  SECTION("a member over --max-inflated-size, and an archive over --max-archive-size") {
    const std::string path = dir.write(
        "big.zip",
        testing::make_archive({{"big.gpx", std::string(4 << 20, ' ')}, {"good.gpx", good}}));
    io::ReadLimits small;
    small.max_inflated_bytes = 1 << 20;
    const auto read = read_all(io::discover({path}).sources, small);
    CHECK(read.at(path + "!big.gpx") == "error too_large");
    CHECK(read.at(path + "!good.gpx") == good_read);
    // Three members of 1.5 MiB with 4 MiB in all: the third is not read.
    const std::string third =
        dir.write("three.zip", testing::make_archive({{"a.gpx", std::string(3 << 19, ' ')},
                                                      {"b.gpx", std::string(3 << 19, ' ')},
                                                      {"c.gpx", std::string(3 << 19, ' ')}}));
    io::DiscoverOptions total;
    total.limits.max_archive_bytes = 4 << 20;
    const io::Discovery d = io::discover({third}, total);
    REQUIRE(d.problems.size() == 1);
    CHECK(has_problem(d, "three.zip!c.gpx", "too_large", "--max-archive-size"));
    CHECK(d.sources.size() == 2u);
  }
  SECTION("100 000 empty members") {
    std::vector<Entry> many;
    for (int i = 0; i < 100'000; ++i) many.push_back({"e/" + std::to_string(i), ""});
    const std::string path = dir.write("many.zip", testing::make_archive(many));
    const io::Discovery d = io::discover({path, dir.write("good.gpx", good)});
    REQUIRE(d.problems.size() == 1);
    CHECK(d.problems[0].source == path);
    CHECK(d.problems[0].code == "too_large");
    CHECK(d.problems[0].message.find("100000 members") != std::string::npos);
    CHECK(d.sources.size() == 1u);  // good.gpx
  }
  SECTION("overlapping members") {
    std::string zip = testing::make_archive({{"a.gpx", good}, {"b.gpx", good}, {"c.gpx", good}},
                                            {"zip", true, ""});
    // b's directory entry points at a's local header: a and b share bytes.
    testing::put_le(zip, testing::central_headers(zip)[1] + 42, 0, 4);
    const std::string path = dir.write("overlap.zip", zip);
    const io::Discovery d = io::discover({path});
    CHECK(has_problem(d, "!a.gpx", "bad_archive", "overlaps member b.gpx"));
    CHECK(has_problem(d, "!b.gpx", "bad_archive", "overlaps member a.gpx"));
    REQUIRE(d.sources.size() == 1);
    CHECK(read_all(d.sources).at(path + "!c.gpx") == good_read);
  }
  SECTION("an encrypted member") {
    const std::string enc = testing::make_archive({{"secret.gpx", good}}, {"zip", false, "pw"});
    const std::string path =
        dir.write("enc.zip", testing::make_archive({{"secret.zip", enc}, {"good.gpx", good}}));
    const io::Discovery d = io::discover({path});
    CHECK(has_problem(d, "enc.zip!secret.zip!secret.gpx", "encrypted"));
    REQUIRE(d.sources.size() == 1);
    CHECK(read_all(d.sources).at(path + "!good.gpx") == good_read);
  }
  SECTION("unsafe names: ../, absolute, NUL, invalid UTF-8") {
    std::string zip = testing::make_archive({{"../up.gpx", good},
                                             {"/abs.gpx", good},
                                             {"C:\\win.gpx", good},
                                             {"nulXname.gpx", good},
                                             {"bad\xff\xfe.gpx", good},
                                             {"fine/ok.gpx", good}},
                                            {"zip", true, ""});
    for (const std::size_t at : testing::find_all(zip, "nulXname")) zip[at + 3] = '\0';
    // Flag bit 11 (UTF-8) on the invalid name's headers: it says the bytes are UTF-8, and they
    // are not (without it they are code page 437: below).
    for (const std::size_t at : testing::find_all(zip, std::string("PK\x03\x04", 4)))
      if (zip.compare(at + 30, 4, "bad\xff") == 0) zip[at + 7] |= 0x08;
    for (const std::size_t at : testing::central_headers(zip))
      if (zip.compare(at + 46, 4, "bad\xff") == 0) zip[at + 9] |= 0x08;
    const std::string path = dir.write("names.zip", zip);
    const io::Discovery d = io::discover({path});
    CHECK(has_problem(d, "!../up.gpx", "bad_archive", "'..'"));
    CHECK(has_problem(d, "!/abs.gpx", "bad_archive", "absolute"));
    CHECK(has_problem(d, "!C:\\win.gpx", "bad_archive", "absolute"));
    CHECK(has_problem(d, "!nul\\x00name.gpx", "bad_archive", "NUL"));
    CHECK(has_problem(d, "!bad\\xFF\\xFE.gpx", "bad_archive", "UTF-8"));
    REQUIRE(d.sources.size() == 1);
    CHECK(d.sources[0].name == path + "!fine/ok.gpx");
  }
  SECTION("names that differ by a character unseen read apart: as its code point") {
    // U+202E (right-to-left override, E2 80 AE) would turn the line backwards, U+2028 (line
    // separator, E2 80 A8) break it, U+200B (zero-width space, E2 80 8B) show nothing; removed
    // or shown, "ab.gpx" would read as the last name.
    std::vector<Entry> entries;
    for (const char* unseen : {"\xE2\x80\xAE", "\xE2\x80\xA8", "\xE2\x80\x8B", ""})
      entries.push_back({std::string("a") + unseen + "b.gpx", good});
    const std::string path = dir.write("unseen.zip", testing::make_archive(entries));
    std::set<std::string> names;
    for (const io::Source& s : io::discover({path}).sources) names.insert(s.name);
    CHECK(names == std::set<std::string>{path + "!a\\u202Eb.gpx", path + "!a\\u2028b.gpx",
                                         path + "!a\\u200Bb.gpx", path + "!ab.gpx"});
  }
  SECTION("names in code page 437, in UTF-8 without the flag, in a Unicode Path field") {
    // APPNOTE 4.4.4 bit 11, 4.6.9, appendix D. "Läufe/München.gpx" as Windows' own zip writes it
    // (code page 437: ä 0x84, ü 0x81), as Linux and macOS tools do (UTF-8, flag unset), and
    // with an Info-ZIP Unicode Path field (version 1, the CRC-32 of the stored name, the UTF-8
    // name) beside a name stored as "?"; a stale field (its CRC of another name) is passed over.
    const std::string utf8 = "L\xC3\xA4ufe/M\xC3\xBCnchen.gpx";
    const auto unicode_path = [](const std::string& stored, const std::string& name) {
      std::string field;
      const auto le = [&](std::uint64_t v, int bytes) {
        for (int k = 0; k < bytes; ++k) field += static_cast<char>((v >> (8 * k)) & 0xFF);
      };
      le(0x7075, 2), le(5 + name.size(), 2), le(1, 1), le(testing::crc32(stored), 4);
      return field + name;
    };
    const std::string zip = testing::hand_zip({
        {"cp437/L\x84ufe/M\x81nchen.gpx", good},
        {"utf8/" + utf8, good},
        {"field/L?ufe/M?nchen.gpx", good, 0,
         unicode_path("field/L?ufe/M?nchen.gpx", "field/" + utf8)},
        {"stale/Run.gpx", good, 0, unicode_path("stale/Old.gpx", "stale/" + utf8)},
    });
    const std::string path = dir.write("names437.zip", zip);
    const io::Discovery d = io::discover({path});
    CHECK(d.problems.empty());
    const auto read = read_all(d.sources);
    const std::vector<std::string> names{"cp437/" + utf8, "utf8/" + utf8, "field/" + utf8,
                                         "stale/Run.gpx"};
    for (const std::string& name : names) {
      INFO(name);
      REQUIRE(read.count(path + "!" + name) == 1u);
      CHECK(read.at(path + "!" + name) == good_read);
    }
  }
  SECTION("tar names in UTF-8, Windows-1252 and ISO 8859-1") {
    // A tar stores the bytes its system gave: "Läufe/München.gpx" from a Latin-1 locale,
    // "Lauf – 1.gpx" (an en dash, 0x96 in Windows-1252 only), a name with byte 0x81 (no
    // character in Windows-1252: ISO 8859-1's U+0081, a C1 control, shown as \u0081), and UTF-8.
    const std::string tar = testing::make_archive({{"L\xE4ufe/M\xFCnchen.gpx", good},
                                                   {"Lauf \x96 1.gpx", good},
                                                   {"odd\x81.gpx", good},
                                                   {"utf8/M\xC3\xBCnchen.gpx", good}},
                                                  {"ustar", false, ""});
    const std::string path = dir.write("names.tar", tar);
    const io::Discovery d = io::discover({path});
    CHECK(d.problems.empty());
    const auto read = read_all(d.sources);
    for (const std::string name : {"L\xC3\xA4ufe/M\xC3\xBCnchen.gpx", "Lauf \xE2\x80\x93 1.gpx",
                                   "odd\\u0081.gpx", "utf8/M\xC3\xBCnchen.gpx"}) {
      INFO(name);
      REQUIRE(read.count(path + "!" + name) == 1u);
      CHECK(read.at(path + "!" + name) == good_read);
    }
  }
  SECTION("a truncated zip, a corrupt central directory, a truncated tar.gz") {
    const std::vector<Entry> three{{"a.gpx", good}, {"b.gpx", good}, {"c.gpx", good}};
    const std::string zip = testing::make_archive(three);
    const std::string truncated = dir.write("cut.zip", zip.substr(0, zip.size() / 2));
    std::string corrupt = zip;
    corrupt[testing::central_headers(zip)[1]] = 'X';
    const std::string corrupt_path = dir.write("corrupt.zip", corrupt);
    const std::string tgz = testing::make_archive(three, {"tar.gz", false, ""});
    const std::string cut_tgz = dir.write("cut.tar.gz", tgz.substr(0, tgz.size() * 2 / 3));
    // The same three members stored, their sizes in the local headers (libarchive's deflated
    // members have them in a data descriptor after the data): cut inside the third.
    const std::string stored = testing::make_archive(three, {"zip", true, ""});
    const std::string stored_cut =
        dir.write("cut-stored.zip", stored.substr(0, testing::find_all(stored, "c.gpx")[0] + 40));
    const io::Discovery d = io::discover({truncated, corrupt_path, cut_tgz, stored_cut});
    // A zip cut short has no central directory: its members before the cut are read from their
    // local headers.
    CHECK(has_problem(d, "cut.zip", "bad_archive",
                      "truncated zip archive, without its central directory (a download cut "
                      "short?): 1 member read from their local headers; the archive ends inside "
                      "b.gpx"));
    CHECK(has_problem(d, "cut-stored.zip", "bad_archive",
                      "2 members read from their local headers; the archive ends inside c.gpx, "
                      "read as far as it goes"));
    CHECK(has_problem(d, "corrupt.zip", "bad_archive", "corrupt central directory at member 2"));
    CHECK(has_problem(d, "cut.tar.gz", "bad_archive", "truncated"));
    const auto read = read_all(d.sources);
    CHECK(read.at(truncated + "!a.gpx") == good_read);
    // The member the zip ends inside is read as far as it goes (below, with a FIT run): here
    // the GPX track up to the cut, fewer than its 601 trackpoints, or none.
    REQUIRE(read.count(truncated + "!b.gpx") == 1u);
    CHECK(read.at(truncated + "!b.gpx") != good_read);
    CHECK(read.at(stored_cut + "!a.gpx") == good_read);
    CHECK(read.at(stored_cut + "!b.gpx") == good_read);
    CHECK(read.at(corrupt_path + "!a.gpx") == good_read);  // listed before the corruption
    CHECK(read.count(cut_tgz + "!a.gpx") == 1u);
    CHECK(read.at(cut_tgz + "!a.gpx") == good_read);
  }
  SECTION("a Zip64 zip cut short, its sizes in 24-byte data descriptors") {
    // Written by hand (APPNOTE 4.3.7, 4.3.9.2, 4.5.3): stored members, flag bit 3, a Zip64
    // extra field in each local header, the CRC and 8-byte sizes after the data.
    std::string zip;
    const auto le = [&](std::uint64_t v, int bytes) {
      for (int k = 0; k < bytes; ++k) zip += static_cast<char>((v >> (8 * k)) & 0xFF);
    };
    for (const char* name : {"a.gpx", "b.gpx", "c.gpx"}) {
      le(0x04034b50, 4), le(45, 2), le(0x8, 2), le(0, 2), le(0, 4), le(0, 4);
      le(0xFFFFFFFF, 4), le(0xFFFFFFFF, 4), le(5, 2), le(20, 2);
      zip += name;
      le(0x0001, 2), le(16, 2), le(0, 8), le(0, 8);
      zip += good;
      le(0x08074b50, 4), le(testing::crc32(good), 4), le(good.size(), 8), le(good.size(), 8);
    }
    const std::string path =
        dir.write("zip64-cut.zip", zip.substr(0, testing::find_all(zip, "c.gpx")[0] + 60));
    const io::Discovery d = io::discover({path});
    CHECK(has_problem(d, "zip64-cut.zip", "bad_archive",
                      "2 members read from their local headers; the archive ends inside c.gpx"));
    const auto read = read_all(d.sources);
    CHECK(read.at(path + "!a.gpx") == good_read);
    CHECK(read.at(path + "!b.gpx") == good_read);
  }
}

TEST_CASE("archives: a .zip that is empty, a web page or no zip says which", "[archive]") {
  testing::TempDir dir("archive_not_zip");
  const io::Discovery d = io::discover({dir.write("empty.zip", ""),
                                        dir.write("page.zip", "<!DOCTYPE html><html></html>"),
                                        dir.write("junk.zip", std::string(100, 'x'))});
  CHECK(has_problem(d, "empty.zip", "bad_archive", "empty file, not a zip archive"));
  CHECK(has_problem(d, "page.zip", "bad_archive", "an HTML page, not a zip archive"));
  CHECK(has_problem(d, "junk.zip", "bad_archive", "not a zip archive (no end of central"));
}

TEST_CASE(
    "discover: a folder or archive given that holds nothing to audit is a problem, an empty "
    "archive in a folder is passed over",
    "[archive][discover]") {
  testing::TempDir dir("nothing_to_audit");
  const std::string photos = testing::make_archive({{"a.jpg", "\xff\xd8\xff"}});
  const std::string empty_zip = dir.write("empty.zip", testing::make_archive({}));
  const std::string photos_zip = dir.write("photos.zip", photos);
  std::filesystem::create_directories(dir.path() / "empty" / "alice");
  std::filesystem::create_directories(dir.path() / "runs" / "album");
  dir.write("empty/alice/notes.txt", "easy week");
  dir.write("runs/run.gpx", gpx_run("R", start_2026_11_02));
  dir.write("runs/album/photos.zip", photos);
  const std::string empty = (dir.path() / "empty").string(), runs = (dir.path() / "runs").string();
  const io::Discovery d = io::discover({empty_zip, photos_zip, empty, runs});
  REQUIRE(d.problems.size() == 3u);
  CHECK(has_problem(d, "empty.zip", "nothing_to_audit", "an archive holding no activity file"));
  CHECK(has_problem(d, "photos.zip", "nothing_to_audit", "an archive holding no activity file"));
  CHECK(has_problem(d, "empty", "nothing_to_audit", "a folder holding no activity file"));
  // The folder with a run: read; the photos' zip in it passed over, named.
  REQUIRE(d.sources.size() == 1u);
  CHECK(d.sources[0].name == runs + "/run.gpx");
  CHECK(std::any_of(d.ignored.begin(), d.ignored.end(), [&](const io::Ignored& i) {
    return i.name == runs + "/album/photos.zip" &&
           i.why.find("no activity file") != std::string::npos;
  }));
  // A folder whose only archive holds nothing holds nothing; an empty archive given by name is
  // one problem, not one for the archive and one for the path.
  std::filesystem::create_directories(dir.path() / "only_zip");
  dir.write("only_zip/empty.zip", testing::make_archive({}));
  const std::string only_zip = (dir.path() / "only_zip").string();
  const io::Discovery nothing = io::discover({only_zip, empty_zip});
  REQUIRE(nothing.problems.size() == 2u);
  CHECK(has_problem(nothing, "only_zip", "nothing_to_audit", "a folder holding no activity"));
  CHECK(has_problem(nothing, "empty.zip", "nothing_to_audit", "an archive holding no"));
  // A folder whose only archive holds runs, given with that archive by name: neither is empty.
  std::filesystem::create_directories(dir.path() / "zipped");
  const std::string inner = dir.write(
      "zipped/week.zip", testing::make_archive({{"run.gpx", gpx_run("R", start_2026_11_02)}}));
  CHECK(io::discover({(dir.path() / "zipped").string(), inner}).problems.empty());
}

TEST_CASE("exports: Strava's activities.csv names the files and their types", "[archive][export]") {
  testing::TempDir dir("strava");
  // Strava's header (a selection of its ~90 columns, with its repeated names), quoted values,
  // a description with a comma and a newline, a manual entry without a file.
  const std::string csv =
      "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed "
      "Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity "
      "Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed\n"
      "101,\"Oct 24, 2012, 11:29:40 PM\",Recovery jog,Run,\"easy, "
      "really\nslow\",1800,5.1,140,,false,,,"
      "activities/101.gpx.gz,,,1800,1790,5100.0,3.1\n"
      "102,\"Oct 25, 2012, 6:00:00 AM\",\"Hill \"\"reps\"\"\",Trail Run,,3600,9.0,,,,,,"
      "activities/102.gpx,,,3600,3500,9000.0,4.0\n"
      "103,\"Oct 26, 2012, 6:00:00 AM\",Treadmill,Virtual "
      "Run,,1200,4.0,,,,,,activities/103.tcx,,,,,,\n"
      "104,\"Oct 27, 2012, 6:00:00 AM\",Lunch walk,Walk,,1200,2.0,,,,,,activities/104.gpx,,,,,,\n"
      "105,\"Oct 28, 2012, 6:00:00 AM\",Commute,Ride,,1200,8.0,,,true,,,activities/105.gpx,,,,,,\n"
      "106,\"Oct 29, 2012, 6:00:00 AM\",Manual swim,Swim,,1200,1.0,,,,,,,,,,,,\n"
      "107,\"Oct 30, 2012, 6:00:00 AM\",Brick,Workout,,2400,9.0,,,,,,activities/107.tcx,,,,,,\n"
      "108,\"Oct 31, 2012, 6:00:00 AM\",Lost,Run,,2400,9.0,,,,,,activities/108.fit.gz,,,,,,\n";
  const std::string tcx =
      "<?xml version=\"1.0\"?><TrainingCenterDatabase "
      "xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"><Activities>"
      "<Activity Sport=\"Other\"><Id>2012-10-26T06:00:00Z</Id><Lap "
      "StartTime=\"2012-10-26T06:00:00Z\">"
      "<Track><Trackpoint><Time>2012-10-26T06:00:00Z</Time></Trackpoint><Trackpoint>"
      "<Time>2012-10-26T06:00:01Z</Time></Trackpoint></Track></Lap></Activity></Activities>"
      "</TrainingCenterDatabase>";
  // A file of several activities (a brick: a ride, then a run) takes the row's name, never
  // its one type: each activity keeps its own sport.
  const auto activity = [](const char* sport, const char* time) {
    return std::string("<Activity Sport=\"") + sport + "\"><Id>" + time + "</Id><Lap StartTime=\"" +
           time + "\"><Track><Trackpoint><Time>" + time +
           "</Time></Trackpoint></Track></Lap></Activity>";
  };
  const std::string brick =
      "<?xml version=\"1.0\"?><TrainingCenterDatabase "
      "xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"><Activities>" +
      activity("Biking", "2012-10-30T06:00:00Z") + activity("Running", "2012-10-30T07:00:00Z") +
      "</Activities></TrainingCenterDatabase>";
  const std::vector<Entry> entries{
      {"activities.csv", csv},
      {"activities/107.tcx", brick},
      {"activities/101.gpx.gz", testing::gzip(gpx_run("Morning Run", start_2026_11_02))},
      {"activities/102.gpx", gpx_run("Afternoon Run", start_2026_11_02, 60, "9")},
      {"activities/103.tcx", tcx},
      {"activities/104.gpx", gpx_run("Lunch Run", start_2026_11_02, 60)},
      {"activities/105.gpx", gpx_run("Morning Ride", start_2026_11_02, 60, "1")},
      {"activities/999.gpx", gpx_run("Not in the CSV", start_2026_11_02, 60)},
      {"routes/planned.gpx", "<gpx><rte><rtept lat=\"1\" lon=\"2\"/></rte></gpx>"},
      {"media/photo.jpg", "\xff\xd8"},
  };
  const std::map<std::string, std::string> expected{
      {"activities/101.gpx.gz", "Recovery jog|running|Run|601;"},
      {"activities/102.gpx", "Hill \"reps\"|running|Trail Run|61;"},
      {"activities/103.tcx", "Treadmill|running|Virtual Run|2;"},
      {"activities/104.gpx", "Lunch walk|walking|Walk|61;"},
      {"activities/105.gpx", "Commute|cycling|Ride|61;"},
      {"activities/999.gpx", "Not in the CSV|running|running|61;"},
      {"activities/107.tcx", "Brick|cycling|Biking|1;Brick|running|Running|1;"},
  };
  const auto check = [&](const io::Discovery& d, const std::string& root) {
    // Row 108's file is not in the export (an incomplete download): an unreadable input, named
    // with the row's line (the tenth: row 101's description spans two); row 106 has no file.
    REQUIRE(d.problems.size() == 1u);
    CHECK(d.problems[0].source == root + "activities/108.fit.gz");
    CHECK(d.problems[0].code == "not_found");
    CHECK_THAT(d.problems[0].message,
               Catch::Matchers::Contains("its activities.csv lists it (line 10, \"Lost\" (Run))"));
    REQUIRE(d.ignored.size() == 2u);  // the photo and the planned route: not unreadable
    CHECK(d.ignored[0].name == root + "media/photo.jpg");
    CHECK_THAT(d.ignored[0].why, Catch::Matchers::Contains("not an activity file"));
    CHECK(d.ignored[1].name == root + "routes/planned.gpx");
    CHECK_THAT(d.ignored[1].why, Catch::Matchers::Contains("planned route"));
    REQUIRE(d.sources.size() == expected.size());
    const auto read = read_all(d.sources);
    for (const auto& [file, what] : expected) CHECK(read.at(root + file) == what);
  };
  SECTION("in the archive") {
    const std::string path = dir.write("export_123.zip", testing::make_archive(entries));
    check(io::discover({path}), path + "!");
  }
  SECTION("in a folder given") {
    for (const Entry& e : entries) {
      std::filesystem::create_directories((dir.path() / "export_123" / e.name).parent_path());
      dir.write("export_123/" + e.name, e.data);
    }
    const std::string folder = (dir.path() / "export_123").string();
    const io::Discovery d = io::discover({folder});
    check(d, folder + "/");
    // An export folder is its own athlete, never its `activities` folder.
    for (const io::Source& s : d.sources) CHECK(s.athlete == "export_123");
  }
  SECTION("in an archive cut short: the rows past the cut point at the archive's error") {
    // Entries in order: the CSV, 107, 101, 102, 103, then 104 (cut inside its name), 105...
    const std::string zip = testing::make_archive(entries);
    const std::string path =
        dir.write("cut.zip", zip.substr(0, testing::find_all(zip, "activities/104.gpx")[0] + 5));
    const io::Discovery d = io::discover({path});
    CHECK(has_problem(d, "cut.zip", "bad_archive", "truncated zip archive"));
    CHECK(read_all(d.sources).at(path + "!activities/103.tcx") ==
          expected.at("activities/103.tcx"));
    for (const char* gone : {"104.gpx", "105.gpx", "108.fit.gz"}) {
      INFO(gone);
      const std::string source = path + "!activities/" + gone;
      const auto p = std::find_if(d.problems.begin(), d.problems.end(),
                                  [&](const auto& q) { return q.source == source; });
      REQUIRE(p != d.problems.end());
      CHECK(p->code == "not_found");
      CHECK_THAT(p->message, Catch::Matchers::Contains("its archive could not be read whole (see " +
                                                       path + ": bad_archive)"));
    }
    CHECK(d.problems.size() == 4u);  // the archive's, 104, 105 and 108
  }
  SECTION("cut inside its activities.csv before any of it: one line, the archive's") {
    const std::string zip = testing::make_archive(entries);
    const std::string path =
        dir.write("cut-early.zip", zip.substr(0, 100));  // a few bytes into the CSV's data
    const io::Discovery d = io::discover({path});
    REQUIRE(d.problems.size() == 1u);
    CHECK(d.problems[0].source == path);
    CHECK_THAT(d.problems[0].message, Catch::Matchers::Contains("ends inside activities.csv"));
  }
  SECTION("re-zipped on macOS: the file names decomposed (NFD), the CSV's composed (NFC)") {
    // Strava names a file by its activity's name in newer exports: "activities/José 5k.gpx"
    // in the CSV (é is U+00E9) is "activities/Jose\u0301 5k.gpx" (e, U+0301) in the zip.
    std::vector<Entry> accented = entries;
    const std::string composed = "activities/Jos\xC3\xA9 5k.gpx",
                      decomposed = "activities/Jose\xCC\x81 5k.gpx";
    accented[0].data +=
        "109,\"Nov 1, 2012, 6:00:00 AM\",Accents,Run,,1200,2.0,,,,,," + composed + ",,,,,,\n";
    accented.push_back({decomposed, gpx_run("Morning Run", start_2026_11_02, 60)});
    const std::string path = dir.write("nfd.zip", testing::make_archive(accented));
    const io::Discovery d = io::discover({path});
    CHECK(d.problems.size() == 1u);  // row 108's only: the accented row found its file
    CHECK(read_all(d.sources).at(path + "!" + decomposed) == "Accents|running|Run|61;");
  }
  SECTION("in a folder whose .gz files the user unpacked") {
    // activities/101.gpx.gz, gunzipped in place: its row still names it.
    for (const Entry& e : entries) {
      const bool gz = e.name == "activities/101.gpx.gz";
      const std::string name = gz ? "activities/101.gpx" : e.name;
      std::filesystem::create_directories((dir.path() / "unpacked" / name).parent_path());
      dir.write("unpacked/" + name, gz ? gpx_run("Morning Run", start_2026_11_02) : e.data);
    }
    const std::string folder = (dir.path() / "unpacked").string();
    const io::Discovery d = io::discover({folder});
    REQUIRE(d.problems.size() == 1u);  // 108 only
    CHECK(d.problems[0].source == folder + "/activities/108.fit.gz");
    CHECK(read_all(d.sources).at(folder + "/activities/101.gpx") ==
          expected.at("activities/101.gpx.gz"));
  }
}

TEST_CASE("exports: a listed file the export holds but cannot give is one problem, not two",
          "[archive][export]") {
  testing::TempDir dir("strava-big");
  const std::string csv =
      "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n"
      "1,\"Oct 24, 2012, 11:29:40 PM\",A,Run,activities/a.gpx\n"
      "3,\"Oct 26, 2012, 11:29:40 PM\",C,Run,activities/c.gpx\n";
  // a and c 1.5 MiB each, 2 MiB allowed in all: c is over --max-archive-size.
  const std::string zip = dir.write(
      "export.zip", testing::make_archive({{"activities.csv", csv},
                                           {"activities/a.gpx", std::string(3 << 19, ' ')},
                                           {"activities/c.gpx", std::string(3 << 19, ' ')}}));
  io::DiscoverOptions limited;
  limited.limits.max_archive_bytes = 2 << 20;
  const io::Discovery d = io::discover({zip}, limited);
  REQUIRE(d.problems.size() == 1u);
  CHECK(has_problem(d, "export.zip!activities/c.gpx", "too_large", "--max-archive-size"));
}

TEST_CASE("exports: an activities.csv in another language gives names, not types",
          "[archive][export]") {
  testing::TempDir dir("strava-de");
  // Strava writes the header in the account's language; the layout is the same.
  const std::string localized =
      "Aktivitäts-ID,Datum der Aktivität,Name der Aktivität,Aktivitätsart,Beschreibung,"
      "Dateiname\n"
      "201,\"24.10.2012, 23:29:40\",Regenerationslauf,Lauf,,activities/201.gpx\n"
      "202,\"25.10.2012, 06:00:00\",Manuell,Lauf,,\n";
  const std::string zip = dir.write(
      "export_de.zip", testing::make_archive(
                           {{"activities.csv", localized},
                            {"activities/201.gpx", gpx_run("Morning Run", start_2026_11_02, 60)}}));
  const io::Discovery d = io::discover({zip});
  CHECK(d.problems.empty());
  // The name from the row; the sport the file's own ("Lauf" is not read as a sport).
  CHECK(read_all(d.sources).at(zip + "!activities/201.gpx") ==
        "Regenerationslauf|running|running|61;");
  SECTION("a CSV that is no Strava export at all is still an error") {
    const std::string other = dir.write(
        "other.zip", testing::make_archive({{"activities.csv", "a,b,c,d\nx,y,z,w\n"},
                                            {"activities/1.gpx", gpx_run("R", start_2026_11_02)}}));
    CHECK(has_problem(io::discover({other}), "activities.csv", "bad_csv", "no 'Filename' column"));
  }
}

TEST_CASE("exports: Garmin's summarized activities name the FIT files of its inner zips by time",
          "[archive][export]") {
  testing::TempDir dir("garmin");
  const std::int64_t t0 = start_2026_11_02 + 6 * 3'600'000;
  // The summary dates an activity a few seconds from its first fix; one entry matches nothing.
  const std::string json =
      "[{\"summarizedActivitiesExport\": ["
      "{\"activityId\": 1, \"name\": \"Recovery 6k\", \"activityType\": \"running\", "
      "\"startTimeGmt\": " +
      std::to_string(t0 - 3000) + ".0, \"beginTimestamp\": " + std::to_string(t0 - 3000) +
      "},"
      "{\"activityId\": 2, \"name\": \"Trail long\", \"activityType\": {\"typeKey\": "
      "\"trail_running\"}, "
      "\"startTimeGmt\": " +
      std::to_string(t0 + 86'400'000 + 20'000) +
      "},"
      "{\"activityId\": 3, \"name\": \"Swim\", \"activityType\": \"lap_swimming\", "
      "\"startTimeGmt\": " +
      std::to_string(t0 + 5 * 86'400'000) + "}]}]";
  const std::string part1 = testing::make_archive({
      {"someone@example.com_1001.gpx", gpx_run("Run", t0, 60)},
      {"someone@example.com_1002.gpx", gpx_run("Run", t0 + 86'400'000, 60)},
  });
  const std::string part2 = testing::make_archive({
      {"someone@example.com_1003.gpx", gpx_run("Run", t0 + 2 * 86'400'000, 60)},  // no entry
  });
  const std::string path =
      dir.write("garmin_export.zip",
                testing::make_archive({
                    {"DI_CONNECT/DI-Connect-Fitness/someone_0_summarizedActivities.json", json},
                    {"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", part1},
                    {"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part2.zip", part2},
                    {"DI_CONNECT/DI-Connect-Wellness/sleep.json", "{}"},
                }));
  std::filesystem::create_directories(dir.path() / "uploads" / "alice");
  std::filesystem::rename(path, dir.path() / "uploads" / "alice" / "garmin_export.zip");
  const std::string uploads = (dir.path() / "uploads").string();
  const io::Discovery d = io::discover({uploads});
  CHECK(d.problems.empty());
  REQUIRE(d.sources.size() == 3);
  const std::string root =
      uploads + "/alice/garmin_export.zip!DI_CONNECT/DI-Connect-Uploaded-Files/";
  CHECK(d.sources[0].name == root + "UploadedFiles_0-_Part1.zip!someone@example.com_1001.gpx");
  for (const io::Source& s : d.sources) CHECK(s.athlete == "alice");  // the folder it sits in
  const auto read = read_all(d.sources);
  CHECK(read.at(d.sources[0].name) == "Recovery 6k|running|running|61;");
  CHECK(read.at(d.sources[1].name) == "Trail long|running|trail_running|61;");
  CHECK(read.at(d.sources[2].name) == "Run|running|running|61;");
}

TEST_CASE("exports: athletes of archives and folders", "[archive][discover]") {
  testing::TempDir dir("archive_athletes");
  const std::string zip =
      testing::make_archive({{"activities/1.gpx", gpx_run("R", start_2026_11_02)},
                             {"activities/2.gpx", gpx_run("S", start_2026_11_02 + 86'400'000)}});
  std::filesystem::create_directories(dir.path() / "uploads" / "alice");
  std::filesystem::create_directories(dir.path() / "loose");
  const std::string in_folder = dir.write("uploads/alice/export.zip", zip);
  const std::string direct = dir.write("uploads/export_bob.zip", zip);
  dir.write("loose/run.gpx", gpx_run("R", start_2026_11_02));
  const std::string uploads = (dir.path() / "uploads").string();

  const io::Discovery d = io::discover({uploads});
  REQUIRE(d.sources.size() == 4);
  CHECK(d.sources[0].athlete == "alice");       // the athlete folder it sits in
  CHECK(d.sources[2].athlete == "export_bob");  // else its name without extension
  // Given by name too: still alice's (the folder entry names her), listed once.
  const io::Discovery twice = io::discover({in_folder, uploads});
  REQUIRE(twice.sources.size() == 4);
  CHECK(twice.sources[0].athlete == "alice");
  CHECK(io::discover({in_folder}).sources.at(0).athlete == "export");
  // A folder of activity files is that athlete, given with or without a trailing slash.
  CHECK(io::discover({(dir.path() / "loose").string() + "/"}).sources.at(0).athlete == "loose");
  // --athlete names everyone.
  const io::Discovery named = io::discover({uploads}, io::DiscoverOptions{"zoe", {}});
  for (const io::Source& s : named.sources) CHECK(s.athlete == "zoe");
  // A zip saved under another name, given by name, is still read as one.
  const std::string renamed = dir.write("download.bin", zip);
  CHECK(io::discover({renamed}).sources.at(0).name == renamed + "!activities/1.gpx");
  // A zip named `.fit` in a folder (an activity's download saved as `<id>.fit`): an archive there
  // too, its member the folder's athlete's, as a loose file's.
  const std::string as_fit =
      dir.write("saved/carol/123.fit",
                testing::make_archive({{"123_ACTIVITY.gpx", gpx_run("R", start_2026_11_02)}}));
  const io::Discovery saved = io::discover({(dir.path() / "saved").string()});
  REQUIRE(saved.sources.size() == 1);
  CHECK(saved.sources[0].name == as_fit + "!123_ACTIVITY.gpx");
  CHECK(saved.sources[0].athlete == "carol");
  CHECK(saved.problems.empty());
}

TEST_CASE(
    "archives: folders inside an archive name athletes as a folder given does, one activity's "
    "download is the athlete's where it lies",
    "[archive][discover]") {
  testing::TempDir dir("archive_member_athletes");
  const auto run = [](int day) {
    return gpx_run("R", start_2026_11_02 + std::int64_t{day} * 86'400'000);
  };
  const auto athletes = [](const std::vector<std::string>& paths) {
    std::map<std::string, std::string> of;  // member (after the last '!' or '/') -> athlete
    for (const io::Source& s : io::discover(paths).sources)
      of[s.name.substr(s.name.find_last_of("!/") + 1)] = s.athlete;
    return of;
  };
  using Athletes = std::map<std::string, std::string>;
  // A club's folders zipped together (macOS's Archive.zip), or their folder zipped whole.
  const std::string club = dir.write(
      "Archive.zip", testing::make_archive({{"alice/1.gpx", run(0)}, {"bob/2.gpx", run(1)}}));
  CHECK(athletes({club}) == Athletes{{"1.gpx", "alice"}, {"2.gpx", "bob"}});
  const std::string uploads =
      dir.write("uploads.zip", testing::make_archive({{"uploads/alice/1.gpx", run(0)},
                                                      {"uploads/bob/2024/11/2.gpx", run(1)},
                                                      {"uploads/3.gpx", run(2)}}));
  CHECK(athletes({uploads}) ==
        Athletes{{"1.gpx", "alice"}, {"2.gpx", "bob"}, {"3.gpx", "uploads"}});
  // One person's archive: date folders, a watch's folders, one format's folders name no one.
  const std::string dated = dir.write(
      "runs.zip", testing::make_archive({{"2024/11/1.gpx", run(0)}, {"2024/12/05/2.gpx", run(1)}}));
  CHECK(athletes({dated}) == Athletes{{"1.gpx", "runs"}, {"2.gpx", "runs"}});
  const std::string watch =
      dir.write("watch.zip", testing::make_archive({{"GARMIN/Activity/1.gpx", run(0)},
                                                    {"GARMIN/Activity/2.gpx", run(1)}}));
  CHECK(athletes({watch}) == Athletes{{"1.gpx", "watch"}, {"2.gpx", "watch"}});
  const std::string formats =
      dir.write("mine.zip", testing::make_archive({{"gpx/1.gpx", run(0)}, {"fit/2.gpx", run(1)}}));
  CHECK(athletes({formats}) == Athletes{{"1.gpx", "mine"}, {"2.gpx", "mine"}});
  // A Garmin export (DI_CONNECT), even without its summary: its folders name no one.
  const std::string garmin =
      dir.write("garmin_export.zip",
                testing::make_archive({{"DI_CONNECT/DI-Connect-Uploaded-Files/1.gpx", run(0)},
                                       {"DI_CONNECT/DI-Connect-Uploaded-Files/2.gpx", run(1)}}));
  CHECK(athletes({garmin}) == Athletes{{"1.gpx", "garmin_export"}, {"2.gpx", "garmin_export"}});
  // Apple Health's export (export.zip): its routes' folder names no one either.
  const std::string apple = dir.write(
      "jane_health.zip",
      testing::make_archive({{"apple_health_export/workout-routes/route_1.gpx", run(0)},
                             {"apple_health_export/workout-routes/route_2.gpx", run(1)}}));
  CHECK(athletes({apple}) ==
        Athletes{{"route_1.gpx", "jane_health"}, {"route_2.gpx", "jane_health"}});
  // Garmin Connect's download of one activity (<activity id>.zip) in a folder: the folder's
  // athlete, as the file unzipped would be; given by name, no one's (as a file given by name).
  std::filesystem::create_directories(dir.path() / "dl");
  dir.write("dl/1001.zip", testing::make_archive({{"1001_ACTIVITY.gpx", run(0)}}));
  const std::string second =
      dir.write("dl/1002.zip", testing::make_archive({{"1002_ACTIVITY.gpx", run(1)}}));
  CHECK(athletes({(dir.path() / "dl").string()}) ==
        Athletes{{"1001_ACTIVITY.gpx", "dl"}, {"1002_ACTIVITY.gpx", "dl"}});
  CHECK(athletes({second}) == Athletes{{"1002_ACTIVITY.gpx", ""}});
  // An export in one athlete's folder of a club's zip, zipped or not, is that athlete's; the
  // others keep theirs.
  const std::string strava = testing::make_archive(
      {{"activities.csv", "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n"},
       {"activities/10.gpx", run(3)},
       {"activities/11.gpx", run(4)}});
  const std::string with_exports = dir.write(
      "club.zip", testing::make_archive({{"club/bob/1.gpx", run(0)},
                                         {"club/carol/export_12345.zip", strava},
                                         {"club/dave/strava/activities.csv",
                                          "Activity ID,Activity Date,Activity Name,Activity "
                                          "Type,Filename\n"},
                                         {"club/dave/strava/activities/20.gpx", run(5)}}));
  CHECK(athletes({with_exports}) ==
        Athletes{{"1.gpx", "bob"}, {"10.gpx", "carol"}, {"11.gpx", "carol"}, {"20.gpx", "dave"}});
  // A watch copied over USB: nothing below GARMIN/ names anyone (Monitor/, Sleep/ hold the
  // watch's other files), given as a folder, zipped, or given as GARMIN/Activity itself; nor
  // does a folder of one format given.
  for (const std::string folder : {"usb/GARMIN/Activity", "usb/GARMIN/Monitor", "jane/fit"})
    std::filesystem::create_directories(dir.path() / folder);
  dir.write("usb/GARMIN/Activity/1.gpx", run(0));
  dir.write("usb/GARMIN/Monitor/2.gpx", run(1));
  dir.write("jane/fit/3.gpx", run(2));
  const Athletes usb{{"1.gpx", "usb"}, {"2.gpx", "usb"}};
  CHECK(athletes({(dir.path() / "usb").string()}) == usb);
  CHECK(athletes({(dir.path() / "usb/GARMIN/Activity").string()}) == Athletes{{"1.gpx", "usb"}});
  CHECK(athletes({(dir.path() / "jane/fit").string()}) == Athletes{{"3.gpx", "jane"}});
  // A name a macOS folder decomposes (e + U+0301) is written as typed (U+00E9).
  std::filesystem::create_directories(dir.path() / "club" / "Jose\xCC\x81");
  dir.write("club/Jose\xCC\x81/1.gpx", run(0));
  CHECK(athletes({(dir.path() / "club").string()}) == Athletes{{"1.gpx", "Jos\xC3\xA9"}});
  const std::string usb_zip = dir.write(
      "usb.zip",
      testing::make_archive({{"GARMIN/Activity/1.gpx", run(0)}, {"GARMIN/Monitor/2.gpx", run(1)}}));
  CHECK(athletes({usb_zip}) == usb);
  // A tar made the usual way (`tar -C DIR .`) names its members `./...`: the `.` names no one.
  const std::string dot_tar = dir.write(
      "strava.tar",
      testing::make_archive({{"./activities/1.gpx", run(0)}, {"./activities/2.gpx", run(1)}},
                            testing::ArchiveOptions{"tar"}));
  CHECK(athletes({dot_tar}) == Athletes{{"1.gpx", "strava"}, {"2.gpx", "strava"}});
  const std::string dot_club = dir.write(
      "coach.tar", testing::make_archive({{"./alice/1.gpx", run(0)}, {"./bob/2.gpx", run(1)}},
                                         testing::ArchiveOptions{"tar"}));
  CHECK(athletes({dot_club}) == Athletes{{"1.gpx", "alice"}, {"2.gpx", "bob"}});
}

TEST_CASE("discover: macOS '._' files, __MACOSX and trash folders are passed over, with why",
          "[archive][discover]") {
  testing::TempDir dir("system_litter");
  // An AppleDouble file's header (RFC 1740: magic 0x00051607, version 2, "Mac OS X" filler).
  const std::string apple_double = std::string("\x00\x05\x16\x07\x00\x02\x00\x00", 8) +
                                   "Mac OS X        " + std::string(8, '\0');
  const std::string run = gpx_run("R", start_2026_11_02);
  for (const std::string folder :
       {"uploads/alice", "uploads/alice/$RECYCLE.BIN/S-1-5-21", "uploads/bob/.Trashes/501",
        "uploads/.Trash-1000/files", "uploads/trash", "uploads/bob/.fseventsd", "uploads/Recycled",
        "uploads/bob/.AppleDouble"})
    std::filesystem::create_directories(dir.path() / folder);
  dir.write("uploads/alice/run.gpx", run);
  dir.write("uploads/alice/._run.gpx", apple_double);
  dir.write("uploads/alice/$RECYCLE.BIN/S-1-5-21/deleted.gpx", run);
  dir.write("uploads/bob/.Trashes/501/deleted.gpx", run);
  dir.write("uploads/bob/.fseventsd/0000.fit", apple_double);
  dir.write("uploads/.Trash-1000/files/deleted.gpx", run);
  dir.write("uploads/trash/run.gpx", run);  // athletes called trash and Recycled: read
  dir.write("uploads/Recycled/run.gpx", run);
  dir.write("uploads/bob/.AppleDouble/run.gpx", apple_double);  // a Netatalk server's
  dir.write("uploads/bob/finder.zip",
            testing::make_archive({{"bob/run.gpx", run},
                                   {"__MACOSX/bob/._run.gpx", apple_double},
                                   {"bob/._other.fit", apple_double}}));
  const std::string uploads = (dir.path() / "uploads").string();

  const io::Discovery d = io::discover({uploads});
  CHECK(d.problems.empty());
  std::vector<std::string> sources;
  for (const io::Source& s : d.sources) sources.push_back(s.name.substr(uploads.size()));
  CHECK(sources == std::vector<std::string>{"/Recycled/run.gpx", "/alice/run.gpx",
                                            "/bob/finder.zip!bob/run.gpx", "/trash/run.gpx"});
  std::map<std::string, std::string> why;
  for (const io::Ignored& i : d.ignored) why[i.name.substr(uploads.size())] = i.why;
  CHECK(why.size() == 8u);
  CHECK(why["/bob/.AppleDouble/"] == "macOS metadata, not activities");
  CHECK(why["/alice/._run.gpx"] == "macOS metadata (an AppleDouble '._' file), not an activity");
  CHECK(why["/alice/$RECYCLE.BIN/"] == "a trash folder: its files were deleted");
  CHECK(why["/bob/.Trashes/"] == "a trash folder: its files were deleted");
  CHECK(why["/.Trash-1000/"] == "a trash folder: its files were deleted");
  CHECK(why["/bob/.fseventsd/"] == "macOS metadata, not activities");
  CHECK(why["/bob/finder.zip!__MACOSX/bob/._run.gpx"] == "macOS metadata, not activities");
  CHECK(why["/bob/finder.zip!bob/._other.fit"] ==
        "macOS metadata (an AppleDouble '._' file), not an activity");
  // Given by name (as `find . -name '*.gpx'` lists it): ignored too, the run beside it read.
  const std::string alice = uploads + "/alice/";
  const io::Discovery named = io::discover({alice + "._run.gpx", alice + "run.gpx"});
  CHECK(named.problems.empty());
  REQUIRE(named.sources.size() == 1u);
  CHECK(named.sources[0].name == alice + "run.gpx");
  REQUIRE(named.ignored.size() == 1u);
  CHECK(named.ignored[0].name == alice + "._run.gpx");
}
