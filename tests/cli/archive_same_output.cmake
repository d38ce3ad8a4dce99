# A batch audited as its zip, as the unpacked folder and as the files gives the same report (the
# zip's source names differ only by the archive's name), with the same exit status.
#   cmake -DRUNAUDIT=... -DSAMPLES=... -DWORK=... -DFORMAT=... -P archive_same_output.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/batch")
file(GLOB runs "${SAMPLES}/alice/*" "${SAMPLES}/carol/*")
file(COPY ${runs} DESTINATION "${WORK}/batch")
execute_process(COMMAND ${CMAKE_COMMAND} -E tar cf batch.zip --format=zip batch
                WORKING_DIRECTORY "${WORK}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot write the zip")
endif()
file(GLOB files "${WORK}/batch/*")
list(SORT files)
set(common --athlete me --format ${FORMAT} --progress never)
execute_process(COMMAND ${RUNAUDIT} ${common} "${WORK}/batch.zip" RESULT_VARIABLE rc_zip
                OUTPUT_VARIABLE out_zip ERROR_VARIABLE err_zip)
execute_process(COMMAND ${RUNAUDIT} ${common} "${WORK}/batch" RESULT_VARIABLE rc_folder
                OUTPUT_VARIABLE out_folder ERROR_VARIABLE err_folder)
execute_process(COMMAND ${RUNAUDIT} ${common} ${files} RESULT_VARIABLE rc_files
                OUTPUT_VARIABLE out_files ERROR_VARIABLE err_files)
string(REPLACE "batch.zip!batch/" "batch/" out_zip "${out_zip}")
if(NOT out_zip MATCHES "audited" AND NOT FORMAT STREQUAL "jsonl")
  message(FATAL_ERROR "no runs audited from the zip:\n${out_zip}\n${err_zip}")
endif()
foreach(kind folder files)
  if(NOT rc_zip STREQUAL rc_${kind})
    message(FATAL_ERROR "exit statuses differ: zip ${rc_zip}, ${kind} ${rc_${kind}}\n${err_zip}\n${err_${kind}}")
  endif()
  if(NOT out_zip STREQUAL out_${kind})
    message(FATAL_ERROR "outputs differ (zip, then ${kind}):\n${out_zip}\n---\n${out_${kind}}")
  endif()
endforeach()
