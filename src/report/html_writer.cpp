// Self-contained HTML coach report: per athlete the weekly table and the trend over weeks, then a
// card per run in date order (verdict, score, metrics, findings worst first, charts, route,
// splits), then the files skipped with their reasons. No scripts, no fonts, no network; one
// card per printed page where it fits; readable in greyscale (hatches, labels, legends).

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <tuple>

#include "route.hpp"
#include "run_charts.hpp"
#include "runaudit/audit/limits.hpp"
#include "runaudit/audit/plan.hpp"
#include "runaudit/format.hpp"
#include "runaudit/local_time.hpp"
#include "runaudit/report/writer.hpp"
#include "splits.hpp"
#include "svg.hpp"
#include "trends.hpp"
#include "weekly.hpp"
#include "words.hpp"
#include "writers.hpp"

namespace runaudit::report::detail {
namespace {

// Colours: text at least 4.5:1 on its background (WCAG AA); nothing told by colour alone.
constexpr const char* style = R"(
:root { --pass: #1a7f37; --warn: #9a5b00; --fail: #b3261e; --unjudged: #57606a; --ink: #1f2328;
        --muted: #57606a; --line: #d0d7de; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; color: var(--ink); margin: 24px auto; max-width: 1000px; padding: 0 16px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { margin: 32px 0 8px; border-bottom: 2px solid var(--line); }
h4 { margin: 10px 0 4px; font-size: 14px; }
.summary { color: var(--muted); }
details.glossary { font-size: 13px; margin: 4px 0 12px; } details.glossary dt { font-weight: 600; }
details.glossary dd { margin: 0 0 4px 16px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: right; }
th:first-child, td:first-child, td.text, th.text, caption { text-align: left; }
td.text { overflow-wrap: anywhere; }
caption { font-weight: 600; padding: 4px 0; }
table.weeks td:first-child { white-space: nowrap; }
article.run { border: 1px solid var(--line); border-left: 8px solid var(--muted); border-radius: 6px;
              padding: 12px 16px; margin: 16px 0; }
article.pass { border-left-color: var(--pass); } article.warn { border-left-color: var(--warn); border-left-style: dashed; }
article.fail { border-left-color: var(--fail); border-left-style: double; } article.unjudged { border-left-style: dotted; }
article header { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
article h3 { margin: 0; font-size: 17px; }
.verdict { font-weight: 700; padding: 1px 8px; border-radius: 4px; color: #fff; text-transform: uppercase;
           -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.verdict.pass { background: var(--pass); } .verdict.warn { background: var(--warn); }
.verdict.fail { background: var(--fail); } .verdict.unjudged { background: var(--unjudged); }
.score { font-weight: 600; }
.file { color: var(--muted); font-size: 12px; margin: 2px 0 8px; word-break: break-all; }
.limits { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
dl.metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
             gap: 2px 16px; margin: 8px 0; }
dl.metrics div { display: flex; justify-content: space-between; gap: 6px; border-bottom: 1px dotted var(--line); }
dl.metrics dt { color: var(--muted); } dl.metrics dd { margin: 0; font-weight: 600; }
ol.findings { margin: 4px 0 8px; padding-left: 22px; }
ol.findings li { margin: 2px 0; }
.sev { font-size: 11px; font-weight: 700; text-transform: uppercase; border: 1px solid; border-radius: 3px;
       padding: 0 4px; margin-right: 4px; }
li.major .sev { color: var(--fail); border-style: double; border-width: 3px; }
li.minor .sev { color: var(--warn); } li.info .sev, li.info { color: var(--muted); }
.cost { color: var(--muted); font-variant-numeric: tabular-nums; }
.notjudged { color: var(--muted); font-size: 12px; }
figure { margin: 6px 0 10px; }
svg.chart { width: 100%; height: auto; display: block;
            -webkit-print-color-adjust: exact; print-color-adjust: exact; }
svg.defs { position: absolute; width: 0; height: 0; }
svg .axis { stroke: #6e7781; stroke-width: 1; } svg .grid { stroke: #eaeef2; stroke-width: 1; }
svg text { font: 11px system-ui, sans-serif; fill: #57606a; }
svg text.title { font-weight: 600; fill: #1f2328; font-size: 12px; }
svg text.time { font-size: 10px; }
svg .pace { fill: none; stroke: #57606a; stroke-width: 1.3; stroke-dasharray: 4 2; }
svg .gap { fill: none; stroke: #0550ae; stroke-width: 2.4; }
svg .hr { fill: none; stroke: #a40e26; stroke-width: 1.8; }
svg .area { fill: #dbe9cc; stroke: #4d7c0f; stroke-width: 1.2; }
svg .limit { stroke: #b3261e; stroke-width: 1.6; stroke-dasharray: 7 4; fill: none; }
svg text.limit-label { fill: #b3261e; font-weight: 600; }
svg text.limit-label, svg text.span-label, svg text.state-label { paint-order: stroke;
  stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg text.span-label { fill: #8c1d18; font-weight: 600; font-size: 10px; }
svg text.state-label { fill: #24292f; font-size: 10px; }
svg .beyond { fill: #1f2328; }
svg .trace { fill: none; stroke: #0550ae; stroke-width: 2.5; stroke-linejoin: round; }
svg .trace.walking { stroke-width: 2; stroke-dasharray: 3 3; }
svg .halo { fill: none; stroke-linecap: round; stroke-linejoin: round; stroke-opacity: 0.4; }
svg .halo.major { stroke: #b3261e; stroke-width: 12; } svg .halo.minor { stroke: #9a5b00; stroke-width: 7; }
svg .stop { fill: #fff; stroke: #24292f; stroke-width: 1.5; }
svg .start { fill: #1a7f37; } svg .finish { fill: #24292f; }
svg text.mark { fill: #fff; font-size: 9px; font-weight: 700; }
svg .tick { fill: #24292f; } svg text.tick-label { fill: #24292f; font-size: 10px; }
svg .route-frame { fill: #f6f8fa; stroke: var(--line); } svg .scale { stroke: #24292f; stroke-width: 2; }
svg .trend { fill: none; stroke: #0550ae; stroke-width: 2; } svg .trend-dot { fill: #0550ae; }
svg .share { fill: #1a7f37; } svg .share-bg { fill: #eaeef2; stroke: #6e7781; }
ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 2px 16px; margin: 0 0 0 62px; padding: 0;
            font-size: 12px; }
ul.legend li { display: flex; align-items: center; gap: 4px; }
ul.legend svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.detail { display: grid; grid-template-columns: 340px 1fr; gap: 16px; align-items: start; }
.detail > * { min-width: 0; }
svg.route { width: 340px; height: 340px; display: block; }
figure.route ul.legend { margin: 4px 0 0; }
.tables { display: flex; flex-direction: column; gap: 12px; overflow-x: auto; }
table.splits { font-size: 12px; margin: 0; } table.splits td:last-child { text-align: left; }
table.splits td { white-space: nowrap; } table.splits td.text { white-space: normal; }
.still { color: var(--muted); font-weight: 400; font-size: 11px; }
tr.broke { font-weight: 700; } tr.broke td { background: #fff8e6; }
@media screen and (max-width: 960px) { .detail { grid-template-columns: 1fr; } }
@media screen and (max-width: 640px) {
  body { padding: 0 8px; } article.run { padding: 10px 10px; }
  table.weeks, table.skipped, table.errors { display: block; overflow-x: auto; }
  figure.chart { overflow-x: auto; } svg.chart { min-width: 620px; }
  svg.route { width: 100%; max-width: 340px; height: auto; } }
@media print { body { margin: 0; max-width: none; font-size: 11px; }
               article.run { break-before: page; break-inside: avoid; margin: 0; zoom: 0.67; }
               .detail { grid-template-columns: 300px 1fr; } svg.route { width: 300px; height: 300px; }
               figure, table, tr { break-inside: avoid; } h2, caption { break-after: avoid; }
               .tables { overflow: visible; } table.splits td { white-space: normal; } }
)";

// The words of the page, for a coach who has not read the README; its figures are the audit's.
std::string glossary() {
  const auto whole = [](double v) { return format_fixed(v, 0); };
  return "<details class=\"glossary\"><summary>How to read this page</summary><dl>"
         "<dt>pass, warn, fail</dt><dd>a recovery run; one with a minor breach (or a score under " +
         whole(audit::warn_below_score) + "); one with a major breach (or a score under " +
         whole(audit::fail_below_score) +
         "): not a recovery run.</dd>"
         "<dt>unjudged</dt><dd>what the file holds cannot back a verdict (no pace anchor, a "
         "damaged file, a ride typed as a run): never a silent pass; the card says why.</dd>"
         "<dt>score</dt><dd>0&#8211;100, ranks runs: each broken rule takes a share that grows "
         "with how far past its limit the run went.</dd>"
         "<dt>GAP</dt><dd>grade-adjusted pace: the pace on flat ground for the same effort "
         "(Minetti 2002), so a slow climb is not called easy; <em>judged</em> is the GAP before "
         "the cool-down walk, walk breaks left out when most of it is running.</dd>"
         "<dt>surge</dt><dd>" +
         whole(audit::RuleOptions{}.surge_min_s) +
         " s or more faster than the pace limit and the run's own average.</dd>"
         "<dt>HR stretch</dt><dd>a stretch of heart rate above the limit.</dd>"
         "<dt>limits</dt><dd>each with where it came from: the command line, the plan, "
         "the athletes file, the config file, the watch's settings, " +
         format_fixed(audit::defaults::pace_over_usual, 2) +
         " &#215; the athlete's usual GAP of the six weeks before, or the defaults.</dd>"
         "<dt>recovery min</dt><dd>the minutes of the week's runs that passed.</dd>"
         "<dt>#0</dt><dd>the activity's place in its file (a multisport file holds several).</dd>"
         "</dl></details>\n";
}

// "Mon 2026-11-16": the run's local day (UTC when its offset is unknown), or "undated".
std::string day_of(const audit::RunRecord& r) {
  if (!r.start_time_ms) return "undated";
  static constexpr const char* days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  const std::int64_t day =
      local_day(*r.start_time_ms, static_cast<int>(std::lround(r.utc_offset_s.value_or(0))));
  return std::string(days[((day % 7) + 7) % 7]) + " " +  // 1970-01-01: Thu
         start_words(r).substr(0, 10);
}

// "Mon 2026-11-16 07:30 +01:00", or "… 06:30 Z" in UTC when the local offset is unknown.
std::string when(const audit::RunRecord& r) {
  return r.start_time_ms ? day_of(r) + start_words(r).substr(10) : "undated";
}

std::string findings_html(const audit::RunRecord& r, Units units) {
  const std::vector<Finding> found = findings(r, units);
  if (found.empty())
    return r.judgement.not_judged.empty()
               ? "<p class=\"clean\">No rule broken.</p>"
               : "<p class=\"clean\">No rule broken of those judged (see what was not).</p>";
  std::string out = "<h4>Findings, worst first</h4><ol class=\"findings\">";
  for (const Finding& f : found) {
    out += "<li class=\"" + std::string(audit::to_string(f.severity)) + "\"><span class=\"sev\">" +
           std::string(severity_word(f.severity)) + "</span><b>" + rule_words(f.rule) + "</b>" +
           (f.deduction >= 0.5 ? " <span class=\"cost\">" + cost_words(f.deduction) + "</span>"
                               : std::string()) +
           ": " + esc(f.words) + "</li>";
  }
  return out + "</ol>";
}

class HtmlWriter final : public Writer {
 public:
  HtmlWriter(std::ostream& out, const ReportOptions& o)
      : m_out(out), m_units(o.units), m_limit(o.held_bytes_limit) {}

  // A skipped run's table row, or an audited run's card from just after its id (numbered in
  // output order by run()) to its end, charts included.
  std::string render(const audit::RunRecord& r) const override {
    const std::string name = r.name.empty() ? file_stem(r.file) : r.name;
    if (!r.audited && audit::is_missed_day(r.skip_reason))  // a day, not a file
      return "<tr><td>" + esc(day_of(r)) + "</td><td class=\"text\">" + esc(r.name) +
             "</td><td class=\"text\">" + esc(r.file) + "</td></tr>";
    if (!r.audited)
      return "<tr><td>" + esc(when(r)) + "</td><td class=\"text\">" + esc(r.file) + " #" +
             std::to_string(r.activity_index) + "</td><td class=\"text\">" +
             esc(r.sport_raw.empty() ? std::string(to_string(r.sport)) : r.sport_raw) +
             "</td><td class=\"text\">" + esc(skip_words(r, m_units)) + "</td></tr>";
    const audit::Judgement& j = r.judgement;
    const std::string verdict(audit::to_string(j.verdict));
    std::ostringstream card;
    card << "\"><header>"
         << "<span class=\"verdict " << verdict << "\">" << verdict << "</span><h3>"
         << esc(when(r) + " · " + name) << "</h3><span class=\"score\">"
         << score_words(j, "score ", "/100") << "</span></header><p class=\"file\">" << esc(r.file)
         << " #" << r.activity_index << (r.device.empty() ? "" : ", from " + esc(r.device))
         << "</p><dl class=\"metrics\">";
    const signal::Metrics& m = r.metrics;
    const auto item = [&](const std::string& k, const std::string& v) {
      card << "<div><dt>" << k << "</dt><dd>" << esc(v) << "</dd></div>";
    };
    item("moving", format_clock(m.moving_time_s));
    if (m.distance_m) item("distance", distance_words(r, m_units));
    if (m.avg_pace_s_per_km) item("pace", format_pace(*m.avg_pace_s_per_km, m_units));
    if (m.avg_gap_s_per_km) item("GAP", gap_words(r, m_units, false));
    if (r.limits.pace_limit_s_per_km)
      item("pace limit", format_pace(r.limits.pace_limit_s_per_km->value, m_units));
    if (m.gain_per_km_m) item("climb", climb_words(m, m_units));
    if (m.avg_hr_bpm) {
      item("HR avg", hr_words(r));
      item("HR max", format_bpm(*m.max_hr_bpm));
    }
    if (r.limits.hr_limit_bpm && m.avg_hr_bpm)  // no limit to show a run without heart rate
      item("HR limit", format_bpm(r.limits.hr_limit_bpm->value));
    if (m.stop_count)
      item("stopped", format_clock(m.stopped_time_s) + " in " + std::to_string(m.stop_count) +
                          (m.stop_count == 1 ? " stop" : " stops"));
    if (m.paused_time_s > 0) item("paused", format_clock(m.paused_time_s));  // the watch's timer
    item("cool-down", format_clock(m.cooldown_walk_s));
    card << "</dl>";
    if (const std::string limits = limits_words(r, m_units); !limits.empty())
      card << "<p class=\"limits\">Limits: " << esc(limits) << "</p>";
    if (!r.file_warning.empty())
      card << "<div class=\"notjudged\">data: " << esc(r.file_warning) << "</div>";
    card << findings_html(r, m_units);
    for (const audit::NotJudged& n : j.not_judged)
      card << "<div class=\"notjudged\">not judged: " << rule_words(n.rule) << " — "
           << esc(unjudged_words(n, m_units)) << "</div>";
    card << run_charts(r, m_units);
    const std::string route = route_svg(r, m_units), table = splits_tables(r, m_units);
    if (!route.empty() || !table.empty())
      card << "<div class=\"detail\">" << route << table << "</div>";
    card << "</article>\n";
    return card.str();
  }

  void run(const audit::RunRecord& r, std::string rendered) override {
    m_held += rendered.size();
    if (m_held > m_limit)
      throw ReportTooLarge("the HTML report holds every card until its end and its cards pass " +
                           (m_limit >= (1u << 20) ? std::to_string(m_limit >> 20) + " MiB"
                                                  : std::to_string(m_limit) + " bytes") +
                           " at run " + std::to_string(m_runs + 1) + " (" + r.file +
                           "): render HTML for fewer runs (some athletes' shards, --match) and "
                           "use markdown, csv or jsonl for the whole batch");
    ++m_runs;
    m_summary.add(r);
    Athlete& a = m_athletes[r.athlete];
    const std::int64_t at = r.start_time_ms.value_or(std::numeric_limits<std::int64_t>::max());
    m_tally.add(r);
    if (!r.audited) {
      auto& list = audit::is_missed_day(r.skip_reason) ? a.missed : a.skipped;
      list.push_back({at, list.size(), std::move(rendered)});
      return;
    }
    const std::string verdict(audit::to_string(r.judgement.verdict));
    a.cards.push_back({at, a.cards.size(),
                       "<article class=\"run " + verdict + "\" id=\"run-" + std::to_string(++m_id) +
                           std::move(rendered)});
  }

  void finish(std::span<const io::Diagnostic> errors) override {
    m_out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             "<title>Recovery-run audit</title><style>"
          << style << "</style></head><body>\n"
          << svg_patterns() << "\n<h1>Recovery-run audit</h1>\n<p class=\"summary\">"
          << m_tally.words(errors)
          << ". Runs in date order per athlete; times are local with their offset "
             "where known, else UTC (Z).</p>\n"
          << glossary();
    const auto rows = m_summary.rows();
    for (auto& [athlete, a] : m_athletes) {
      m_out << "<section class=\"athlete\"><h2>" << esc(athlete) << "</h2>\n";
      if (const auto w = rows.find(athlete); w != rows.end()) {
        m_out << "<table class=\"weeks\"><caption>Weeks</caption><tr><th>week</th><th>runs</th>"
                 "<th>pass</th><th>warn</th><th>fail</th><th>unjudged</th><th>missed</th><th>"
                 "recovery min</th><th class=\"text\">costliest violation</th><th "
                 "class=\"text\">vs week "
                 "before</th></tr>";
        for (const WeekRow& row : w->second)
          m_out << "<tr><td>" << row.week << "</td><td>" << row.runs << "</td><td>"
                << row.verdicts[0] << "</td><td>" << row.verdicts[1] << "</td><td>"
                << row.verdicts[2] << "</td><td>" << row.verdicts[3] << "</td><td>" << row.missed
                << "</td><td>" << format_fixed(row.recovery_min, 0) << "</td><td class=\"text\">"
                << esc(row.frequent) << "</td><td class=\"text\">" << esc(row.change)
                << "</td></tr>";
        m_out << "</table>\n" << trends_svg(w->second, m_units) << '\n';
      }
      const auto by_date = [](const Entry& x, const Entry& y) {
        return std::tie(x.at, x.order) < std::tie(y.at, y.order);
      };
      std::sort(a.cards.begin(), a.cards.end(), by_date);
      std::sort(a.skipped.begin(), a.skipped.end(), by_date);
      std::sort(a.missed.begin(), a.missed.end(), by_date);
      for (const Entry& card : a.cards) m_out << card.html;
      if (!a.missed.empty()) {
        m_out << "<table class=\"skipped missed\"><caption>Planned recovery days without a "
                 "run</caption><tr><th>day</th><th>session</th><th>plan</th></tr>";
        for (const Entry& row : a.missed) m_out << row.html;
        m_out << "</table>\n";
      }
      if (!a.skipped.empty()) {
        m_out << "<table class=\"skipped\"><caption>Skipped files: not audited</caption><tr>"
                 "<th>start</th><th>file</th><th>sport</th><th>why</th></tr>";
        for (const Entry& row : a.skipped) m_out << row.html;
        m_out << "</table>\n";
      }
      m_out << "</section>\n";
    }
    if (!errors.empty()) {
      m_out << "<h2>Unreadable files</h2><table class=\"errors\"><tr><th>file</th><th>problem</th>"
               "<th>code</th></tr>";
      for (const io::Diagnostic& e : errors)
        m_out << "<tr><td>" << esc(e.source) << esc(io::position(e)) << "</td><td class=\"text\">"
              << esc(e.message) << "</td><td class=\"text\">" << e.code << "</td></tr>";
      m_out << "</table>\n";
    }
    m_out << "</body></html>\n";
  }

 private:
  struct Entry {
    std::int64_t at;    // start time (UTC ms); undated last
    std::size_t order;  // output order among equals
    std::string html;
  };
  struct Athlete {
    std::vector<Entry> cards, skipped, missed;
  };
  std::ostream& m_out;
  Units m_units;
  std::uint64_t m_limit;     // ReportOptions::held_bytes_limit
  std::uint64_t m_held = 0;  // bytes of the cards and rows held
  std::size_t m_runs = 0;    // runs held
  WeeklySummary m_summary;
  std::map<std::string, Athlete, AthleteOrder> m_athletes;
  Tally m_tally;
  std::size_t m_id = 0;
};

}  // namespace

std::unique_ptr<Writer> make_html_writer(std::ostream& out, const ReportOptions& o) {
  return std::make_unique<HtmlWriter>(out, o);
}

}  // namespace runaudit::report::detail
