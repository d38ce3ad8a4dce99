# Runs runaudit on the samples from the source tree (relative paths, so the output does not
# depend on where the tree is checked out) and compares the report with a golden file.
#   cmake -DRUNAUDIT=... -DSOURCE_DIR=... -DFORMAT=... -DGOLDEN=... -DACTUAL=... -P golden.cmake
# Regenerate after an intended change: scripts/update-golden.sh (then review the diff).
execute_process(COMMAND ${RUNAUDIT} --fail-on never --athletes samples/athletes.csv -j 2
                        -f ${FORMAT} -o ${ACTUAL} samples
                WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "runaudit exited ${rc}: ${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${GOLDEN} ${ACTUAL} RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  message(FATAL_ERROR "${ACTUAL} differs from ${GOLDEN}; if the change is intended, run "
                      "scripts/update-golden.sh and review the diff")
endif()
