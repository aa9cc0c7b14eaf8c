# cross.cmake -- cross-compiles mfcb for Windows with the mingw-w64 toolchain file: the host mfcb-gen is
# built by a nested host build, the example is built for Windows and must be a PE executable.
set(dir ${WORK}/cross)
file(REMOVE_RECURSE ${dir})
# With Wine installed the Windows tests also run, under Wine, as CTest's emulator.
find_program(WINE64 NAMES wine64 PATHS /usr/lib/wine NO_DEFAULT_PATH)
find_program(WINE64 NAMES wine64 wine)
set(emulator "")
if(WINE64)
  set(emulator -DCMAKE_CROSSCOMPILING_EMULATOR=${ROOT}/tests/wine/run-wine.sh)
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${ROOT} -B ${dir} -G Ninja
  -DCMAKE_TOOLCHAIN_FILE=${ROOT}/cmake/toolchain-mingw64.cmake -DMFCB_BUILD_TESTS=ON ${emulator}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cross configure failed:\n${out}\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${dir} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cross build failed:\n${out}\n${err}")
endif()
foreach(f ${dir}/host-gen/gen/mfcb-gen ${dir}/examples/readwrite_demo.exe ${dir}/runtime/libmfcb.a)
  if(NOT EXISTS ${f})
    message(FATAL_ERROR "missing ${f}")
  endif()
endforeach()
file(READ ${dir}/examples/readwrite_demo.exe magic LIMIT 2 HEX)
if(NOT magic STREQUAL "4d5a")
  message(FATAL_ERROR "readwrite_demo.exe is not a Windows executable")
endif()
# The host generator runs here; the Windows objects must not.
execute_process(COMMAND ${dir}/host-gen/gen/mfcb-gen --version RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^mfcb-gen ")
  message(FATAL_ERROR "the host mfcb-gen does not run: ${out}")
endif()

if(NOT WINE64)
  message("wine: skipped, wine64 is not installed (Debian: wine64 gstreamer1.0-plugins-good)")
  return()
endif()
# One prefix for every Windows program of the run, so that one wineserver serves them all.
set(ENV{MFCB_WINEPREFIX} ${dir}/wineprefix)
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} -L wine --output-on-failure --timeout 300 WORKING_DIRECTORY ${dir}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
# Wine's server outlives its programs: stop it, so that nothing of this run lingers.
get_filename_component(wineserver ${WINE64} DIRECTORY)
execute_process(COMMAND ${CMAKE_COMMAND} -E env WINEPREFIX=${dir}/wineprefix ${wineserver}/wineserver -k
  OUTPUT_QUIET ERROR_QUIET)
file(READ ${dir}/Testing/Temporary/LastTest.log log)
string(REGEX MATCHALL "wine: [^\n]*" lines "${log}")
foreach(l IN LISTS lines)
  message("${l}")
endforeach()
string(REGEX MATCH "([0-9]+) tests failed out of ([0-9]+)" counts "${out}")
message("wine: ${CMAKE_MATCH_2} Windows test programs ran under Wine, ${CMAKE_MATCH_1} failed")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "Windows tests under Wine failed:\n${out}\n${err}")
endif()