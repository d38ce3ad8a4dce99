# Runs two commands and fails unless their standard outputs are byte-identical.
#   cmake -DCMD1="prog|args..." -DCMD2="prog|args..." -P same_output.cmake
string(REPLACE "|" ";" CMD1 "${CMD1}")
string(REPLACE "|" ";" CMD2 "${CMD2}")
execute_process(COMMAND ${CMD1} OUTPUT_VARIABLE out1 ERROR_QUIET)
execute_process(COMMAND ${CMD2} OUTPUT_VARIABLE out2 ERROR_QUIET)
if(out1 STREQUAL "")
  message(FATAL_ERROR "the first command printed nothing")
endif()
if(NOT out1 STREQUAL out2)
  message(FATAL_ERROR "outputs differ:\n--- ${CMD1}\n${out1}\n--- ${CMD2}\n${out2}")
endif()
