#include "runaudit/report/shards.hpp"

#include <algorithm>

#include "json_common.hpp"

namespace runaudit::report {

std::string shard_line(unsigned shard, unsigned shards, std::string_view version) {
  const detail::Json line = {{"record", "shard"},
                             {"schema_version", detail::schema_version},
                             {"shard", shard},
                             {"shards", shards},
                             {"runaudit_version", version}};
  return line.dump() + '\n';
}

ShardCheck check_shards(std::span<const ShardMark> marks, std::span<const std::string> unmarked,
                        unsigned expected) {
  ShardCheck c;
  c.shards = expected;
  if (expected == 0 && !marks.empty()) c.shards = marks.front().shards;
  if (c.shards == 0) return c;  // nothing expected, nothing declared
  if (expected > 0) c.unmarked.assign(unmarked.begin(), unmarked.end());
  std::vector<bool> seen(c.shards + 1, false);
  for (const ShardMark& m : marks) {
    if (m.shards != c.shards)
      c.foreign.push_back(m);
    else
      seen[m.shard] = true;
    if (std::find(c.versions.begin(), c.versions.end(), m.version) == c.versions.end())
      c.versions.push_back(m.version);
  }
  for (unsigned k = 1; k <= c.shards; ++k)
    if (!seen[k]) c.missing.push_back(k);
  std::sort(c.versions.begin(), c.versions.end());
  return c;
}

std::string ShardCheck::describe() const {
  std::string out;
  const auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
  if (!missing.empty()) {
    std::string list;  // runs of consecutive shards as ranges: "2-5, 9"
    for (std::size_t i = 0; i < missing.size();) {
      std::size_t j = i;
      while (j + 1 < missing.size() && missing[j + 1] == missing[j] + 1) ++j;
      list += (list.empty() ? "" : ", ") + std::to_string(missing[i]) +
              (j > i ? "-" + std::to_string(missing[j]) : "");
      i = j + 1;
    }
    add((missing.size() == 1 ? "shard " : "shards ") + list + " of " + std::to_string(shards) +
        (missing.size() == 1 ? " is" : " are") + " missing");
  }
  for (const std::string& name : unmarked)
    add(name + " has no shard line (not written by --shard K/N -f jsonl): its shard is unknown");
  for (const ShardMark& m : foreign)
    add(m.source + " is shard " + std::to_string(m.shard) + "/" + std::to_string(m.shards) +
        ", not one of " + std::to_string(shards));
  return out;
}

}  // namespace runaudit::report
