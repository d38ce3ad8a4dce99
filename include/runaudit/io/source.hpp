#pragma once
/// @file
/// Sources: named streams of bytes that may hold activities (a plain file, a `.gz`, an archive
/// member such as `export.zip!activities/123.fit.gz`), found by discover() under the paths a
/// user gives, and read into a buffer with their containers opened (docs/ARCHITECTURE.md,
/// "Sources and containers").

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runaudit/io/error.hpp"
#include "runaudit/io/read.hpp"

namespace runaudit::io {

/// What an export says of one activity (Strava's `activities.csv`, Garmin's summarized
/// activities JSON): the name and type the athlete chose, which replace the file's own
/// (read_activities()).
struct ExportEntry {
  std::string name;  ///< e.g. "Easy recovery"; empty when the export names none
  std::string type;  ///< as the export writes it, e.g. "Trail Run", "running"; may be empty
  /// Start time (UTC ms since 1970) where the entry is found by time (Garmin), else nullopt.
  std::optional<std::int64_t> start_time_ms;
};

/// @return how a report names a run by its export's entry: `"Easy recovery" (Run)`, the type in
///         parentheses only when the entry has one, both made safe (clean_text); empty when the
///         entry names no run.
std::string entry_words(const ExportEntry& entry);

/// An export's entries found by start time: an activity whose first sample lies within
/// kExportTimeTolerance of an entry's start takes that entry (the nearest one).
struct ExportTimeIndex {
  std::vector<ExportEntry> entries;  ///< sorted by start_time_ms, each with one
};

/// How far (ms) an activity's first sample may be from an export entry's start time: a watch
/// starts recording when the athlete presses start, Garmin Connect's summary may date the
/// activity from its first session message, a few seconds apart; two activities of one athlete
/// start more than a minute apart.
inline constexpr std::int64_t kExportTimeTolerance = 60'000;

/// Where one archive member lies in its archive: what the archive's container (Container::list)
/// needs to read it again without listing the archive.
struct MemberRef {
  std::string name;           ///< name as stored, made printable (clean_member_name())
  std::string container;      ///< the archive's container name ("zip", "tar")
  std::uint64_t locator = 0;  ///< where it starts (the container's own offset)
  std::uint64_t size = 0;     ///< bytes once out of the archive (as the archive declares)
  std::uint64_t stored = 0;   ///< bytes as stored in the archive (compressed; = size for tar)
  /// CRC-32 the archive declares for the member's bytes (zip), checked once they are read.
  std::optional<std::uint32_t> crc32;
  /// The archive ends inside this member (a zip cut short): `stored` is what is left of it,
  /// `size` the size its header declares (0: unknown), and its bytes are read as far as they
  /// go, the source then said to be cut (read_source()).
  bool cut = false;
  /// 1, or N when the archive listed this name N - 1 times before (a zip written with a name
  /// twice, a tar appended to with `tar -r`): every member is audited, named apart
  /// (shown_name()).
  std::size_t copy = 1;
};

/// @return @p ref's name as sources show it: MemberRef::name, then " (copy N)" for N > 1.
inline std::string shown_name(const MemberRef& ref) {
  return ref.copy > 1 ? ref.name + " (copy " + std::to_string(ref.copy) + ")" : ref.name;
}

/// One named stream of bytes that may hold activities.
struct Source {
  /// Display name, in every run, note and error: the path as found for a plain file;
  /// `ARCHIVE!MEMBER` for an archive member, `ARCHIVE!INNER.zip!MEMBER` inside a nested archive
  /// (member names made printable: clean_member_name()).
  std::string name;
  /// The file on disk the bytes are read from (the outermost archive for a member).
  std::string path;
  /// The athlete the source belongs to, where its place says it (discover()); empty when not
  /// known.
  std::string athlete;
  /// Size (bytes) for scheduling the largest first: as stored on disk for a file, once out of
  /// its archive for a member; 0 when unknown.
  std::uint64_t size_hint = 0;
  /// Path components below the argument the source was found under (1 for a file given by
  /// name or directly in a folder given).
  std::size_t depth = 1;
  /// For an archive member: where it lies, outermost archive first (one entry per level of
  /// nesting); empty for a file.
  std::vector<MemberRef> members;
  /// This activity's entry in its export (Strava `activities.csv`, found by file name).
  std::optional<ExportEntry> export_entry;
  /// Entries of its export found by start time (Garmin); null when there are none.
  std::shared_ptr<const ExportTimeIndex> export_by_time;
};

/// Random-access bytes an archive is read from: a file on disk or an archive held in memory.
class ArchiveBytes {
 public:
  virtual ~ArchiveBytes() = default;
  /// @return the number of bytes.
  virtual std::uint64_t size() const = 0;
  /// Copies @p n bytes at @p offset into @p out.
  /// @throws ParseError io when they cannot be read (past the end included).
  virtual void read(std::uint64_t offset, char* out, std::size_t n) const = 0;
  /// @return a name that tells these bytes apart from any other's in the process (for caches).
  virtual const std::string& identity() const = 0;
};

/// One member an archive lists.
struct ArchiveMember {
  MemberRef ref;  ///< name, locator, sizes
  /// Why it cannot be read (encrypted, unsafe name, overlapping another member, unsupported
  /// compression); std::nullopt when it can.
  std::optional<Diagnostic> problem;
};

/// What Container::list finds: the members it could list, in the archive's order, and the
/// problem that stopped it (a truncated archive, a corrupt directory) if any.
struct ArchiveListing {
  std::vector<ArchiveMember> members;  ///< regular files only (no folders, links, devices)
  std::optional<Diagnostic> problem;   ///< names the archive; members listed before it stay
};

/// A container format: bytes that wrap other bytes (gzip: open), or an archive that lists
/// members (zip, tar: list and read). Wrappers are tried in the registry's order on what a source
/// holds; archives are found by name (archive_name) in folders and archives, and by their first
/// bytes (recognises) when given by name.
struct Container {
  std::string_view name;  ///< e.g. "gzip", "zip"
  /// @return true when @p bytes (a source's first bytes, up to 512) start like this container.
  bool (*recognises)(std::string_view bytes) noexcept;
  /// Wrappers: replaces @p bytes by what they wrap; nullptr for archives.
  /// @param source  display name for errors.
  /// @return std::nullopt when the wrapped bytes are whole; when the wrapper's data ends early
  ///         (a `.gz` cut short), one line saying so, e.g. "truncated gzip data (ends after
  ///         52311 inflated bytes)", with @p bytes holding what preceded the cut.
  /// @throws ParseError (bad_gzip: corrupt data, a wrong checksum; too_large, ...) naming
  ///         @p source.
  std::optional<std::string> (*open)(std::string& bytes, const std::string& source,
                                     const ReadLimits& limits) = nullptr;
  /// Archives: @return true for file names this archive is stored under (`.zip`, any case).
  bool (*archive_name)(std::string_view name) noexcept = nullptr;
  /// Archives: lists the regular files of @p archive (display name @p source), at most
  /// limits.max_archive_members (more: nothing listed, problem too_large).
  /// @return the members and the problem that stopped the listing; never throws for bad bytes.
  ArchiveListing (*list)(const ArchiveBytes& archive, const std::string& source,
                         const ReadLimits& limits) = nullptr;
  /// Archives: copies member @p ref of @p archive into @p out (capacity reused), refusing to
  /// produce more than @p ref.size bytes or more than limits.max_inflated_bytes.
  /// @param source  the member's display name for errors.
  /// @throws ParseError bad_archive (corrupt, more bytes than declared), too_large, encrypted.
  void (*read)(const ArchiveBytes& archive, const MemberRef& ref, std::string& out,
               const std::string& source, const ReadLimits& limits) = nullptr;
};

/// @return the registry entry named @p name, or nullptr.
const Container* container_named(std::string_view name) noexcept;

/// @return the archive container that files named @p name are (by extension), or nullptr.
const Container* archive_for_name(std::string_view name) noexcept;

/// A member name as it is shown: kept when it is valid UTF-8 without control characters, else
/// with each NUL, control character or invalid byte shown as `\xHH`, and each character that
/// breaks or reverses a line unseen or shows nothing (is_line_breaking, is_bidi_control,
/// is_invisible: U+202E, U+2028, U+200B) as `\uHHHH`. Names are display names only, never paths
/// written to.
std::string clean_member_name(std::string_view raw);

/// Why a member name is unsafe (absolute, with a `..` component, a NUL, invalid UTF-8), as one
/// line; std::nullopt for a fine name. Such members are listed as bad_archive, not read.
std::optional<std::string> unsafe_member_name(std::string_view raw);

/// @return the container registry (src/io/containers.cpp), in the order openers are tried.
const std::vector<Container>& containers();

/// @return whether an archive ends inside @p source or inside an archive holding it
///         (MemberRef::cut of any of its members): its bytes are read as far as they go.
bool in_cut_archive(const Source& source) noexcept;

/// Reads @p source's bytes into @p bytes (its capacity reused; previous contents replaced) and
/// opens its containers (a `.gz` is inflated, whatever it is called), then converts UTF-16 text
/// to UTF-8 (read_document's rules). An archive member is streamed from its archive into memory
/// (nothing is written to disk); each thread keeps the last archive file it opened and the
/// nested archives (held in memory) of the last member it read, so reading a Garmin export's
/// members costs one inflation of each inner archive per thread, not one per member.
/// @return std::nullopt when the bytes are whole; when a container's data ends early (a `.gz`
///         cut short by a download or a full disk, an archive member the archive ends inside:
///         MemberRef::cut), the line saying so, with @p bytes holding what preceded the cut:
///         the format's decoder then keeps what it can of them (read_activities()).
/// @throws ParseError io (cannot open/read), too_large (limits), or what a container throws.

[[nodiscard]] std::optional<std::string> read_source(const Source& source, std::string& bytes,
                                                     const ReadLimits& limits = {});

/// True for names of files a folder or archive is searched for: `.gpx`, `.tcx`, `.fit`,
/// optionally followed by `.gz` (any case).
bool is_activity_file_name(std::string_view name);

/// How discover() names athletes and lists archives.
struct DiscoverOptions {
  /// One athlete for every source (`--athlete`); empty: from the folder layout.
  std::string athlete;
  /// Archive limits (max_archive_*) and the sizes of the export files read while listing.
  ReadLimits limits;
};

/// A file discover() passed over, and why.
struct Ignored {
  std::string name;  ///< display name, as a source would have it (`export.zip!media/1.jpg`)
  std::string why;   ///< one line, e.g. "not an activity file, archive or export index"
};

/// The sources found under the paths given.
struct Discovery {
  std::vector<Source> sources;  ///< sorted by name, each file once
  /// Files in folders and archive members passed over without being read, each once, sorted
  /// by name: files that are no activity file, archive or export index by their name (photos,
  /// `shoes.csv`), an export's planned routes (`routes/`), and what the operating system leaves
  /// beside a user's files: macOS `._` files and `__MACOSX/`, trash folders (`$RECYCLE.BIN/`,
  /// `.Trashes/`: a folder is one entry, its name ending in `/`).
  std::vector<Ignored> ignored;
  /// Missing paths, unreadable folders (code io/not_found); archives that cannot be listed
  /// and members that cannot be read safely (bad_archive, encrypted, too_large), each naming
  /// the archive or member; export indexes that cannot be read; and files an export's index
  /// lists that the export does not hold (not_found, named as a source would be,
  /// `export.zip!activities/123.fit.gz`, the message giving the index's line: a Strava
  /// activities.csv row whose `Filename` is in neither the folder nor the archive, nor without
  /// its `.gz`: an incomplete download).
  std::vector<Diagnostic> problems;
};

/// Expands @p paths into sources.
/// - A file is taken as it is, whatever its name (but a macOS `._` file: ignored); one named
///   `.zip`, `.tar`, `.tar.gz`, `.tgz` or starting like a zip or tar is an archive.
/// - A folder is walked recursively (symlinked folders are not followed, so loops cannot hang
///   it; unreadable folders are reported) for activity files (is_activity_file_name) and
///   archives (by name, or a `.fit` starting like a zip or tar: an activity's download saved
///   under its member's extension); trash and system folders and macOS `._` files are passed over
///   (Discovery::ignored), in folders and in archives.
/// - An archive's members are listed without extracting anything: each activity file is one
///   source (`export.zip!activities/1.gpx.gz`), an archive inside is listed in turn up to
///   limits.max_archive_depth levels, other members are ignored.
/// - Exports: a Strava `activities.csv` (in an archive or a folder) gives the files it lists
///   their name and type (Source::export_entry), its `routes/` are ignored; a Garmin
///   `*summarizedActivities*.json` gives the activities of its export their name and type by
///   start time (Source::export_by_time).
/// - Athletes: options.athlete (`--athlete`) for all; else, under a folder given, the first
///   folder below it (`uploads/alice/2024/x.gpx` and `uploads/alice/export.zip` under
///   `uploads/` are alice's); else, for the members of an archive, the archive's name without
///   extension (`export_alice.zip` is export_alice's); else, for a file directly in a folder
///   given, that folder's name (`runaudit uploads/alice/` is alice's). Never a folder inside an
///   export (`activities`): an export folder given is its own athlete. A file given by name has
///   no athlete.
/// - The same file reached twice (`a.gpx` and `./a.gpx`, a folder and a file in it, a symlink)
///   is one source: the entry found nearest its folder, then the least name (never depending on
///   the order of the arguments).
/// @return the sources, files ignored and problems; never throws for a bad path or archive.
Discovery discover(const std::vector<std::string>& paths, const DiscoverOptions& options = {});

}  // namespace runaudit::io
