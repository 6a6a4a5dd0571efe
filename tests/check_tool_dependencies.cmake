# Fails if the ride tool reaches into the runtime's private code: tools/ride may include the public
# C API (ride/ride.h), tools/common, its own headers and the standard and CLI11 libraries, nothing
# under runtime/src, trainer/ or compiler/ (DESIGN §1, §6: what the command line does, an embedder
# can do through ride.h).
file(GLOB_RECURSE sources "${RIDE_SOURCE_ROOT}/tools/ride/*.h" "${RIDE_SOURCE_ROOT}/tools/ride/*.cc")
set(bad "")
foreach(source IN LISTS sources)
  file(STRINGS "${source}" hits REGEX "#include *[<\"](runtime/|trainer/|compiler/|schema/)")
  if(hits)
    list(APPEND bad "${source}: ${hits}")
  endif()
endforeach()
if(bad)
  list(JOIN bad "\n" text)
  message(FATAL_ERROR "tools/ride reaches past ride.h:\n${text}")
endif()
message(STATUS "tools/ride includes only ride.h, tools/common and its own headers (${CMAKE_CURRENT_LIST_FILE})")
