# template_error.cmake -- an error in a template loaded with --templates names the template file and line,
# exits 1 and writes nothing.
# The directory name is long on purpose: Lua shortens chunk names past 60 bytes, and the message must still
# carry the whole path however deep the build tree is.
set(dir ${WORK}/broken_templates/in_a_directory_whose_path_is_longer_than_the_sixty_bytes_lua_keeps)
file(REMOVE_RECURSE ${dir} ${WORK}/broken_out)
file(COPY ${ROOT}/templates/ DESTINATION ${dir})
# line 3 of the template becomes a Lua error
file(READ ${dir}/cb_c.tmpl text)
file(WRITE ${dir}/cb_c.tmpl "% local a = 1\n% local b = 2\n% local x = nil .. 1\n${text}")
set(bad 3)
execute_process(COMMAND ${GEN} --templates ${dir} ${ROOT}/idl/mfreadwrite.idl -o ${WORK}/broken_out
  RESULT_VARIABLE rc ERROR_VARIABLE err)
set(expected "mfcb-gen: template error: ${dir}/cb_c.tmpl:${bad}: attempt to concatenate a nil value\n")
if(NOT rc EQUAL 1 OR NOT err STREQUAL expected)
  message(FATAL_ERROR "exit ${rc}, stderr:\n${err}expected:\n${expected}")
endif()
if(EXISTS ${WORK}/broken_out/mfreadwrite.cb.h)
  message(FATAL_ERROR "a template error still wrote output")
endif()

# The model is read-only: a template that writes to it fails, naming the key.
file(REMOVE_RECURSE ${dir})
file(COPY ${ROOT}/templates/ DESTINATION ${dir})
file(READ ${dir}/cb_h.tmpl text)
file(WRITE ${dir}/cb_h.tmpl "% model.interfaces.IMFSourceReaderCallback.name = 'x'\n${text}")
execute_process(COMMAND ${GEN} --templates ${dir} ${ROOT}/idl/mfreadwrite.idl -o ${WORK}/broken_out
  RESULT_VARIABLE rc ERROR_VARIABLE err)
set(expected "mfcb-gen: template error: ${dir}/cb_h.tmpl:1: the model is read-only (tried to set 'name')\n")
if(NOT rc EQUAL 1 OR NOT err STREQUAL expected)
  message(FATAL_ERROR "writing to the model: exit ${rc}, stderr:\n${err}expected:\n${expected}")
endif()
