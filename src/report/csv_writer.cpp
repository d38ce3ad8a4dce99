// CSV audit report: one row per run, RFC 4180 (CRLF rows, fields with commas, quotes or line
// breaks quoted, quotes doubled), SI units in the column names, violations in two columns.

#include <cmath>
#include <optional>

#include "runaudit/report/writer.hpp"
#include "runaudit/time.hpp"
#include "writers.hpp"

namespace runaudit::report::detail {
namespace {

std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// Rounded to 0.1 exactly as the JSON report rounds, so CSV from `runaudit report` matches.
std::string number(const std::optional<double>& v) {
  return v && std::isfinite(*v) ? format_fixed(std::round(*v * 10) / 10, 1) : std::string();
}

constexpr const char* columns[] = {"file",
                                   "activity_index",
                                   "athlete",
                                   "sport",
                                   "name",
                                   "start_time",
                                   "status",
                                   "skip_reason",
                                   "verdict",
                                   "score",
                                   "elapsed_time_s",
                                   "moving_time_s",
                                   "distance_m",
                                   "avg_pace_s_per_km",
                                   "avg_gap_s_per_km",
                                   "elevation_gain_m",
                                   "gain_per_km_m",
                                   "max_grade_pct",
                                   "avg_hr_bpm",
                                   "max_hr_bpm",
                                   "avg_cadence_spm",
                                   "stop_count",
                                   "stopped_time_s",
                                   "cooldown_walk_s",
                                   "pace_limit_s_per_km",
                                   "hr_limit_bpm",
                                   "violations",
                                   "violation_messages"};

class CsvWriter final : public Writer {
 public:
  explicit CsvWriter(std::ostream& out) : m_out(out) {
    bool first = true;
    for (const char* c : columns) {
      m_out << (first ? "" : ",") << c;
      first = false;
    }
    m_out << "\r\n";
  }

  std::string render(const audit::RunRecord& r) const override {
    const signal::Metrics& m = r.metrics;
    std::string rules, messages;
    for (const audit::Violation& v : r.judgement.violations) {
      rules +=
          (rules.empty() ? "" : "; ") + v.rule + ":" + std::string(audit::to_string(v.severity));
      messages += (messages.empty() ? "" : " | ") + v.rule + ": " + v.message;
    }
    const auto limit = [](const std::optional<audit::Limit>& l) {
      return l ? std::optional<double>(l->value) : std::nullopt;
    };
    const std::string cells[] = {
        r.file,
        std::to_string(r.activity_index),
        r.athlete,
        std::string(to_string(r.sport)),
        r.name,
        r.start_time_ms ? format_rfc3339(*r.start_time_ms) : "",
        r.audited ? "audited" : "skipped",
        r.skip_reason,
        r.audited ? std::string(audit::to_string(r.judgement.verdict)) : "",
        r.audited ? format_fixed(r.judgement.score, 0) : "",
        number(m.elapsed_time_s),
        number(m.moving_time_s),
        number(m.distance_m),
        number(m.avg_pace_s_per_km),
        number(m.avg_gap_s_per_km),
        number(m.elevation_gain_m),
        number(m.gain_per_km_m),
        number(m.max_grade_pct),
        number(m.avg_hr_bpm),
        number(m.max_hr_bpm),
        number(m.avg_cadence_spm),
        std::to_string(m.stop_count),
        number(m.stopped_time_s),
        number(m.cooldown_walk_s),
        r.audited ? number(limit(r.limits.pace_limit_s_per_km)) : "",
        r.audited ? number(limit(r.limits.hr_limit_bpm)) : "",
        rules,
        messages};
    std::string row;
    bool first = true;
    for (const std::string& c : cells) {
      row += (first ? "" : ",") + field(c);
      first = false;
    }
    row += "\r\n";
    return row;
  }

  void run(const audit::RunRecord&, std::string rendered) override { m_out << rendered; }

  // An unreadable file gets a row too (status "unreadable", the reason in skip_reason), so
  // the spreadsheet shows every input.
  void finish(std::span<const io::Diagnostic> errors) override {
    for (const io::Diagnostic& e : errors) {
      m_out << field(e.source) << ",,,,,,unreadable,"
            << field(e.code + ": " + e.message + io::position(e));
      for (std::size_t i = 8; i < std::size(columns); ++i) m_out << ',';
      m_out << "\r\n";
    }
  }

 private:
  std::ostream& m_out;
};

}  // namespace

std::unique_ptr<Writer> make_csv_writer(std::ostream& out) {
  return std::make_unique<CsvWriter>(out);
}

}  // namespace runaudit::report::detail
