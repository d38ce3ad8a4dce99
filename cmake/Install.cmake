# What `cmake --install` puts where (GNUInstallDirs): the program in bin/, its man page in
# share/man/man1/ (made from --help by help2man at build time, cmake/ManPage.cmake), the README
# in share/doc/runaudit/ and docs/*.md in share/doc/runaudit/docs/ (its links
# stay valid).
include(GNUInstallDirs)

install(TARGETS runaudit RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

find_program(RUNAUDIT_HELP2MAN help2man)
if(RUNAUDIT_HELP2MAN)
  set(_man ${CMAKE_CURRENT_BINARY_DIR}/man/runaudit.1.gz)
  add_custom_command(
    OUTPUT ${_man}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/man
    COMMAND ${CMAKE_COMMAND} -DRUNAUDIT=$<TARGET_FILE:runaudit> -DHELP2MAN=${RUNAUDIT_HELP2MAN}
            -DINCLUDE=${PROJECT_SOURCE_DIR}/docs/runaudit.h2m -DOUT=${_man}
            -P ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
    DEPENDS runaudit ${PROJECT_SOURCE_DIR}/docs/runaudit.h2m ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
    COMMENT "Man page from runaudit --help (help2man)")
  add_custom_target(manpage ALL DEPENDS ${_man})
  install(FILES ${_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "runaudit: help2man not found (scripts/install-deps.sh installs it): "
                  "no man page is built or installed")
endif()

file(GLOB _docs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${_docs} DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)  # README's links stay valid
