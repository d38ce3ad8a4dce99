// The benchmark's decoding floor for runaudit's own readers: reads and decodes every activity
// file under the paths given (io::discover, io::read_activities: bytes read, containers opened,
// the format's decoder and the shared repairs), one thread, nothing else: no signal
// processing, no audit, no report. Prints "files bytes trackpoints" (bytes as stored).
//   runaudit_decode PATH...

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include "runaudit/io/parse.hpp"
#include "runaudit/io/source.hpp"

int main(int argc, char** argv) {
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
