#include "runaudit/report/history.hpp"

#include <algorithm>
#include <istream>
#include <limits>
#include <ostream>
#include <tuple>
#include <utility>

#include "json_common.hpp"
#include "runaudit/report/results.hpp"
#include "runaudit/time.hpp"

namespace runaudit::report {
namespace {

// The run a history line holds, by athlete and start time; nullopt for other lines.
std::optional<HistoryKey> key_of(const std::string& line, const std::string& name, std::size_t n) {
  try {
    const detail::Json j = detail::Json::parse(line);
    if (j.value("record", "") != "run" || !j.contains("start_time") || !j["start_time"].is_string())
      return std::nullopt;
    const auto t = parse_rfc3339(j["start_time"].get<std::string>());
    if (!t) return std::nullopt;
    return HistoryKey{j.value("athlete", ""), t->utc_ms};
  } catch (const nlohmann::json::exception& e) {
    throw io::ParseError(io::ParseErrc::bad_results, io::SourceLocation{name, n, 0, -1},
                         std::string("not a results line: ") + e.what());
  }
}

}  // namespace

void read_history(std::istream& in, const std::string& name, audit::BaselineStore& store) {
  Results results;
  read_results(in, name, results);
  // Every run line is held (a later job must know it saw the run), its value only with one.
  for (const audit::RunRecord& r : results.runs)
    if (r.start_time_ms) {
      store.add(r.athlete, *r.start_time_ms,
                r.baseline_gap_s_per_km.value_or(std::numeric_limits<double>::quiet_NaN()));
      store.add_late_window(r.athlete, *r.start_time_ms, r.late_window);
      if (!r.early_window.empty() || !r.late_window.empty()) store.add_pending(r);
      if (audit::cut_short(r.judgement)) store.add_cut_short(r.athlete, *r.start_time_ms);
      if (audit::lends_device_heart_rate(r)) {
        // A history written before the FIT reader dropped impossible settings may hold them.
        DeviceHeartRate hr = audit::lent_heart_rate(r);
        if (hr.max_bpm && !plausible_max_hr(*hr.max_bpm)) hr.max_bpm.reset();
        if (hr.threshold_bpm && !plausible_threshold_hr(*hr.threshold_bpm, hr.max_bpm))
          hr.threshold_bpm.reset();
        store.add_device_heart_rate(r.athlete, *r.start_time_ms, hr);
      }
    }
}

void write_history(std::istream& earlier, const std::string& name,
                   const std::vector<HistoryLine>& lines, const std::vector<HistoryLine>& if_absent,
                   std::ostream& out) {
  audit::ActivityStarts batch, held;  // this batch's runs; the file's, so far
  for (const HistoryLine& l : lines)
    if (l.key) batch.add(l.key->first, l.key->second);
  std::vector<HistoryLine> kept;
  std::string line;
  for (std::size_t n = 1; std::getline(earlier, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::optional<HistoryKey> key = key_of(line, name, n);
    if (key && !batch.holds(key->first, key->second)) {
      held.add(key->first, key->second);
      kept.push_back({std::move(key), line + '\n'});
    }
  }
  kept.insert(kept.end(), lines.begin(), lines.end());
  for (const HistoryLine& l : if_absent)
    if (!batch.holds(l.key->first, l.key->second) && !held.holds(l.key->first, l.key->second)) {
      held.add(l.key->first, l.key->second);
      kept.push_back(l);
    }
  // By start time, then athlete; lines without a start time (the batch's only) last.
  std::stable_sort(kept.begin(), kept.end(), [](const HistoryLine& a, const HistoryLine& b) {
    if (!a.key || !b.key) return a.key && !b.key;
    return std::tie(a.key->second, a.key->first) < std::tie(b.key->second, b.key->first);
  });
  for (const HistoryLine& l : kept) out << l.line;
}

}  // namespace runaudit::report
