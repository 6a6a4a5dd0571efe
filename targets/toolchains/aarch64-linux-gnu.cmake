# Cross build for aarch64 Linux (NEON) with Debian's aarch64-linux-gnu-g++; tests run under qemu.
#
# Libraries come from Debian's arm64 multiarch packages (/usr/lib/aarch64-linux-gnu), except XNNPACK,
# pthreadpool and cpuinfo, which targets/setup-debian.sh unpacks into a private sysroot that is
# searched first: ${RIDE_ARM64_SYSROOT}, default /opt/ride/arm64-sysroot.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

if(DEFINED ENV{RIDE_ARM64_SYSROOT})
  set(RIDE_ARM64_SYSROOT "$ENV{RIDE_ARM64_SYSROOT}" CACHE PATH "Unpacked arm64 libraries")
else()
  set(RIDE_ARM64_SYSROOT "/opt/ride/arm64-sysroot" CACHE PATH "Unpacked arm64 libraries")
endif()

set(CMAKE_FIND_ROOT_PATH "${RIDE_ARM64_SYSROOT}" "/")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The emulated loader finds glibc under -L and the unpacked libraries through LD_LIBRARY_PATH.
set(CMAKE_CROSSCOMPILING_EMULATOR
    "qemu-aarch64;-L;/usr/aarch64-linux-gnu;-E;LD_LIBRARY_PATH=${RIDE_ARM64_SYSROOT}/usr/lib/aarch64-linux-gnu:/usr/lib/aarch64-linux-gnu")
