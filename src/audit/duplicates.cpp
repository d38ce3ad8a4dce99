#include "duplicates.hpp"

#include <algorithm>
#include <iterator>
#include <tuple>

#include "runaudit/format.hpp"
#include "runaudit/signal/series.hpp"
#include "text.hpp"

namespace runaudit::audit::detail {
namespace {

// What a format's files carry beyond the track: FIT (laps, the watch's pauses, device, HR
// anchors, workout) over TCX (laps) over GPX.
int richness(Format f) {
  switch (f) {
    case Format::fit:
      return 2;
    case Format::tcx:
      return 1;
    case Format::gpx:
      break;
  }
  return 0;
}

// What @p a's file tells of it beside the track (RunPrint::content).
int content_richness(const Activity& a) {
  const Channels c = channels(a);
  const bool told[] = {
      !a.sport_raw.empty(),
      a.utc_offset_s.has_value(),
      !a.device.empty(),
      a.device_distance_m.has_value() || a.device_timer_s.has_value(),
      a.device_heart_rate.max_bpm.has_value() || a.device_heart_rate.threshold_bpm.has_value(),
      !a.laps.empty(),
      c.position,
      c.elevation,
      c.heart_rate,
      c.cadence,
      c.device_distance,
      c.device_speed};
  return static_cast<int>(std::count(std::begin(told), std::end(told), true));
}

// Which of two files of one activity to audit: the whole one; of two cut short, the one that
// goes further; then the richer format; then the one that tells more.
std::tuple<bool, std::int64_t, int, int> preference(const RunPrint& p) {
  return {!p.damaged, p.damaged ? p.end_ms.value_or(0) : 0, richness(p.format), p.content};
}

// Whether @p a and @p b may be one activity by their sports: not when one is on foot and the
// other a ride, nor when both are "other" sports their files name differently in one format (a
// FIT "swimming" and "stand_up_paddleboarding"). A sport unknown, or "other" beside a named
// one (a watch's generic mode), may be anything; a run and a walk are one on foot (an app's
// label, a watch's mode).
bool same_sport(const RunPrint& a, const RunPrint& b) {
  const auto on_foot = [](Sport s) { return s == Sport::running || s == Sport::walking; };
  if (a.sport == Sport::unknown || b.sport == Sport::unknown) return true;
  if (a.sport == Sport::other && b.sport == Sport::other)
    return a.format != b.format || a.sport_raw.empty() || b.sport_raw.empty() ||
           a.sport_raw == b.sport_raw;
  if (a.sport == Sport::other || b.sport == Sport::other) return true;
  return a.sport == b.sport || (on_foot(a.sport) && on_foot(b.sport));
}

}  // namespace

RunPrint print_of(const Activity& a) {
  // Not whole: cut short, or with trackpoints dropped out of time order (part of the run).
  const bool damaged = std::any_of(a.notes.begin(), a.notes.end(),
                                   [](const Note& n) {
                                     return n.code == NoteCode::file_damaged ||
                                            n.code == NoteCode::compressed_truncated;
                                   }) ||
                       signal::out_of_order_note(a) != nullptr;
  return RunPrint{a.index,
                  a.format,
                  a.start_time_ms(),
                  a.end_time_ms(),
                  a.start_time_known,
                  damaged,
                  content_richness(a),
                  a.sport,
                  text::lower(text::trimmed(a.sport_raw))};
}

Duplicates::Duplicates(const std::vector<io::Source>& sources,
                       const std::vector<std::string>& athletes,
                       const std::vector<std::optional<SourcePrint>>& prints) {
  struct Target {
    Key kept;
    bool same_bytes;
  };
  std::map<Key, Target> target;  // duplicate -> the run it duplicates (itself maybe one)

  // The same bytes: the first source of the athlete that has them is kept. The same bytes in
  // two athletes' folders are each athlete's (a coach's folders say whose runs they are).
  std::map<std::pair<std::string, std::uint64_t>, std::size_t> first_with;  // -> source
  std::vector<bool> copy(sources.size());
  for (std::size_t i = 0; i < prints.size(); ++i) {
    if (!prints[i] || prints[i]->runs.empty()) continue;
    const auto [it, added] = first_with.try_emplace({athletes[i], prints[i]->content_hash}, i);
    const std::size_t k = it->second;
    // Equal hashes of different bytes (a 64-bit collision) would decode differently.
    if (added || prints[k]->runs.size() != prints[i]->runs.size()) continue;
    copy[i] = true;
    for (std::size_t r = 0; r < prints[i]->runs.size(); ++r)
      target[{i, prints[i]->runs[r].index}] = {{k, prints[k]->runs[r].index}, true};
  }

  // The same activity in two files (of any formats: two FIT files of one run, a watch's FIT
  // and an export's GPX), per athlete, in order of start time. The activities of one file are
  // never each other's duplicates (chained files overlapping in time keep their sessions).
  struct Run {
    Key key;
    const RunPrint* print;
  };
  std::map<std::string, std::vector<Run>> by_athlete;
  for (std::size_t i = 0; i < prints.size(); ++i) {
    if (!prints[i] || copy[i]) continue;
    for (const RunPrint& p : prints[i]->runs)
      if (p.dated && p.start_ms && p.end_ms) by_athlete[athletes[i]].push_back({{i, p.index}, &p});
  }
  for (auto& [athlete, runs] : by_athlete) {
    std::stable_sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) {
      return *a.print->start_ms < *b.print->start_ms;
    });
    for (std::size_t x = 0; x < runs.size(); ++x) {
      if (target.count(runs[x].key)) continue;
      for (std::size_t y = x + 1; y < runs.size(); ++y) {
        const RunPrint &a = *runs[x].print, &b = *runs[y].print;
        if (*b.start_ms - *a.start_ms > same_activity_ms) break;
        if (runs[x].key.first == runs[y].key.first || target.count(runs[y].key)) continue;
        if (!(*a.start_ms < *b.end_ms && *b.start_ms < *a.end_ms)) continue;  // no overlap
        if (!same_sport(a, b)) continue;
        const bool y_preferred = preference(b) > preference(a);
        const Run& kept = y_preferred ? runs[y] : runs[x];
        const Run& dropped = y_preferred ? runs[x] : runs[y];
        target[dropped.key] = {kept.key, false};
        if (y_preferred) break;  // x is a duplicate: y goes on looking for its own
      }
    }
  }

  const auto name = [&](const Key& k) {
    std::string n = clean_text(sources[k.first].name);
    if (prints[k.first]->runs.size() > 1) n += " #" + std::to_string(k.second);  // as reports
    return n;
  };
  for (const auto& [dup, first] : target) {
    Key kept = first.kept;
    for (auto t = target.find(kept); t != target.end(); t = target.find(kept))
      kept = t->second.kept;
    const std::string format(to_string(prints[kept.first]->runs.front().format));
    m_skipped[dup] =
        first.same_bytes && kept == first.kept
            ? "the same bytes as " + name(kept) + ": reported under that name"
            : "the same activity as " + name(kept) + " (" + format + "): reported under that name";
    m_others[kept].push_back(name(dup));
  }
}

void Duplicates::apply(std::size_t source, RunRecord& record) const {
  const Key key{source, record.activity_index};
  if (const auto s = m_skipped.find(key); s != m_skipped.end()) {
    record.audited = false;
    record.skip_reason = s->second;
    record.skip_speed_m_per_s.reset();
  } else if (const auto o = m_others.find(key); o != m_others.end()) {
    record.duplicates = o->second;
  }
}

bool Duplicates::kept(std::size_t source, std::size_t activity) const {
  return !m_skipped.count({source, activity});
}

}  // namespace runaudit::audit::detail
