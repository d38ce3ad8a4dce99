# Makes the man page from the program's own help, so it cannot drift from the options:
# help2man reads `runaudit --help` and `--version` (SYNOPSIS, DESCRIPTION, OPTIONS, EXAMPLES),
# docs/runaudit.h2m adds EXIT STATUS and the rest, and the help of `runaudit inspect` and
# `runaudit report` becomes a section each. Writes OUT (gzip -9n, as Debian ships man pages).
#   cmake -DRUNAUDIT=... -DHELP2MAN=... -DINCLUDE=docs/runaudit.h2m -DOUT=runaudit.1.gz -P ManPage.cmake

# Roff for a block of --help text, kept as it is printed (no filling, no hyphenation).
function(preformatted command out_var)
  execute_process(COMMAND ${RUNAUDIT} ${command} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "runaudit ${command} --help exited ${rc}")
  endif()
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  set(${out_var} ".nf\n${help}.fi\n" PARENT_SCOPE)
endfunction()

get_filename_component(dir ${OUT} DIRECTORY)
set(include_file ${dir}/runaudit-commands.h2m)
preformatted(inspect inspect_help)
preformatted(report report_help)
file(WRITE ${include_file} "[INSPECT COMMAND]\n${inspect_help}\n[REPORT COMMAND]\n${report_help}")

string(REGEX REPLACE "\\.gz$" "" page ${OUT})
execute_process(COMMAND ${HELP2MAN} --no-info --section=1
                        "--name=audit GPS run files against a recovery-run prescription"
                        --include=${INCLUDE} --include=${include_file} --output=${page} ${RUNAUDIT}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed (${rc}): ${err}")
endif()
execute_process(COMMAND gzip -9nf ${page} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip ${page} failed")
endif()
