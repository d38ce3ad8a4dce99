# `cpack -G DEB` (or `cmake --build BUILD --target package`): runaudit_VERSION_ARCH.deb with the
# files cmake/Install.cmake installs under /usr, stripped, its Depends found by dpkg-shlibdeps
# from the libraries the binary links (libpugixml1v5, libboost-program-options1.74.0, zlib1g,
# libstdc++6, libc6 on Debian 12). Build packages from a build without sanitizers: a
# RUNAUDIT_SANITIZE build would depend on (and need) the sanitizer runtimes.
set(CPACK_PACKAGE_NAME runaudit)
set(CPACK_PACKAGE_VENDOR "runaudit")
set(CPACK_PACKAGE_CONTACT "runaudit maintainers <runaudit@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # runaudit_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Synopsis (CPACK_PACKAGE_DESCRIPTION_SUMMARY), then these lines; CPack indents them.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "runaudit reads GPX and TCX activity files (plain or gzipped) and checks whether
each run was a recovery run: grade-adjusted pace, heart rate, duration,
distance and climbing. Reports in text, JSON, JSONL, CSV, JUnit, Markdown and
HTML. Batches split into shards (--shard K/N) and merged with runaudit report
run on Slurm, Kubernetes or GNU parallel.")
include(CPack)
