#pragma once
/// @file
/// The batch engine: audits every activity of a list of sources, with per-athlete profiles and
/// baselines, on any number of threads, and hands the runs over in source order, so the output
/// never depends on `--jobs` (docs/ARCHITECTURE.md, "The batch").

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runaudit/audit/audit.hpp"
#include "runaudit/audit/batch.hpp"
#include "runaudit/audit/limits.hpp"
#include "runaudit/audit/plan.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/io/read.hpp"
#include "runaudit/io/source.hpp"
#include "runaudit/local_time.hpp"

namespace runaudit::audit {

/// The name of the athlete of sources that name none.
inline constexpr std::string_view default_athlete = "default";

/// The athlete a source's runs are audited as: its own (discover(): `--athlete` or the folder
/// layout), else default_athlete.
std::string athlete_of(const io::Source& source);

/// @return whether @p athlete names default_athlete (athletes match ignoring ASCII case).
bool is_default_athlete(std::string_view athlete);

/// True when @p source belongs to part @p shard (1-based) of @p shards. The key is the
/// source's athlete in ASCII lower case (athletes match ignoring case), else its file name
/// without folders (FNV-1a 64-bit, modulo @p shards): the same split on every machine and run
/// however the path was spelled, and every run of one athlete in one part, so their baseline
/// sees all of them.
bool in_shard(const io::Source& source, unsigned shard, unsigned shards);

/// True when the runs of the named @p athlete (not empty) belong to part @p shard of
/// @p shards: in_shard of any source of theirs.
bool athlete_in_shard(std::string_view athlete, unsigned shard, unsigned shards);

/// Athlete profiles (an athletes file), found by name ignoring case (folder `Alice` finds row
/// `alice`).
class AthleteBook {
 public:
  AthleteBook() = default;
  /// @param profiles  read_athletes(); names are unique ignoring case there.
  explicit AthleteBook(const std::vector<AthleteProfile>& profiles);
  /// @return the profile of @p athlete, or nullptr when it has no row.
  const LimitInputs* find(std::string_view athlete) const;
  /// @return the time zone of @p athlete's row (its `timezone` column), or nullptr.
  const TimeZone* time_zone(std::string_view athlete) const;
  /// @return the athletes of @p sources (athlete_of) that have no row, each once, sorted.
  std::vector<std::string> without_profile(const std::vector<io::Source>& sources) const;
  /// @return the rows no source of @p sources is audited as (names as written), sorted.
  std::vector<std::string> without_sources(const std::vector<io::Source>& sources) const;

 private:
  struct Row {
    std::string name;  // as written
    LimitInputs inputs;
    std::optional<TimeZone> zone;
  };
  std::map<std::string, Row> m_by_name;  // lower-case name -> row
};

/// What a run's baseline came from: the athlete's usual pace and the runs behind it.
struct Baseline {
  double usual_gap_s_per_km = 0;  ///< median of the runs' average GAP before the cool-down
  std::size_t runs = 0;           ///< how many runs (>= defaults::baseline_min_runs)
  std::int64_t first_start_ms = 0, last_start_ms = 0;  ///< the earliest and latest of them (UTC)
};

/// Two runs of one athlete starting within this much (ms) of each other are one activity (a
/// watch's FIT dates it from its first record, a GPX export from its first fix, seconds apart;
/// one athlete never starts two runs within a minute).
inline constexpr std::int64_t same_activity_ms = 60'000;

/// The activities seen so far, by athlete (ASCII case and Unicode normalisation aside, as
/// BaselineStore) and start time (UTC ms): what a history file or a batch holds, to tell whether
/// a run is one of them (within same_activity_ms). Not synchronised.
class ActivityStarts {
 public:
  /// Adds the activity of @p athlete starting at @p start_time_ms (UTC ms).
  void add(const std::string& athlete, std::int64_t start_time_ms);
  /// @return whether an activity of @p athlete starting within same_activity_ms of
  ///         @p start_time_ms (UTC ms) was added.
  bool holds(const std::string& athlete, std::int64_t start_time_ms) const;

 private:
  std::map<std::string, std::map<std::int64_t, bool>> m_starts;  // lower-case athlete -> start
};

/// @return the name that tells apart a run without a start time (RunRecord::start_time_ms
///         unset) from the athlete's others: the last part of @p file (RunRecord::file: after
///         its last `/` or archive `!`, so that the same upload in a new copy of the folder or
///         a new export zip is the same run), its @p activity_index and its elapsed time
///         (@p elapsed_time_s, to the second: another run in a file of the same name, as
///         watches name them, `Run.fit`, is another), e.g. `123_ACTIVITY.fit#0/1800s`.
std::string undated_name(std::string_view file, std::size_t activity_index, double elapsed_time_s);

/// Each athlete's runs as baseline values: per run its start time and its average grade-adjusted
/// pace before the cool-down (baseline_gap_s_per_km). The batch fills it from its own runs;
/// earlier results (history) feed it too. Athletes are told apart ignoring ASCII case, as the
/// athletes file and the plan tell them ("Alice" in a week's folder and "alice" in the history
/// are one athlete).
class BaselineStore {
 public:
  /// The baseline of a run is the athlete's runs in the six weeks before it: long enough to hold
  /// the 5 runs it needs for someone running 3–4 times a week, short enough to follow a season
  /// (docs/ARCHITECTURE.md, "The batch": "the athlete's runs in the 6 weeks before it").
  static constexpr std::int64_t window_ms = std::int64_t{42} * 86'400'000;

  /// Adds one run of @p athlete (@p gap_s_per_km in s/km, or NaN for a run held without a
  /// baseline value: under 1 km, a doubtful sport, no distance; @p start_time_ms UTC ms). A run
  /// of the same athlete starting within same_activity_ms (the same activity from history and
  /// from the batch, or in two formats) replaces the one held: each activity counts once.
  void add(const std::string& athlete, std::int64_t start_time_ms, double gap_s_per_km);
  /// @return @p athlete's baseline for a run starting at @p start_time_ms: the median
  ///         (usual_pace()) of their runs with a value starting in [start - window_ms, start),
  ///         never the run itself; nullopt with fewer than defaults::baseline_min_runs of them.
  std::optional<Baseline> before(const std::string& athlete, std::int64_t start_time_ms) const;
  /// @return how many runs of @p athlete the store holds, with a baseline value or not.
  std::size_t runs_of(const std::string& athlete) const;
  /// @return the start (UTC ms) of the earliest run of @p athlete the store holds; nullopt
  ///         when it holds none.
  std::optional<std::int64_t> first_start(const std::string& athlete) const;
  /// @return whether the store holds a run of @p athlete starting within same_activity_ms of
  ///         @p start_time_ms (UTC ms): that activity, from any source.
  bool holds(const std::string& athlete, std::int64_t start_time_ms) const;
  /// Notes that the run of @p athlete starting at @p start_time_ms (UTC ms) was reported late
  /// by the job of @p window (RunRecord::late_window; an empty one is not noted).
  void add_late_window(const std::string& athlete, std::int64_t start_time_ms,
                       const std::string& window);
  /// @return the window of the job that reported late the run of @p athlete starting within
  ///         same_activity_ms of @p start_time_ms (add_late_window), else empty.
  std::string late_window(const std::string& athlete, std::int64_t start_time_ms) const;
  /// Holds @p run, a history's record that no job has reported from its file yet: one with
  /// an RunRecord::early_window (audited before its window), or reported from the history
  /// before (a RunRecord::late_window): the job whose window holds it, or a later one, reports
  /// it when its batch lacks the file (run_batch).
  void add_pending(RunRecord run);
  /// @return the runs add_pending holds, in the order added.
  const std::vector<RunRecord>& pending() const noexcept { return m_pending; }
  /// Holds @p run, a history's record of a run with a start time reported by the job of its
  /// own window (neither RunRecord::early_window nor late_window): that job run again without
  /// its file (a retry whose uploads a sync has moved) reports it from here (run_batch).
  void add_reported(RunRecord run);
  /// @return the runs add_reported holds, in the order added.
  const std::vector<RunRecord>& reported() const noexcept { return m_reported; }
  /// Notes that the run of @p athlete starting at @p start_time_ms (UTC ms) is held from a file
  /// cut short (its record not judged as Unjudged::recording_incomplete): a whole copy of it,
  /// uploaded since, is judged and reported again (BatchSink::late).
  void add_cut_short(const std::string& athlete, std::int64_t start_time_ms);
  /// @return whether the run of @p athlete starting within same_activity_ms of
  ///         @p start_time_ms is held from a file cut short (add_cut_short).
  bool cut_short(const std::string& athlete, std::int64_t start_time_ms) const;
  /// Notes a run of @p athlete without a start time (RunRecord::start_time_ms unset: a FIT
  /// file whose times count from the watch's power-on, with nothing in it to date them), by
  /// its undated_name(), and the window of the job that reported it (its RunRecord::
  /// late_window; empty for a job without one): no window places it, so the first windowed
  /// job that audits it reports it, and a later job over the same uploads, holding it in its
  /// history, does not again; that same job run again (a retry) does (run_batch).
  void add_undated(const std::string& athlete, const std::string& undated_name,
                   const std::string& window);
  /// @return the window add_undated noted for the run of @p athlete named @p undated_name
  ///         (athletes compared as for runs with a start time), nullopt when it noted none.
  std::optional<std::string> undated_window(const std::string& athlete,
                                            const std::string& undated_name) const;

  /// Adds the heart-rate anchors the watch held during a run of @p athlete starting at
  /// @p start_time_ms (UTC ms): a FIT file's max and threshold HR (bpm, Activity::
  /// device_heart_rate); anchors with neither are not held. The caller adds only running
  /// activities that count for baselines (baseline_gap_s_per_km) and not from a bike computer:
  /// a bike computer's threshold HR is a cyclist's, and a one-minute file is no run.
  void add_device_heart_rate(const std::string& athlete, std::int64_t start_time_ms,
                             const DeviceHeartRate& heart_rate);
  /// @return the watch's anchors for a run of @p athlete starting at @p start_time_ms (UTC ms)
  ///         whose own file holds none (a GPX or TCX export, a FIT file from an app): those of
  ///         the athlete's latest run with any starting at or before it, else of the earliest
  ///         after it, within window_ms either way (settings change: a max HR of 2025 is not
  ///         that of 2012); nullopt when there is none. A watch's settings belong to its
  ///         wearer, so their runs of the same weeks are judged by the same HR limit.
  std::optional<DeviceHeartRate> device_heart_rate(const std::string& athlete,
                                                   std::int64_t start_time_ms) const;

 private:
  // lower-case athlete -> start -> GAP
  std::map<std::string, std::map<std::int64_t, double>> m_runs;
  // lower-case athlete -> start -> the watch's HR anchors
  std::map<std::string, std::map<std::int64_t, DeviceHeartRate>> m_device_heart_rates;
  // lower-case athlete -> start -> the window of the job that reported the run late
  std::map<std::string, std::map<std::int64_t, std::string>> m_late_windows;
  ActivityStarts m_cut_short;  // runs held from a file cut short
  // (lower-case athlete, undated_name) -> the window of the job that reported it
  std::map<std::pair<std::string, std::string>, std::string> m_undated;
  std::vector<RunRecord> m_pending;
  std::vector<RunRecord> m_reported;
};

/// How a batch is audited.
struct BatchOptions {
  LimitInputs flags;  ///< limits given on the command line (SI)
  /// Limits given in the --config file (SI): after flags, the plan and the athlete's profile.
  LimitInputs config;
  Selection selection;         ///< which activities are audited (--sport, --match)
  RuleOptions rules;           ///< rule tunables and units
  io::ReadLimits read_limits;  ///< per source
  bool with_series = false;    ///< add chart series to every run record
  unsigned jobs = 1;           ///< worker threads (>= 1)
  /// Largest spill file (bytes) for runs staged by pass 1 (0: never spill; pass 2 reads every
  /// source again). Default: detail::Spill's (1 GiB).
  std::uint64_t spill_limit_bytes = std::uint64_t{1} << 30;
  /// Only runs starting on these local days are delivered (`--since`, `--until`); the others
  /// still feed baselines, and those before it that `history` does not hold are delivered as
  /// late (BatchSink::late), as are those it holds as reported late by a job of this same
  /// window (BaselineStore::late_window: the job run again reports what it reported before),
  /// and those it holds from a file cut short that this batch has whole
  /// (BaselineStore::cut_short: the whole file uploaded since). Runs it holds that no job has
  /// reported (BaselineStore::pending: audited by a job before their window) and that this
  /// batch lacks are delivered from it when the window holds them (BatchSink::deliver) or
  /// starts after them (BatchSink::late), with this window as their late_window.
  DayRange window;
  /// The local time of runs whose file gives no offset and whose athlete has no time zone
  /// (`--timezone`); absent: UTC.
  std::optional<TimeZone> time_zone;
  /// Earlier runs (history files) that baselines count besides the batch's own.
  BaselineStore history;
  /// A plan (`--plan`): only runs on days planned as recovery are audited, the others are
  /// skipped as not planned, and a planned recovery day in the window without a run is
  /// delivered as a skipped record ("planned recovery run missed") after the sources. A row's
  /// limits (PlannedSession::limits) override the athlete's profile for the runs of its day.
  std::optional<Plan> plan;
  /// This batch is part `shard` of `shards` (in_shard, `--shard K/N`): missed planned days are
  /// delivered only for the athletes of this part (athlete_in_shard), and none for the unnamed
  /// athlete "default" when shards > 1 (its runs are split by file name, so no part sees all
  /// of them).
  unsigned shard = 1, shards = 1;
};

/// Where a batch's results go. render() is called on worker threads, concurrently; the other
/// calls one at a time, deliver() and error() in source order.
class BatchSink {
 public:
  virtual ~BatchSink() = default;
  /// A pass over @p sources sources begins (pass 1 with two sources or more, or when some
  /// athlete needs a baseline).
  virtual void begin_pass(std::size_t sources) { (void)sources; }
  /// One source of the current pass is done (called from the worker; must be thread-safe).
  virtual void source_done() {}
  /// @return what the report writes for @p run (e.g. report::Writer::render).
  virtual std::string render(const RunRecord& run) = 0;
  /// Takes one run and its rendering.
  virtual void deliver(RunRecord&& run, std::string&& rendered) = 0;
  /// Takes one source that could not be read.
  virtual void error(io::Diagnostic&& diagnostic) = 0;
  /// Takes one run starting outside BatchOptions::window: it fed the baselines and is not
  /// reported, but it is one of the athlete's runs (a history keeps it: a run uploaded after
  /// its week's job still counts in later baselines). In source order, with the runs delivered.
  /// @param held  BatchOptions::history holds the run already: its record there is what the
  ///              job of its own window reported, which a history keeps (this batch's record
  ///              may differ: a baseline with runs uploaded since), so only new runs are added.
  virtual void outside_window(RunRecord&& run, bool held) {
    (void)run;
    (void)held;
  }
  /// Takes one audited run starting before BatchOptions::window that BatchOptions::history
  /// does not hold while holding runs of its athlete: uploaded after the job of its week, so
  /// only this batch can judge it; or that the history holds as reported late by a job of this
  /// same window (a retry). Its RunRecord::late_window is this window. A report shows it like
  /// any run (the default: deliver()).
  virtual void late(RunRecord&& run, std::string&& rendered) {
    deliver(std::move(run), std::move(rendered));
  }
  /// Takes one run of BatchOptions::window, closed at both ends, that BatchOptions::history
  /// holds as reported by a job of its window (BaselineStore::reported) and whose file this
  /// batch lacks: that job run again without it (a retry whose uploads a sync has moved)
  /// reports it as the history holds it. A report shows it like any run (the default:
  /// deliver()).
  virtual void retried(RunRecord&& run, std::string&& rendered) {
    deliver(std::move(run), std::move(rendered));
  }
  /// Takes one planned recovery day without a run (BatchOptions::plan), a skipped record,
  /// after the sources: a report shows it like any run (the default: deliver()), but it is no
  /// run of the athlete's (a history must not keep it: the run may be uploaded late).
  virtual void missed(RunRecord&& run, std::string&& rendered) {
    deliver(std::move(run), std::move(rendered));
  }
};

/// Audits @p sources. Athletes without a pace anchor (no flag, no profile value) get, per run,
/// a baseline from their running activities of the six weeks before it (BaselineStore::before),
/// whatever --match selects (pass 1: each run is read, prepared and staged once, spilled to a
/// temporary file, and judged in pass 2 without being read again). With two sources or more,
/// pass 1 reads every source, and duplicates are audited once: the same bytes under two names
/// (the first source keeps the run), the same activity in two files (one athlete, starts
/// within a minute, overlapping times: FIT over TCX over GPX, then the first); the others are
/// skipped runs naming the one kept, which lists them (RunRecord::duplicates), and the baseline
/// counts the activity once. A source that holds no activity (io::ParseErrc::not_an_activity: a
/// course, a planned route) is a skipped run with the decoder's reason, never an error. Runs and
/// errors reach @p sink in source order, then activity order, whatever options.jobs is.
/// @throws whatever @p sink throws (the batch stops: no worker takes a new source).
void run_batch(const std::vector<io::Source>& sources, const AthleteBook& athletes,
               const BatchOptions& options, BatchSink& sink);

}  // namespace runaudit::audit
