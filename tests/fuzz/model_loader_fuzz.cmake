# Frozen-model loader (docs/model_format.md, "Fuzzing"; docs/fuzzing.md).
ride_add_fuzzer(model_loader_fuzz model_loader_fuzz.cc ride_model_schema)
# Writes the seed corpus: a few small valid model files.
add_executable(model_loader_fuzz_seeds model_loader_fuzz_seeds.cc)
target_link_libraries(model_loader_fuzz_seeds PRIVATE ride_runtime ride_model_writer ride_model_schema)
target_include_directories(model_loader_fuzz_seeds
  PRIVATE "${RIDE_SOURCE_ROOT}" "${RIDE_BINARY_ROOT}")
