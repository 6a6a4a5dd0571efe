# .rim container parser (header + layout): docs/bitstream.md, "Fuzzing".
ride_add_fuzzer(container_fuzz container_fuzz.cc)
