# family.cmake -- mfcb_family_test(<target> <work dir>): the family test program, native or for Windows.
# For every file of idl/ (MFCB_CALLBACK_STEMS), tests/family/*.tmpl generate from the same model a test that
# calls every method of every object through its vtables, direct and queued, checks the arguments each
# handler saw, QueryInterface over each chain, close and release; capture_object.idl adds one object of
# three interfaces (mfcb-gen --object), extras.idl the capture rules the shipped set does not all use. The
# objects under test are mfcb::callbacks, built from pregenerated/, and those two generated at build time.
set(MFCB_FAMILY_DIR ${CMAKE_CURRENT_LIST_DIR})
function(mfcb_family_test target work)
  set(dir ${MFCB_FAMILY_DIR})
  set(tmpl ${work}/family_templates)
  configure_file(${PROJECT_SOURCE_DIR}/templates/c.lua ${tmpl}/c.lua COPYONLY)
  configure_file(${dir}/cb_h.tmpl ${tmpl}/cb_h.tmpl COPYONLY)
  configure_file(${dir}/cb_c.tmpl ${tmpl}/cb_c.tmpl COPYONLY)
  set(object CaptureCallbacks=IMFCaptureEngineOnEventCallback,IMFCaptureEngineOnSampleCallback2,IMFCameraControlNotify)
  set(sources ${dir}/family_main.c)
  set(stems "")
  foreach(stem IN LISTS MFCB_CALLBACK_STEMS ITEMS capture_object extras)
    set(idl ${PROJECT_SOURCE_DIR}/idl/${stem}.idl)
    set(extra "")
    if(stem STREQUAL "capture_object")
      set(idl ${dir}/capture_object.idl)
      set(extra -I ${PROJECT_SOURCE_DIR}/idl --object ${object})
    elseif(stem STREQUAL "extras")
      set(idl ${dir}/extras.idl)
      set(extra -I ${PROJECT_SOURCE_DIR}/idl)
    endif()
    add_custom_command(OUTPUT ${work}/family/${stem}/${stem}.cb.c
      COMMAND mfcb::gen ${extra} --templates ${tmpl} ${idl} -o ${work}/family/${stem}
      DEPENDS mfcb::gen ${idl} ${tmpl}/c.lua ${tmpl}/cb_h.tmpl ${tmpl}/cb_c.tmpl
      COMMENT "family test for ${stem}.idl" VERBATIM)
    list(APPEND sources ${work}/family/${stem}/${stem}.cb.c)
    string(APPEND stems "X(${stem}) ")
  endforeach()
  add_executable(${target} ${sources})
  mfcb_generate(${target} IDL ${dir}/capture_object.idl IMPORT_DIRS ${PROJECT_SOURCE_DIR}/idl
    OBJECTS ${object} OUTPUT_DIR ${work}/family_object)
  mfcb_generate(${target} IDL ${dir}/extras.idl IMPORT_DIRS ${PROJECT_SOURCE_DIR}/idl OUTPUT_DIR ${work}/family_object)
  target_compile_definitions(${target} PRIVATE "FAM_STEMS=${stems}")
  target_include_directories(${target} PRIVATE ${dir})
  target_link_libraries(${target} PRIVATE mfcb::callbacks)
  if(CMAKE_SIZEOF_VOID_P EQUAL 4 AND CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    # the stack pointer checks of family.h: between calls the stack pointer does not move
    target_compile_options(${target} PRIVATE -maccumulate-outgoing-args)
  endif()
endfunction()
