# lexer_fresh.cmake -- the committed gen/lexer.c is what the installed re2c makes from gen/lexer.re.
execute_process(COMMAND ${RE2C} ${FLAGS} -o ${WORK}/lexer_fresh.c lexer.re
  WORKING_DIRECTORY ${ROOT}/gen RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "re2c failed: ${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${ROOT}/gen/lexer.c ${WORK}/lexer_fresh.c RESULT_VARIABLE diff)
if(diff)
  message(FATAL_ERROR "gen/lexer.c is stale: regenerate it with\n  cd gen && re2c ${FLAGS} -o lexer.c lexer.re")
endif()
