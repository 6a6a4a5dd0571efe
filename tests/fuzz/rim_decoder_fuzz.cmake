# The whole .rim decoding path with a fixed model (docs/fuzzing.md).
ride_add_fuzzer(rim_decoder_fuzz rim_decoder_fuzz.cc)
add_executable(rim_decoder_fuzz_seeds rim_decoder_fuzz_seeds.cc)
target_link_libraries(rim_decoder_fuzz_seeds PRIVATE ride_runtime)
target_include_directories(rim_decoder_fuzz_seeds PRIVATE "${RIDE_SOURCE_ROOT}" "${RIDE_BINARY_ROOT}")
