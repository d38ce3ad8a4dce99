// runaudit command line: parses options, finds the input files, calls the library, hands the
// results to a report writer and maps the outcome to an exit status. Nothing else.

#include <boost/program_options.hpp>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "discover.hpp"
#include "exit_codes.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/report/inspect.hpp"

namespace po = boost::program_options;
using namespace runaudit;

namespace {

constexpr const char* usage_line = "usage: runaudit inspect [--format text|json] PATH...";

int run_inspect(const std::vector<std::string>& args) {
  std::string format = "text";
  std::vector<std::string> paths;
  po::options_description visible("inspect options");
  visible.add_options()("help,h", "show this help")(
      "format,f", po::value(&format)->default_value("text"), "output format: text or json");
  po::options_description all;
  all.add(visible).add_options()("path", po::value(&paths), "input files and folders");
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << usage_line << "\n\nPrints what was read from each GPX/TCX file (.gz too).\n\n"
              << visible << '\n';
    return cli::exit_ok;
  }
  if (format != "text" && format != "json")
    throw po::error("--format must be text or json, not '" + format + "'");
  if (paths.empty()) throw po::error("no input PATH given");

  const cli::Discovery found = cli::discover(paths);
  std::vector<report::InspectRecord> records;
  std::vector<io::FileError> errors;
  for (const std::string& problem : found.problems)
    errors.push_back(io::FileError{problem.substr(0, problem.find(':')), "io",
                                   problem.substr(problem.find(':') + 2), 0, 0});
  for (const std::string& file : found.files) {
    try {
      for (Activity& a : io::read_activities(file))
        records.push_back(report::summarise(std::move(a)));
    } catch (const io::ParseError& e) {
      errors.push_back(io::to_file_error(e));
    }
  }
  if (format == "json")
    report::write_inspect_json(std::cout, records, errors);
  else
    report::write_inspect_text(std::cout, records, errors);
  std::cout.flush();
  return errors.empty() ? cli::exit_ok : cli::exit_unreadable;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
      (args.empty() ? std::cerr : std::cout) << usage_line << '\n';
      return args.empty() ? cli::exit_usage : cli::exit_ok;
    }
    if (args[0] == "inspect") return run_inspect({args.begin() + 1, args.end()});
    throw po::error("unknown command '" + args[0] + "'");
  } catch (const po::error& e) {
    std::cerr << "runaudit: " << e.what() << "\n" << usage_line << '\n';
    return cli::exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "runaudit: internal error: " << e.what() << '\n';
    return cli::exit_unreadable;
  }
}
