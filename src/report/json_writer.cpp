// JSON (one document) and JSONL (one object per line) audit reports, streamed run by run.

#include <sstream>
#include <string>
#include <string_view>

#include "json_common.hpp"
#include "runaudit/report/shards.hpp"
#include "runaudit/report/writer.hpp"
#include "runaudit/version.hpp"
#include "writers.hpp"

namespace runaudit::report::detail {
namespace {

// Writes @p text with every line but the first indented by @p indent spaces.
void indented(std::ostream& out, const std::string& text, int indent) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  std::size_t start = 0;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    out.write(text.data() + start, static_cast<std::streamsize>(nl + 1 - start));
    out << pad;
    start = nl + 1;
  }
  out << text.substr(start);
}

// Produces exactly what nlohmann's dump(2) gives for the whole document, one run at a time.
class JsonWriter final : public Writer {
 public:
  JsonWriter(std::ostream& out, Units units) : m_out(out), m_units(units) {
    m_out << "{\n  \"schema_version\": " << schema_version
          << ",\n  \"runaudit_version\": " << Json(runaudit::version()).dump()
          << ",\n  \"runs\": [";
  }
  std::string render(const audit::RunRecord& r) const override {
    std::ostringstream out;
    indented(
        out,
        run_json(r, m_units, Digits::tenth).dump(2, ' ', false, Json::error_handler_t::replace), 4);
    return out.str();
  }
  void run(const audit::RunRecord&, std::string rendered) override {
    m_out << (m_first ? "\n    " : ",\n    ") << rendered;
    m_first = false;
  }
  void finish(std::span<const io::Diagnostic> errors) override {
    m_out << (m_first ? "],\n" : "\n  ],\n") << "  \"errors\": ";
    indented(m_out, errors_json(errors).dump(2, ' ', false, Json::error_handler_t::replace), 2);
    m_out << "\n}\n";
  }

 private:
  std::ostream& m_out;
  Units m_units;
  bool m_first = true;
};

// One object per line: first {"record": "report", "schema_version": 1, "runaudit_version": V}
// (a shard's shard line instead, which carries V too), then {"record": "run",
// "schema_version": 1, ...the run object...} and {"record": "error", "schema_version": 1, ...the
// error object...}; lines from several machines can be concatenated and read back with
// `runaudit report`. Numbers keep every digit (Digits::all), so reports rendered from the
// lines match those of the audit exactly.
class JsonLinesWriter final : public Writer {
 public:
  JsonLinesWriter(std::ostream& out, const ReportOptions& o) : m_out(out), m_units(o.units) {
    m_out << (o.shards > 0 ? shard_line(o.shard, o.shards, runaudit::version())
                           : line("report", Json{{"runaudit_version", runaudit::version()}}));
  }
  std::string render(const audit::RunRecord& r) const override {
    return line("run", run_json(r, m_units, Digits::all));
  }
  void run(const audit::RunRecord&, std::string rendered) override { m_out << rendered; }
  void finish(std::span<const io::Diagnostic> errors) override {
    for (const Json& e : errors_json(errors)) m_out << line("error", e);
  }

 private:
  // {"record":"<record>","schema_version":1, then @p object's keys}, and a newline. Spliced
  // into the dumped object rather than copied into a new one (that was a fifth of the writing).
  static std::string line(std::string_view record, const Json& object) {
    std::string text = object.dump(-1, ' ', false, Json::error_handler_t::replace);
    text.replace(0, 1,
                 R"({"record":")" + std::string(record) + R"(","schema_version":)" +
                     std::to_string(schema_version) + (text.size() > 2 ? "," : ""));
    text += '\n';
    return text;
  }

 private:
  std::ostream& m_out;
  Units m_units;
};

}  // namespace

std::unique_ptr<Writer> make_json_writer(std::ostream& out, const ReportOptions& options,
                                         bool lines) {
  if (lines) return std::make_unique<JsonLinesWriter>(out, options);
  return std::make_unique<JsonWriter>(out, options.units);
}

}  // namespace runaudit::report::detail
