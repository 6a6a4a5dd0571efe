# cmake -DNM=nm -DLIBRARY=libride.so -DHEADER=ride.h -P check_exported_symbols.cmake
#
# Fails if the shared library exports a symbol that does not start with ride_ (a leaked C++ symbol:
# the runtime's own or one of the standard library's template or inline functions), a ride_ symbol
# that ride.h does not declare, or misses a function that ride.h declares RIDE_API.
cmake_minimum_required(VERSION 3.25)  # a script runs with old policies unless it says so (IN_LIST)
foreach(var NM LIBRARY HEADER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_exported_symbols.cmake: -D${var}=... is missing")
  endif()
endforeach()

execute_process(COMMAND "${NM}" -D --defined-only "${LIBRARY}"
                OUTPUT_VARIABLE nm_output ERROR_VARIABLE nm_error RESULT_VARIABLE nm_result)
if(NOT nm_result EQUAL 0)
  message(FATAL_ERROR "${NM} -D --defined-only ${LIBRARY} failed (${nm_result}): ${nm_error}")
endif()

# "0000000000012340 T ride_version_string" (a versioned symbol would read name@@VERSION).
set(exported "")
string(REPLACE "\n" ";" nm_lines "${nm_output}")
foreach(line IN LISTS nm_lines)
  if(line MATCHES "^[0-9a-fA-F]* *[A-Za-z] +([^ @]+)")
    list(APPEND exported "${CMAKE_MATCH_1}")
  endif()
endforeach()

# RIDE_API <return type> ride_name(   -- possibly with the type's '*' against the name.
file(READ "${HEADER}" header_text)
string(REGEX MATCHALL "RIDE_API[^;(#]*[ *]ride_[a-z0-9_]+[ ]*\\(" declarations "${header_text}")
set(declared "")
foreach(declaration IN LISTS declarations)
  string(REGEX MATCH "ride_[a-z0-9_]+[ ]*\\($" name "${declaration}")
  string(REGEX REPLACE "[ ]*\\($" "" name "${name}")
  list(APPEND declared "${name}")
endforeach()

set(problems "")
foreach(symbol IN LISTS exported)
  if(NOT symbol MATCHES "^ride_")
    list(APPEND problems "exported but not ride_*: ${symbol}")
  elseif(NOT symbol IN_LIST declared)
    list(APPEND problems "exported but not declared RIDE_API in ride.h: ${symbol}")
  endif()
endforeach()
foreach(name IN LISTS declared)
  if(NOT name IN_LIST exported)
    list(APPEND problems "declared RIDE_API in ride.h but not exported: ${name}")
  endif()
endforeach()
if(NOT declared)
  list(APPEND problems "${HEADER} declares no RIDE_API function: the pattern above no longer matches it")
endif()

list(LENGTH exported exported_count)
list(LENGTH declared declared_count)
if(problems)
  list(LENGTH problems problem_count)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "${LIBRARY}: ${problem_count} problems (${exported_count} symbols exported, "
                      "${declared_count} declared in ride.h):\n  ${text}")
endif()
message(STATUS "${LIBRARY}: exports ${exported_count} symbols, the ${declared_count} RIDE_API "
               "functions of ride.h and nothing else")
