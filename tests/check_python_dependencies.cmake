# Fails if the Python module reaches into the runtime's private code: python/src may include the
# public C API (ride/ride.h), tools/common, pybind11, its own headers and the standard library;
# only the training and compiling bindings (train_*, compile_*) may include the trainer and the
# compiler, which have no C API. Nothing includes runtime/src or schema/: what the module does with
# models, files and pixels, any embedder can do through ride.h.
file(GLOB sources "${RIDE_SOURCE_ROOT}/python/src/*.h" "${RIDE_SOURCE_ROOT}/python/src/*.cc")
set(bad "")
foreach(source IN LISTS sources)
  get_filename_component(name "${source}" NAME)
  if(name MATCHES "^(train|compile)_")
    set(forbidden "#include *[<\"](runtime/|schema/)")
  else()
    set(forbidden "#include *[<\"](runtime/|trainer/|compiler/|schema/)")
  endif()
  file(STRINGS "${source}" hits REGEX "${forbidden}")
  if(hits)
    list(APPEND bad "${source}: ${hits}")
  endif()
endforeach()
if(bad)
  list(JOIN bad "\n" text)
  message(FATAL_ERROR "python/src reaches past ride.h:\n${text}")
endif()
message(STATUS "python/src includes only ride.h, tools/common, the trainer and compiler (train_*, compile_*) and its own headers")
