# golden.cmake -- mfcb-gen on idl/mfreadwrite.idl equals tests/golden byte for byte, twice over; a second run
# leaves unchanged outputs untouched; outputs name no absolute path; --templates with the shipped templates
# gives the same bytes as the built-in ones.
set(out ${WORK}/golden)
file(REMOVE_RECURSE ${out})
foreach(run 1 2)
  execute_process(COMMAND ${GEN} ${ROOT}/idl/mfreadwrite.idl -o ${out}/${run} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "run ${run}: exit ${rc}\n${err}")
  endif()
endforeach()
foreach(f mfreadwrite.cb.h mfreadwrite.cb.c)
  foreach(run 1 2)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${ROOT}/tests/golden/${f} ${out}/${run}/${f}
      RESULT_VARIABLE diff)
    if(diff)
      message(FATAL_ERROR "${f} (run ${run}) differs from tests/golden/${f}; if the change is intended, "
        "regenerate with: mfcb-gen idl/mfreadwrite.idl -o tests/golden")
    endif()
  endforeach()
  file(READ ${out}/1/${f} text)
  string(FIND "${text}" "${ROOT}" abs)
  if(NOT abs EQUAL -1)
    message(FATAL_ERROR "${f} names the absolute path ${ROOT}")
  endif()
endforeach()

# Unchanged bytes are not rewritten: the modification time survives a regeneration a second later.
file(TIMESTAMP ${out}/1/mfreadwrite.cb.h before "%Y%m%d%H%M%S" UTC)
execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 1.1)
execute_process(COMMAND ${GEN} ${ROOT}/idl/mfreadwrite.idl -o ${out}/1 RESULT_VARIABLE rc)
file(TIMESTAMP ${out}/1/mfreadwrite.cb.h after "%Y%m%d%H%M%S" UTC)
if(NOT rc EQUAL 0 OR NOT before STREQUAL after)
  message(FATAL_ERROR "an unchanged output was rewritten (${before} -> ${after})")
endif()
file(GLOB left RELATIVE ${out}/1 ${out}/1/.*)
if(left)
  message(FATAL_ERROR "temporary files left behind: ${left}")
endif()

execute_process(COMMAND ${GEN} --templates ${ROOT}/templates ${ROOT}/idl/mfreadwrite.idl -o ${out}/disk
  RESULT_VARIABLE rc ERROR_VARIABLE err)
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${out}/1/mfreadwrite.cb.c ${out}/disk/mfreadwrite.cb.c
  RESULT_VARIABLE diff)
if(NOT rc EQUAL 0 OR diff)
  message(FATAL_ERROR "--templates ${ROOT}/templates gives different output\n${err}")
endif()
