# cli.cmake -- a bad command line exits 2 with a one-line reason and the hint; --help and --version exit 0;
# a file with nothing to implement writes nothing and says so.
function(expect_usage reason)
  execute_process(COMMAND ${GEN} ${ARGN} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  set(expected "mfcb-gen: error: ${reason}\n(run 'mfcb-gen --help' for usage)\n")
  if(NOT rc EQUAL 2 OR NOT err STREQUAL expected)
    message(FATAL_ERROR "mfcb-gen ${ARGN}: exit ${rc}, stderr:\n${err}expected exit 2 and:\n${expected}")
  endif()
endfunction()
set(idl ${ROOT}/idl/mfcaptureengine.idl)
expect_usage("no input file")
expect_usage("unknown option '--bogus'" --bogus ${idl})
expect_usage("two input files would write the same outputs ('${idl}')" ${idl} ${idl})
expect_usage("--interface names what one file holds: give it one input file, not several" ${idl} ${ROOT}/idl/mfreadwrite.idl --interface IMFCaptureEngineOnEventCallback)
expect_usage("--object needs an argument" ${idl} --object)
expect_usage("--object 'Cam': expected NAME=INTERFACE[,INTERFACE...]" --object Cam ${idl})
expect_usage("--object 'Cam=': expected NAME=INTERFACE[,INTERFACE...]" --object Cam= ${idl})
expect_usage("--object 'Cam=IA,': expected NAME=INTERFACE[,INTERFACE...]" --object Cam=IA, ${idl})
expect_usage("--object '1Cam=IA': expected NAME=INTERFACE[,INTERFACE...]" --object 1Cam=IA ${idl})
expect_usage("--interface needs an argument" ${idl} --interface)
expect_usage("-I needs a directory" ${idl} -I)

execute_process(COMMAND ${GEN} --help RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "--object NAME=I1,I2" OR NOT out MATCHES "exit status: 0 success")
  message(FATAL_ERROR "--help: exit ${rc}\n${out}")
endif()
execute_process(COMMAND ${GEN} --version RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^mfcb-gen [0-9]")
  message(FATAL_ERROR "--version: exit ${rc}\n${out}")
endif()

# The base-types files of idl/ have nothing to implement (mfcb/com.h declares what they do): each says so in
# one line, exits 0 and writes nothing.
foreach(stem wtypes unknwn)
  set(out_dir ${WORK}/cli-nothing-${stem})
  file(REMOVE_RECURSE ${out_dir})
  execute_process(COMMAND ${GEN} ${ROOT}/idl/${stem}.idl -o ${out_dir} RESULT_VARIABLE rc ERROR_VARIABLE err)
  set(expected "mfcb-gen: note: ${stem}.idl declares no interface to implement: nothing written\n")
  if(NOT rc EQUAL 0 OR NOT err STREQUAL expected OR EXISTS ${out_dir}/${stem}.cb.h)
    message(FATAL_ERROR "idl/${stem}.idl: exit ${rc}, stderr:\n${err}expected exit 0, no output, and:\n${expected}")
  endif()
endforeach()

# --queued and --direct: what they name is checked, and what each method became is said beside its
# handler, with the reason. A method's mark wins over its interface's, the command line over the IDL.
set(features ${ROOT}/tests/idl/features.idl)
set(out_dir ${WORK}/cli-marks)
function(expect_mark_error expected)
  execute_process(COMMAND ${GEN} ${features} -o ${out_dir} ${ARGN} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 1 OR NOT err STREQUAL "mfcb-gen: error: ${expected}\n")
    message(FATAL_ERROR "mfcb-gen ${ARGN}: exit ${rc}, stderr:\n${err}expected exit 1 and:\n${expected}")
  endif()
endfunction()
expect_usage("--queued needs an interface or INTERFACE::METHOD" ${features} --queued)
expect_mark_error("--queued INope: no interface 'INope' in features.idl or its imports" --queued INope)
expect_mark_error("--direct IFeatures::Nope: IFeatures has no method 'Nope'" --direct IFeatures::Nope)
expect_mark_error("--queued IFeatureState::QueryInterface: 'QueryInterface' is declared by IUnknown: name it IUnknown::QueryInterface"
  --queued IFeatureState::QueryInterface)
expect_mark_error("IFeatureState: given to both --queued and --direct" --queued IFeatureState --direct IFeatureState)
file(REMOVE_RECURSE ${out_dir})
execute_process(COMMAND ${GEN} ${features} -o ${out_dir} --queued IFeatureState --direct IFeatureState::Changed
  --direct IFeatures RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mfcb-gen with --queued/--direct: exit ${rc}\n${err}")
endif()
file(READ ${out_dir}/features.cb.h h)
foreach(line
    "SetPosition: NULL: returns S_OK; queued, a notification (--queued IFeatureState)"
    "Changed: NULL: returns S_OK; runs direct when queued: --direct IFeatureState::Changed"
    "Data: NULL: returns S_OK; runs direct when queued: --direct IFeatures"
    "Raw: NULL: returns S_OK; runs direct when queued: --direct IFeatures"
    "Open: NULL: returns S_OK; runs direct when queued: --direct IFeatures"
    # the base's Open, in the same table: an interface's mark is for the methods it declares
    "Open: NULL: returns S_OK; queued, a notification ([mfcb_queued] on IFeatureBase)")
  string(FIND "${h}" "/* ${line} */" at)
  if(at LESS 0)
    message(FATAL_ERROR "features.cb.h with --queued/--direct lacks:\n/* ${line} */")
  endif()
endforeach()
