#include "runaudit/report/history.hpp"

#include <algorithm>
#include <istream>
#include <limits>
#include <ostream>
#include <set>
#include <tuple>
#include <utility>

#include "../audit/text.hpp"
#include "json_common.hpp"
#include "runaudit/report/results.hpp"
#include "runaudit/time.hpp"

namespace runaudit::report {
namespace {

// The run a history line holds; nullopt for other lines.
std::optional<HistoryKey> key_of(const std::string& line, const std::string& name, std::size_t n) {
  try {
    const detail::Json j = detail::Json::parse(line);
    if (j.value("record", "") != "run") return std::nullopt;
    HistoryKey key{j.value("athlete", ""), std::nullopt, {}};
    if (j.contains("start_time") && j["start_time"].is_string()) {
      const auto t = parse_rfc3339(j["start_time"].get<std::string>());
      if (!t) return std::nullopt;
      key.start_time_ms = t->utc_ms;
    } else {
      const auto at = j.find("activity_index");
      const auto index = at == j.end() ? std::optional<std::size_t>(0) : detail::whole_number(*at);
      if (!index)
        throw io::ParseError(io::ParseErrc::bad_results, io::SourceLocation{name, n, 0, -1},
                             "activity_index: not a whole number from 0: " + at->dump());
      double elapsed_s = 0;
      if (const auto m = j.find("metrics"); m != j.end() && m->is_object())
        if (const auto e = m->find("elapsed_time_s"); e != m->end() && e->is_number())
          elapsed_s = e->get<double>();
      key.undated_name = audit::undated_name(j.value("file", ""), *index, elapsed_s);
    }
    return key;
  } catch (const nlohmann::json::exception& e) {
    throw io::ParseError(io::ParseErrc::bad_results, io::SourceLocation{name, n, 0, -1},
                         detail::not_results_line(e));
  }
}

// The runs a history file holds, as audit::BaselineStore tells them apart.
class HeldRuns {
 public:
  void add(const HistoryKey& key) {
    if (key.start_time_ms)
      m_dated.add(key.athlete, *key.start_time_ms);
    else
      m_undated.emplace(audit::text::athlete_key(key.athlete), key.undated_name);
  }
  bool holds(const HistoryKey& key) const {
    return key.start_time_ms
               ? m_dated.holds(key.athlete, *key.start_time_ms)
               : m_undated.count({audit::text::athlete_key(key.athlete), key.undated_name}) > 0;
  }

 private:
  audit::ActivityStarts m_dated;
  std::set<std::pair<std::string, std::string>> m_undated;  // (athlete_key, undated_name)
};

}  // namespace

void read_history(std::istream& in, const std::string& name, audit::BaselineStore& store) {
  Results results;
  read_results(in, name, results);
  // Every run line is held (a later job must know it saw the run), its value only with one.
  for (audit::RunRecord& r : results.runs) {
    if (!r.start_time_ms) {
      store.add_undated(r.athlete,
                        audit::undated_name(r.file, r.activity_index, r.metrics.elapsed_time_s),
                        r.late_window);
    } else {
      store.add(r.athlete, *r.start_time_ms,
                r.baseline_gap_s_per_km.value_or(std::numeric_limits<double>::quiet_NaN()));
      store.add_late_window(r.athlete, *r.start_time_ms, r.late_window);
      if (audit::cut_short(r.judgement)) store.add_cut_short(r.athlete, *r.start_time_ms);
      if (audit::lends_device_heart_rate(r)) {
        // A history written before the FIT reader dropped impossible settings may hold them.
        DeviceHeartRate hr = audit::lent_heart_rate(r);
        if (hr.max_bpm && !plausible_max_hr(*hr.max_bpm)) hr.max_bpm.reset();
        if (hr.threshold_bpm && !plausible_threshold_hr(*hr.threshold_bpm, hr.max_bpm))
          hr.threshold_bpm.reset();
        store.add_device_heart_rate(r.athlete, *r.start_time_ms, hr);
      }
      // Last: the record moves into the store (a club's history is read once, not held twice).
      if (!r.early_window.empty() || !r.late_window.empty())
        store.add_pending(std::move(r));
      else
        store.add_reported(std::move(r));
    }
  }
}

void write_history(std::istream& earlier, const std::string& name,
                   const std::vector<HistoryLine>& lines, const std::vector<HistoryLine>& if_absent,
                   std::ostream& out) {
  HeldRuns batch, held;  // this batch's runs; the file's, so far
  for (const HistoryLine& l : lines) batch.add(l.key);
  std::vector<HistoryLine> kept;
  std::string line;
  for (std::size_t n = 1; std::getline(earlier, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::optional<HistoryKey> key = key_of(line, name, n);
    if (key && !batch.holds(*key) && !held.holds(*key)) {  // a line twice: once
      held.add(*key);
      kept.push_back({std::move(*key), line + '\n'});
    }
  }
  kept.insert(kept.end(), lines.begin(), lines.end());
  for (const HistoryLine& l : if_absent)
    if (!batch.holds(l.key) && !held.holds(l.key)) {
      held.add(l.key);
      kept.push_back(l);
    }
  // By start time, then athlete; lines without a start time last, as they came.
  std::stable_sort(kept.begin(), kept.end(), [](const HistoryLine& a, const HistoryLine& b) {
    if (!a.key.start_time_ms || !b.key.start_time_ms)
      return a.key.start_time_ms && !b.key.start_time_ms;
    return std::tie(*a.key.start_time_ms, a.key.athlete) <
           std::tie(*b.key.start_time_ms, b.key.athlete);
  });
  for (const HistoryLine& l : kept) out << l.line;
}

}  // namespace runaudit::report
