#include "runaudit/audit/audit.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <string_view>

#include "../core/order_statistic.hpp"
#include "runaudit/format.hpp"
#include "runaudit/signal/grade_gap.hpp"
#include "runaudit/signal/plausibility.hpp"
#include "runaudit/signal/readings.hpp"

namespace runaudit::audit {
namespace {

using signal::MotionState;

bool any_finite(const std::vector<double>& v) {
  return std::any_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
}

bool moving(MotionState s) {
  return s == MotionState::running || s == MotionState::walking;
}

double distance_at(const signal::Series& s, std::size_t i) {
  return s.distance_m.empty() || std::isnan(s.distance_m[i]) ? 0 : s.distance_m[i];
}

// Sample index of the first sample at or after cumulative distance d (for grade spans).
std::size_t index_at_distance(const signal::Series& s, double d) {
  const auto it = std::lower_bound(s.distance_m.begin(), s.distance_m.end(), d);
  return std::min(static_cast<std::size_t>(it - s.distance_m.begin()), s.size() - 1);
}

// The score curve (docs/score.md). Each rule's excess E, summed over its violations in the
// rule's own measure and 0 at its limit, costs d = most·(1 − exp(−E/scale)) percent of the
// score: smooth from the limit on, saturating at `most`, so a batch of failures spreads
// instead of piling up at 0. Rules combine multiplicatively: score = 100·Π(1 − d/100).
struct Curve {
  std::string_view rule;
  double most_pct;  // the most this rule can take (percent of the score)
  double scale;     // the excess that takes 63 % of `most`
};
constexpr Curve curves[] = {
    {"pace", 90, 0.08},           // E: fraction faster than the limit (2 %: −20; 20 %: −83)
    {"surge", 60, 0.5},           // E: Σ fraction faster × minutes, over the surges
    {"heart_rate", 70, 0.08},     // E: fraction of the average over the limit, plus a quarter
                                  //    of the share of moving time above it beyond the allowed
    {"duration", 50, 0.3},        // E: fraction over the limit
    {"distance", 50, 0.3},        // E: fraction over the limit
    {"elevation_gain", 40, 0.5},  // E: fraction over the limit
    {"grade", 30, 0.5},           // E: fraction over the limit
};

// The share of the share of time above the heart-rate limit in its excess (see curves).
constexpr double hr_share_weight = 0.25;
// A damaged file's averages (pace, heart rate, climbing per km) stand for the run only when what
// was read holds at least this share of the device's own distance for it (FIT session total):
// the first 9 % of an hour's run is no account of the hour.
constexpr double min_fragment_share = 0.5;
// What a cool-down walk may add to a device's total (m): 10 minutes at 1.4 m/s, longer than the
// 3 to 5 minutes runners walk. A file cut short before its walk is judged by the device's total
// (a session written before the damage) only beyond the limit by more than that.
constexpr double cooldown_walk_allowance_m = 10 * 60 * 1.4;

// Heart rate read further apart than max_hr_step_s (s) over more than max_far_apart_share of
// the moving time is not judged: a line drawn between readings minutes apart is no heart rate
// (a phone app's export through HealthFit keeps 29-305 records of a 15-50 minute run; their
// averages so drawn lay 5-13 bpm from the app's own, either way). A watch's smart recording
// writes every 1-10 s.
constexpr double max_hr_step_s = 60, max_far_apart_share = 0.25;

class Judge {
 public:
  Judge(const signal::Prepared& run, const Limits& limits, const RuleOptions& o)
      : m_run(run),
        m_s(run.series),
        m_limits(limits),
        m_o(o),
        m_effort(effort_of(run)),
        m_moving_step_s(median_moving_step([&](std::size_t i) { return m_s.time_s[i]; })),
        m_moving_step_m(median_moving_step([&](std::size_t i) { return distance_at(m_s, i); })) {}

  Judgement operator()() {
    if (m_s.size() == 0) {
      for (const char* rule : {"pace", "surge", "heart_rate", "duration", "distance",
                               "elevation_gain", "grade", "cooldown"})
        not_judged(rule, Unjudged::no_samples);
      return std::move(m_out);
    }
    pace();
    surge();
    heart_rate();
    duration();
    distance();
    elevation_gain();
    grade();
    cooldown();
    finish();
    return std::move(m_out);
  }

 private:
  void not_judged(std::string rule, Unjudged why, std::string detail = {}) {
    m_out.not_judged.push_back({std::move(rule), why, std::move(detail)});
  }

  // The step of @p at (time s, distance m: a function of the sample's index) between moving
  // samples before the effort's end (lower median); 0 without two.
  template <typename At>
  double median_moving_step(const At& at) const {
    std::vector<double> steps;
    for (std::size_t i = 1; i < m_effort.end; ++i)
      if (signal::is_moving(m_s.state[i])) steps.push_back(at(i) - at(i - 1));
    return steps.empty() ? 0 : detail::nth_smallest(steps, (steps.size() - 1) / 2);
  }

  // Whether the moving samples lie further apart along the run (median) than @p most_m: then
  // @p rule, which reads the terrain between them, is not judged (a summary's three points an
  // hour apart climb straight from one to the next: no grade there is the ground's).
  bool too_coarse_for_terrain(const char* rule, double most_m) {
    if (m_moving_step_m <= most_m) return false;
    not_judged(rule, Unjudged::too_coarse,
               "one sample every " + format_fixed(m_moving_step_m, 0) + " m (median)");
    return true;
  }

  // Whether the moving samples lie further apart (m_moving_step_s) than @p most_s: then
  // @p rule, which needs to see a stretch that short, is not judged. A surge's centred means
  // over surge_min_s need two samples at least inside: half of it apart at most (generated
  // runs: a 5-minute surge is found at 15 s, missed from 16 s); a cool-down walk is seen up to
  // surge_min_s apart.
  bool too_coarse(const char* rule, double most_s) {
    if (m_moving_step_s <= most_s) return false;
    not_judged(rule, Unjudged::too_coarse,
               "one sample every " + format_clock(m_moving_step_s) + " (median)");
    return true;
  }

  // Adds @p v (its rule, severity and values), located over samples [first, last].
  // @p excess is its part of the rule's excess (see curves); finish() turns it into points.
  Violation& add(Violation v, std::size_t first, std::size_t last, double excess = 0) {
    m_excess.push_back(excess);
    v.start_s = m_s.time_s[first];
    v.end_s = m_s.time_s[last];
    v.start_m = distance_at(m_s, first);
    v.end_m = distance_at(m_s, last);
    return m_out.violations.emplace_back(std::move(v));
  }

  // Leaves @p rule not judged when the run's sport is doubtful: the file's own sport not on foot
  // (Prepared::sport_conflict: naming both sports, the stronger word, a ride's speeds or not),
  // else speeds no runner reaches (Prepared::sport_doubt).
  bool doubtful_sport(const char* rule) {
    if (!m_run.sport_conflict.empty())
      not_judged(rule, Unjudged::sport_conflict, m_run.sport_conflict);
    else if (!m_run.sport_doubt.empty())
      not_judged(rule, Unjudged::sport_doubtful, m_run.sport_doubt);
    else
      return false;
    return true;
  }

  // Leaves @p rule, one that rests on the distance, not judged when the GPS track and the
  // device's distance disagree (Prepared::track_over_device).
  bool distance_disputed(const char* rule) {
    if (!m_run.track_over_device) return false;
    const double over = (*m_run.track_over_device - 1) * 100;
    not_judged(rule, Unjudged::distance_disputed,
               "the GPS track reads " + format_fixed(over, 0) +
                   " % longer than the device's own distance over the same stretches");
    return true;
  }

  // Whether the samples are only part of the run: the file is damaged and ends early, or
  // trackpoints out of time order were dropped (Prepared::dropped_out_of_order).
  bool incomplete() const { return m_run.damaged_at_byte || m_run.dropped_out_of_order > 0; }

  // The time at the start and the end of a recording without positions that its device's
  // distance does not cover (Prepared::unmeasured_start_s), s.
  double unmeasured_s() const { return m_run.unmeasured_start_s + m_run.unmeasured_end_s; }

  // Leaves @p rule not judged (distance_unmeasured) when the time unmeasured @p could take its
  // total over the limit.
  bool unmeasured_could_exceed(const char* rule, bool could) {
    if (unmeasured_s() <= 0 || !could) return false;
    std::string where;
    if (m_run.unmeasured_start_s > 0) where = "the first " + format_clock(m_run.unmeasured_start_s);
    if (m_run.unmeasured_end_s > 0)
      where +=
          (where.empty() ? "the last " : " and the last ") + format_clock(m_run.unmeasured_end_s);
    not_judged(rule, Unjudged::distance_unmeasured,
               "the device measured no distance over " + where +
                   " of the recording: whether the runner moved then is unknown");
    return true;
  }

  // Where the file is damaged and what that leaves unknown (NotJudged::detail), after "the file
  // is damaged "; empty for a whole file.
  // @p unknown says what is unknown; by default that the rest of the run (after a cut), or part
  // of it (dropped out of time order), is missing.
  std::string damage_detail(std::string_view unknown = {}) const {
    if (m_run.damaged_at_byte)
      return "at byte " + std::to_string(*m_run.damaged_at_byte) +
             " and was read only up to there: " +
             std::string(unknown.empty() ? "the rest of the run is missing" : unknown);
    if (m_run.dropped_out_of_order)
      return "at byte " + std::to_string(m_run.out_of_order_at_byte.value_or(0)) +
             ", where its time goes back: " + std::to_string(m_run.dropped_out_of_order) +
             " trackpoints out of time order were dropped, so " +
             std::string(unknown.empty() ? "part of the run is missing" : unknown);
    return {};
  }

  // Not judged when the samples are only part of the run (incomplete()) and what was read is
  // under min_fragment_share of the device's distance, else (the device's total lost with the
  // rest) of the file by its header or of its trackpoints (Prepared::read_share): the average
  // of a rule (pace, heart rate, climbing per km) would be the fragment's, not the run's. Where
  // neither tells how much is missing (an XML file cut short), what was read stands for the run
  // when its moving time is at least min_fragment_share of the duration limit: a run within the
  // limit is then at least that share read, and a longer one is no recovery run whatever its
  // average. A finding of a maximum (a surge, the steepest grade) or a total over its limit
  // holds for the whole run whatever its share, and is judged.
  bool fragment_of(const char* rule) {
    const signal::Metrics& m = m_run.metrics;
    if (!incomplete()) return false;
    std::string what_was_read;
    const auto percent = [](double share) {
      return std::to_string(static_cast<int>(std::lround(share * 100))) + " %";
    };
    if (m.distance_m && m.device_distance_m && *m.device_distance_m > 0) {
      const double share = *m.distance_m / *m.device_distance_m;
      if (share >= min_fragment_share) return false;
      what_was_read = "what was read is " + percent(share) + " of the device's distance";
    } else if (m_run.read_share) {
      if (*m_run.read_share >= min_fragment_share) return false;
      what_was_read = "what was read is " + percent(*m_run.read_share) +
                      (m_run.damaged_at_byte ? " of the file, by the size its header gives"
                                             : " of the file's trackpoints");
    } else {
      const auto& limit = m_limits.max_duration_s;
      if (limit && m_effort.moving_s >= min_fragment_share * limit->value) return false;
      what_was_read = "how much is missing is unknown";
      if (limit)
        what_was_read += ", and what was read (" + format_clock(m_effort.moving_s) +
                         " moving) is under half the " + format_clock(limit->value) +
                         " a recovery run may last";
    }
    not_judged(rule, Unjudged::recording_incomplete, damage_detail(what_was_read));
    return true;
  }

  // Why elevation could not be used: none at all, or too little to estimate its noise.
  // Leaves @p rule, one that rests on the elevation, not judged as the run has none: none in the
  // file, too few to estimate their noise (prepare() leaves elevation NaN then; the channel was
  // there when the run's trackpoints had any), or one no ground has (a broken altimeter).
  void elevation_missing(const char* rule) {
    if (!m_run.elevation_implausible.empty())
      not_judged(rule, Unjudged::elevation_implausible, m_run.elevation_implausible);
    else
      not_judged(rule,
                 m_run.channels.elevation ? Unjudged::too_few_elevations : Unjudged::no_elevation);
  }

  void pace() {
    const auto& limit = m_limits.pace_limit_s_per_km;
    if (doubtful_sport("pace")) return;  // first: no anchor would make a bike's pace a runner's
    if (!limit) return not_judged("pace", Unjudged::no_pace_limit);
    if (!m_effort.has_distance) return not_judged("pace", Unjudged::no_distance);
    if (m_effort.pace_distance_m < min_judged_distance_m || m_effort.gap_distance_m <= 0)
      return not_judged("pace", Unjudged::too_little_running);
    if (fragment_of("pace")) return;
    double gap = m_effort.pace_s / m_effort.gap_distance_m * 1000;
    // Under half a second per km (what the message shows as "0 s/km") is not faster.
    if (gap > limit->value - 0.5) return;
    if (m_run.track_over_device) {
      // A track longer than the device's distance makes the pace faster: slow enough by it,
      // the run is slow enough by the device's too (above); too fast by it, judged by the
      // device's, the slower: too fast by both, that is the finding, else not judged.
      gap *= *m_run.track_over_device;
      if (gap > limit->value - 0.5) {
        distance_disputed("pace");
        return;
      }
    }
    const double r = (limit->value - gap) / limit->value;
    add({.rule = "pace",
         .severity = r >= 0.05 ? Severity::major : Severity::minor,
         .value = gap,
         .limit = limit->value,
         .unit = UnitKind::s_per_km,
         .duration_s = m_effort.pace_s,
         .walks_left_out_s = m_effort.walks_left_out_s >= 1
                                 ? std::optional<double>(m_effort.walks_left_out_s)
                                 : std::nullopt},
        0, m_effort.end - 1, r);
  }

  void surge() {
    const auto& limit = m_limits.pace_limit_s_per_km;
    if (doubtful_sport("surge")) return;
    if (!limit) return not_judged("surge", Unjudged::no_pace_limit);
    if (!m_effort.has_distance) return not_judged("surge", Unjudged::no_distance);
    if (too_coarse("surge", m_o.surge_min_s / 2)) return;
    const std::size_t n = m_effort.end;
    // Faster than the limit and than the run's own average, by more than noise can fake: a run
    // that is too fast throughout is the pace rule's finding, not a string of surges.
    const double average = m_effort.pace_s > 0 ? m_effort.gap_distance_m / m_effort.pace_s : 0.0;
    const double threshold = std::max(1000 / limit->value, average) * (1 + m_o.surge_margin);
    const std::vector<double>& t = m_s.time_s;
    const std::vector<double>& v = m_s.gap_speed_m_per_s;
    // Prefix integral of GAP speed over time, for centred means over ±surge_min_s/2.
    std::vector<double> integral(n, 0.0);
    for (std::size_t i = 1; i < n; ++i) integral[i] = integral[i - 1] + v[i] * (t[i] - t[i - 1]);
    const double half = m_o.surge_min_s / 2;
    std::vector<bool> fast(n, false);
    std::size_t lo = 0, hi = 0;
    for (std::size_t i = 0; i < n; ++i) {
      while (t[lo] < t[i] - half) ++lo;
      while (hi + 1 < n && t[hi + 1] <= t[i] + half) ++hi;
      const double dt = t[hi] - t[lo];
      fast[i] = dt > 0 && (integral[hi] - integral[lo]) / dt > threshold &&
                m_s.state[i] == MotionState::running;
    }
    // Each run of `fast` samples is a candidate; its edges are refined to where the smoothed
    // GAP speed itself crosses the threshold (the centred mean smears them by ±half).
    std::size_t i = 0;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    while (i < n) {
      if (!fast[i]) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j + 1 < n && fast[j + 1]) ++j;
      std::size_t a = i, b = j;
      while (a > 0 && t[i] - t[a - 1] <= half && v[a - 1] > threshold) --a;
      while (a < b && v[a] <= threshold) ++a;
      while (b + 1 < n && t[b + 1] - t[j] <= half && v[b + 1] > threshold) ++b;
      while (b > a && v[b] <= threshold) --b;
      if (!spans.empty() && t[a] - t[spans.back().second] < 10)
        spans.back().second = std::max(spans.back().second, b);  // one surge, a brief dip
      else
        spans.emplace_back(a, b);
      i = j + 1;
    }
    // A surge on a track far longer than the device's distance may be its noise (the track's
    // speeds carry what lengthens it), and the device's distance has no speeds to tell: not
    // judged. None found on it, none is there.
    const auto is_surge = [&](const std::pair<std::size_t, std::size_t>& s) {
      return t[s.second] - t[s.first] >= m_o.surge_min_s && integral[s.second] > integral[s.first];
    };
    if (m_run.track_over_device && std::any_of(spans.begin(), spans.end(), is_surge)) {
      distance_disputed("surge");
      return;
    }
    // Major: two minutes of surges in all (no recovery run holds that much faster running),
    // or one of a minute or more 15 % or more faster than the limit; a lone stride is minor.
    double surging_s = 0;
    for (const auto& span : spans)
      if (is_surge(span)) surging_s += t[span.second] - t[span.first];
    for (const auto& [a, b] : spans) {
      if (!is_surge({a, b})) continue;
      const double duration = t[b] - t[a];
      const double gap_m = (integral[b] - integral[a]);
      const double pace = duration / gap_m * 1000;
      const double r = (limit->value - pace) / limit->value;
      const bool major = surging_s >= 120 || (r >= 0.15 && duration >= 60);
      add({.rule = "surge",
           .severity = major ? Severity::major : Severity::minor,
           .value = pace,
           .limit = limit->value,
           .unit = UnitKind::s_per_km,
           .duration_s = duration},
          a, b, r * duration / 60);
    }
  }

  void heart_rate() {
    const auto& limit = m_limits.hr_limit_bpm;
    if (!m_run.metrics.avg_hr_bpm)
      return not_judged("heart_rate", any_finite(m_s.heart_rate_bpm)
                                          ? Unjudged::no_moving_heart_rate
                                          : Unjudged::no_heart_rate);
    if (!limit) return not_judged("heart_rate", Unjudged::no_hr_limit);
    if (fragment_of("heart_rate")) return;
    const std::vector<double>& hr = m_s.heart_rate_bpm;
    const std::vector<double>& t = m_s.time_s;
    double sum = 0, with_hr = 0, above = 0;
    double far_apart = 0;  // moving time between readings more than max_hr_step_s apart
    struct Stretch {
      std::size_t a, b;
      double sum = 0, time = 0;
    };
    std::vector<Stretch> stretches;
    bool in = false;
    for (std::size_t i = 1; i < m_effort.end; ++i) {
      if (!moving(m_s.state[i]) || std::isnan(hr[i])) continue;
      const double dt = t[i] - t[i - 1];
      const double value = signal::interval_value(hr, i);
      sum += value * dt;
      with_hr += dt;
      if (dt > max_hr_step_s) far_apart += dt;
      const bool high = hr[i] > limit->value;
      if (high) {
        above += dt;
        if (!in || t[i] - t[stretches.back().b] > 15) stretches.push_back({i, i});
        Stretch& s = stretches.back();
        s.b = i;
        s.sum += value * dt;
        s.time += dt;
      }
      in = high || (in && t[i] - t[stretches.back().b] <= 15);
    }
    if (with_hr <= 0) return not_judged("heart_rate", Unjudged::no_moving_heart_rate);
    if (far_apart > max_far_apart_share * with_hr)
      return not_judged("heart_rate", Unjudged::too_coarse,
                        format_fixed(100 * far_apart / with_hr, 0) +
                            " % of the moving time between heart-rate readings more than " +
                            format_clock(max_hr_step_s) + " apart");
    const double avg = sum / with_hr;
    if (avg > limit->value) {
      const double r = (avg - limit->value) / limit->value;
      add({.rule = "heart_rate",
           .severity = r >= 0.05 ? Severity::major : Severity::minor,
           .value = avg,
           .limit = limit->value,
           .unit = UnitKind::bpm,
           .duration_s = with_hr},
          0, m_effort.end - 1, r);
    }
    const double fraction = above / with_hr;
    if (fraction <= m_o.hr_time_above_fraction) return;
    const double share_excess = hr_share_weight * (fraction - m_o.hr_time_above_fraction);
    const Severity severity = fraction >= 0.25 ? Severity::major : Severity::minor;
    double listed = 0;
    for (const Stretch& s : stretches)
      if (s.time >= m_o.hr_min_stretch_s) listed += s.time;
    if (listed == 0) {
      add({.rule = "heart_rate",
           .severity = severity,
           .value = 100 * fraction,
           .limit = 100 * m_o.hr_time_above_fraction,
           .unit = UnitKind::pct_time_above,
           .duration_s = with_hr},
          0, m_effort.end - 1, share_excess);
      return;
    }
    for (const Stretch& s : stretches) {
      if (s.time < m_o.hr_min_stretch_s) continue;
      add({.rule = "heart_rate",
           .severity = severity,
           .value = s.sum / s.time,
           .limit = limit->value,
           .unit = UnitKind::bpm,
           .duration_s = s.time,
           .time_above_pct = 100 * fraction,
           .time_above_allowed_pct = 100 * m_o.hr_time_above_fraction},
          s.a, s.b, share_excess * s.time / listed);
    }
  }

  // Index of the first effort sample where a cumulative quantity passes `limit`.
  template <class Quantity>
  std::size_t first_beyond(double limit, Quantity q) const {
    for (std::size_t i = 0; i < m_effort.end; ++i)
      if (q(i) > limit) return i;
    return m_effort.end - 1;
  }

  // A total over its limit (duration, distance), from where the limit was passed to the end of
  // the effort; 20 % over is major.
  // @p by_device_total: the value is the device's total of a file cut short.
  void total_over(const char* rule, double value, double limit, UnitKind unit, std::size_t at,
                  bool by_device_total = false) {
    const double r = (value - limit) / limit;
    add({.rule = rule,
         .severity = r >= 0.2 ? Severity::major : Severity::minor,
         .value = value,
         .limit = limit,
         .unit = unit,
         .by_device_total = by_device_total},
        at, m_effort.end - 1, r);
  }

  // A total under its limit in a file that ends early (damaged) may not be the run's total:
  // only a total already over its limit is a finding.
  void under_limit_of_incomplete(const char* rule) {
    if (incomplete()) not_judged(rule, Unjudged::recording_incomplete, damage_detail());
  }

  void duration() {
    const auto& limit = m_limits.max_duration_s;
    if (!limit) return not_judged("duration", Unjudged::no_limit);
    // Laps the file gives as totals only count: the device timed them (taken as before the
    // samples, for where the limit was passed).
    const double untracked_s = m_run.metrics.untracked_laps_time_s.value_or(0);
    const double total_s = m_effort.moving_s + untracked_s;
    if (total_s <= limit->value) {
      if (unmeasured_could_exceed("duration", total_s + unmeasured_s() > limit->value)) return;
      return under_limit_of_incomplete("duration");
    }
    std::vector<double> cumulative(m_effort.end, 0.0);
    for (std::size_t i = 1; i < m_effort.end; ++i)
      cumulative[i] =
          cumulative[i - 1] + (moving(m_s.state[i]) ? m_s.time_s[i] - m_s.time_s[i - 1] : 0.0);
    const std::size_t at =
        first_beyond(limit->value - untracked_s, [&](std::size_t i) { return cumulative[i]; });
    total_over("duration", total_s, limit->value, UnitKind::s, at);
  }

  void distance() {
    const auto& limit = m_limits.max_distance_m;
    if (!limit) return not_judged("distance", Unjudged::no_limit);
    const double most_m = limit->value * (1 + defaults::distance_tolerance);
    if (!m_effort.has_distance) {
      // Trackpoints without distance (a treadmill run on a heart-rate strap): the device's
      // total, when it gives one, is the run's (no place along it); 0 is none (laps of 0 m).
      const auto& device = m_run.metrics.device_distance_m;
      if (!device || *device <= 0) return not_judged("distance", Unjudged::no_distance);
      if (*device > most_m)
        total_over("distance", *device, limit->value, UnitKind::m, m_effort.end - 1, true);
      return;
    }
    // Laps the file gives as totals only count, as in duration().
    const double untracked_m = m_run.metrics.untracked_laps_distance_m.value_or(0);
    if (m_effort.distance_m + untracked_m <= most_m) {
      // At most at the speed of the 10 000 m world record (max_running_median_m_per_s).
      const double unmeasured_m = unmeasured_s() * signal::max_running_median_m_per_s;
      if (unmeasured_could_exceed("distance",
                                  m_effort.distance_m + untracked_m + unmeasured_m > most_m))
        return;
      // The device's total of a file cut short (a FIT session written before the damage, the
      // laps of a TCX) is the least the run covered: over the limit by more than a cool-down
      // walk, the run was too long, however much of it is lost.
      if (const auto& device = m_run.metrics.device_distance_m;
          incomplete() && device && *device - cooldown_walk_allowance_m > most_m)
        return total_over("distance", *device, limit->value, UnitKind::m, m_effort.end - 1, true);
      return under_limit_of_incomplete("distance");
    }
    // Over by a track far longer than the device's distance: the finding is the device's
    // distance, the shorter, when it is over too; else not judged.
    double distance = m_effort.distance_m;
    if (m_run.track_over_device) {
      distance /= *m_run.track_over_device;
      if (distance + untracked_m <= most_m) {
        distance_disputed("distance");
        return;
      }
    }
    distance += untracked_m;
    const std::size_t at =
        first_beyond(limit->value - untracked_m, [&](std::size_t i) { return m_s.distance_m[i]; });
    total_over("distance", distance, limit->value, UnitKind::m, at);
  }

  void elevation_gain() {
    const auto& limit = m_limits.max_gain_per_km_m;
    const auto& gain = m_run.metrics.gain_per_km_m;
    if (!limit) return not_judged("elevation_gain", Unjudged::no_limit);
    if (!m_run.elevation) return elevation_missing("elevation_gain");
    if (!gain) return not_judged("elevation_gain", Unjudged::too_short_to_climb);
    // A hill shorter than the samples' spacing is not seen (nor its climb counted); one the
    // length of the grade window is.
    if (too_coarse_for_terrain("elevation_gain", m_run.elevation->grade_window_m)) return;
    if (fragment_of("elevation_gain")) return;
    // Per km of a track longer than the device's distance, climbing reads low: under the limit
    // by the track, perhaps not by the device.
    if (*gain <= limit->value) {
      if (m_run.track_over_device && *gain * *m_run.track_over_device > limit->value)
        distance_disputed("elevation_gain");
      return;
    }
    const double r = (*gain - limit->value) / limit->value;
    add({.rule = "elevation_gain",
         .severity = r >= 0.5 ? Severity::major : Severity::minor,
         .value = *gain,
         .limit = limit->value,
         .unit = UnitKind::m_per_km},
        0, m_s.size() - 1, r);
  }

  void grade() {
    const auto& limit = m_limits.max_grade_pct;
    const signal::Metrics& m = m_run.metrics;
    if (!limit) return not_judged("grade", Unjudged::no_limit);
    if (!m_run.elevation) return elevation_missing("grade");
    if (!m.max_grade_pct) return not_judged("grade", Unjudged::too_short_for_grade);
    // The steepest window is placed among the samples: two steps in it at least.
    if (too_coarse_for_terrain("grade", m_run.elevation->grade_window_m / 2)) return;
    if (*m.max_grade_pct <= limit->value) return;
    const double r = (*m.max_grade_pct - limit->value) / limit->value;
    Violation& v = add({.rule = "grade",
                        .severity = r >= 0.5 ? Severity::major : Severity::minor,
                        .value = *m.max_grade_pct,
                        .limit = limit->value,
                        .unit = UnitKind::pct},
                       index_at_distance(m_s, *m.max_grade_start_m),
                       index_at_distance(m_s, *m.max_grade_end_m), r);
    v.start_m = *m.max_grade_start_m;  // the window itself, not the samples nearest it
    v.end_m = *m.max_grade_end_m;
  }

  void cooldown() {
    const signal::Metrics& m = m_run.metrics;
    const bool any_running =
        std::find(m_s.state.begin(), m_s.state.end(), MotionState::running) != m_s.state.end();
    if (!any_running) return not_judged("cooldown", Unjudged::no_running);
    // A ride's or a car's speeds tell no walk from a stop: no walk to advise.
    if (doubtful_sport("cooldown")) return;
    // Without distance or speed, walking cannot be told from running; a damaged file's end
    // is missing.
    if (!m_effort.has_distance) return not_judged("cooldown", Unjudged::no_distance);
    if (incomplete())
      return not_judged("cooldown", Unjudged::recording_incomplete, damage_detail());
    if (too_coarse("cooldown", m_o.surge_min_s)) return;
    // After the device's distance ends, walking cannot be told from standing.
    if (unmeasured_could_exceed("cooldown", m_run.unmeasured_end_s > 0)) return;
    // In whole seconds, as reports word it: a walk summed to 179.999 s is "3:00", enough.
    if (std::round(m.cooldown_walk_s) >= defaults::min_cooldown_s) return;
    add({.rule = "cooldown",
         .severity = Severity::info,
         .value = m.cooldown_walk_s,
         .limit = defaults::min_cooldown_s,
         .unit = UnitKind::s},
        m_s.size() - 1, m_s.size() - 1);
  }

  // The score from the rules' excesses (see curves); each violation's deduction is its share
  // of the points lost: rules share them as they share −ln(score/100), a rule's violations as
  // they share its excess. The deductions add up to 100 − score (before rounding).
  void score() {
    std::vector<double> rule_excess(std::size(curves), 0.0);
    std::vector<std::size_t> rule_of(m_out.violations.size(), std::size(curves));
    for (std::size_t i = 0; i < m_out.violations.size(); ++i)
      for (std::size_t k = 0; k < std::size(curves); ++k)
        if (curves[k].rule == m_out.violations[i].rule) {
          rule_of[i] = k;
          rule_excess[k] += m_excess[i];
        }
    std::vector<double> log_loss(std::size(curves), 0.0);  // −ln(1 − d/100) per rule
    double total_log_loss = 0;
    for (std::size_t k = 0; k < std::size(curves); ++k) {
      const double d = curves[k].most_pct * (1 - std::exp(-rule_excess[k] / curves[k].scale));
      log_loss[k] = -std::log1p(-d / 100);
      total_log_loss += log_loss[k];
    }
    const double score = 100 * std::exp(-total_log_loss);
    for (std::size_t i = 0; i < m_out.violations.size(); ++i) {
      const std::size_t k = rule_of[i];
      if (k == std::size(curves) || rule_excess[k] <= 0) continue;  // advice costs nothing
      m_out.violations[i].deduction =
          (100 - score) * log_loss[k] / total_log_loss * m_excess[i] / rule_excess[k];
    }
    m_out.score = std::round(score);
  }

  void finish() {
    score();
    bool major = false, minor = false;
    for (const Violation& v : m_out.violations) {
      major = major || v.severity == Severity::major;
      minor = minor || v.severity == Severity::minor;
    }
    // A run that may have been too fast, or longer than the damaged file shows, is not a pass,
    // nor a warning.
    const bool unknowable = unknowable_rule(m_out) != nullptr;
    // Nor is anything an activity no runner could have done breaks (a ride typed as a run, a
    // car): its findings are listed, but they are no runner's.
    if (!m_run.sport_doubt.empty() || !m_run.sport_conflict.empty())
      m_out.verdict = Verdict::unjudged;
    else if (major || m_out.score < fail_below_score)
      m_out.verdict = Verdict::fail;
    else if (unknowable)
      m_out.verdict = Verdict::unjudged;
    else if (minor || m_out.score < warn_below_score)
      m_out.verdict = Verdict::warn;
    else
      m_out.verdict = Verdict::pass;
  }

  const signal::Prepared& m_run;
  const signal::Series& m_s;
  const Limits& m_limits;
  const RuleOptions& m_o;
  Effort m_effort;
  double m_moving_step_s;  // median_moving_step() in time (s), for too_coarse
  double m_moving_step_m;  // ... and in distance (m), for too_coarse_for_terrain
  Judgement m_out;
  std::vector<double> m_excess;  // per violation, its part of its rule's excess (see curves)
};

}  // namespace

Effort effort_of(const signal::Prepared& run) {
  const signal::Series& s = run.series;
  Effort e;
  const std::size_t n = s.size();
  e.end = n;
  if (run.metrics.cooldown_walk_s > 0) {
    std::size_t i = n;
    while (i > 1 && s.state[i - 1] != MotionState::running) --i;
    e.end = i;
  }
  e.has_distance = run.metrics.distance_m.has_value();
  const signal::MovingTotals moving = signal::moving_totals(s, e.end);
  const signal::MovingTotals running = signal::moving_totals(s, e.end, true);
  e.moving_s = moving.moving_s;
  const bool mostly_running = running.moving_s >= moving.moving_s / 2;
  const signal::MovingTotals& paced = mostly_running ? running : moving;
  e.pace_s = paced.moving_s;
  e.walks_left_out_s = moving.moving_s - paced.moving_s;
  if (e.has_distance) {
    e.distance_m = moving.distance_m;
    e.pace_distance_m = paced.distance_m;
    e.gap_distance_m = paced.gap_distance_m;
  }
  return e;
}

bool cut_short(const Judgement& j) noexcept {
  return std::any_of(j.not_judged.begin(), j.not_judged.end(),
                     [](const NotJudged& n) { return n.why == Unjudged::recording_incomplete; });
}

static_assert(std::size(severity_names) == static_cast<std::size_t>(Severity::major) + 1);
static_assert(std::size(verdict_names) == static_cast<std::size_t>(Verdict::unjudged) + 1);
static_assert(std::size(unit_kind_names) == static_cast<std::size_t>(UnitKind::pct) + 1);
static_assert(std::size(unjudged_names) ==
              static_cast<std::size_t>(Unjudged::elevation_implausible) + 1);

std::string_view to_string(Severity severity) noexcept {
  return severity_names[static_cast<std::size_t>(severity)];
}

std::string_view to_string(Verdict verdict) noexcept {
  return verdict_names[static_cast<std::size_t>(verdict)];
}

std::string_view to_string(UnitKind unit) noexcept {
  return unit_kind_names[static_cast<std::size_t>(unit)];
}

std::string_view to_string(Unjudged why) noexcept {
  return unjudged_names[static_cast<std::size_t>(why)];
}

Judgement judge(const signal::Prepared& run, const Limits& limits, const RuleOptions& options) {
  return Judge(run, limits, options)();
}

bool sport_doubtful(const Judgement& judgement) noexcept {
  return std::any_of(
      judgement.not_judged.begin(), judgement.not_judged.end(), [](const NotJudged& n) {
        return n.why == Unjudged::sport_doubtful || n.why == Unjudged::sport_conflict;
      });
}

const NotJudged* unknowable_rule(const Judgement& judgement) noexcept {
  const auto& all = judgement.not_judged;
  auto it =
      std::find_if(all.begin(), all.end(), [](const NotJudged& n) { return n.rule == "pace"; });
  if (it == all.end())
    it = std::find_if(all.begin(), all.end(), [](const NotJudged& n) {
      return (n.why == Unjudged::recording_incomplete &&
              (n.rule == "duration" || n.rule == "distance")) ||
             n.why == Unjudged::distance_disputed;
    });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace runaudit::audit
