// The floors of scripts/bench.sh: what reading the batch costs on this machine with no audit.
//
//   floor read  DIR...   reads every .gpx/.tcx file under DIR into one reused buffer
//   floor parse DIR...   the same, then pugixml load_buffer_inplace and a walk of the whole
//                        document touching every attribute and text value (trackpoints'
//                        lat/lon and child values included)
//
// Prints "files bytes trackpoints" (trackpoints: trkpt and Trackpoint elements, parse only).
// Same malloc tuning as runaudit (src/cli/main.cpp), the buffer and the document reused across
// files: a fair lower bound for a parser built on pugixml. Built by scripts/bench.sh:
//   g++ -O2 -std=c++20 floor.cpp -lpugixml
#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace {

struct Totals {
  std::size_t files = 0, bytes = 0, trackpoints = 0, checksum = 0;
};

// Touches every attribute and text value below `root` (iteratively: deep documents are fine).
void walk(const pugi::xml_node root, Totals& totals) {
  for (pugi::xml_node n = root.first_child(); n;) {
    if (n.type() == pugi::node_element) {
      const std::string_view name = n.name();
      if (name == "trkpt" || name == "Trackpoint") ++totals.trackpoints;
      for (const pugi::xml_attribute a : n.attributes())
        totals.checksum += std::strlen(a.value()) + static_cast<unsigned char>(a.value()[0]);
    } else if (n.type() == pugi::node_pcdata) {
      totals.checksum += std::strlen(n.value()) + static_cast<unsigned char>(n.value()[0]);
    }
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && !n.next_sibling() && n != root) n = n.parent();
    if (!n || n == root) break;
    n = n.next_sibling();
  }
}

}  // namespace

int main(int argc, char** argv) {
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  const std::string_view mode = argc > 1 ? argv[1] : "";
  if (argc < 3 || (mode != "read" && mode != "parse")) {
    std::fputs("usage: floor read|parse DIR...\n", stderr);
    return 64;
  }
  std::vector<std::filesystem::path> paths;
  for (int i = 2; i < argc; ++i)
    for (const auto& e : std::filesystem::recursive_directory_iterator(argv[i])) {
      const auto ext = e.path().extension();
      if (e.is_regular_file() && (ext == ".gpx" || ext == ".tcx")) paths.push_back(e.path());
    }
  std::sort(paths.begin(), paths.end());

  Totals totals;
  std::vector<char> buffer;
  pugi::xml_document doc;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    const auto size = static_cast<std::size_t>(std::filesystem::file_size(path));
    buffer.resize(size);
    if (!in.read(buffer.data(), static_cast<std::streamsize>(size))) {
      std::fprintf(stderr, "floor: cannot read %s\n", path.c_str());
      return 1;
    }
    ++totals.files;
    totals.bytes += size;
    if (mode == "read") {
      totals.checksum += static_cast<unsigned char>(buffer[size / 2]);
      continue;
    }
    if (!doc.load_buffer_inplace(buffer.data(), size)) {
      std::fprintf(stderr, "floor: not XML: %s\n", path.c_str());
      return 1;
    }
    walk(doc, totals);
  }
  std::printf("%zu %zu %zu\n", totals.files, totals.bytes, totals.trackpoints);
  return totals.checksum == 1 ? 2 : 0;  // keeps the checksum (the touching) from being optimised away
}
