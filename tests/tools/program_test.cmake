# ride_add_program_test(NAME PROGRAM target STATUS n ARGS arg... [STDOUT regex] [STDERR regex]
#                       [NO_STDOUT] [TOUCH file-in-scratch])
# A test named NAME that runs the built program `target` with ARGS and checks its exit status and
# output (tests/tools/run_program.cmake). Each test has its own scratch folder, which ARGS name as
# {scratch}; TOUCH creates that file in it first.
function(ride_add_program_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_STDOUT" "PROGRAM;STATUS;STDOUT;STDERR;TOUCH" "ARGS")
  set(scratch "${CMAKE_CURRENT_BINARY_DIR}/scratch/${name}")
  string(REPLACE ";" "|" args "${arg_ARGS}")
  set(defines -DPROGRAM=$<TARGET_FILE:${arg_PROGRAM}> "-DARGS=${args}" -DSTATUS=${arg_STATUS} "-DSCRATCH=${scratch}")
  foreach(stream STDOUT STDERR)
    if(DEFINED arg_${stream})
      string(REPLACE ";" "\\;" regex "${arg_${stream}}")  # one argument, not a list
      list(APPEND defines "-D${stream}=${regex}")
    endif()
  endforeach()
  if(arg_NO_STDOUT)
    list(APPEND defines -DNO_STDOUT=ON)
  endif()
  if(DEFINED arg_TOUCH)
    list(APPEND defines "-DTOUCH=${scratch}/${arg_TOUCH}")
  endif()
  add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} ${defines} -P "${RIDE_SOURCE_ROOT}/tests/tools/run_program.cmake")
endfunction()
