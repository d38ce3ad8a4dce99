# RUNAUDIT_FUZZ=ON builds the libFuzzer targets of tests/fuzz (clang only; scripts/fuzz.sh). All
# code is compiled with libFuzzer's coverage instrumentation plus AddressSanitizer and
# UndefinedBehaviorSanitizer, any report aborting so that libFuzzer keeps the input as a crash;
# only the fuzz targets link libFuzzer's main (runaudit_add_fuzzer in tests/fuzz).
if(RUNAUDIT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "RUNAUDIT_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(RUNAUDIT_SANITIZE)
    message(FATAL_ERROR "RUNAUDIT_FUZZ sets its own sanitizers: leave RUNAUDIT_SANITIZE empty")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_compile_definitions(_GLIBCXX_ASSERTIONS)  # as cmake/Sanitizers.cmake
  add_link_options(-fsanitize=address,undefined)
endif()
