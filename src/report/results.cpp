#include "runaudit/report/results.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>

#include "json_common.hpp"
#include "runaudit/time.hpp"

namespace runaudit::report {
namespace {

using detail::Json;

std::optional<double> opt(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<double>();
}

double num(const Json& j, const char* key) {
  return opt(j, key).value_or(0.0);
}

std::string str(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it == j.end() || it->is_null() ? std::string() : it->get<std::string>();
}

std::vector<double> column(const Json& j, const char* key) {
  std::vector<double> out;
  for (const Json& v : j.at(key)) out.push_back(v.is_null() ? std::nan("") : v.get<double>());
  return out;
}

audit::LimitSource source_of(const std::string& s) {
  if (s == "flag") return audit::LimitSource::flag;
  if (s == "profile") return audit::LimitSource::profile;
  if (s == "batch") return audit::LimitSource::batch;
  return audit::LimitSource::default_value;
}

audit::Severity severity_of(const std::string& s) {
  if (s == "info") return audit::Severity::info;
  return s == "minor" ? audit::Severity::minor : audit::Severity::major;
}

audit::Verdict verdict_of(const std::string& s) {
  if (s == "pass") return audit::Verdict::pass;
  return s == "warn" ? audit::Verdict::warn : audit::Verdict::fail;
}

audit::RunRecord run_of(const Json& j) {
  audit::RunRecord r;
  r.file = j.at("file").get<std::string>();
  r.activity_index = j.at("activity_index").get<std::size_t>();
  r.athlete = str(j, "athlete");
  r.sport = normalise_sport(str(j, "sport"));
  r.sport_raw = str(j, "sport_raw");
  r.name = str(j, "name");
  if (const auto t = parse_rfc3339(str(j, "start_time"))) r.start_time_ms = t->utc_ms;
  r.audited = str(j, "status") == "audited";
  r.skip_reason = str(j, "skip_reason");
  const Json& m = j.at("metrics");
  signal::Metrics& mm = r.metrics;
  mm.elapsed_time_s = num(m, "elapsed_time_s");
  mm.moving_time_s = num(m, "moving_time_s");
  mm.distance_m = opt(m, "distance_m");
  mm.avg_pace_s_per_km = opt(m, "avg_pace_s_per_km");
  mm.avg_gap_s_per_km = opt(m, "avg_gap_s_per_km");
  mm.elevation_gain_m = opt(m, "elevation_gain_m");
  mm.elevation_loss_m = opt(m, "elevation_loss_m");
  mm.gain_per_km_m = opt(m, "gain_per_km_m");
  mm.max_grade_pct = opt(m, "max_grade_pct");
  mm.avg_hr_bpm = opt(m, "avg_hr_bpm");
  mm.max_hr_bpm = opt(m, "max_hr_bpm");
  mm.avg_cadence_spm = opt(m, "avg_cadence_spm");
  mm.stop_count = m.value("stop_count", std::size_t{0});
  mm.stopped_time_s = num(m, "stopped_time_s");
  mm.paused_time_s = num(m, "paused_time_s");
  mm.cooldown_walk_s = num(m, "cooldown_walk_s");
  if (const auto e = j.find("elevation_quality"); e != j.end() && !e->is_null()) {
    signal::ElevationQuality q;
    q.noise_m = num(*e, "noise_m");
    q.confidence = str(*e, "confidence");
    q.hysteresis_m = num(*e, "hysteresis_m");
    q.smoothing_m = num(*e, "smoothing_m");
    q.grade_window_m = num(*e, "grade_window_m");
    r.elevation = q;
  }
  if (const auto l = j.find("limits"); l != j.end() && l->is_object()) {
    for (const auto& [key, member] : detail::limit_fields) {
      const auto it = l->find(key);
      if (it != l->end() && !it->is_null())
        r.limits.*member = audit::Limit{num(*it, "value"), source_of(str(*it, "source"))};
    }
  }
  for (const Json& v : j.value("violations", Json::array())) {
    audit::Violation x;
    x.rule = str(v, "rule");
    x.severity = severity_of(str(v, "severity"));
    x.start_s = num(v, "start_s");
    x.end_s = num(v, "end_s");
    x.start_m = num(v, "start_m");
    x.end_m = num(v, "end_m");
    x.value = num(v, "value");
    x.limit = num(v, "limit");
    x.unit = str(v, "unit");
    x.message = str(v, "message");
    x.deduction = num(v, "deduction");
    r.judgement.violations.push_back(std::move(x));
  }
  for (const Json& n : j.value("not_judged", Json::array()))
    r.judgement.not_judged.push_back({str(n, "rule"), str(n, "reason")});
  r.judgement.score = num(j, "score");
  r.judgement.verdict = verdict_of(str(j, "verdict"));
  if (const auto s = j.find("series"); s != j.end() && s->is_object()) {
    audit::ChartSeries c;
    c.time_s = column(*s, "time_s");
    c.distance_m = column(*s, "distance_m");
    c.gap_s_per_km = column(*s, "gap_s_per_km");
    c.elevation_m = column(*s, "elevation_m");
    c.heart_rate_bpm = column(*s, "heart_rate_bpm");
    c.state = s->at("state").get<std::vector<std::string>>();
    r.series = std::move(c);
  }
  return r;
}

std::optional<ShardMark> shard_of(const Json& j, const std::string& name) {
  const Json& k = j.at("shard");
  const Json& n = j.at("shards");
  if (!k.is_number_unsigned() || !n.is_number_unsigned() || k.get<std::uint64_t>() < 1 ||
      k.get<std::uint64_t>() > n.get<std::uint64_t>() || n.get<std::uint64_t>() > max_shards)
    return std::nullopt;
  return ShardMark{k.get<unsigned>(), n.get<unsigned>(), str(j, "runaudit_version"), name};
}

}  // namespace

void Results::sort() {
  std::stable_sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) {
    return a.file != b.file ? a.file < b.file : a.activity_index < b.activity_index;
  });
  std::stable_sort(
      errors.begin(), errors.end(),
      [](const io::Diagnostic& a, const io::Diagnostic& b) { return a.source < b.source; });
  // The same results given twice (a shard passed twice, overlapping shards) count once.
  runs.erase(std::unique(runs.begin(), runs.end(),
                         [](const auto& a, const auto& b) {
                           return a.file == b.file && a.activity_index == b.activity_index;
                         }),
             runs.end());
  errors.erase(std::unique(errors.begin(), errors.end(),
                           [](const io::Diagnostic& a, const io::Diagnostic& b) {
                             return a.source == b.source;
                           }),
               errors.end());
}

void read_results(std::istream& in, const std::string& name, Results& results) {
  std::string line;
  bool marked = false, unmarked = false;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto fail = [&](const std::string& why) {
      throw io::ParseError(io::ParseErrc::bad_results, io::SourceLocation{name, n, 0, -1}, why);
    };
    try {
      const Json j = Json::parse(line);
      if (j.value("schema_version", 0) != detail::schema_version)
        fail("not a runaudit results line of schema_version " +
             std::to_string(detail::schema_version));
      const std::string record = str(j, "record");
      unmarked = unmarked || (record != "shard" && !marked);
      if (record == "shard") {
        const auto mark = shard_of(j, name);
        if (!mark)
          fail("bad shard line: needs shard K and shards N with 1 <= K <= N <= " +
               std::to_string(max_shards));
        ;
        results.shards.push_back(*mark);
        marked = true;
      } else if (record == "run")
        results.runs.push_back(run_of(j));
      else if (record == "error")
        results.errors.push_back(io::Diagnostic{
            str(j, "file"), str(j, "code"), str(j, "message"),
            static_cast<std::size_t>(num(j, "line")), static_cast<std::size_t>(num(j, "column")),
            j.contains("offset") && j["offset"].is_number() ? j["offset"].get<std::ptrdiff_t>()
                                                            : -1});
      else
        fail("unknown record '" + record + "'");
    } catch (const nlohmann::json::exception& e) {
      fail(std::string("not a results line: ") + e.what());
    }
  }
  if (unmarked || !marked) results.unmarked.push_back(name);
}

}  // namespace runaudit::report
