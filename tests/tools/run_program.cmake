# Runs one program the way a user or a script would and checks what it did: its exit status and
# what it printed on stdout and stderr. The tests of the programs' command lines use it (cmake -P).
#
#   cmake -DPROGRAM=path/to/ride-train -DARGS="help|mcgsm" -DSTATUS=0
#         [-DSTDOUT=REGEX] [-DSTDERR=REGEX] [-DNO_STDOUT=ON] [-DSCRATCH=DIR] [-DTOUCH=FILE]
#         -P run_program.cmake
#
# ARGS separates the arguments with "|" (a CMake list's ";" would split the add_test command).
# SCRATCH is emptied before the run and left behind for a look after a failure; TOUCH is a file
# created (empty) before the run, for an output that must not be overwritten. An argument may say
# {scratch} for the scratch folder.
cmake_minimum_required(VERSION 3.25)
foreach(required PROGRAM STATUS)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "run_program.cmake: -D${required}=... is missing")
  endif()
endforeach()
if(DEFINED SCRATCH)
  file(REMOVE_RECURSE "${SCRATCH}")
  file(MAKE_DIRECTORY "${SCRATCH}")
endif()
if(DEFINED TOUCH)
  file(TOUCH "${TOUCH}")
endif()
string(REPLACE "|" ";" arguments "${ARGS}")
if(DEFINED SCRATCH)
  string(REPLACE "{scratch}" "${SCRATCH}" arguments "${arguments}")
endif()
execute_process(COMMAND "${PROGRAM}" ${arguments} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REPLACE ";" " " shown "${arguments}")
set(report "${PROGRAM} ${shown}\n  exit status: ${status}\n  stdout: ${out}\n  stderr: ${err}")
if(NOT status STREQUAL STATUS)
  message(FATAL_ERROR "expected exit status ${STATUS}\n${report}")
endif()
if(DEFINED STDOUT AND NOT out MATCHES "${STDOUT}")
  message(FATAL_ERROR "stdout does not match '${STDOUT}'\n${report}")
endif()
if(DEFINED STDERR AND NOT err MATCHES "${STDERR}")
  message(FATAL_ERROR "stderr does not match '${STDERR}'\n${report}")
endif()
if(NO_STDOUT AND NOT out STREQUAL "")
  message(FATAL_ERROR "expected nothing on stdout\n${report}")
endif()
