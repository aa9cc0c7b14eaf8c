# MfcbGenerate.cmake -- mfcb_generate(): run mfcb-gen at build time and add its output to a target.
#
#   mfcb_generate(<target> IDL <file> [IMPORT_DIRS <dir>...] [INTERFACES <name>...] [OUTPUT_DIR <dir>])
#
# Adds <stem>.cb.c to <target>, the output directory to its include path, and links mfcb::runtime.
# Regenerates when the IDL, the files it imports from the same directory, the templates or mfcb-gen change.
function(mfcb_generate target)
  cmake_parse_arguments(MG "" "IDL;OUTPUT_DIR" "IMPORT_DIRS;INTERFACES" ${ARGN})
  if(NOT MG_IDL)
    message(FATAL_ERROR "mfcb_generate(${target}): IDL is required")
  endif()
  get_filename_component(idl "${MG_IDL}" ABSOLUTE)
  get_filename_component(stem "${idl}" NAME_WE)
  get_filename_component(idl_dir "${idl}" DIRECTORY)
  if(NOT MG_OUTPUT_DIR)
    set(MG_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/mfcb)
  endif()
  set(args "")
  foreach(d IN LISTS MG_IMPORT_DIRS)
    list(APPEND args -I ${d})
  endforeach()
  foreach(i IN LISTS MG_INTERFACES)
    list(APPEND args --interface ${i})
  endforeach()
  file(GLOB deps ${idl_dir}/*.idl ${mfcb_SOURCE_DIR}/templates/*)
  add_custom_command(
    OUTPUT ${MG_OUTPUT_DIR}/${stem}.cb.h ${MG_OUTPUT_DIR}/${stem}.cb.c
    COMMAND mfcb::gen ${args} -o ${MG_OUTPUT_DIR} ${idl}
    DEPENDS ${idl} ${deps} mfcb::gen
    COMMENT "mfcb-gen ${stem}.idl"
    VERBATIM)
  target_sources(${target} PRIVATE ${MG_OUTPUT_DIR}/${stem}.cb.c ${MG_OUTPUT_DIR}/${stem}.cb.h)
  target_include_directories(${target} PUBLIC ${MG_OUTPUT_DIR})
  target_link_libraries(${target} PUBLIC mfcb::runtime)
endfunction()
