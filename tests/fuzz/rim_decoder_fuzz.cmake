# The whole .rim decoding path with a fixed model (docs/fuzzing.md). Like the runtime it drives
# through its classes (StreamGroupSource, ImageDecoder), it builds without RTTI, so that UBSan's
# vptr check does not ask for type information the runtime does not have.
ride_add_fuzzer(rim_decoder_fuzz rim_decoder_fuzz.cc)
target_compile_options(rim_decoder_fuzz PRIVATE -fno-rtti)
add_executable(rim_decoder_fuzz_seeds rim_decoder_fuzz_seeds.cc)
target_link_libraries(rim_decoder_fuzz_seeds PRIVATE ride_runtime)
target_include_directories(rim_decoder_fuzz_seeds PRIVATE "${RIDE_SOURCE_ROOT}" "${RIDE_BINARY_ROOT}")
