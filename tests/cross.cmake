# cross.cmake -- cross-compiles mfcb for Windows with the mingw-w64 toolchain file: the host mfcb-gen is
# built by a nested host build, the example is built for Windows and must be a PE executable.
set(dir ${WORK}/cross)
file(REMOVE_RECURSE ${dir})
execute_process(COMMAND ${CMAKE_COMMAND} -S ${ROOT} -B ${dir} -G Ninja
  -DCMAKE_TOOLCHAIN_FILE=${ROOT}/cmake/toolchain-mingw64.cmake -DMFCB_BUILD_TESTS=ON
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
