# Finds ride's third-party dependencies. Each is looked up only by the part of the project that may
# use it (DESIGN §1): the runtime sees FlatBuffers headers and, optionally, XNNPACK; only the trainer,
# compiler, tests and tools see Eigen, LBFGS++, image libraries, CLI11 and nlohmann-json.

find_package(Threads REQUIRED)

# FlatBuffers: the runtime needs its headers only; flatc runs on the build host.
find_path(RIDE_FLATBUFFERS_INCLUDE_DIR flatbuffers/flatbuffers.h REQUIRED)
add_library(ride_flatbuffers_headers INTERFACE)
target_include_directories(ride_flatbuffers_headers SYSTEM INTERFACE "${RIDE_FLATBUFFERS_INCLUDE_DIR}")
find_program(RIDE_FLATC flatc NO_CMAKE_FIND_ROOT_PATH REQUIRED)

# xxHash, header-only (XXH_INLINE_ALL): model fingerprints and pixel checksums.
find_path(RIDE_XXHASH_INCLUDE_DIR xxhash.h REQUIRED)
add_library(ride_xxhash_headers INTERFACE)
target_include_directories(ride_xxhash_headers SYSTEM INTERFACE "${RIDE_XXHASH_INCLUDE_DIR}")

if(RIDE_WITH_XNNPACK)
  # Debian's libXNNPACK.so pulls in pthreadpool and cpuinfo itself; xnnpack.h needs pthreadpool.h.
  find_path(RIDE_XNNPACK_INCLUDE_DIR xnnpack.h REQUIRED)
  find_path(RIDE_PTHREADPOOL_INCLUDE_DIR pthreadpool.h REQUIRED)
  find_library(RIDE_XNNPACK_LIBRARY XNNPACK REQUIRED)
  add_library(ride_xnnpack INTERFACE)
  target_include_directories(ride_xnnpack SYSTEM INTERFACE
    "${RIDE_XNNPACK_INCLUDE_DIR}" "${RIDE_PTHREADPOOL_INCLUDE_DIR}")
  target_link_libraries(ride_xnnpack INTERFACE "${RIDE_XNNPACK_LIBRARY}" Threads::Threads)
  if(CMAKE_CROSSCOMPILING)
    # The linker must resolve libXNNPACK.so's own dependencies from the same sysroot.
    get_filename_component(_ride_xnnpack_dir "${RIDE_XNNPACK_LIBRARY}" DIRECTORY)
    target_link_options(ride_xnnpack INTERFACE "LINKER:-rpath-link,${_ride_xnnpack_dir}")
  endif()
endif()

if(RIDE_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(RIDE_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
