#include "runaudit/report/merge.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <deque>
#include <fstream>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "results_line.hpp"

namespace runaudit::report {
namespace {

// A results file, open from indexing to the end of the merge; its stretches share the stream.
struct File {
  std::string path;
  std::ifstream in;
  std::uint64_t pos = 0;  // the offset `in` reads next
};

// Lines [begin, end) of a file whose runs are in order; @c line is the number of line begin.
struct Stretch {
  std::size_t file = 0;
  std::uint64_t begin = 0, end = 0;
  std::size_t line = 1;
  std::optional<audit::RunRecord> pending;  // its next run, read ahead
};

[[noreturn]] void unreadable(const std::string& path) {
  throw std::runtime_error(path + ": cannot read results file");
}

// Lets the process hold @p files open at once besides its usual few: raises the soft limit on
// open files (often 1024) up to the hard one, if needed.
void allow_open_files(std::size_t files) {
  rlimit limit{};
  const rlim_t want = static_cast<rlim_t>(files) + 64;
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY ||
      limit.rlim_cur >= want)
    return;
  limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? want : std::min(want, limit.rlim_max);
  setrlimit(RLIMIT_NOFILE, &limit);
}

// Reads the next line of @p in into @p line; @return the bytes it took (with its newline), 0 at
// the end of the file.
std::uint64_t read_line(std::istream& in, std::string& line) {
  if (!std::getline(in, line)) return 0;
  return line.size() + (in.eof() ? 0 : 1);
}

}  // namespace

struct ResultsMerge::State {
  std::deque<File> files;
  std::vector<Stretch> stretches;
  std::vector<ShardMark> shards;
  std::vector<std::string> unmarked;
  std::vector<io::Diagnostic> errors;
  std::vector<std::size_t> heap;  // stretches with a pending run, the first in order on top
  bool started = false;
  std::optional<detail::RunKey> last;  // of the run next() returned last

  // True when stretch @p a's pending run goes after @p b's (ties: the later stretch after).
  bool after(std::size_t a, std::size_t b) const {
    const audit::RunRecord& x = *stretches[a].pending;
    const audit::RunRecord& y = *stretches[b].pending;
    return std::tie(x.file, x.activity_index, a) > std::tie(y.file, y.activity_index, b);
  }

  // Reads file @p index's records: its shard and error lines, and its ordered stretches.
  void index(std::size_t index) {
    File& f = files[index];
    std::string line;
    std::optional<detail::RunKey> previous;
    detail::StreamMarks marks;
    Stretch stretch{index, 0, 0, 1, {}};
    std::uint64_t at = 0;
    std::size_t n = 1;
    for (std::uint64_t size; (size = read_line(f.in, line)) > 0; at += size, ++n) {
      std::optional<detail::RunKey> key = detail::run_key(line);
      if (!key) {
        detail::ResultsRecord record = detail::parse_results_line(line, f.path, n);
        if (const auto* run = std::get_if<audit::RunRecord>(&record)) {
          key = detail::key_of(*run);
        } else if (auto* error = std::get_if<io::Diagnostic>(&record)) {
          marks.saw_record();
          errors.push_back(std::move(*error));
        } else if (auto* mark = std::get_if<ShardMark>(&record)) {
          marks.saw_shard();
          shards.push_back(std::move(*mark));
        }
        if (!key) continue;
      }
      marks.saw_record();
      if (!previous || *key < *previous) {  // a stretch begins here; the one before ends
        if (previous) {
          stretch.end = at;
          stretches.push_back(stretch);
        }
        stretch.begin = at;
        stretch.line = n;
      }
      previous = std::move(key);
    }
    if (f.in.bad()) unreadable(f.path);
    if (previous) {
      stretch.end = at;
      stretches.push_back(stretch);
    }
    if (marks.unmarked()) unmarked.push_back(f.path);
    f.in.clear();
    f.pos = at;
  }

  // Reads stretch @p i's next run into its pending run; @return false at its end.
  bool read_ahead(std::size_t i) {
    Stretch& s = stretches[i];
    File& f = files[s.file];
    std::string line;
    s.pending.reset();
    while (s.begin < s.end) {
      if (f.pos != s.begin && !f.in.seekg(static_cast<std::streamoff>(s.begin))) unreadable(f.path);
      const std::uint64_t size = read_line(f.in, line);
      if (size == 0) unreadable(f.path);  // the file shrank since it was indexed
      s.begin += size;
      f.pos = s.begin;
      detail::ResultsRecord record = detail::parse_results_line(line, f.path, s.line++);
      if (auto* run = std::get_if<audit::RunRecord>(&record)) {
        s.pending = std::move(*run);
        return true;
      }
    }
    return false;
  }

  void push(std::size_t i) {
    heap.push_back(i);
    std::push_heap(heap.begin(), heap.end(), [&](auto a, auto b) { return after(a, b); });
  }
};

ResultsMerge::ResultsMerge(const std::vector<std::string>& paths) : m(std::make_unique<State>()) {
  allow_open_files(paths.size());
  for (const std::string& path : paths) {
    File& f = m->files.emplace_back();
    f.path = path;
    errno = 0;
    f.in.open(path, std::ios::binary);
    if (!f.in && (errno == EMFILE || errno == ENFILE))
      throw std::runtime_error(path + ": cannot open " + std::to_string(paths.size()) +
                               " results files at once (ulimit -n): concatenate some first "
                               "(cat results-1*.jsonl > part-1.jsonl)");
    if (!f.in) unreadable(path);
    m->index(m->files.size() - 1);
  }
  std::stable_sort(
      m->errors.begin(), m->errors.end(),
      [](const io::Diagnostic& a, const io::Diagnostic& b) { return a.source < b.source; });
  // The same results given twice (a shard passed twice, overlapping shards) count once.
  m->errors.erase(std::unique(m->errors.begin(), m->errors.end(),
                              [](const io::Diagnostic& a, const io::Diagnostic& b) {
                                return a.source == b.source;
                              }),
                  m->errors.end());
}

ResultsMerge::~ResultsMerge() = default;

const std::vector<ShardMark>& ResultsMerge::shards() const {
  return m->shards;
}

const std::vector<std::string>& ResultsMerge::unmarked() const {
  return m->unmarked;
}

const std::vector<io::Diagnostic>& ResultsMerge::errors() const {
  return m->errors;
}

std::size_t ResultsMerge::stretches() const {
  return m->stretches.size();
}

std::optional<audit::RunRecord> ResultsMerge::next() {
  if (!m->started) {
    m->started = true;
    for (std::size_t i = 0; i < m->stretches.size(); ++i)
      if (m->read_ahead(i)) m->push(i);
  }
  const auto after = [&](auto a, auto b) { return m->after(a, b); };
  while (!m->heap.empty()) {
    std::pop_heap(m->heap.begin(), m->heap.end(), after);
    const std::size_t i = m->heap.back();
    m->heap.pop_back();
    audit::RunRecord run = std::move(*m->stretches[i].pending);
    if (m->read_ahead(i)) m->push(i);
    detail::RunKey key = detail::key_of(run);
    if (m->last && key == *m->last) continue;  // read twice: the first one read was returned
    m->last = std::move(key);
    return run;
  }
  return std::nullopt;
}

}  // namespace runaudit::report
