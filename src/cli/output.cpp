#include "output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <vector>

namespace runaudit::cli {

void write_output(const std::string& target, const std::function<void(std::ostream&)>& write) {
  if (target == "-") {
    write(std::cout);
    std::cout.flush();
    if (!std::cout) throw std::runtime_error("cannot write to standard output");
    return;
  }
  const std::filesystem::path path(target);
  const std::string pattern =
      (path.parent_path() / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) throw std::runtime_error(target + ": cannot create: " + std::strerror(errno));
  ::close(fd);
  const std::string tmp(name.data());
  try {
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      write(out);
      out.flush();
      if (!out) throw std::runtime_error(target + ": write error");
    }
    std::filesystem::permissions(tmp, std::filesystem::perms(0644));
    std::filesystem::rename(tmp, target);
  } catch (const std::exception& e) {
    std::remove(tmp.c_str());
    throw std::runtime_error(std::string(e.what()).find(target) == std::string::npos
                                 ? target + ": " + e.what()
                                 : e.what());
  }
}

}  // namespace runaudit::cli
