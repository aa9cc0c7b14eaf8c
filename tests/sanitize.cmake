# sanitize.cmake -- configures, builds and runs the runtime-labelled tests with -fsanitize=SAN in BUILD.
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SRC} -B ${BUILD} -G ${GENERATOR} -DCMAKE_BUILD_TYPE=Debug
  -DMFCB_SANITIZE=${SAN} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configure with -fsanitize=${SAN} failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD} --target test_runtime test_stress test_contract test_thread_exit test_gate_abi readwrite_demo test_readme_usage test_features test_queue test_debug test_family
  capture_demo test_unload unload_plugin
  test_cxx_consumer RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "build with -fsanitize=${SAN} failed")
endif()
set(ENV{TSAN_OPTIONS} "halt_on_error=1")
set(ENV{ASAN_OPTIONS} "detect_leaks=1:halt_on_error=1")
set(ENV{UBSAN_OPTIONS} "halt_on_error=1:print_stacktrace=1")
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} --output-on-failure -L runtime WORKING_DIRECTORY ${BUILD}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tests under -fsanitize=${SAN} failed")
endif()
