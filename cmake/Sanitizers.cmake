# RUNAUDIT_SANITIZE=address,undefined builds everything with those sanitizers; any report aborts.
if(RUNAUDIT_SANITIZE)
  add_compile_options(-fsanitize=${RUNAUDIT_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${RUNAUDIT_SANITIZE})
endif()
