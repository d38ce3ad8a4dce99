#include "runaudit/audit/engine.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <utility>

#include "duplicates.hpp"
#include "parallel.hpp"
#include "source_runs.hpp"
#include "spill.hpp"
#include "text.hpp"

namespace runaudit::audit {

using text::athlete_key;

namespace {

bool has_pace_anchor(const LimitInputs& in) {
  return in.pace_limit_s_per_km || in.threshold_pace_s_per_km;
}

// A source's runs as pass 1 left them: where its staged runs are in the spill, or its error.
struct Staged {
  std::vector<detail::SpillTicket> runs;
  std::optional<io::Diagnostic> error;
  std::optional<RunRecord> skipped;  // a source that holds no activity
};

// Pass 2 for a source pass 1 staged: reads its runs back from the spill (or takes its error) and
// completes each with @p finish. @return false when the source must be read again (not
// staged, or a spilled run cannot be read back).
template <typename Finish>
bool finish_staged(std::optional<Staged>& staged, detail::Spill& spill,
                   std::vector<RunRecord>& runs, std::optional<io::Diagnostic>& error,
                   const Finish& finish) {
  if (!staged) return false;
  if (staged->error) {
    error = std::move(staged->error);
    return true;
  }
  if (staged->skipped) runs.push_back(std::move(*staged->skipped));
  for (const detail::SpillTicket& ticket : staged->runs) {
    std::optional<StagedRun> run = spill.take(ticket);
    if (!run) {
      runs.clear();
      return false;
    }
    finish(run->record, run->prepared);
    runs.push_back(std::move(run->record));
  }
  staged.reset();
  return true;
}

// The time zone of @p athlete's runs: their row's, else --timezone; null for none (UTC).
const TimeZone* zone_of(const AthleteBook& athletes, const BatchOptions& o,
                        const std::string& athlete) {
  if (const TimeZone* zone = athletes.time_zone(athlete)) return zone;
  return o.time_zone ? &*o.time_zone : nullptr;
}

// Places run @p r in @p zone (null: nothing to do): the offset of a run whose file gives none,
// and a start read on the watch's local clock (RunRecord::clock_is_local) moved to UTC by the
// zone's offset for that reading (TimeZone::local_utc_offset_s). Placing twice changes nothing.
// @return what the start time was moved back by (ms; 0 but for a local clock).
std::int64_t place_in_zone(RunRecord& r, const TimeZone* zone) {
  if (r.utc_offset_s || !zone || !r.start_time_ms) return 0;
  if (!r.clock_is_local) {
    r.utc_offset_s = zone->utc_offset_s(*r.start_time_ms);
    return 0;
  }
  const int offset = zone->local_utc_offset_s(*r.start_time_ms);
  *r.start_time_ms -= std::int64_t{offset} * 1000;
  r.clock_is_local = false;
  r.utc_offset_s = offset;
  return std::int64_t{offset} * 1000;
}

// Pass 1, for the sources @p which (athletes without a pace anchor, and every source of a batch
// that may hold duplicates): stages every run once (read, prepared, selected), finds the
// duplicates among them (@p duplicates), adds each run counted once to @p baselines, and spills
// it, so pass 2 only has to judge it. Sources whose runs could not all be spilled are left
// unstaged (read again).
std::vector<std::optional<Staged>> stage_for_baselines(
    const std::vector<io::Source>& sources, const std::vector<std::size_t>& which,
    const AthleteBook& athletes, const BatchOptions& o, detail::Spill& spill,
    BaselineStore& baselines, detail::Duplicates& duplicates, BatchSink& sink) {
  const std::size_t n = sources.size();
  std::vector<std::optional<Staged>> staged(n);
  struct Value {
    std::size_t activity;
    std::int64_t start_time_ms;
    double gap_s_per_km;
    std::optional<DeviceHeartRate> device_heart_rate;  // when it lends them (lends_device_...)
  };
  std::vector<std::vector<Value>> values(n);
  std::vector<std::optional<detail::SourcePrint>> prints(n);
  // Largest sources first: no worker reads a four-hour run alone at the end (the
  // longest-processing-time rule) and, where their sizes allow it without ending later, one
  // worker reads the largest sources and the others the smallest (two-ended), so only one
  // worker grows to the largest source's memory. The members of an inner archive (a Garmin
  // export's zips in its zip) are kept together after the rest, so no worker inflates an inner
  // archive again for each member it reads.
  std::vector<std::size_t> order = which;
  std::vector<std::string> inner(n);
  for (const std::size_t i : which) inner[i] = detail::inner_archive(sources[i]);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (inner[a] != inner[b]) return inner[a] < inner[b];
    return sources[a].size_hint > sources[b].size_hint;
  });
  std::vector<std::uint64_t> costs;
  costs.reserve(order.size());
  for (const std::size_t i : order) costs.push_back(sources[i].size_hint);
  const detail::Schedule schedule = detail::choose_schedule(costs, o.jobs);
  sink.begin_pass(order.size());
  detail::parallel_for(
      order.size(), o.jobs,
      [&](std::size_t k) {
        const std::size_t i = order[k];
        Staged st;
        bool spilled = true;  // else pass 2 reads the source again
        try {
          detail::SourceRead read =
              detail::read_for_batch(sources[i], athlete_of(sources[i]), o.read_limits);
          st.skipped = std::move(read.skipped);
          if (!read.activities.empty()) prints[i].emplace().content_hash = read.content_hash;
          for (const Activity& a : read.activities) {
            StagedRun run = stage_activity(a, athlete_of(sources[i]), o.selection);
            // In its athlete's zone before anything is stored under its start time.
            const std::int64_t moved_ms =
                place_in_zone(run.record, zone_of(athletes, o, athlete_of(sources[i])));
            detail::RunPrint print = detail::print_of(a);
            for (std::optional<std::int64_t>* t : {&print.start_ms, &print.end_ms})
              if (*t) **t -= moved_ms;
            prints[i]->runs.push_back(print);
            if (run.record.baseline_gap_s_per_km && run.record.start_time_ms)
              values[i].push_back({a.index, *run.record.start_time_ms,
                                   *run.record.baseline_gap_s_per_km,
                                   lends_device_heart_rate(run.record)
                                       ? std::optional<DeviceHeartRate>(lent_heart_rate(run.record))
                                       : std::nullopt});
            if (!o.with_series) drop_unjudged_columns(run);  // a smaller spill
            const auto ticket = spilled ? spill.put(run) : std::nullopt;
            spilled = ticket.has_value();
            if (spilled) st.runs.push_back(*ticket);
          }
        } catch (const io::ParseError& e) {
          st.runs.clear();
          st.error = e.diagnostic();
          spilled = true;
        }
        if (spilled) staged[i] = std::move(st);
      },
      [&] { sink.source_done(); }, schedule);
  std::vector<std::string> names;  // each source's athlete
  names.reserve(n);
  for (const io::Source& s : sources) names.push_back(athlete_of(s));
  duplicates = detail::Duplicates(sources, names, prints);
  for (std::size_t i = 0; i < n; ++i)
    for (const Value& v : values[i]) {
      if (!duplicates.kept(i, v.activity)) continue;
      baselines.add(names[i], v.start_time_ms, v.gap_s_per_km);
      if (v.device_heart_rate)
        baselines.add_device_heart_rate(names[i], v.start_time_ms, *v.device_heart_rate);
    }
  return staged;
}

// Hands each source's results to the sink in source order as soon as all earlier sources are
// done. Each worker renders the runs it audited; one worker at a time delivers, outside the
// lock: the others go on auditing instead of waiting, but never more than a few sources ahead
// of delivery, so finished runs waiting to be delivered stay few (the sink can be the slower
// side: a slow pipe).
class OrderedDelivery {
 public:
  // How a finished run reaches the sink: in the window (BatchSink::deliver), before it and new
  // to the history (BatchSink::late), or outside it (BatchSink::outside_window, not rendered),
  // new to the history or held by it.
  enum class Delivery { reported, late, outside, held };
  // A run as its worker finished it.
  struct Finished {
    RunRecord run;
    std::string rendered;
    Delivery delivery = Delivery::reported;
  };
  using Rendered = std::vector<Finished>;

  OrderedDelivery(std::size_t sources, unsigned jobs, BatchSink& sink)
      : m_done(sources), m_errors(sources), m_ahead(4 * std::max(1u, jobs)), m_sink(sink) {}

  // Blocks until source @p i may start; @return false when the batch was abandoned. Source
  // m_next never waits, so the batch always moves on.
  bool wait_turn(std::size_t i) {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_written.wait(lock, [&] { return i < m_next + m_ahead || m_abandoned; });
    return !m_abandoned;
  }

  // Stores source @p i's results and delivers every source whose turn has come.
  void finish(std::size_t i, Rendered rendered, std::optional<io::Diagnostic> error) {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_done[i] = std::move(rendered);
    m_errors[i] = std::move(error);
    if (m_delivering) return;  // that worker also delivers this source when its turn comes
    m_delivering = true;
    while (m_next < m_done.size() && m_done[m_next]) {
      Rendered ready = std::move(*m_done[m_next]);
      std::optional<io::Diagnostic> ready_error = std::move(m_errors[m_next]);
      m_done[m_next].reset();
      ++m_next;
      lock.unlock();
      m_written.notify_all();
      for (Finished& f : ready) {
        switch (f.delivery) {
          case Delivery::reported:
            m_sink.deliver(std::move(f.run), std::move(f.rendered));
            break;
          case Delivery::late:
            m_sink.late(std::move(f.run), std::move(f.rendered));
            break;
          case Delivery::outside:
          case Delivery::held:
            m_sink.outside_window(std::move(f.run), f.delivery == Delivery::held);
            break;
        }
      }
      if (ready_error) m_sink.error(std::move(*ready_error));
      lock.lock();
    }
    m_delivering = false;
  }

  // A job threw: the batch stops and nobody may wait any more.
  void abandon() {
    {
      const std::lock_guard<std::mutex> lock(m_mutex);
      m_abandoned = true;
    }
    m_written.notify_all();
  }

 private:
  std::vector<std::optional<Rendered>> m_done;
  std::vector<std::optional<io::Diagnostic>> m_errors;
  std::size_t m_next = 0;     // the first source not yet delivered
  bool m_delivering = false;  // a worker is delivering sources [m_next, ...) outside the lock
  bool m_abandoned = false;
  const std::size_t m_ahead;
  BatchSink& m_sink;
  std::mutex m_mutex;
  std::condition_variable m_written;  // m_next moved on
};

// An audited run before the window that this job reports: the history files of its athlete do
// not hold it (uploaded after the job of its week had run; a first week, whose history has none
// of the athlete's runs, has no late runs, and a run before the athlete's first in the history
// predates the jobs: a watch syncing its backlog), or hold it as reported late by a job of this
// same window (this job run again: a retry reports what the first try reported), or hold it from a
// file cut short where this one is whole (the whole file uploaded since its week's job).
bool late(const RunRecord& r, const BaselineStore& history, const std::string& window) {
  if (!r.audited || !r.start_time_ms) return false;
  const std::optional<std::int64_t> first = history.first_start(r.athlete);
  if (!first || *r.start_time_ms < *first) return false;
  return !history.holds(r.athlete, *r.start_time_ms) ||
         history.late_window(r.athlete, *r.start_time_ms) == window ||
         (history.cut_short(r.athlete, *r.start_time_ms) && !cut_short(r.judgement));
}

// The days of planned sessions that had a run: (lower-case athlete, local day).
struct PlannedDays {
  std::mutex mutex;
  std::set<std::pair<std::string, std::int64_t>> ran;
  // athlete_key(athlete) → the runs' own spelling (the smallest, if several), which a missed day's
  // record takes, so that it lands in the runs' section and week, whatever the plan's case.
  std::map<std::string, std::string> spelling;
};

// The session @p plan gives @p athlete on the local day of @p r, or nullptr.
const PlannedSession* session_of(const Plan& plan, const std::string& athlete, const RunRecord& r) {
  if (!r.start_time_ms) return nullptr;
  return plan.find(athlete, local_day(*r.start_time_ms, r.utc_offset_s.value_or(0)));
}

// Whether @p athlete is another part's, or one no part sees whole, in a batch of parts
// (BatchOptions::shard): the records delivered after the sources (planned days missed, runs
// from the history) go to the part that audits the athlete's files.
bool other_part(const BatchOptions& o, const std::string& athlete) {
  return o.shards > 1 &&
         (is_default_athlete(athlete) || !athlete_in_shard(athlete, o.shard, o.shards));
}

// With a plan, an audited run of an athlete it plans for, on a day not planned as recovery, is
// skipped as not planned, unless it was done as a recovery workout (the watch says the intent,
// as for --match); @p session is the day's (session_of).
void follow_plan(const Plan& plan, const std::string& athlete, const PlannedSession* session,
                 RunRecord& r, PlannedDays& days) {
  {
    const std::lock_guard<std::mutex> lock(days.mutex);
    const auto [known, fresh] = days.spelling.emplace(athlete_key(athlete), athlete);
    if (!fresh && athlete < known->second) known->second = athlete;
    if (session && r.audited && r.start_time_ms)
      days.ran.insert({athlete_key(athlete), session->day});
  }
  if (!r.audited || !r.start_time_ms || r.recovery_workout || !plan.covers(athlete)) return;
  if (session && session->is_recovery()) return;
  r.audited = false;
  r.skip_reason =
      session
          ? "not planned as a recovery run (" + plan.file() + ": " + session->session + " that day)"
          : "not planned as a recovery run (nothing planned that day in " + plan.file() + ")";
  r.limits = {};
  r.judgement = {};
}

// A planned recovery day in the window without a run: a skipped record, not a failure, dated
// at the start of that day where the athlete lives (their time zone, else --timezone, else UTC).
void deliver_missed(const Plan& plan, const DayRange& window, const PlannedDays& days,
                    const AthleteBook& athletes, const BatchOptions& o, BatchSink& sink) {
  for (const PlannedSession& s : plan.sessions()) {
    if (!s.is_recovery() || !window.contains(s.day) ||
        days.ran.count({athlete_key(s.athlete), s.day}))
      continue;
    if (other_part(o, s.athlete)) continue;
    RunRecord r;
    r.file = plan.file() + ":" + std::to_string(s.line);
    const auto spelt = days.spelling.find(athlete_key(s.athlete));
    r.athlete = spelt != days.spelling.end() ? spelt->second : s.athlete;
    r.name = "planned " + s.session + " run";
    const std::int64_t midnight_local_ms = s.day * std::int64_t{86'400'000};
    r.start_time_ms = midnight_local_ms;
    const TimeZone* zone = athletes.time_zone(s.athlete);
    if (!zone && o.time_zone) zone = &*o.time_zone;
    if (zone) {  // the offset at the instant itself: twice, for a day that changes it
      for (int pass = 0; pass < 2; ++pass) {
        r.utc_offset_s = zone->utc_offset_s(*r.start_time_ms);
        r.start_time_ms = midnight_local_ms - std::int64_t{*r.utc_offset_s} * 1000;
      }
    }
    r.skip_reason = std::string(missed_day_reason) + ": no run on " + format_day(s.day);
    std::string rendered = sink.render(r);
    sink.missed(std::move(r), std::move(rendered));
  }
}

// The runs of a batch with a start time (athlete, UTC ms), added from the workers.
class BatchRuns {
 public:
  void add(const std::string& athlete, std::int64_t start_time_ms) {
    const std::lock_guard lock(m_mutex);
    m_starts.add(athlete, start_time_ms);
  }
  // Whether the batch had a run of @p athlete starting within same_activity_ms of
  // @p start_time_ms (after the workers are done).
  bool has(const std::string& athlete, std::int64_t start_time_ms) const {
    return m_starts.holds(athlete, start_time_ms);
  }

 private:
  std::mutex m_mutex;
  ActivityStarts m_starts;
};

// The history's runs no job has reported from their files (BaselineStore::pending) that this
// batch lacks: those of the window, or before it (late), delivered as the history holds them,
// with this window as their late_window (a retry of this job delivers them again); those a job
// of another window reported already (their late_window) stay as they are.
void deliver_pending(const BatchOptions& o, const std::string& window, const BatchRuns& batch,
                     PlannedDays& planned_days, BatchSink& sink) {
  for (RunRecord r : o.history.pending()) {
    if (!r.start_time_ms || batch.has(r.athlete, *r.start_time_ms)) continue;
    if (!r.late_window.empty() ? r.late_window != window : r.early_window.empty()) continue;
    if (other_part(o, r.athlete)) continue;
    const std::int64_t day = local_day(*r.start_time_ms, r.utc_offset_s.value_or(0));
    if (day > o.window.last) continue;  // still before its window
    r.late_window = window;
    // As a run of the batch: a planned day it ran on is no missed day (deliver_missed), a day
    // not planned as recovery makes it not planned.
    if (o.plan) follow_plan(*o.plan, r.athlete, session_of(*o.plan, r.athlete, r), r, planned_days);
    std::string rendered = sink.render(r);
    if (o.window.contains(day))
      sink.deliver(std::move(r), std::move(rendered));
    else
      sink.late(std::move(r), std::move(rendered));
  }
}

// The history's runs of this window, closed at both ends, that a job of it reported from their
// files (BaselineStore::reported) and that this batch lacks: that job run again without them
// (a retry whose uploads a sync has moved) reports them as the first run did. (A window open at
// an end would report the history's every run beyond it.)
void deliver_reported(const BatchOptions& o, const BatchRuns& batch, PlannedDays& planned_days,
                      BatchSink& sink) {
  if (o.window.first == DayRange{}.first || o.window.last == DayRange{}.last) return;
  for (const RunRecord& held : o.history.reported()) {  // the whole history: copied if taken
    if (!held.start_time_ms || other_part(o, held.athlete) ||
        !o.window.contains(local_day(*held.start_time_ms, held.utc_offset_s.value_or(0))) ||
        batch.has(held.athlete, *held.start_time_ms))
      continue;
    RunRecord r = held;
    if (o.plan) follow_plan(*o.plan, r.athlete, session_of(*o.plan, r.athlete, r), r, planned_days);
    std::string rendered = sink.render(r);
    sink.retried(std::move(r), std::move(rendered));
  }
}

}  // namespace

std::string athlete_of(const io::Source& source) {
  return source.athlete.empty() ? std::string(default_athlete) : source.athlete;
}

bool is_default_athlete(std::string_view athlete) {
  return athlete_key(athlete) == default_athlete;
}

namespace {
bool key_in_shard(std::string_view key, unsigned shard, unsigned shards) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64-bit
  for (const char c : key) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h % shards == shard - 1;
}
}  // namespace

bool athlete_in_shard(std::string_view athlete, unsigned shard, unsigned shards) {
  return key_in_shard(athlete_key(athlete), shard, shards);
}

bool in_shard(const io::Source& source, unsigned shard, unsigned shards) {
  return source.athlete.empty()
             ? key_in_shard(std::filesystem::path(source.name).filename().string(), shard, shards)
             : athlete_in_shard(source.athlete, shard, shards);
}

AthleteBook::AthleteBook(const std::vector<AthleteProfile>& profiles) {
  for (const AthleteProfile& p : profiles)
    m_by_name[athlete_key(p.name)] =
        Row{p.name, p.inputs, p.timezone.empty() ? std::nullopt : TimeZone::find(p.timezone)};
}

const LimitInputs* AthleteBook::find(std::string_view athlete) const {
  const auto it = m_by_name.find(athlete_key(athlete));
  return it == m_by_name.end() ? nullptr : &it->second.inputs;
}

const TimeZone* AthleteBook::time_zone(std::string_view athlete) const {
  const auto it = m_by_name.find(athlete_key(athlete));
  return it == m_by_name.end() || !it->second.zone ? nullptr : &*it->second.zone;
}

std::vector<std::string> AthleteBook::without_profile(
    const std::vector<io::Source>& sources) const {
  std::set<std::string> missing;
  for (const io::Source& s : sources)
    if (!find(athlete_of(s))) missing.insert(athlete_of(s));
  return {missing.begin(), missing.end()};
}

std::vector<std::string> AthleteBook::without_sources(
    const std::vector<io::Source>& sources) const {
  std::set<std::string> used;
  for (const io::Source& s : sources) used.insert(athlete_key(athlete_of(s)));
  std::set<std::string> unused;
  for (const auto& [key, row] : m_by_name)
    if (!used.count(key)) unused.insert(row.name);
  return {unused.begin(), unused.end()};
}

void BaselineStore::add(const std::string& athlete, std::int64_t start_time_ms,
                        double gap_s_per_km) {
  std::map<std::int64_t, double>& runs = m_runs[athlete_key(athlete)];
  // The same activity from another source starts seconds apart (a FIT from its first record, a
  // GPX export from its first fix): what is held within same_activity_ms is replaced.
  runs.erase(runs.lower_bound(start_time_ms - same_activity_ms),
             runs.upper_bound(start_time_ms + same_activity_ms));
  runs[start_time_ms] = gap_s_per_km;
}

std::optional<Baseline> BaselineStore::before(const std::string& athlete,
                                              std::int64_t start_time_ms) const {
  const auto it = m_runs.find(athlete_key(athlete));
  if (it == m_runs.end()) return std::nullopt;
  std::vector<double> gaps;
  std::int64_t first = 0, last = 0;
  for (auto r = it->second.lower_bound(start_time_ms - window_ms),
            end = it->second.lower_bound(start_time_ms);
       r != end; ++r) {
    if (std::isnan(r->second)) continue;  // held without a value (BaselineStore::add)
    if (gaps.empty()) first = r->first;
    last = r->first;
    gaps.push_back(r->second);
  }
  const std::size_t runs = gaps.size();
  const std::optional<double> usual = usual_pace(std::move(gaps));
  if (!usual) return std::nullopt;
  return Baseline{*usual, runs, first, last};
}

namespace {

// The entry of @p by_athlete (lower-case athlete -> start -> value) for @p athlete's activity
// starting within same_activity_ms of @p start_time_ms, or nullptr.
template <class Value>
const Value* same_activity(const std::map<std::string, std::map<std::int64_t, Value>>& by_athlete,
                           const std::string& athlete, std::int64_t start_time_ms) {
  const auto it = by_athlete.find(athlete_key(athlete));
  if (it == by_athlete.end()) return nullptr;
  const auto near = it->second.lower_bound(start_time_ms - same_activity_ms);
  return near != it->second.end() && near->first <= start_time_ms + same_activity_ms ? &near->second
                                                                                     : nullptr;
}

}  // namespace

void ActivityStarts::add(const std::string& athlete, std::int64_t start_time_ms) {
  m_starts[athlete_key(athlete)][start_time_ms] = true;
}

bool ActivityStarts::holds(const std::string& athlete, std::int64_t start_time_ms) const {
  return same_activity(m_starts, athlete, start_time_ms) != nullptr;
}

bool BaselineStore::holds(const std::string& athlete, std::int64_t start_time_ms) const {
  return same_activity(m_runs, athlete, start_time_ms) != nullptr;
}

void BaselineStore::add_device_heart_rate(const std::string& athlete, std::int64_t start_time_ms,
                                          const DeviceHeartRate& heart_rate) {
  if (heart_rate.max_bpm || heart_rate.threshold_bpm)
    m_device_heart_rates[athlete_key(athlete)][start_time_ms] = heart_rate;
}

std::optional<DeviceHeartRate> BaselineStore::device_heart_rate(const std::string& athlete,
                                                                std::int64_t start_time_ms) const {
  const auto it = m_device_heart_rates.find(athlete_key(athlete));
  if (it == m_device_heart_rates.end()) return std::nullopt;  // no entry is held empty
  const auto after = it->second.upper_bound(start_time_ms);
  if (after != it->second.begin() && std::prev(after)->first >= start_time_ms - window_ms)
    return std::prev(after)->second;
  if (after != it->second.end() && after->first <= start_time_ms + window_ms) return after->second;
  return std::nullopt;
}

void BaselineStore::add_late_window(const std::string& athlete, std::int64_t start_time_ms,
                                    const std::string& window) {
  if (!window.empty()) m_late_windows[athlete_key(athlete)][start_time_ms] = window;
}

std::string BaselineStore::late_window(const std::string& athlete,
                                       std::int64_t start_time_ms) const {
  const std::string* window = same_activity(m_late_windows, athlete, start_time_ms);
  return window ? *window : std::string();
}

void BaselineStore::add_reported(RunRecord run) {
  m_reported.push_back(std::move(run));
}

void BaselineStore::add_pending(RunRecord run) {
  m_pending.push_back(std::move(run));
}

void BaselineStore::add_cut_short(const std::string& athlete, std::int64_t start_time_ms) {
  m_cut_short.add(athlete, start_time_ms);
}

bool BaselineStore::cut_short(const std::string& athlete, std::int64_t start_time_ms) const {
  return m_cut_short.holds(athlete, start_time_ms);
}

void BaselineStore::add_undated(const std::string& athlete, const std::string& undated_name,
                                const std::string& window) {
  m_undated[{athlete_key(athlete), undated_name}] = window;
}

std::optional<std::string> BaselineStore::undated_window(const std::string& athlete,
                                                         const std::string& undated_name) const {
  const auto it = m_undated.find({athlete_key(athlete), undated_name});
  return it == m_undated.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::string undated_name(std::string_view file, std::size_t activity_index, double elapsed_time_s) {
  const std::size_t cut = file.find_last_of("/!");
  const std::string_view last = cut == std::string_view::npos ? file : file.substr(cut + 1);
  const double seconds = std::isfinite(elapsed_time_s) ? std::round(elapsed_time_s) : 0;
  return std::string(last) + '#' + std::to_string(activity_index) + '/' +
         std::to_string(static_cast<long long>(seconds)) + 's';
}

std::size_t BaselineStore::runs_of(const std::string& athlete) const {
  const auto it = m_runs.find(athlete_key(athlete));
  return it == m_runs.end() ? 0 : it->second.size();
}

std::optional<std::int64_t> BaselineStore::first_start(const std::string& athlete) const {
  const auto it = m_runs.find(athlete_key(athlete));
  if (it == m_runs.end() || it->second.empty()) return std::nullopt;
  return it->second.begin()->first;
}

void run_batch(const std::vector<io::Source>& sources, const AthleteBook& athletes,
               const BatchOptions& o, BatchSink& sink) {
  const std::size_t n = sources.size();
  std::vector<std::size_t> need_baseline;
  for (std::size_t i = 0; i < n; ++i) {
    const LimitInputs* profile = athletes.find(athlete_of(sources[i]));
    if (!has_pace_anchor(o.flags) && !has_pace_anchor(o.config) &&
        !(profile && has_pace_anchor(*profile)))
      need_baseline.push_back(i);
  }
  // Duplicates are found among all runs before any is judged: with two sources or more, pass 1
  // reads every source.
  std::vector<std::size_t> first_pass = need_baseline;
  if (n > 1) {
    first_pass.resize(n);
    for (std::size_t i = 0; i < n; ++i) first_pass[i] = i;
  }
  detail::Spill spill(first_pass.empty() ? 0 : o.spill_limit_bytes);
  BaselineStore baselines = o.history;
  detail::Duplicates duplicates;
  std::vector<std::optional<Staged>> staged(n);
  if (!first_pass.empty())
    staged =
        stage_for_baselines(sources, first_pass, athletes, o, spill, baselines, duplicates, sink);

  PlannedDays planned_days;
  BatchRuns batch_runs;
  const std::string window = format_day_range(o.window);  // a late run's RunRecord::late_window
  OrderedDelivery delivery(n, o.jobs, sink);
  const auto audit_source = [&](std::size_t i) {
    const std::string athlete = athlete_of(sources[i]);
    const LimitInputs* profile = athletes.find(athlete);
    const TimeZone* zone = zone_of(athletes, o, athlete);
    const auto finish = [&](RunRecord& r, const signal::Prepared& p) {
      place_in_zone(r, zone);
      duplicates.apply(i, r);
      std::optional<Baseline> baseline;
      if (r.start_time_ms) baseline = baselines.before(athlete, *r.start_time_ms);
      const PlannedSession* session = o.plan ? session_of(*o.plan, athlete, r) : nullptr;
      // A day's limits are its session's only when it is a recovery one: a recovery workout
      // done on an interval day (follow_plan audits it) is not judged by the intervals' pace.
      const bool recovery_day = session && session->is_recovery();
      // The watch's HR anchors from another run of the athlete (used when this file has none).
      std::optional<DeviceHeartRate> watch;
      if (r.start_time_ms) watch = baselines.device_heart_rate(athlete, *r.start_time_ms);
      finish_run(r, p, o.flags, profile,
                 baseline ? std::optional<double>(baseline->usual_gap_s_per_km) : std::nullopt,
                 o.rules, o.with_series, recovery_day ? &session->limits : nullptr,
                 watch ? &*watch : nullptr, &o.config);
      if (o.plan) follow_plan(*o.plan, athlete, session, r, planned_days);
      if (baseline && r.limits.pace_limit_s_per_km &&
          r.limits.pace_limit_s_per_km->source == LimitSource::batch) {
        r.baseline_runs = baseline->runs;
        r.baseline_first_ms = baseline->first_start_ms;
        r.baseline_last_ms = baseline->last_start_ms;
      }
    };
    std::vector<RunRecord> runs;
    std::optional<io::Diagnostic> error;
    if (!finish_staged(staged[i], spill, runs, error, finish)) {
      try {
        detail::SourceRead read = detail::read_for_batch(sources[i], athlete, o.read_limits);
        if (read.skipped) runs.push_back(std::move(*read.skipped));
        for (const Activity& a : read.activities) {
          StagedRun run = stage_activity(a, athlete, o.selection);
          finish(run.record, run.prepared);
          runs.push_back(std::move(run.record));
        }
      } catch (const io::ParseError& e) {
        error = e.diagnostic();
      }
    }
    // Runs outside the window fed the baselines; they are not reported, but for a run before it
    // that the history files do not hold (uploaded after its week's job): no other job judges it.
    OrderedDelivery::Rendered rendered;
    rendered.reserve(runs.size());
    for (RunRecord& r : runs) {
      using Delivery = OrderedDelivery::Delivery;
      Delivery how = Delivery::reported;
      if (r.start_time_ms) {
        batch_runs.add(r.athlete, *r.start_time_ms);
        const std::int64_t day = local_day(*r.start_time_ms, r.utc_offset_s.value_or(0));
        if (!o.window.contains(day)) {
          if (day < o.window.first && late(r, o.history, window)) {
            how = Delivery::late;
            r.late_window = window;
          } else {
            how = o.history.holds(r.athlete, *r.start_time_ms) ? Delivery::held : Delivery::outside;
            // After the window, new to the history: its own window's job is to report it.
            if (how == Delivery::outside && day > o.window.last) r.early_window = window;
          }
        }
      } else if (o.window.bounded()) {
        // No window places it: the first job to audit it reports it, and a retry of that job.
        const std::optional<std::string> reported_by = o.history.undated_window(
            r.athlete, undated_name(r.file, r.activity_index, r.metrics.elapsed_time_s));
        if (reported_by && *reported_by != window)
          how = Delivery::held;
        else
          r.late_window = window;
      }
      const bool rendered_run = how == Delivery::reported || how == Delivery::late;
      std::string text = rendered_run ? sink.render(r) : std::string();
      rendered.push_back({std::move(r), std::move(text), how});
    }
    delivery.finish(i, std::move(rendered), std::move(error));
  };
  sink.begin_pass(n);
  detail::parallel_for(
      n, o.jobs,
      [&](std::size_t i) {
        if (!delivery.wait_turn(i)) return;
        try {
          audit_source(i);
        } catch (...) {
          delivery.abandon();
          throw;
        }
      },
      [&] { sink.source_done(); });
  deliver_pending(o, window, batch_runs, planned_days, sink);
  deliver_reported(o, batch_runs, planned_days, sink);
  if (o.plan) deliver_missed(*o.plan, o.window, planned_days, athletes, o, sink);
}

}  // namespace runaudit::audit
