// `runaudit report`'s streamed merge (report::ResultsMerge) against the whole batch in memory:
// a few hundred runs written as JSONL, read back at once (read_results), sorted as one audit
// writes them and rendered in every format, must be what the merge of the same runs gives
// however they are split into files: shards, a shard given twice, files concatenated, lines
// shuffled, keys in another order.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/report/merge.hpp"
#include "runaudit/report/results.hpp"
#include "runaudit/report/writer.hpp"
#include "support/files.hpp"
#include "support/synth.hpp"

using namespace runaudit;

namespace {

// A run at @p speed m/s for 15 minutes, then a 200 s walk, audited with its curves.
audit::RunRecord audited_run(double speed) {
  synth::Options o;
  o.path = synth::straight;
  o.legs = {{synth::Leg::move, 900, speed}, {synth::Leg::move, 200, 1.4}};
  audit::LimitInputs flags;
  flags.pace_limit_s_per_km = 360;
  return audit::audit_activity(synth::generate(o).activity, "x", {}, flags, nullptr, std::nullopt,
                               {}, true);
}

// 300 runs of 7 athletes, two activities per file, every tenth skipped, in no particular order;
// four audited runs of different speeds give the metrics and findings.
std::vector<audit::RunRecord> batch() {
  const std::vector<audit::RunRecord> base{audited_run(2.4), audited_run(2.8), audited_run(3.2),
                                           audited_run(3.6)};
  std::vector<audit::RunRecord> runs;
  for (std::size_t i = 0; i < 300; ++i) {
    audit::RunRecord r = base[i % base.size()];
    r.athlete = "athlete-" + std::to_string(i * 7919 % 7);
    r.file = r.athlete + "/run-" + std::to_string(1000 + i / 2) + ".gpx";
    r.activity_index = i % 2;
    r.name = "Run " + std::to_string(i);
    r.start_time_ms = *r.start_time_ms + static_cast<std::int64_t>(i * 7 % 300) * 86'400'000;
    if (i % 10 == 3) {
      r.audited = false;
      r.skip_reason = "cycling: not a run";
      r.limits = {};
      r.judgement = {};
    }
    runs.push_back(std::move(r));
  }
  std::shuffle(runs.begin(), runs.end(), std::mt19937(7));
  return runs;
}

const std::vector<io::Diagnostic> errors{{"athlete-2/bad.gpx", "malformed_xml", "truncated", 5, 1},
                                         {"athlete-1/empty.tcx", "no_activity", "empty", 0, 0}};

std::string jsonl(std::span<const audit::RunRecord> runs, std::span<const io::Diagnostic> errs,
                  unsigned shard = 0, unsigned shards = 0) {
  report::ReportOptions options;
  options.shard = shard;
  options.shards = shards;
  std::ostringstream out;
  report::write_report("jsonl", out, options, runs, errs);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line + '\n');
  return lines;
}

// The report in memory: every run read back at once, sorted by (file, activity index) as one
// audit writes them, rendered whole.
std::string in_memory(std::string_view format, const std::vector<audit::RunRecord>& runs) {
  std::vector<audit::RunRecord> sorted = runs;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::tie(a.file, a.activity_index) < std::tie(b.file, b.activity_index);
  });
  std::vector<io::Diagnostic> errs = errors;
  std::sort(errs.begin(), errs.end(),
            [](const auto& a, const auto& b) { return a.source < b.source; });
  std::istringstream in(jsonl(sorted, errs));
  report::Results back;
  report::read_results(in, "single.jsonl", back);
  std::ostringstream out;
  report::write_report(format, out, {}, back.runs, back.errors);
  return out.str();
}

// The report streamed from the files @p paths.
std::string streamed(std::string_view format, const std::vector<std::string>& paths) {
  report::ResultsMerge merge(paths);
  std::ostringstream out;
  const auto writer = report::make_writer(format, out, {});
  while (const auto run = merge.next()) writer->run(*run);
  writer->finish(merge.errors());
  return out.str();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("merge: shards streamed give the report of the whole batch in memory", "[merge]") {
  const std::vector<audit::RunRecord> runs = batch();
  const testing::TempDir dir("merge");
  // Three shards by athlete, each written as `--shard K/3 -f jsonl` writes it (the audit's
  // order, its shard line first), the errors in the second.
  std::vector<std::vector<audit::RunRecord>> parts(3);
  for (const audit::RunRecord& r : runs)
    parts[static_cast<std::size_t>(r.athlete.back() - '0') % 3].push_back(r);
  std::vector<std::string> shards;
  for (unsigned k = 0; k < 3; ++k) {
    std::sort(parts[k].begin(), parts[k].end(), [](const auto& a, const auto& b) {
      return std::tie(a.file, a.activity_index) < std::tie(b.file, b.activity_index);
    });
    shards.push_back(
        dir.write("shard" + std::to_string(k + 1) + ".jsonl",
                  jsonl(parts[k], k == 1 ? errors : std::vector<io::Diagnostic>{}, k + 1, 3)));
  }

  SECTION("as the audit writes them: one stretch per file") {
    const report::ResultsMerge merge(shards);
    CHECK(merge.stretches() == 3);
    CHECK(merge.shards().size() == 3);
    CHECK(merge.unmarked().empty());
    for (const std::string_view format : report::formats) {
      CAPTURE(format);
      CHECK(streamed(format, shards) == in_memory(format, runs));
    }
  }

  SECTION("given twice, concatenated, shuffled and with keys in another order") {
    const std::string one = read_file(shards[0]), two = read_file(shards[1]),
                      three = read_file(shards[2]);
    // The second shard's lines in random order (runs and errors mixed).
    std::vector<std::string> lines = lines_of(two);
    std::shuffle(lines.begin(), lines.end(), std::mt19937(3));
    std::string shuffled;
    for (const std::string& line : lines) shuffled += line;
    // The third with every object's keys in alphabetical order: "file" comes after objects.
    std::string sorted_keys;
    for (const std::string& line : lines_of(three))
      sorted_keys += nlohmann::json::parse(line).dump() + '\n';
    REQUIRE(sorted_keys.find("\"activity_index\"") < sorted_keys.find("\"file\""));
    const std::vector<std::string> paths{dir.write("three-one.jsonl", three + one),
                                         dir.write("shuffled.jsonl", shuffled),
                                         dir.write("sorted-keys.jsonl", sorted_keys), shards[0]};
    const report::ResultsMerge merge(paths);
    CHECK(merge.stretches() > 6);
    CHECK(merge.errors().size() == errors.size());
    for (const std::string_view format : report::formats) {
      CAPTURE(format);
      CHECK(streamed(format, paths) == in_memory(format, runs));
    }
  }
}

TEST_CASE("merge: a bad line is an error naming its file and line", "[merge]") {
  const testing::TempDir dir("merge");
  std::vector<audit::RunRecord> audited = batch();
  std::erase_if(audited, [](const audit::RunRecord& r) { return !r.audited; });
  const std::vector<std::string> lines = lines_of(jsonl({audited.data(), 3}, {}));
  const std::string name = "bad.jsonl";
  const auto diagnostic = [&](const auto& read) {
    try {
      read();
    } catch (const io::ParseError& e) {
      return io::describe(e.diagnostic());
    }
    return std::string("no error");
  };

  SECTION("cut before its key: when indexed") {
    const std::string path =
        dir.write(name, lines[0] + lines[1] + lines[2].substr(0, 40) + '\n' + lines[3]);
    CHECK_THAT(diagnostic([&] { report::ResultsMerge merge({path}); }),
               Catch::StartsWith(path + ":3: not a results line"));
  }
  SECTION("a value its field cannot hold: when the merge reaches it") {
    std::string bad = lines[2];
    const std::size_t at = bad.find("\"verdict\":\"");
    REQUIRE(at != std::string::npos);
    bad.insert(at + 11, "maybe-");
    const std::string path = dir.write(name, lines[0] + lines[1] + bad + lines[3]);
    report::ResultsMerge merge({path});
    CHECK_THAT(diagnostic([&] {
                 while (merge.next()) {
                 }
               }),
               Catch::StartsWith(path + ":3: ") && Catch::Contains("unknown value 'maybe-"));
  }
}
