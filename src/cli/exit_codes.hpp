#pragma once
// Exit statuses of the runaudit command (docs/ARCHITECTURE.md, "Outputs").

namespace runaudit::cli {

inline constexpr int exit_ok = 0;          ///< everything read; all audited runs passed
inline constexpr int exit_findings = 1;    ///< some run did not pass the --fail-on level
inline constexpr int exit_unreadable = 2;  ///< some inputs could not be read (listed)
inline constexpr int exit_usage = 64;      ///< usage or configuration error (EX_USAGE)

}  // namespace runaudit::cli
