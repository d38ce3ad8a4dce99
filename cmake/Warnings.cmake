# runaudit_set_warnings(target): the project's warning set on one target (never global).
function(runaudit_set_warnings target)
  if(RUNAUDIT_PEDANTIC)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                             -Wsign-conversion -Wfloat-conversion
                                             # C++20 designated initialisers may omit members
                                             # that have default initialisers (our style):
                                             -Wno-missing-field-initializers)
  endif()
  if(RUNAUDIT_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
