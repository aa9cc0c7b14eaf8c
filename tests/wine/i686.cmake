# i686.cmake -- whether this machine can run 32-bit x86 Windows programs under Wine. Some kernels refuse
# 32-bit x86 executables altogether (IA-32 emulation off, which the host decides): execve answers ENOEXEC
# at once, Wine's 32-bit loader never starts and every i686 program would fail. The probe runs the 32-bit
# loader itself (`wine --version`), which needs no prefix and takes milliseconds. Setting the environment
# variable MFCB_NO_I686 to a non-empty value answers "cannot" without probing, so that the path where the
# i686 programs are not run is tested on any machine.
#
# mfcb_i686_runnable(WINE_DIR OUT WHY): OUT is TRUE when WINE_DIR/wine runs, else FALSE with WHY the reason.
# As a script (cmake -DWINE_DIR=... -P i686.cmake) it prints the line the i686 lane prints when it cannot.
function(mfcb_i686_runnable wine_dir out why)
  set(${out} FALSE PARENT_SCOPE)
  if(NOT "$ENV{MFCB_NO_I686}" STREQUAL "")
    set(${why} "MFCB_NO_I686 is set" PARENT_SCOPE)
    return()
  endif()
  if(NOT EXISTS ${wine_dir}/wine)
    set(${why} "no 32-bit Wine loader at ${wine_dir}/wine" PARENT_SCOPE)
    return()
  endif()
  # through bash's exec: a plain execvp would take an ELF the kernel refuses for a shell script
  execute_process(COMMAND bash -c "exec \"$0\" --version" ${wine_dir}/wine RESULT_VARIABLE rc OUTPUT_VARIABLE o
    ERROR_VARIABLE e TIMEOUT 60)
  if(rc EQUAL 0 AND o MATCHES "^wine-")
    set(${out} TRUE PARENT_SCOPE)
    return()
  endif()
  string(REGEX REPLACE "\n.*" "" e "${e}")
  string(REGEX REPLACE "^[^:]*: line [0-9]+: " "" e "${e}")
  string(STRIP "${e}" e)
  set(${why} "${e}, exit ${rc}" PARENT_SCOPE)
endfunction()

function(mfcb_i686_not_run_line why out)
  set(${out} "wine-i686: not run: this machine cannot execute 32-bit x86 programs (${why})" PARENT_SCOPE)
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  mfcb_i686_runnable(${WINE_DIR} ok why)
  if(ok)
    message("wine-i686: 32-bit x86 programs run here")
  else()
    mfcb_i686_not_run_line("${why}" line)
    message("${line}")
  endif()
endif()
