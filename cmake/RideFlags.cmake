# Compiler flags shared by every ride target.
#
# The codec's contract is that encoder and decoder compute bit-identical probabilities on every
# target, so no target may be built with fast-math style flags, and the runtime is built with
# -ffp-contract=off so that the compiler never fuses a multiply and an add that the source keeps
# apart (kernels that want a fused multiply-add call fma() or its intrinsic explicitly).

add_library(ride_warnings INTERFACE)
target_compile_options(ride_warnings INTERFACE
  $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wno-unused-parameter>)

add_library(ride_deterministic_fp INTERFACE)
target_compile_options(ride_deterministic_fp INTERFACE
  $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-ffp-contract=off -fno-fast-math -fno-finite-math-only>)

if(RIDE_SANITIZE)
  list(JOIN RIDE_SANITIZE "," _ride_sanitizers)
  # The runtime is built without RTTI, which UBSan's vptr check needs: leave that one check out.
  set(_ride_no_vptr "")
  if("undefined" IN_LIST RIDE_SANITIZE)
    set(_ride_no_vptr -fno-sanitize=vptr)
  endif()
  add_compile_options(-fsanitize=${_ride_sanitizers} ${_ride_no_vptr} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_ride_sanitizers} ${_ride_no_vptr})
endif()

if(RIDE_STATIC)
  add_link_options(-static)
endif()

# ride_target_processor: the ISA family the kernels dispatch over.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  set(RIDE_ARCH_X86_64 ON)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
  set(RIDE_ARCH_AARCH64 ON)
endif()
