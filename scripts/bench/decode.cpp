// The benchmark's decoding floor for runaudit's own readers: reads and decodes every activity
// file under the paths given (io::discover, io::read_activities: bytes read, containers opened,
// the format's decoder and the shared repairs), one thread, nothing else: no signal
// processing, no audit, no report. Prints "files bytes trackpoints" (bytes as stored).
//   runaudit_decode PATH...
//
// Freed memory is kept for the next file (glibc would trim the heap top and unmap large blocks
// after each file, and the next file would fault them in again): runaudit's batch keeps its
// heap in use between files anyway (916 page faults auditing 100 one-hour FIT runs), where this
// loop, freeing everything after each file, took 39 585 (docs/performance.md).

#include <malloc.h>

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include "runaudit/io/parse.hpp"
#include "runaudit/io/source.hpp"

int main(int argc, char** argv) {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  const std::vector<std::string> paths(argv + 1, argv + argc);
  const runaudit::io::Discovery found = runaudit::io::discover(paths);
  std::uint64_t bytes = 0, points = 0;
  int failed = 0;
  for (const runaudit::io::Source& source : found.sources) {
    try {
      for (const runaudit::Activity& a : runaudit::io::read_activities(source))
        points += a.trackpoints;
      bytes += source.size_hint;
    } catch (const runaudit::io::ParseError& e) {
      std::cerr << e.what() << '\n';
      failed = 1;
    }
  }
  std::cout << found.sources.size() << ' ' << bytes << ' ' << points << '\n';
  return failed;
}
