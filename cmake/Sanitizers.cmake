# RUNAUDIT_SANITIZE=address,undefined builds everything with those sanitizers; any report aborts.
# libstdc++'s assertions come with them: an index past a container's end, an empty optional
# read, a distribution given a parameter out of its range abort too (none of which ASan sees
# where the memory is the object's own).
if(RUNAUDIT_SANITIZE)
  add_compile_options(-fsanitize=${RUNAUDIT_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
  add_link_options(-fsanitize=${RUNAUDIT_SANITIZE})
  # GCC 12 reports false -Wmaybe-uninitialized in libstdc++ (std::regex, std::function) under
  # sanitizer instrumentation (GCC bug 105562); the non-sanitized build keeps the warning.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
endif()
