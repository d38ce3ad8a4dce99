// JSON (one document) and JSONL (one object per line) audit reports, streamed run by run.

#include <sstream>
#include <string>

#include "json_common.hpp"
#include "runaudit/report/writer.hpp"
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
  explicit JsonWriter(std::ostream& out) : m_out(out) {
    m_out << "{\n  \"schema_version\": " << schema_version << ",\n  \"runs\": [";
  }
  std::string render(const audit::RunRecord& r) const override {
    std::ostringstream out;
    indented(out, run_json(r).dump(2, ' ', false, Json::error_handler_t::replace), 4);
    return out.str();
  }
  void run(const audit::RunRecord&, std::string rendered) override {
    m_out << (m_first ? "\n    " : ",\n    ") << rendered;
    m_first = false;
  }
  void finish(std::span<const io::FileError> errors) override {
    m_out << (m_first ? "],\n" : "\n  ],\n") << "  \"errors\": ";
    indented(m_out, errors_json(errors).dump(2, ' ', false, Json::error_handler_t::replace), 2);
    m_out << "\n}\n";
  }

 private:
  std::ostream& m_out;
  bool m_first = true;
};

// One object per line: {"record": "run", "schema_version": 1, ...the run object...} and
// {"record": "error", "schema_version": 1, ...the error object...}; lines from several
// machines can be concatenated and read back with `runaudit report`.
class JsonLinesWriter final : public Writer {
 public:
  explicit JsonLinesWriter(std::ostream& out) : m_out(out) {}
  // The run object's keys after the two that open every line (the object is not copied
  // into a new one: that was a fifth of the writing).
  std::string render(const audit::RunRecord& r) const override {
    std::string object = run_json(r).dump(-1, ' ', false, Json::error_handler_t::replace);
    object.replace(0, 1,
                   R"({"record":"run","schema_version":)" + std::to_string(schema_version) +
                       (object.size() > 2 ? "," : ""));
    object += '\n';
    return object;
  }
  void run(const audit::RunRecord&, std::string rendered) override { m_out << rendered; }
  void finish(std::span<const io::FileError> errors) override {
    for (const Json& e : errors_json(errors)) {
      Json line = {{"record", "error"}, {"schema_version", schema_version}};
      line.update(e);
      m_out << line.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    }
  }

 private:
  std::ostream& m_out;
};

}  // namespace

std::unique_ptr<Writer> make_json_writer(std::ostream& out, bool lines) {
  if (lines) return std::make_unique<JsonLinesWriter>(out);
  return std::make_unique<JsonWriter>(out);
}

}  // namespace runaudit::report::detail
