/* compress_pgm: compresses an 8-bit binary PGM with ride's built-in model through the C API,
 * writes the .rim file, decodes it back and checks that every pixel came back.
 *
 *   compress_pgm image.pgm image.rim
 *
 * Exit status 0 only if the round trip is exact. */
#include <ride/ride.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints one line on stderr and leaves main through its clean-up. */
#define FAIL(...) \
  do { fprintf(stderr, "compress_pgm: " __VA_ARGS__); fputc('\n', stderr); goto done; } while (0)

/* Reads a binary (P5) PGM with maxval 255; returns the pixels (malloc'd) or NULL. */
static uint8_t* ReadPgm(const char* path, uint32_t* width, uint32_t* height) {
  FILE* file = fopen(path, "rb");
  unsigned long w = 0, h = 0, maxval = 0;
  uint8_t* pixels = NULL;
  int c;
  if (!file) return NULL;
  if (fgetc(file) == 'P' && fgetc(file) == '5') {
    unsigned long* fields[3] = {&w, &h, &maxval};
    int i;
    for (i = 0; i < 3; ++i) {
      while ((c = fgetc(file)) == '#' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        if (c == '#') while ((c = fgetc(file)) != '\n' && c != EOF) {}
      }
      if (c == EOF || ungetc(c, file) == EOF || fscanf(file, "%lu", fields[i]) != 1) break;
    }
    /* One whitespace byte separates the header from the pixels. */
    if (i == 3 && maxval == 255 && w > 0 && h > 0 && w <= 65535 && h <= 65535 && fgetc(file) != EOF) {
      pixels = (uint8_t*)malloc((size_t)w * h);
      if (pixels && fread(pixels, 1, (size_t)w * h, file) != (size_t)w * h) { free(pixels); pixels = NULL; }
    }
  }
  fclose(file);
  *width = (uint32_t)w;
  *height = (uint32_t)h;
  return pixels;
}

/* ride_write_fn: appends the compressed bytes to a FILE. */
static int WriteToFile(void* user, const uint8_t* data, size_t size) {
  return fwrite(data, 1, size, (FILE*)user) == size ? 0 : 1;
}

int main(int argc, char** argv) {
  int status = 1, closed;
  uint32_t width = 0, height = 0;
  uint8_t *pixels = NULL, *decoded = NULL, *file_bytes = NULL;
  long file_size = 0;
  FILE* file = NULL;
  ride_model* model = NULL;
  ride_encoder* encoder = NULL;
  ride_decoder* decoder = NULL;
  ride_encode_options options;
  ride_encode_stats stats;
  ride_file_info info;
  size_t raw;

  if (argc != 3) { fprintf(stderr, "usage: compress_pgm IMAGE.pgm OUTPUT.rim\n"); return 2; }
  if (!(pixels = ReadPgm(argv[1], &width, &height))) FAIL("%s: not an 8-bit binary PGM", argv[1]);
  raw = (size_t)width * height;
  printf("ride %s, kernels %s\n", ride_version_string(), ride_kernels());

  /* Compress with the built-in default model, straight into the output file. */
  if (ride_model_open_builtin(NULL, &model) != RIDE_OK) FAIL("built-in model: %s", ride_last_error());
  if (!(file = fopen(argv[2], "wb"))) FAIL("%s: cannot create", argv[2]);
  ride_encode_options_init(&options);
  options.source_format = RIDE_SOURCE_PGM; /* so that a decoder knows to write a PGM back */
  ride_encode_stats_init(&stats);
  if (ride_encoder_create(model, width, height, &options, &encoder) != RIDE_OK ||
      ride_encoder_encode_buffer(encoder, pixels, width, WriteToFile, file, &stats) != RIDE_OK)
    FAIL("%s: %s", argv[2], ride_last_error());
  closed = fclose(file);
  file = NULL;
  if (closed != 0) FAIL("%s: write failed", argv[2]);

  /* Read the file back and decode it; the decoder picks the built-in model the file names. */
  if (!(file = fopen(argv[2], "rb")) || fseek(file, 0, SEEK_END) != 0 || (file_size = ftell(file)) <= 0 ||
      fseek(file, 0, SEEK_SET) != 0 || !(file_bytes = (uint8_t*)malloc((size_t)file_size)) ||
      fread(file_bytes, 1, (size_t)file_size, file) != (size_t)file_size)
    FAIL("%s: cannot read back", argv[2]);
  ride_file_info_init(&info);
  if (!(decoded = (uint8_t*)malloc(raw)) ||
      ride_decoder_open_memory(file_bytes, (size_t)file_size, NULL, &decoder) != RIDE_OK ||
      ride_decoder_file_info(decoder, &info) != RIDE_OK ||
      ride_decoder_decode_buffer(decoder, NULL, decoded, width, raw) != RIDE_OK)
    FAIL("%s: %s", argv[2], ride_last_error());
  if (info.width != width || info.height != height || memcmp(pixels, decoded, raw) != 0)
    FAIL("%s: decoded pixels differ from %s", argv[2], argv[1]);

  printf("%s: %ux%u, %lu bytes of pixels -> %s: %ld bytes (%.3f bit/px, model %s); round trip exact\n",
         argv[1], (unsigned)width, (unsigned)height, (unsigned long)raw, argv[2], file_size,
         8.0 * (double)file_size / (double)raw, info.builtin_model_name);
  status = 0;

done:
  if (file) fclose(file);
  ride_decoder_destroy(decoder);
  ride_encoder_destroy(encoder);
  ride_model_close(model);
  free(file_bytes);
  free(decoded);
  free(pixels);
  return status;
}
