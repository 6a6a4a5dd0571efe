# The tool library and the trainer keep to their side of DESIGN §1 (checked on the sources):
#   - tools/common includes only its own headers and system ones (libpng, libjpeg, the C++ library)
#     and links no ride library: no runtime, trainer, compiler or program code;
#   - trainer/ includes of tools/ only tools/common (a library, not a program), and nothing of the
#     runtime or the compiler.
set(bad "")

file(GLOB_RECURSE sources "${RIDE_SOURCE_ROOT}/tools/common/*.h" "${RIDE_SOURCE_ROOT}/tools/common/*.cc")
foreach(source IN LISTS sources)
  file(STRINGS "${source}" includes REGEX "#include *\"")
  foreach(line IN LISTS includes)
    if(NOT line MATCHES "#include *\"tools/common/")
      list(APPEND bad "${source}: ${line}")
    endif()
  endforeach()
endforeach()
file(STRINGS "${RIDE_SOURCE_ROOT}/tools/common/CMakeLists.txt" hits
     REGEX "ride_runtime|ride_trainer|ride_compiler|ride_cli|ride_model")
if(hits)
  list(APPEND bad "tools/common/CMakeLists.txt: ${hits}")
endif()

file(GLOB_RECURSE sources "${RIDE_SOURCE_ROOT}/trainer/*.h" "${RIDE_SOURCE_ROOT}/trainer/*.cc"
     "${RIDE_SOURCE_ROOT}/trainer/CMakeLists.txt")
foreach(source IN LISTS sources)
  file(STRINGS "${source}" hits REGEX "#include *[<\"](runtime/|compiler/|tools/)|ride_runtime|ride_compiler|ride_cli")
  foreach(line IN LISTS hits)
    if(NOT line MATCHES "#include *\"tools/common/")
      list(APPEND bad "${source}: ${line}")
    endif()
  endforeach()
endforeach()

if(bad)
  list(JOIN bad "\n" text)
  message(FATAL_ERROR "tools/common or trainer/ depends on code it must not:\n${text}")
endif()
message(STATUS "tools/common stands alone; trainer/ uses only tools/common of tools/ (${CMAKE_CURRENT_LIST_FILE})")
