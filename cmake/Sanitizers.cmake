# RUNAUDIT_SANITIZE=address,undefined builds everything with those sanitizers; any report aborts.
if(RUNAUDIT_SANITIZE)
  add_compile_options(-fsanitize=${RUNAUDIT_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${RUNAUDIT_SANITIZE})
  # GCC 12 reports false -Wmaybe-uninitialized in libstdc++ (std::regex, std::function) under
  # sanitizer instrumentation (GCC bug 105562); the non-sanitized build keeps the warning.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
endif()
