# Runs one command and checks its exit status and output.
#   cmake -DCMD="prog|arg|..." -DEXPECT_RC=N [-DSTDOUT_REGEX=...] [-DSTDERR_REGEX=...]
#         [-DSTDOUT_NOT_REGEX=...] -P check.cmake
string(REPLACE "|" ";" CMD "${CMD}")  # arguments arrive joined by |
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL EXPECT_RC)
  message(FATAL_ERROR "exit status ${rc}, expected ${EXPECT_RC}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED STDOUT_REGEX AND NOT out MATCHES "${STDOUT_REGEX}")
  message(FATAL_ERROR "stdout does not match '${STDOUT_REGEX}':\n${out}")
endif()
if(DEFINED STDOUT_NOT_REGEX AND out MATCHES "${STDOUT_NOT_REGEX}")
  message(FATAL_ERROR "stdout matches '${STDOUT_NOT_REGEX}':\n${out}")
endif()
if(DEFINED STDERR_REGEX AND NOT err MATCHES "${STDERR_REGEX}")
  message(FATAL_ERROR "stderr does not match '${STDERR_REGEX}':\n${err}")
endif()
