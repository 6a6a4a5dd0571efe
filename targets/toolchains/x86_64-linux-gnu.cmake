# Native x86-64 Linux build. Exists so that every target has a toolchain file; it only names the
# compilers and leaves everything else to CMake's defaults.
set(CMAKE_C_COMPILER gcc)
set(CMAKE_CXX_COMPILER g++)
