# MfcbGenerate.cmake -- mfcb_generate(): run mfcb-gen at build time and add its output to a target.
#
#   mfcb_generate(<target> IDL <file>... [INTERFACES <name>...] [OBJECTS <NAME=I1,I2,...>...]
#                 [QUEUED <name>...] [DIRECT <name>...]
#                 [IMPORT_DIRS <dir>...] [DEFINES <NAME[=VALUE]>...] [OUTPUT_DIR <dir>] [TEMPLATES <dir>])
#
# OBJECTS: one object implementing several interfaces each (mfcb-gen --object), made by mfcb_NAME_new.
# QUEUED, DIRECT: interfaces or INTERFACE::METHOD names queued, or run direct, on an object with a queue
# (mfcb-gen --queued, --direct); without them the IDL's [mfcb_queued] marks decide.
#
# For each IDL file, adds <stem>.cb.c to <target>, OUTPUT_DIR (default: <current binary dir>/mfcb) to its
# include path, and links mfcb::runtime. The outputs are regenerated when the IDL file, anything it imports
# or includes (through mfcb-gen's depfile), a template in TEMPLATES, or mfcb-gen itself changes. Several
# IDL files without INTERFACES, OBJECTS, QUEUED or DIRECT (which name what one file holds) go to one
# mfcb-gen run, which reads their shared imports once; outputs whose bytes did not change keep their time,
# so what includes them is not rebuilt.
function(mfcb_generate target)
  cmake_parse_arguments(MG "" "OUTPUT_DIR;TEMPLATES" "IDL;INTERFACES;OBJECTS;QUEUED;DIRECT;IMPORT_DIRS;DEFINES" ${ARGN})
  if(MG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "mfcb_generate(${target}): unknown arguments ${MG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT MG_IDL)
    message(FATAL_ERROR "mfcb_generate(${target}): IDL <file>... is required")
  endif()
  if(NOT TARGET mfcb::gen)
    message(FATAL_ERROR "mfcb_generate(${target}): mfcb-gen is not available (MFCB_BUILD_GENERATOR=OFF?); "
      "link mfcb::callbacks for the callbacks shipped with mfcb, or check generated files in")
  endif()
  if(NOT MG_OUTPUT_DIR)
    set(MG_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/mfcb)
  endif()
  get_filename_component(out "${MG_OUTPUT_DIR}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_BINARY_DIR})
  set(args "")
  foreach(d IN LISTS MG_IMPORT_DIRS)
    get_filename_component(d "${d}" ABSOLUTE)
    list(APPEND args -I ${d})
  endforeach()
  foreach(d IN LISTS MG_DEFINES)
    list(APPEND args -D ${d})
  endforeach()
  foreach(i IN LISTS MG_INTERFACES)
    list(APPEND args --interface ${i})
  endforeach()
  foreach(o IN LISTS MG_OBJECTS)  # NAME=I1,I2,...: one object implementing several interfaces
    list(APPEND args --object ${o})
  endforeach()
  foreach(q IN LISTS MG_QUEUED)
    list(APPEND args --queued ${q})
  endforeach()
  foreach(q IN LISTS MG_DIRECT)
    list(APPEND args --direct ${q})
  endforeach()
  set(template_deps "")
  if(MG_TEMPLATES)
    get_filename_component(tdir "${MG_TEMPLATES}" ABSOLUTE)
    list(APPEND args --templates ${tdir})
    set(template_deps ${tdir}/c.lua ${tdir}/cb_h.tmpl ${tdir}/cb_c.tmpl)
  endif()
  list(LENGTH MG_IDL n_idl)
  if(n_idl GREATER 1 AND NOT MG_INTERFACES AND NOT MG_OBJECTS AND NOT MG_QUEUED AND NOT MG_DIRECT)
    set(idls "")
    set(outputs "")
    foreach(idl_file IN LISTS MG_IDL)
      get_filename_component(idl "${idl_file}" ABSOLUTE)
      get_filename_component(stem "${idl}" NAME_WE)
      list(APPEND idls ${idl})
      list(APPEND outputs ${out}/${stem}.cb.h ${out}/${stem}.cb.c)
    endforeach()
    list(GET MG_IDL 0 first)
    get_filename_component(dep_name "${first}" NAME_WE) # the run's depfile, named after its first file
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND mfcb::gen ${args} -o ${out} --depfile ${out}/${dep_name}.all.cb.d ${idls}
      DEPENDS ${idls} ${template_deps} mfcb::gen
      DEPFILE ${out}/${dep_name}.all.cb.d
      COMMENT "mfcb-gen ${n_idl} IDL files for ${target}"
      VERBATIM)
    target_sources(${target} PRIVATE ${outputs})
    target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${out}>)
    target_link_libraries(${target} PUBLIC mfcb::runtime)
    return()
  endif()
  foreach(idl_file IN LISTS MG_IDL)
    get_filename_component(idl "${idl_file}" ABSOLUTE)
    get_filename_component(stem "${idl}" NAME_WE)
    add_custom_command(
      OUTPUT ${out}/${stem}.cb.h ${out}/${stem}.cb.c
      COMMAND mfcb::gen ${args} -o ${out} --depfile ${out}/${stem}.cb.d ${idl}
      DEPENDS ${idl} ${template_deps} mfcb::gen
      DEPFILE ${out}/${stem}.cb.d
      COMMENT "mfcb-gen ${stem}.idl"
      VERBATIM)
    target_sources(${target} PRIVATE ${out}/${stem}.cb.c ${out}/${stem}.cb.h)
  endforeach()
  target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${out}>)
  target_link_libraries(${target} PUBLIC mfcb::runtime)
endfunction()
