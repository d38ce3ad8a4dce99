// runaudit command line: parses options, runs the command, maps the outcome to an exit status.

#include <malloc.h>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "options.hpp"
#include "runaudit/version.hpp"

int main(int argc, char** argv) {
  using namespace runaudit::cli;
  // Each file's buffers (document, samples, series: a few MB) are freed and allocated again for
  // the next file. glibc would return that memory to the kernel after every file and take it
  // back (page faults: half the run time in measurements, scripts/bench.sh); keep it instead.
  // Blocks up to 32 MiB come from the arenas too: mapped on their own (glibc's default above
  // 128 KiB, or 2 MiB as tried before) every page of a long run's buffers faulted in again
  // for each such file, about 5 us a fault on this VM: the four 4-hour runs of the benchmark
  // took a sixth of its time. Each worker's arena then keeps the high-water mark of the longest
  // run it read; the parsers keep that low (no document buffer over 4 MiB is kept, the XML
  // tree is freed before the samples are built).
  // One arena shared by the workers would cap memory further, but its lock cost -j2 a third of
  // its speed-up (1.2x instead of 1.9x over -j1, measured with hyperfine).
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  try {
    const Command c = parse_command_line({argv + 1, argv + argc});
    switch (c.kind) {
      case Command::help:
        std::cout << c.help_text;
        return exit_ok;
      case Command::version:
        std::cout << "runaudit " << runaudit::version() << '\n';
        return exit_ok;
      case Command::inspect:
        return run_inspect(c.inspect_options);
      case Command::report:
        return run_report(c.report_options);
      case Command::audit:
        return run_audit(c.audit_options);
    }
  } catch (const InputFileError& e) {
    std::cerr << "runaudit: " << e.what() << '\n';
    return exit_usage;
  } catch (const UsageError& e) {
    // One line, as every error: the help of the command given ("runaudit report --help").
    const std::string command =
        argc > 1 && (std::string(argv[1]) == "report" || std::string(argv[1]) == "inspect")
            ? std::string(" ") + argv[1]
            : "";
    std::cerr << "runaudit: " << e.what() << " (runaudit" << command
              << " --help lists the options)\n";
    return exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "runaudit: " << e.what() << '\n';
    return exit_unreadable;
  }
  return exit_ok;
}
