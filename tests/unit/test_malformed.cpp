// The malformed-input corpus (tests/data/malformed, README.md there): every row of
// expected.tsv is read with io::read_activities and must give its ParseErrc code, message and
// line, or parse ("ok") with the facts the row lists. Rows named "generated:..." are inputs too
// large to commit, written into a temporary folder here. Also: gzip bombs stop at the limit
// without filling memory, and entities are never expanded or fetched.

#include <sys/resource.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "runaudit/io/error.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/io/read.hpp"
#include "runaudit/time.hpp"
#include "support/files.hpp"
#include "support/printers.hpp"

namespace fs = std::filesystem;
using runaudit::Activity;
using runaudit::io::ParseErrc;
using runaudit::io::ReadLimits;

namespace {

const fs::path corpus_dir = fs::path(RUNAUDIT_TEST_DATA_DIR) / "malformed";

struct Row {
  std::string file;
  std::string code;                   ///< a ParseErrc name, or "ok"
  std::vector<std::string> messages;  ///< substrings of the error detail, or of summary()
  std::size_t line = 0;               ///< 0 = no line ("-")
  ReadLimits limits;
};

std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t pos; (pos = s.find(sep, start)) != std::string::npos; start = pos + sep.size())
    out.push_back(s.substr(start, pos - start));
  out.push_back(s.substr(start));
  return out;
}

ReadLimits limits_of(const std::string& text) {
  ReadLimits limits;
  if (text == "-") return limits;
  for (const std::string& item : split(text, ",")) {
    const auto eq = item.find('=');
    REQUIRE(eq != std::string::npos);
    const std::string name = item.substr(0, eq);
    const std::size_t value = std::stoull(item.substr(eq + 1));
    if (name == "max_file_bytes")
      limits.max_file_bytes = value;
    else if (name == "max_inflated_bytes")
      limits.max_inflated_bytes = value;
    else if (name == "max_trackpoints")
      limits.max_trackpoints = value;
    else
      FAIL("unknown limit " << name);
  }
  return limits;
}

std::vector<Row> manifest() {
  std::ifstream in(corpus_dir / "expected.tsv", std::ios::binary);
  REQUIRE(in);
  std::vector<Row> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, "\t");
    INFO(line);
    REQUIRE(f.size() == 5u);
    rows.push_back(Row{f[0], f[1], split(f[2], " && "),
                       f[3] == "-" ? 0 : static_cast<std::size_t>(std::stoull(f[3])),
                       limits_of(f[4])});
  }
  return rows;
}

// What an "ok" row is checked against: per activity its name and counts, then its notes.
std::string summary(const std::vector<Activity>& activities) {
  std::ostringstream s;
  for (const Activity& a : activities) {
    std::size_t elevations = 0, heart_rates = 0;
    for (const auto& sample : a.samples) {
      elevations += sample.elevation_m.has_value();
      heart_rates += sample.heart_rate_bpm.has_value();
    }
    s << "name='" << a.name << "' samples=" << a.samples.size() << " elevations=" << elevations
      << " heart_rates=" << heart_rates << " segments=" << a.segments << " start="
      << (a.samples.empty() ? "-" : runaudit::format_rfc3339(a.samples.front().time_ms));
    for (const auto& note : a.notes)
      s << "; " << note.message << " (line " << note.first_line << ")";
    s << '\n';
  }
  return s.str();
}

// ---- inputs written at test time ----------------------------------------------------------

constexpr const char* gpx_head =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<gpx version=\"1.1\" creator=\"runaudit malformed corpus\" "
    "xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
    "<trk><name>Corpus run</name><type>running</type><trkseg>\n";

std::string trkpt(int i, const std::string& inside = "") {
  return "<trkpt lat=\"47.37" + std::string(i < 10 ? "0" : "") + std::to_string(i) +
         "\" lon=\"8.5400\"><ele>408</ele><time>2024-05-01T06:30:0" + std::to_string(i) +
         "Z</time>" + inside + "</trkpt>";
}

std::string nested(std::size_t depth, bool closed) {
  std::string s;
  s.reserve(depth * 7);
  for (std::size_t i = 0; i < depth; ++i) s += "<x>";
  if (closed)
    for (std::size_t i = 0; i < depth; ++i) s += "</x>";
  return s;
}

// Trackpoints 1 s apart from 2024-05-01T06:30:00Z, one per line from line 4: 64 bytes each, so a
// million fit in the default file size limit.
std::string many_trackpoints(std::size_t n) {
  std::string s = gpx_head;
  s.reserve(n * 70);
  const std::int64_t t0 = 1714545000000;
  for (std::size_t i = 0; i < n; ++i)
    s += "<trkpt lat=\"1\" lon=\"2\"><time>" +
         runaudit::format_rfc3339(t0 + static_cast<std::int64_t>(i) * 1000) + "</time></trkpt>\n";
  return s + "</trkseg></trk>\n</gpx>\n";
}

// One gzip member of @p bytes zero bytes, deflated in 1 MiB steps (never held inflated).
std::string gzip_of_zeros(std::size_t bytes) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  const std::string zeros(1 << 20, '\0');
  std::string out;
  char buffer[1 << 14];
  for (std::size_t left = bytes; left > 0 || z.avail_in > 0;) {
    if (z.avail_in == 0) {
      const std::size_t n = std::min(left, zeros.size());
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
      z.avail_in = static_cast<uInt>(n);
      left -= n;
    }
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof buffer;
      REQUIRE(deflate(&z, Z_NO_FLUSH) != Z_STREAM_ERROR);
      out.append(buffer, sizeof buffer - z.avail_out);
    } while (z.avail_out == 0);
  }
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    rc = deflate(&z, Z_FINISH);
    REQUIRE(rc != Z_STREAM_ERROR);
    out.append(buffer, sizeof buffer - z.avail_out);
  }
  deflateEnd(&z);
  return out;
}

// Writes the generated input named @p name into @p dir. @return its path.
std::string generate(const std::string& name, const testing::TempDir& dir) {
  if (name == "deep_nesting_100000.gpx")
    return dir.write(name, std::string(gpx_head) + trkpt(0) + "\n" +
                               trkpt(1, "<extensions>" + nested(100000, true) + "</extensions>") +
                               "\n" + trkpt(2) + "\n</trkseg></trk>\n</gpx>\n");
  if (name == "deep_nesting_100000_unclosed.gpx")
    return dir.write(name, std::string(gpx_head) + trkpt(0) + "\n<trkpt lat=\"1\" lon=\"2\">" +
                               nested(100000, false));
  if (name == "1000001_trackpoints.gpx") return dir.write(name, many_trackpoints(1000001));
  if (name == "over_default_file_size.gpx") {
    // A sparse file: its size is over the limit, no data is written (nor read).
    const std::string path = dir.write(name, gpx_head);
    fs::resize_file(path, ReadLimits{}.max_file_bytes + 1);
    return path;
  }
  if (name == "gzip_bomb_256MiB.gpx.gz") return dir.write(name, gzip_of_zeros(256u << 20));
  FAIL("no generator for " << name);
  return {};
}

long max_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

TEST_CASE("malformed corpus: every file is in the manifest and the manifest is big enough",
          "[read][malformed]") {
  const auto rows = manifest();
  std::set<std::string> listed;
  for (const Row& r : rows) CHECK(listed.insert(r.file).second);  // no row twice
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(corpus_dir)) {
    const std::string name = entry.path().filename().string();
    if (name == "expected.tsv" || name == "README.md") continue;
    INFO(name);
    CHECK(listed.count(name) == 1u);
    ++files;
  }
  for (const Row& r : rows) {
    INFO(r.file);
    CHECK((r.file.rfind("generated:", 0) == 0 || fs::is_regular_file(corpus_dir / r.file)));
  }
  CHECK(files >= 40u);
}

TEST_CASE("malformed corpus: each file gives its expected code, message and line",
          "[read][malformed]") {
  const testing::TempDir dir("malformed");
  for (const Row& r : manifest()) {
    INFO(r.file);
    const std::string path = r.file.rfind("generated:", 0) == 0 ? generate(r.file.substr(10), dir)
                                                                : (corpus_dir / r.file).string();
    std::vector<Activity> activities;
    const auto error =
        testing::error_of([&] { activities = runaudit::io::read_activities(path, r.limits); });
    if (r.code == "ok") {
      if (error) FAIL_CHECK("unexpected error: " << error->what());
      const std::string facts = summary(activities);
      for (const std::string& m : r.messages) CHECK_THAT(facts, Catch::Matchers::Contains(m));
      continue;
    }
    if (!error) {
      FAIL_CHECK("read without error:\n" << summary(activities));
      continue;
    }
    CHECK(runaudit::io::to_string(error->code()) == r.code);
    for (const std::string& m : r.messages)
      CHECK_THAT(error->detail(), Catch::Matchers::Contains(m));
    CHECK(error->where().line == r.line);
    CHECK(error->where().file == path);
  }
}

TEST_CASE("malformed corpus: a gzip bomb stops at the limit without filling memory",
          "[read][malformed][gzip]") {
  // 256 MiB of zeros in ~250 KiB; with a 1 MiB limit, reading must stay far below 256 MiB.
  const testing::TempDir dir("bomb");
  const std::string path = dir.write("bomb.gpx.gz", gzip_of_zeros(256u << 20));
  REQUIRE(fs::file_size(path) < (1u << 20));
  ReadLimits limits;
  limits.max_inflated_bytes = 1u << 20;
  const long before_kib = max_rss_kib();
  const auto e = testing::error_of([&] { runaudit::io::read_document(path, limits); });
  const long grown_kib = max_rss_kib() - before_kib;
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::too_large);
  CHECK(e->detail() == "inflates to more than 1 MiB (raise it with --max-inflated-size)");
  CHECK(grown_kib < 32 * 1024);
}

TEST_CASE("malformed corpus: entities are neither expanded nor fetched", "[read][malformed]") {
  // The file names /etc/passwd as an external entity: its content must appear nowhere.
  const auto acts =
      runaudit::io::read_activities((corpus_dir / "gpx_external_entity_file.gpx").string());
  REQUIRE(acts.size() == 1u);
  CHECK(acts[0].name == "&xxe;");
  const std::string facts = summary(acts);
  CHECK_THAT(facts, !Catch::Matchers::Contains("root:"));
  // Ten levels of ten "lol"s would be 10^9 characters: the reference stays as written.
  const auto lol =
      runaudit::io::read_activities((corpus_dir / "gpx_billion_laughs_in_name.gpx").string());
  REQUIRE(lol.size() == 1u);
  CHECK(lol[0].name == "&lol9;");
}
