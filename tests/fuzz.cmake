# fuzz.cmake -- builds the libFuzzer target with clang (-fsanitize=fuzzer,address,undefined) in its own
# build directory, seeds it with idl/, tests/idl and a few Wine IDL files, and runs it for RUNS inputs from
# the random seed SEED; then every input of the corpus it made that mfcb-gen (GEN) accepts is compiled
# (CC, or WIN_CC for inputs whose cpp_quote text is Windows C).
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SRC} -B ${BUILD} -G ${GENERATOR} -DCMAKE_C_COMPILER=${CLANG}
  -DCMAKE_BUILD_TYPE=Debug -DMFCB_SANITIZE=fuzzer-no-link,address,undefined -DMFCB_FUZZ=ON
  RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the fuzz build failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD} --target fuzz_front RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the fuzz target failed")
endif()
set(corpus ${BUILD}/fuzz-corpus)
file(REMOVE_RECURSE ${corpus})
file(MAKE_DIRECTORY ${corpus})
file(GLOB seeds ${SRC}/idl/*.idl ${SRC}/tests/idl/*.idl ${SRC}/tests/bad/*.idl)
foreach(w mfreadwrite.idl mfobjects.idl unknwn.idl oaidl.idl d2d1.idl)
  if(EXISTS ${WINE_IDL}/${w})
    list(APPEND seeds ${WINE_IDL}/${w})
  endif()
endforeach()
file(COPY ${seeds} DESTINATION ${corpus})
execute_process(COMMAND ${BUILD}/tests/fuzz_front -runs=${RUNS} -seed=${SEED} -timeout=10 -rss_limit_mb=2048
  -max_len=65536 -print_final_stats=1 ${corpus}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REGEX MATCH "Done [0-9]+ runs in [0-9]+ second" done "${err}")
if(NOT rc EQUAL 0 OR NOT done)
  message(FATAL_ERROR "the fuzz target failed (${rc}):\n${err}")
endif()
message("fuzz: ${done}s, no crash, leak or sanitizer report")
# The differential half: what the fuzz corpus holds and mfcb-gen accepts must compile.
execute_process(COMMAND bash ${SRC}/tests/fuzz_compile.sh ${GEN} ${CC} ${SRC} ${corpus} ${BUILD}/fuzz-compile ${WIN_CC}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "an input mfcb-gen accepts gives C that does not compile")
endif()
