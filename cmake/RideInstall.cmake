# What `cmake --install build/<preset> --prefix P` puts under P (docs/install.md):
#   include/ride/ride.h, include/ride/ride_version.h   the public headers, nothing from runtime/src
#   lib/libride.a                                      ride::runtime_static
#   lib/libride.so.0.2.0, .so.0, .so                   ride::runtime (when RIDE_BUILD_SHARED)
#   lib/cmake/ride/                                    find_package(ride): config, version, targets
#   lib/pkgconfig/ride.pc                              pkg-config ride
#   bin/                                               the programs (installed by tools/)
#   share/doc/ride/LICENSE
# Components: Runtime (the shared library itself), Development (headers, libride.a, the .so link,
# CMake and pkg-config files), Tools (bin/), Documentation.
include(CMakePackageConfigHelpers)

set(RIDE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/ride" CACHE STRING
    "Where rideConfig.cmake goes, relative to the prefix")

set(_ride_library_targets ride_static)
if(TARGET ride_shared)
  list(APPEND _ride_library_targets ride_shared)
endif()
install(TARGETS ${_ride_library_targets}
  EXPORT rideTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT Development
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT Runtime NAMELINK_COMPONENT Development
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT Runtime)
install(FILES ${RIDE_PUBLIC_HEADERS} DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/ride" COMPONENT Development)

install(EXPORT rideTargets
  NAMESPACE ride::
  FILE rideTargets.cmake
  DESTINATION "${RIDE_INSTALL_CMAKEDIR}"
  COMPONENT Development)

# Until 1.0 a minor release may change the API (0.y in semantic versioning), so a request for 0.2
# is met by any 0.2.z and by nothing else: not by 0.1, not by 0.3. From 1.0 on, any later release
# of the same major version meets it. Either way a request for 1.0 is not met by 0.2.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_ride_compatibility SameMinorVersion)
else()
  set(_ride_compatibility SameMajorVersion)
endif()
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/rideConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY ${_ride_compatibility})

set(RIDE_CONFIG_HAS_SHARED ${RIDE_BUILD_SHARED})
configure_package_config_file("${CMAKE_CURRENT_SOURCE_DIR}/cmake/rideConfig.cmake.in"
  "${CMAKE_CURRENT_BINARY_DIR}/rideConfig.cmake"
  INSTALL_DESTINATION "${RIDE_INSTALL_CMAKEDIR}")
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/rideConfig.cmake" "${CMAKE_CURRENT_BINARY_DIR}/rideConfigVersion.cmake"
  DESTINATION "${RIDE_INSTALL_CMAKEDIR}"
  COMPONENT Development)

# ride.pc finds its prefix from its own place (${pcfiledir}), so the package can be installed with
# any --prefix and moved afterwards. Libs.private lists what a static link adds: the C++ runtime
# (the compiler's implicit libraries that a C link lacks), threads, and XNNPACK when enabled.
file(RELATIVE_PATH _ride_pc_to_prefix "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" _ride_pc_to_prefix "${_ride_pc_to_prefix}")
set(RIDE_PC_PREFIX "\${pcfiledir}/${_ride_pc_to_prefix}")
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(RIDE_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(RIDE_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
set(_ride_private_libs "")
foreach(lib IN LISTS RIDE_CXX_RUNTIME_LIBRARIES)
  list(APPEND _ride_private_libs "-l${lib}")
endforeach()
if(RIDE_WITH_XNNPACK)
  list(APPEND _ride_private_libs -lXNNPACK)
endif()
list(APPEND _ride_private_libs -lpthread)
list(REMOVE_DUPLICATES _ride_private_libs)
list(JOIN _ride_private_libs " " RIDE_PC_LIBS_PRIVATE)
configure_file("${CMAKE_CURRENT_SOURCE_DIR}/cmake/ride.pc.in" "${CMAKE_CURRENT_BINARY_DIR}/ride.pc" @ONLY)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/ride.pc"
  DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
  COMPONENT Development)

install(FILES LICENSE DESTINATION "${CMAKE_INSTALL_DOCDIR}" COMPONENT Documentation)
