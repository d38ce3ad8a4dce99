// libFuzzer target: the archive containers (zip, tar) on arbitrary bytes held in memory, as an
// archive inside an archive is: list the members (the zip's central directory, else its local
// headers up to a cut), then read each one listed without a problem. A listing problem or a
// ParseError from a member is the expected outcome of bad input; any other exception, a crash,
// a sanitizer report, a hang or an allocation past the limits is a bug.

#include <cstddef>
#include <cstdint>
#include <string>

#include "io/archive_bytes.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/io/read.hpp"
#include "runaudit/io/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  runaudit::io::ReadLimits limits;
  limits.max_inflated_bytes = 1 << 20;  // a fuzzer's input cannot need more; bombs stop here
  limits.max_archive_members = 4096;
  const runaudit::io::detail::MemoryBytes bytes(
      std::string(reinterpret_cast<const char*>(data), size), "fuzz.archive");
  for (const char* name : {"zip", "tar"}) {
    const runaudit::io::Container* c = runaudit::io::container_named(name);
    const runaudit::io::ArchiveListing listing = c->list(bytes, "fuzz.archive", limits);
    std::string member;
    for (const runaudit::io::ArchiveMember& m : listing.members) {
      if (m.problem) continue;
      try {
        c->read(bytes, m.ref, member, "fuzz.archive!" + m.ref.name, limits);
      } catch (const runaudit::io::ParseError&) {
        // bad input, reported as it should be
      }
    }
  }
  return 0;
}
