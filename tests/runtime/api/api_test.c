/* The C API from C: every function of ride.h and every documented error, compiled as C99.
 *
 * The program runs one case (`api_test NAME`), every case (no argument), lists them (`--list`) or
 * checks that CTest registered exactly its cases (`--registered NAME...`). Test data: the golden
 * crop, the .rim 0.1.0 made of it and the .v3.rim this release makes of it (tests/data/golden/),
 * and a small random model that is not built in (tests/data/api/, README.md there). */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ride/ride.h"

#ifndef RIDE_TEST_DATA_DIR
#error "RIDE_TEST_DATA_DIR must name tests/data"
#endif

static int g_failures = 0;

#define CHECK(condition)                                                              \
  do {                                                                                \
    if (!(condition)) {                                                               \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition);   \
      ++g_failures;                                                                   \
    }                                                                                 \
  } while (0)

#define CHECK_STATUS(expression, expected)                                                          \
  do {                                                                                              \
    const ride_status got_ = (expression);                                                          \
    if (got_ != (expected)) {                                                                       \
      fprintf(stderr, "%s:%d: %s gave %s (\"%s\"), expected %s\n", __FILE__, __LINE__, #expression, \
              ride_status_name(got_), ride_last_error(), ride_status_name(expected));               \
      ++g_failures;                                                                                 \
    }                                                                                               \
  } while (0)

#define CHECK_CONTAINS(text, fragment)                                                             \
  do {                                                                                             \
    const char* text_ = (text);                                                                    \
    if (text_ == NULL || strstr(text_, (fragment)) == NULL) {                                      \
      fprintf(stderr, "%s:%d: \"%s\" lacks \"%s\"\n", __FILE__, __LINE__, text_ ? text_ : "(null)", \
              (fragment));                                                                         \
      ++g_failures;                                                                                \
    }                                                                                              \
  } while (0)

/* ------------------------------------------------------------------------------------------------
 * Test data and helpers
 */

enum { kGoldenWidth = 96, kGoldenHeight = 64 };

typedef struct Bytes {
  uint8_t* data;
  size_t size;
  size_t capacity;
} Bytes;

static Bytes ReadWholeFile(const char* name) {
  char path[1024];
  Bytes bytes = {NULL, 0, 0};
  FILE* file;
  long end;
  snprintf(path, sizeof path, "%s/%s", RIDE_TEST_DATA_DIR, name);
  file = fopen(path, "rb");
  if (file == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  fseek(file, 0, SEEK_END);
  end = ftell(file);
  fseek(file, 0, SEEK_SET);
  bytes.size = (size_t)end;
  bytes.capacity = bytes.size;
  bytes.data = (uint8_t*)malloc(bytes.size + 1);
  if (bytes.data == NULL || fread(bytes.data, 1, bytes.size, file) != bytes.size) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(2);
  }
  fclose(file);
  return bytes;
}

static void FreeBytes(Bytes* bytes) {
  free(bytes->data);
  bytes->data = NULL;
  bytes->size = bytes->capacity = 0;
}

/* The golden crop's pixels: a binary PGM with the header "P5\n96 64\n255\n". */
static Bytes GoldenPixels(void) {
  static const char kHeader[] = "P5\n96 64\n255\n";
  Bytes pgm = ReadWholeFile("golden/bsds300-crop-96x64.pgm");
  const size_t header = sizeof kHeader - 1;
  if (pgm.size != header + kGoldenWidth * kGoldenHeight || memcmp(pgm.data, kHeader, header) != 0) {
    fprintf(stderr, "unexpected golden PGM\n");
    exit(2);
  }
  memmove(pgm.data, pgm.data + header, pgm.size - header);
  pgm.size -= header;
  return pgm;
}

/* What 0.1.0 made of the crop (container version 1), and what this release makes of it with
 * GoldenOptions (version 2). */
static Bytes GoldenRim(void) { return ReadWholeFile("golden/bsds300-crop-96x64.rim"); }
static Bytes GoldenRimCurrent(void) { return ReadWholeFile("golden/bsds300-crop-96x64.v3.rim"); }
static ride_encode_options GoldenOptions(void) {
  ride_encode_options options;
  ride_encode_options_init(&options);
  options.source_format = RIDE_SOURCE_PGM;
  return options;
}
static Bytes OtherModelFile(void) { return ReadWholeFile("api/random-mcgsm-5x3.ride"); }

/* A smooth image with noise, deterministic from the seed. */
static uint8_t* RandomImage(uint32_t width, uint32_t height, uint32_t seed) {
  uint8_t* pixels = (uint8_t*)malloc((size_t)width * height);
  uint32_t state = seed * 2654435761u + 1u;
  uint32_t r, c;
  for (r = 0; r < height; ++r) {
    for (c = 0; c < width; ++c) {
      int value;
      state = state * 1664525u + 1013904223u;
      value = (int)(128 + (int)((r * 7 + c * 3) % 90) - 45 + (int)(state >> 28));
      pixels[(size_t)r * width + c] = (uint8_t)(value < 0 ? 0 : value > 255 ? 255 : value);
    }
  }
  return pixels;
}

/* Memory aligned to 64 bytes (or `offset` past that), followed by guard bytes. */
enum { kGuardBytes = 128, kGuardValue = 0x5A };
typedef struct Block {
  uint8_t* raw;
  uint8_t* data;
  size_t size;
} Block;

static Block NewBlock(size_t size, size_t offset) {
  Block block;
  block.raw = (uint8_t*)malloc(size + offset + kGuardBytes + 64);
  block.data = block.raw + ((64 - (uintptr_t)block.raw % 64) % 64) + offset;
  block.size = size;
  memset(block.data, 0, size);
  memset(block.data + size, kGuardValue, kGuardBytes);
  return block;
}

static int GuardIntact(const Block* block) {
  size_t i;
  for (i = 0; i < kGuardBytes; ++i) {
    if (block->data[block->size + i] != kGuardValue) return 0;
  }
  return 1;
}

/* ---- callbacks ---- */

typedef struct Sink {
  Bytes bytes;
  int calls;
  int fail_at_call; /* 1-based; 0: never */
} Sink;

static int WriteToSink(void* user, const uint8_t* data, size_t size) {
  Sink* sink = (Sink*)user;
  if (++sink->calls == sink->fail_at_call) return 7;
  if (sink->bytes.size + size > sink->bytes.capacity) {
    size_t capacity = 2 * (sink->bytes.size + size) + 1024;
    sink->bytes.data = (uint8_t*)realloc(sink->bytes.data, capacity);
    sink->bytes.capacity = capacity;
  }
  memcpy(sink->bytes.data + sink->bytes.size, data, size);
  sink->bytes.size += size;
  return 0;
}

typedef struct Source {
  const uint8_t* data;
  size_t size;
  size_t position;
  size_t chunk; /* at most this many bytes per call; 0: as many as asked */
  int calls;
  int fail_at_call; /* 1-based; 0: never */
} Source;

static Source NewSource(const uint8_t* data, size_t size, size_t chunk) {
  Source source;
  source.data = data;
  source.size = size;
  source.position = 0;
  source.chunk = chunk;
  source.calls = 0;
  source.fail_at_call = 0;
  return source;
}

static int ReadFromSource(void* user, uint8_t* buffer, size_t size, size_t* bytes_read) {
  Source* source = (Source*)user;
  size_t count = source->size - source->position;
  if (++source->calls == source->fail_at_call) return 3;
  if (count > size) count = size;
  if (source->chunk != 0 && count > source->chunk) count = source->chunk;
  memcpy(buffer, source->data + source->position, count);
  source->position += count;
  *bytes_read = count;
  return 0;
}

typedef struct RowsIn {
  const uint8_t* pixels;
  uint32_t width;
  uint32_t next_row;
  int out_of_order;
  int fail_at_row; /* -1: never */
} RowsIn;

static RowsIn NewRowsIn(const uint8_t* pixels, uint32_t width) {
  RowsIn rows;
  rows.pixels = pixels;
  rows.width = width;
  rows.next_row = 0;
  rows.out_of_order = 0;
  rows.fail_at_row = -1;
  return rows;
}

static int GiveRows(void* user, uint32_t first_row, uint32_t count, uint8_t* out, size_t stride) {
  RowsIn* rows = (RowsIn*)user;
  uint32_t i;
  if (first_row != rows->next_row || stride < rows->width || count == 0) rows->out_of_order = 1;
  if ((int)first_row == rows->fail_at_row) return 5;
  for (i = 0; i < count; ++i) {
    memcpy(out + i * stride, rows->pixels + (size_t)(first_row + i) * rows->width, rows->width);
  }
  rows->next_row = first_row + count;
  return 0;
}

typedef struct RowsOut {
  uint8_t* pixels;
  uint32_t width;
  uint32_t height;
  uint32_t next_row;
  int out_of_order;
  int fail_at_row; /* -1: never */
} RowsOut;

static RowsOut NewRowsOut(uint32_t width, uint32_t height) {
  RowsOut rows;
  rows.pixels = (uint8_t*)calloc((size_t)width * height + 1, 1);
  rows.width = width;
  rows.height = height;
  rows.next_row = 0;
  rows.out_of_order = 0;
  rows.fail_at_row = -1;
  return rows;
}

static int TakeRows(void* user, uint32_t first_row, uint32_t count, const uint8_t* rows_in, size_t stride) {
  RowsOut* rows = (RowsOut*)user;
  uint32_t i;
  if (first_row != rows->next_row || first_row + count > rows->height || stride < rows->width) {
    rows->out_of_order = 1;
    return 9;
  }
  if ((int)first_row == rows->fail_at_row) return 6;
  for (i = 0; i < count; ++i) {
    memcpy(rows->pixels + (size_t)(first_row + i) * rows->width, rows_in + i * stride, rows->width);
  }
  rows->next_row = first_row + count;
  return 0;
}

typedef struct Progress {
  uint32_t calls;
  uint32_t last;
  uint32_t height;
  int went_back;
} Progress;

static void CountProgress(void* user, uint32_t rows_done, uint32_t height) {
  Progress* progress = (Progress*)user;
  if (rows_done < progress->last || rows_done > height) progress->went_back = 1;
  progress->last = rows_done;
  progress->height = height;
  ++progress->calls;
}

typedef struct Costs {
  float* bits;
  uint32_t width;
  uint32_t rows;
  int out_of_order;
  int fail_at_row; /* -1: never */
} Costs;

static int TakeCosts(void* user, uint32_t row, const float* bits, uint32_t width) {
  Costs* costs = (Costs*)user;
  if (row != costs->rows || width != costs->width) costs->out_of_order = 1;
  if ((int)row == costs->fail_at_row) return 4;
  memcpy(costs->bits + (size_t)row * width, bits, width * sizeof(float));
  ++costs->rows;
  return 0;
}

typedef struct Trust {
  uint32_t rows;
  uint32_t learned, tied, other;
  int out_of_order, out_of_range;
  int fail_at_row; /* -1: never */
} Trust;

static int TakeTrust(void* user, uint32_t row, const uint8_t* component, uint32_t width) {
  Trust* trust = (Trust*)user;
  uint32_t x;
  if (row != trust->rows) trust->out_of_order = 1;
  if ((int)row == trust->fail_at_row) return 6;
  for (x = 0; x < width; ++x) {
    if (component[x] == 0) {
      ++trust->learned;
    } else if (component[x] == RIDE_TRUST_TIE) {
      ++trust->tied;
    } else if (component[x] < RIDE_ADAPTIVE_COMPONENTS) {
      ++trust->other;
    } else {
      trust->out_of_range = 1;
    }
  }
  ++trust->rows;
  return 0;
}

/* ---- the library's steps ---- */

static ride_model* OpenDefault(void) {
  ride_model* model = NULL;
  CHECK_STATUS(ride_model_open_builtin(NULL, &model), RIDE_OK);
  return model;
}

/* The model 0.1.0's golden file was made with (GoldenRim), by name: no longer the default. */
static ride_model* OpenGoldenV1Model(void) {
  ride_model* model = NULL;
  CHECK_STATUS(ride_model_open_builtin("gray-mcgsm-v1", &model), RIDE_OK);
  return model;
}

/* Encodes with `options` (NULL: defaults) from memory; the file, or empty on failure. */
static Bytes EncodeBuffer(const ride_model* model, const uint8_t* pixels, uint32_t width, uint32_t height,
                          const ride_encode_options* options, ride_status* status) {
  Sink sink;
  ride_encoder* encoder = NULL;
  memset(&sink, 0, sizeof sink);
  *status = ride_encoder_create(model, width, height, options, &encoder);
  if (*status == RIDE_OK) *status = ride_encoder_encode_buffer(encoder, pixels, width, WriteToSink, &sink, NULL);
  ride_encoder_destroy(encoder);
  if (*status != RIDE_OK) FreeBytes(&sink.bytes);
  return sink.bytes;
}

/* Decodes a file held in memory into a new buffer (NULL on failure). */
static uint8_t* DecodeMemory(const ride_model* model, const Bytes* file, ride_status* status) {
  ride_decoder* decoder = NULL;
  ride_file_info info;
  uint8_t* pixels = NULL;
  ride_file_info_init(&info);
  *status = ride_decoder_open_memory(file->data, file->size, NULL, &decoder);
  if (*status == RIDE_OK) *status = ride_decoder_file_info(decoder, &info);
  if (*status == RIDE_OK) {
    pixels = (uint8_t*)malloc((size_t)info.width * info.height);
    *status = ride_decoder_decode_buffer(decoder, model, pixels, info.width, (size_t)info.width * info.height);
  }
  ride_decoder_destroy(decoder);
  if (*status != RIDE_OK) {
    free(pixels);
    pixels = NULL;
  }
  return pixels;
}

/* ------------------------------------------------------------------------------------------------
 * Cases
 */

static void VersionsAndNames(void) {
  const char* kernels = ride_kernels();
  char version[32];
  CHECK(strcmp(ride_last_error(), "") == 0);
  CHECK(strcmp(ride_version_string(), RIDE_VERSION_STRING) == 0);
  CHECK(ride_version_number() == RIDE_VERSION_NUMBER);
  snprintf(version, sizeof version, "%d.%d.%d", RIDE_VERSION_MAJOR, RIDE_VERSION_MINOR, RIDE_VERSION_PATCH);
  CHECK(strcmp(version, RIDE_VERSION_STRING) == 0);
  CHECK(ride_container_version() == 3);
  CHECK(strcmp(ride_coding_method_name(RIDE_METHOD_STORED), "stored") == 0);
  CHECK(strcmp(ride_coding_method_name(RIDE_METHOD_MODEL), "model") == 0);
  CHECK(strcmp(ride_coding_method_name(RIDE_METHOD_ADAPTIVE), "adaptive") == 0);
  CHECK(ride_coding_method_name(3) == NULL && ride_coding_method_name(1000) == NULL);
  CHECK(ride_model_schema_version() == 3);
  CHECK(strcmp(kernels, "avx512") == 0 || strcmp(kernels, "avx2") == 0 || strcmp(kernels, "neon") == 0 ||
        strcmp(kernels, "scalar") == 0);
  if (getenv("RIDE_FORCE_SCALAR") != NULL && strcmp(getenv("RIDE_FORCE_SCALAR"), "1") == 0) {
    CHECK(strcmp(kernels, "scalar") == 0);
  }
  CHECK(strcmp(ride_status_name(RIDE_OK), "ok") == 0);
  CHECK(strcmp(ride_status_name(RIDE_TRUNCATED), "truncated") == 0);
  CHECK(strcmp(ride_status_name(RIDE_INVALID_ARGUMENT), "invalid argument") == 0);
  CHECK(strcmp(ride_status_name(RIDE_CORRUPT), "corrupt") == 0);
  CHECK(strcmp(ride_status_name(RIDE_UNSUPPORTED), "unsupported") == 0);
  CHECK(strcmp(ride_status_name(RIDE_MODEL_MISMATCH), "model mismatch") == 0);
  CHECK(strcmp(ride_status_name(RIDE_RESOURCE_EXHAUSTED), "resource exhausted") == 0);
  CHECK(strcmp(ride_status_name(RIDE_IO_ERROR), "i/o error") == 0);
  CHECK(strcmp(ride_status_name(RIDE_INTERNAL), "internal error") == 0);
  CHECK(strcmp(ride_status_name(RIDE_BUFFER_TOO_SMALL), "buffer too small") == 0);
  CHECK(strcmp(ride_status_name(RIDE_CALLBACK_FAILED), "callback failed") == 0);
  CHECK(strcmp(ride_status_name((ride_status)11), "unknown") == 0);
  CHECK(strcmp(ride_status_name((ride_status)15), "unknown") == 0);
}

static void BuiltinModels(void) {
  ride_model* model = NULL;
  ride_model* by_fingerprint = NULL;
  ride_model_info info, again;
  char hex[2 * RIDE_FINGERPRINT_BYTES + 1];
  size_t i;
  CHECK(ride_builtin_model_count() >= 1);
  CHECK(strcmp(ride_builtin_model_name(0), "gray-ride-v1") == 0); /* the default from 0.3.0 */
  CHECK(strcmp(ride_builtin_model_for(1, RIDE_DEFAULT_EFFORT), "gray-ride-v1") == 0);
  CHECK(strcmp(ride_builtin_model_for(1, RIDE_FASTEST_EFFORT), "gray-mcgsm-v2") == 0);
  CHECK(strcmp(ride_builtin_model_for(3, RIDE_DEFAULT_EFFORT), "rgb-mcgsm-v1") == 0);
  CHECK(ride_builtin_model_for(1, RIDE_BEST_EFFORT) != NULL);
  CHECK(ride_builtin_model_for(1, 0) == NULL && ride_builtin_model_for(1, RIDE_BEST_EFFORT + 1) == NULL);
  CHECK(ride_builtin_model_for(2, RIDE_DEFAULT_EFFORT) == NULL);
  CHECK(ride_builtin_model_name(ride_builtin_model_count()) == NULL);
  for (i = 0; i < ride_builtin_model_count(); ++i) {
    CHECK_STATUS(ride_model_open_builtin(ride_builtin_model_name(i), &model), RIDE_OK);
    ride_model_close(model);
  }
  CHECK_STATUS(ride_model_open_builtin("default", &model), RIDE_OK);
  ride_model_close(model);
  model = OpenDefault();
  ride_model_info_init(&info);
  CHECK_STATUS(ride_model_describe(model, &info), RIDE_OK);
  CHECK(info.struct_size == sizeof info);
  CHECK(strcmp(info.builtin_name, "gray-ride-v1") == 0);
  CHECK(info.weights_in_place == 1);
  CHECK(info.channels == 1);
  CHECK(info.window_width % 2 == 1 && info.window_height >= 1);
  CHECK(info.layers == 1 && info.hidden[0] == 64 && info.extended[0] == 0);
  CHECK(info.components > 0 && info.scales > 0 && info.features > 0);
  CHECK(info.parameters > 0);
  CHECK(info.multiply_adds_per_pixel > 0);
  CHECK(info.file_bytes > 0);
  CHECK(info.training_data != NULL && info.trainer_version != NULL && info.created != NULL &&
        info.command != NULL && info.notes != NULL);
  for (i = 0; i < RIDE_FINGERPRINT_BYTES; ++i) sprintf(hex + 2 * i, "%02x", info.fingerprint[i]);
  CHECK(strcmp(hex, info.fingerprint_hex) == 0);

  CHECK_STATUS(ride_model_open_builtin_by_fingerprint(info.fingerprint, &by_fingerprint), RIDE_OK);
  ride_model_info_init(&again);
  CHECK_STATUS(ride_model_describe(by_fingerprint, &again), RIDE_OK);
  CHECK(strcmp(again.builtin_name, info.builtin_name) == 0);
  CHECK(memcmp(again.fingerprint, info.fingerprint, RIDE_FINGERPRINT_BYTES) == 0);
  ride_model_close(by_fingerprint);
  ride_model_close(model);
  ride_model_close(NULL);
}

static void ModelErrors(void) {
  ride_model* model = (ride_model*)&g_failures; /* must be set to NULL on failure */
  ride_model_info info;
  uint8_t unknown[RIDE_FINGERPRINT_BYTES];
  Bytes other = OtherModelFile();
  uint8_t not_a_model[64];

  CHECK_STATUS(ride_model_open_file("/no/such/dir/model.ride", NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_model_open_file(NULL, &model), RIDE_INVALID_ARGUMENT);
  CHECK(model == NULL);
  model = (ride_model*)&g_failures;
  CHECK_STATUS(ride_model_open_file("/no/such/dir/model.ride", &model), RIDE_IO_ERROR);
  CHECK(model == NULL);
  CHECK_CONTAINS(ride_last_error(), "ride_model_open_file");
  CHECK_CONTAINS(ride_last_error(), "/no/such/dir/model.ride");

  CHECK_STATUS(ride_model_open_memory(NULL, 100, 0, &model), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_model_open_memory(other.data, other.size, 0, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_model_open_memory(other.data, other.size, 4u, &model), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "flags");
  memset(not_a_model, 0x11, sizeof not_a_model);
  CHECK_STATUS(ride_model_open_memory(not_a_model, sizeof not_a_model, 0, &model), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "not a ride model file");
  CHECK_STATUS(ride_model_open_memory(other.data, 4, RIDE_MODEL_COPY, &model), RIDE_TRUNCATED);
  CHECK(model == NULL);
  CHECK_STATUS(ride_model_open_memory(other.data, other.size / 2, RIDE_MODEL_COPY, &model), RIDE_CORRUPT);
  /* A weight changed: the fingerprint check catches it, in place and copied. */
  other.data[other.size / 2] ^= 0x40;
  CHECK(ride_model_open_memory(other.data, other.size, 0, &model) != RIDE_OK);
  CHECK(model == NULL);
  CHECK(ride_model_open_memory(other.data, other.size, RIDE_MODEL_COPY, &model) != RIDE_OK);
  other.data[other.size / 2] ^= 0x40;

  CHECK_STATUS(ride_model_open_builtin("no-such-model", &model), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "no-such-model");
  CHECK_STATUS(ride_model_open_builtin(NULL, NULL), RIDE_INVALID_ARGUMENT);
  memset(unknown, 0xAB, sizeof unknown);
  CHECK_STATUS(ride_model_open_builtin_by_fingerprint(unknown, &model), RIDE_MODEL_MISMATCH);
  CHECK_CONTAINS(ride_last_error(), "abababababababababababababababab");
  CHECK(model == NULL);
  CHECK_STATUS(ride_model_open_builtin_by_fingerprint(NULL, &model), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_model_open_builtin_by_fingerprint(unknown, NULL), RIDE_INVALID_ARGUMENT);

  model = OpenDefault();
  ride_model_info_init(&info);
  CHECK_STATUS(ride_model_describe(NULL, &info), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_model_describe(model, NULL), RIDE_INVALID_ARGUMENT);
  info.struct_size = 8;
  CHECK_STATUS(ride_model_describe(model, &info), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "ride_model_info");
  ride_model_close(model);
  FreeBytes(&other);
}

/* An image evaluated with a model: its total bits and costs. */
static double EvaluateTotal(const ride_model* model, const uint8_t* pixels, uint32_t width, uint32_t height,
                            float* costs_out) {
  RowsIn rows = NewRowsIn(pixels, width);
  Costs costs;
  ride_eval_stats stats;
  costs.bits = costs_out;
  costs.width = width;
  costs.rows = 0;
  costs.out_of_order = 0;
  costs.fail_at_row = -1;
  ride_eval_stats_init(&stats);
  CHECK_STATUS(ride_evaluate(model, width, height, GiveRows, &rows, TakeCosts, &costs, NULL, &stats), RIDE_OK);
  CHECK(costs.rows == height && !costs.out_of_order && !rows.out_of_order);
  return stats.total_bits;
}

static void ModelsInPlaceAndCopiedGiveTheSameResults(void) {
  Bytes other = OtherModelFile();
  uint8_t* aligned = NULL;
  uint8_t* shifted = (uint8_t*)malloc(other.size + 1);
  ride_model* in_place = NULL;
  ride_model* copied = NULL;
  ride_model* unaligned = NULL;
  ride_model* from_file = NULL;
  ride_model_info info;
  char path[1024];
  const uint32_t width = 31, height = 17;
  uint8_t* image = RandomImage(width, height, 3);
  float* costs[4];
  double totals[4];
  int m;
  Bytes files[4];
  ride_status status;
  Block block = NewBlock(other.size, 0); /* 64-byte aligned */
  aligned = block.data;
  memcpy(aligned, other.data, other.size);
  memcpy(shifted + 1, other.data, other.size);

  CHECK_STATUS(ride_model_open_memory(aligned, other.size, 0, &in_place), RIDE_OK);
  CHECK_STATUS(ride_model_open_memory(aligned, other.size, RIDE_MODEL_COPY, &copied), RIDE_OK);
  CHECK_STATUS(ride_model_open_memory(shifted + 1, other.size, 0, &unaligned), RIDE_OK);
  snprintf(path, sizeof path, "%s/api/random-mcgsm-5x3.ride", RIDE_TEST_DATA_DIR);
  CHECK_STATUS(ride_model_open_file(path, &from_file), RIDE_OK);

  ride_model_info_init(&info);
  CHECK_STATUS(ride_model_describe(in_place, &info), RIDE_OK);
  CHECK(info.weights_in_place == 1);
  CHECK(strcmp(info.builtin_name, "") == 0);
  CHECK(info.file_bytes == other.size);
  CHECK(strcmp(info.notes, "") != 0 || strcmp(info.training_data, "") != 0);
  CHECK_STATUS(ride_model_describe(copied, &info), RIDE_OK);
  CHECK(info.weights_in_place == 0);
  CHECK_STATUS(ride_model_describe(unaligned, &info), RIDE_OK);
  CHECK(info.weights_in_place == 0);
  CHECK_STATUS(ride_model_describe(from_file, &info), RIDE_OK);
  CHECK(info.weights_in_place == 0);
  /* The copies do not need the caller's bytes. */
  memset(shifted, 0, other.size + 1);

  {
    const ride_model* models[4];
    models[0] = in_place;
    models[1] = copied;
    models[2] = unaligned;
    models[3] = from_file;
    for (m = 0; m < 4; ++m) {
      costs[m] = (float*)malloc((size_t)width * height * sizeof(float));
      totals[m] = EvaluateTotal(models[m], image, width, height, costs[m]);
      files[m] = EncodeBuffer(models[m], image, width, height, NULL, &status);
      CHECK_STATUS(status, RIDE_OK);
    }
    for (m = 1; m < 4; ++m) {
      CHECK(totals[m] == totals[0]);
      CHECK(memcmp(costs[m], costs[0], (size_t)width * height * sizeof(float)) == 0);
      CHECK(files[m].size == files[0].size && memcmp(files[m].data, files[0].data, files[0].size) == 0);
    }
    for (m = 0; m < 4; ++m) {
      free(costs[m]);
      FreeBytes(&files[m]);
    }
  }
  ride_model_close(in_place);
  ride_model_close(copied);
  ride_model_close(unaligned);
  ride_model_close(from_file);
  free(block.raw);
  free(shifted);
  free(image);
  FreeBytes(&other);
}

static void GoldenFileEncodesToTheSameBytes(void) {
  Bytes pixels = GoldenPixels();
  Bytes rim = GoldenRimCurrent();
  ride_model* model = OpenDefault();
  ride_encoder* encoder = NULL;
  ride_encode_stats stats;
  Sink sink;
  RowsIn rows = NewRowsIn(pixels.data, kGoldenWidth);
  ride_status status;
  const ride_encode_options options = GoldenOptions();
  Bytes from_buffer = EncodeBuffer(model, pixels.data, kGoldenWidth, kGoldenHeight, &options, &status);
  CHECK_STATUS(status, RIDE_OK);
  CHECK(from_buffer.size == rim.size && memcmp(from_buffer.data, rim.data, rim.size) == 0);

  memset(&sink, 0, sizeof sink);
  ride_encode_stats_init(&stats);
  CHECK_STATUS(ride_encoder_create(model, kGoldenWidth, kGoldenHeight, &options, &encoder), RIDE_OK);
  CHECK_STATUS(ride_encoder_encode(encoder, GiveRows, &rows, WriteToSink, &sink, &stats), RIDE_OK);
  CHECK(!rows.out_of_order && rows.next_row == kGoldenHeight);
  CHECK(sink.bytes.size == rim.size && memcmp(sink.bytes.data, rim.data, rim.size) == 0);
  CHECK(stats.file_bytes == rim.size);
  CHECK(stats.lanes == 16);
  CHECK(stats.group_rows == 64 && stats.groups == 1 && stats.stored_groups == 0);
  CHECK(stats.model_bits > 0 && stats.model_bits <= 8.0 * rim.size);
  CHECK(strcmp(ride_encoder_last_error(encoder), "") == 0);
  ride_encoder_destroy(encoder);
  ride_model_close(model);
  FreeBytes(&sink.bytes);
  FreeBytes(&from_buffer);
  FreeBytes(&pixels);
  FreeBytes(&rim);
}

static void GoldenFileDecodesToThePixels(void) {
  Bytes pixels = GoldenPixels();
  Bytes rim = GoldenRim();
  ride_decoder* decoder = NULL;
  ride_file_info info;
  RowsOut rows = NewRowsOut(kGoldenWidth, kGoldenHeight);
  Source source = NewSource(rim.data, rim.size, 7);
  ride_status status;
  uint8_t* decoded = DecodeMemory(NULL, &rim, &status);
  CHECK_STATUS(status, RIDE_OK);
  CHECK(decoded != NULL && memcmp(decoded, pixels.data, pixels.size) == 0);
  free(decoded);

  /* Through the read callback, seven bytes at a time: only the header is read at open. */
  CHECK_STATUS(ride_decoder_open(ReadFromSource, &source, NULL, &decoder), RIDE_OK);
  CHECK(source.position == 90);
  ride_file_info_init(&info);
  CHECK_STATUS(ride_decoder_file_info(decoder, &info), RIDE_OK);
  CHECK(info.container_version == 1);
  CHECK(info.width == kGoldenWidth && info.height == kGoldenHeight);
  CHECK(info.channels == 1 && info.bit_depth == 8);
  CHECK(info.lanes == 16);
  CHECK(info.header_bytes == 90);
  CHECK(info.file_bytes == 0);
  CHECK(strcmp(info.builtin_model_name, "gray-mcgsm-v1") == 0); /* 0.1.0's default */
  CHECK(strlen(info.model_fingerprint_hex) == 2 * RIDE_FINGERPRINT_BYTES);
  CHECK(info.pixel_checksum != 0);
  CHECK_STATUS(ride_decoder_decode(decoder, NULL, TakeRows, &rows), RIDE_OK);
  CHECK(!rows.out_of_order && rows.next_row == kGoldenHeight);
  CHECK(memcmp(rows.pixels, pixels.data, pixels.size) == 0);
  CHECK_STATUS(ride_decoder_file_info(decoder, &info), RIDE_OK);
  CHECK(info.file_bytes == rim.size);
  ride_decoder_destroy(decoder);
  free(rows.pixels);
  FreeBytes(&pixels);
  FreeBytes(&rim);
}

static void RoundTripThroughTheCallbacks(void) {
  const uint32_t width = 57, height = 41;
  uint8_t* image = RandomImage(width, height, 11);
  ride_model* model = OpenDefault();
  uint32_t threads;
  for (threads = 1; threads <= 3; threads += 2) {
    ride_encode_options encode_options;
    ride_decode_options decode_options;
    ride_encoder* encoder = NULL;
    ride_decoder* decoder = NULL;
    ride_encode_stats stats;
    Progress encode_progress, decode_progress;
    Sink sink;
    RowsIn rows = NewRowsIn(image, width);
    RowsOut out = NewRowsOut(width, height);
    Source source;
    memset(&sink, 0, sizeof sink);
    memset(&encode_progress, 0, sizeof encode_progress);
    memset(&decode_progress, 0, sizeof decode_progress);
    ride_encode_options_init(&encode_options);
    encode_options.threads = threads;
    encode_options.lanes = 6;
    encode_options.progress = CountProgress;
    encode_options.progress_user = &encode_progress;
    ride_encode_stats_init(&stats);
    CHECK_STATUS(ride_encoder_create(model, width, height, &encode_options, &encoder), RIDE_OK);
    CHECK_STATUS(ride_encoder_encode(encoder, GiveRows, &rows, WriteToSink, &sink, &stats), RIDE_OK);
    ride_encoder_destroy(encoder);
    CHECK(stats.lanes == 6 && stats.file_bytes == sink.bytes.size);
    CHECK(!rows.out_of_order && rows.next_row == height);
    CHECK(encode_progress.calls > 0 && encode_progress.last == height && !encode_progress.went_back);

    source = NewSource(sink.bytes.data, sink.bytes.size, 0);
    ride_decode_options_init(&decode_options);
    decode_options.threads = threads;
    decode_options.progress = CountProgress;
    decode_options.progress_user = &decode_progress;
    decode_options.max_file_bytes = sink.bytes.size;
    CHECK_STATUS(ride_decoder_open(ReadFromSource, &source, &decode_options, &decoder), RIDE_OK);
    CHECK_STATUS(ride_decoder_decode(decoder, model, TakeRows, &out), RIDE_OK);
    CHECK(!out.out_of_order && out.next_row == height);
    CHECK(memcmp(out.pixels, image, (size_t)width * height) == 0);
    CHECK(decode_progress.calls > 0 && decode_progress.last == height && !decode_progress.went_back);
    ride_decoder_destroy(decoder);
    free(out.pixels);
    FreeBytes(&sink.bytes);
  }
  ride_model_close(model);
  free(image);
}

static void EncoderErrors(void) {
  ride_model* model = OpenDefault();
  ride_encoder* encoder = (ride_encoder*)&g_failures;
  ride_encode_options options;
  ride_encode_stats stats;
  uint8_t* image = RandomImage(20, 10, 1);
  Sink sink;
  RowsIn rows = NewRowsIn(image, 20);
  memset(&sink, 0, sizeof sink);

  CHECK_STATUS(ride_encoder_create(model, 20, 10, NULL, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_encoder_create(NULL, 20, 10, NULL, &encoder), RIDE_INVALID_ARGUMENT);
  CHECK(encoder == NULL);
  CHECK_CONTAINS(ride_last_error(), "ride_encoder_create: model is NULL");
  CHECK_STATUS(ride_encoder_create(model, 0, 10, NULL, &encoder), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_encoder_create(model, 20, 0, NULL, &encoder), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_encoder_create(model, (1u << 24) + 1, 10, NULL, &encoder), RIDE_RESOURCE_EXHAUSTED);
  CHECK_STATUS(ride_encoder_create(model, 20, 0x80000000u, NULL, &encoder), RIDE_RESOURCE_EXHAUSTED);
  ride_encode_options_init(&options);
  options.struct_size = 4;
  CHECK_STATUS(ride_encoder_create(model, 20, 10, &options, &encoder), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "ride_encode_options");
  ride_encode_options_init(&options);
  options.threads = 0;
  CHECK_STATUS(ride_encoder_create(model, 20, 10, &options, &encoder), RIDE_INVALID_ARGUMENT);
  options.threads = RIDE_MAX_THREADS + 1;
  CHECK_STATUS(ride_encoder_create(model, 20, 10, &options, &encoder), RIDE_INVALID_ARGUMENT);
  ride_encode_options_init(&options);
  options.lanes = 1025;
  CHECK_STATUS(ride_encoder_create(model, 20, 10, &options, &encoder), RIDE_INVALID_ARGUMENT);
  CHECK(encoder == NULL);
  /* Lanes are clamped to the height. */
  options.lanes = 1024;
  ride_encode_stats_init(&stats);
  CHECK_STATUS(ride_encoder_create(model, 20, 10, &options, &encoder), RIDE_OK);

  CHECK_STATUS(ride_encoder_encode(NULL, GiveRows, &rows, WriteToSink, &sink, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_encoder_encode(encoder, NULL, &rows, WriteToSink, &sink, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_encoder_last_error(encoder), "rows callback is NULL");
  CHECK_STATUS(ride_encoder_encode(encoder, GiveRows, &rows, NULL, &sink, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_encoder_encode_buffer(encoder, NULL, 20, WriteToSink, &sink, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_encoder_encode_buffer(encoder, image, 19, WriteToSink, &sink, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_encoder_last_error(encoder), "stride");
  CHECK_STATUS(ride_encoder_encode_buffer(encoder, image, 20, NULL, &sink, NULL), RIDE_INVALID_ARGUMENT);
  stats.struct_size = 8;
  CHECK_STATUS(ride_encoder_encode(encoder, GiveRows, &rows, WriteToSink, &sink, &stats), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_encoder_last_error(encoder), "ride_encode_stats");
  CHECK(sink.calls == 0);
  /* Refused calls leave the encoder usable; it encodes once. */
  ride_encode_stats_init(&stats);
  CHECK_STATUS(ride_encoder_encode(encoder, GiveRows, &rows, WriteToSink, &sink, &stats), RIDE_OK);
  CHECK(stats.lanes == 10);
  CHECK_STATUS(ride_encoder_encode(encoder, GiveRows, &rows, WriteToSink, &sink, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_encoder_encode_buffer(encoder, image, 20, WriteToSink, &sink, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_encoder_last_error(encoder), "ride_encoder_encode_buffer");
  CHECK_CONTAINS(ride_encoder_last_error(encoder), "one image");
  CHECK(strcmp(ride_encoder_last_error(NULL), "") == 0);
  ride_encoder_destroy(encoder);
  ride_encoder_destroy(NULL);
  FreeBytes(&sink.bytes);
  free(image);
  ride_model_close(model);
}

static void FailingEncodeCallbacksStopTheEncoder(void) {
  ride_status status;
  ride_model* model = OpenDefault();
  uint8_t* image = RandomImage(33, 20, 2);
  uint32_t threads;
  for (threads = 1; threads <= 2; ++threads) {
    ride_encode_options options;
    ride_encoder* encoder = NULL;
    Sink sink;
    RowsIn rows = NewRowsIn(image, 33);
    ride_encode_options_init(&options);
    options.threads = threads;
    options.lanes = 4;
    memset(&sink, 0, sizeof sink);
    rows.fail_at_row = 7;
    CHECK_STATUS(ride_encoder_create(model, 33, 20, &options, &encoder), RIDE_OK);
    CHECK_STATUS(ride_encoder_encode(encoder, GiveRows, &rows, WriteToSink, &sink, NULL), RIDE_CALLBACK_FAILED);
    CHECK_CONTAINS(ride_encoder_last_error(encoder), "rows callback returned 5 at row 7");
    CHECK_CONTAINS(ride_last_error(), "rows callback returned 5 at row 7");
    /* The header went out before the rows, never the end: what was written is no file. */
    CHECK(sink.bytes.size > 0);
    CHECK(DecodeMemory(NULL, &sink.bytes, &status) == NULL && status == RIDE_TRUNCATED);
    ride_encoder_destroy(encoder);

    rows = NewRowsIn(image, 33);
    sink.fail_at_call = 2;
    CHECK_STATUS(ride_encoder_create(model, 33, 20, &options, &encoder), RIDE_OK);
    CHECK_STATUS(ride_encoder_encode(encoder, GiveRows, &rows, WriteToSink, &sink, NULL), RIDE_CALLBACK_FAILED);
    CHECK_CONTAINS(ride_encoder_last_error(encoder), "write callback returned 7");
    ride_encoder_destroy(encoder);
    FreeBytes(&sink.bytes);
  }
  free(image);
  ride_model_close(model);
}

static void EncoderMemoryIsReportedAndCanBeTheCallers(void) {
  ride_model* model = OpenDefault();
  Bytes pixels = GoldenPixels();
  Bytes rim = GoldenRimCurrent();
  ride_encode_options options;
  ride_encoder* encoder = NULL;
  size_t needed = 0, with_defaults = 0, two_threads = 0, tall = 0, taller = 0;
  Block block, small, misaligned;
  ride_status status;
  Bytes file;

  CHECK_STATUS(ride_encoder_memory_needed(model, kGoldenWidth, kGoldenHeight, NULL, &with_defaults), RIDE_OK);
  ride_encode_options_init(&options);
  CHECK_STATUS(ride_encoder_memory_needed(model, kGoldenWidth, kGoldenHeight, &options, &needed), RIDE_OK);
  CHECK(needed == with_defaults && needed > 0);
  /* Up to a group's rows (about 256 KiB of samples) the memory follows the height, then no more. */
  CHECK_STATUS(ride_encoder_memory_needed(model, kGoldenWidth, 1u << 16, &options, &tall), RIDE_OK);
  CHECK_STATUS(ride_encoder_memory_needed(model, kGoldenWidth, 1u << 30, &options, &taller), RIDE_OK);
  CHECK(tall == taller && tall > needed);
  options.threads = 2;
  CHECK_STATUS(ride_encoder_memory_needed(model, kGoldenWidth, kGoldenHeight, &options, &two_threads), RIDE_OK);
  CHECK(two_threads > needed);
  options.threads = 1;
  CHECK_STATUS(ride_encoder_memory_needed(NULL, 10, 10, NULL, &needed), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_encoder_memory_needed(model, 10, 10, NULL, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_encoder_memory_needed(model, 0, 10, NULL, &needed), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_encoder_memory_needed(model, 1u << 25, 10, NULL, &needed), RIDE_RESOURCE_EXHAUSTED);
  options.struct_size = 3;
  CHECK_STATUS(ride_encoder_memory_needed(model, 10, 10, &options, &needed), RIDE_INVALID_ARGUMENT);
  CHECK(needed == with_defaults);

  /* The exact block: the golden bytes, nothing written past it. */
  block = NewBlock(with_defaults, 0);
  options = GoldenOptions();
  options.memory = block.data;
  options.memory_bytes = block.size;
  file = EncodeBuffer(model, pixels.data, kGoldenWidth, kGoldenHeight, &options, &status);
  CHECK_STATUS(status, RIDE_OK);
  CHECK(file.size == rim.size && memcmp(file.data, rim.data, rim.size) == 0);
  CHECK(GuardIntact(&block));
  FreeBytes(&file);

  small = NewBlock(with_defaults - 1, 0);
  options.memory = small.data;
  options.memory_bytes = small.size;
  encoder = (ride_encoder*)&g_failures;
  CHECK_STATUS(ride_encoder_create(model, kGoldenWidth, kGoldenHeight, &options, &encoder), RIDE_BUFFER_TOO_SMALL);
  CHECK(encoder == NULL);
  CHECK(GuardIntact(&small));

  misaligned = NewBlock(with_defaults, 8);
  options.memory = misaligned.data;
  options.memory_bytes = misaligned.size;
  CHECK_STATUS(ride_encoder_create(model, kGoldenWidth, kGoldenHeight, &options, &encoder), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "aligned");

  free(block.raw);
  free(small.raw);
  free(misaligned.raw);
  FreeBytes(&pixels);
  FreeBytes(&rim);
  ride_model_close(model);
}

static void DecoderMemoryIsReportedAndCanBeTheCallers(void) {
  Bytes pixels = GoldenPixels();
  Bytes rim = GoldenRim();
  ride_model* model = OpenGoldenV1Model();
  ride_decoder* decoder = NULL;
  ride_decode_options options;
  size_t needed = 0, with_model = 0;
  Block block, small;
  uint8_t* decoded = (uint8_t*)malloc(pixels.size);

  CHECK_STATUS(ride_decoder_open_memory(rim.data, rim.size, NULL, &decoder), RIDE_OK);
  CHECK_STATUS(ride_decoder_memory_needed(decoder, NULL, &needed), RIDE_OK);
  CHECK_STATUS(ride_decoder_memory_needed(decoder, model, &with_model), RIDE_OK);
  CHECK(needed == with_model && needed > 0);
  CHECK_STATUS(ride_decoder_memory_needed(NULL, model, &needed), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_decoder_memory_needed(decoder, model, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_decoder_last_error(decoder), "bytes is NULL");
  ride_decoder_destroy(decoder);

  block = NewBlock(with_model, 0);
  ride_decode_options_init(&options);
  options.memory = block.data;
  options.memory_bytes = block.size;
  CHECK_STATUS(ride_decoder_open_memory(rim.data, rim.size, &options, &decoder), RIDE_OK);
  CHECK_STATUS(ride_decoder_decode_buffer(decoder, NULL, decoded, kGoldenWidth, pixels.size), RIDE_OK);
  CHECK(memcmp(decoded, pixels.data, pixels.size) == 0);
  CHECK(GuardIntact(&block));
  ride_decoder_destroy(decoder);

  small = NewBlock(with_model - 64, 0);
  options.memory = small.data;
  options.memory_bytes = small.size;
  CHECK_STATUS(ride_decoder_open_memory(rim.data, rim.size, &options, &decoder), RIDE_OK);
  CHECK_STATUS(ride_decoder_decode_buffer(decoder, model, decoded, kGoldenWidth, pixels.size), RIDE_BUFFER_TOO_SMALL);
  CHECK_CONTAINS(ride_decoder_last_error(decoder), "needed");
  CHECK(GuardIntact(&small));
  ride_decoder_destroy(decoder);

  free(block.raw);
  free(small.raw);
  free(decoded);
  ride_model_close(model);
  FreeBytes(&pixels);
  FreeBytes(&rim);
}

static void DecoderErrors(void) {
  Bytes pixels = GoldenPixels();
  Bytes rim = GoldenRim();
  ride_decoder* decoder = (ride_decoder*)&g_failures;
  ride_decode_options options;
  ride_file_info info;
  RowsOut rows = NewRowsOut(kGoldenWidth, kGoldenHeight);
  Source source = NewSource(rim.data, rim.size, 0);
  uint8_t* decoded = (uint8_t*)malloc(pixels.size + 200);

  CHECK_STATUS(ride_decoder_open(ReadFromSource, &source, NULL, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_decoder_open(NULL, &source, NULL, &decoder), RIDE_INVALID_ARGUMENT);
  CHECK(decoder == NULL);
  CHECK_CONTAINS(ride_last_error(), "ride_decoder_open: the read callback is NULL");
  CHECK_STATUS(ride_decoder_open_memory(NULL, 10, NULL, &decoder), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_decoder_open_memory(rim.data, rim.size, NULL, NULL), RIDE_INVALID_ARGUMENT);
  ride_decode_options_init(&options);
  options.struct_size = 12;
  CHECK_STATUS(ride_decoder_open_memory(rim.data, rim.size, &options, &decoder), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "ride_decode_options");
  ride_decode_options_init(&options);
  options.threads = 0;
  CHECK_STATUS(ride_decoder_open(ReadFromSource, &source, &options, &decoder), RIDE_INVALID_ARGUMENT);
  CHECK(source.calls == 0);

  CHECK_STATUS(ride_decoder_open_memory(rim.data, rim.size, NULL, &decoder), RIDE_OK);
  ride_file_info_init(&info);
  CHECK_STATUS(ride_decoder_file_info(NULL, &info), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_decoder_file_info(decoder, NULL), RIDE_INVALID_ARGUMENT);
  info.struct_size = 16;
  CHECK_STATUS(ride_decoder_file_info(decoder, &info), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_decoder_last_error(decoder), "ride_file_info");
  ride_file_info_init(&info);
  CHECK_STATUS(ride_decoder_file_info(decoder, &info), RIDE_OK);
  CHECK(info.file_bytes == rim.size);

  CHECK_STATUS(ride_decoder_decode(NULL, NULL, TakeRows, &rows), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_decoder_decode(decoder, NULL, NULL, &rows), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_decoder_decode_buffer(NULL, NULL, decoded, kGoldenWidth, pixels.size), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_decoder_decode_buffer(decoder, NULL, NULL, kGoldenWidth, pixels.size), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_decoder_decode_buffer(decoder, NULL, decoded, kGoldenWidth - 1, pixels.size),
               RIDE_INVALID_ARGUMENT);
  /* Wrong sizes are refused before anything is decoded: the exact size, with and without padding. */
  CHECK_STATUS(ride_decoder_decode_buffer(decoder, NULL, decoded, kGoldenWidth, pixels.size - 1),
               RIDE_BUFFER_TOO_SMALL);
  CHECK_CONTAINS(ride_decoder_last_error(decoder), "6144");
  CHECK_STATUS(ride_decoder_decode_buffer(decoder, NULL, decoded, kGoldenWidth + 2, pixels.size + 125),
               RIDE_BUFFER_TOO_SMALL);
  CHECK_STATUS(ride_decoder_decode_buffer(decoder, NULL, decoded, (size_t)-1, pixels.size), RIDE_BUFFER_TOO_SMALL);
  CHECK_STATUS(ride_decoder_decode_buffer(decoder, NULL, decoded, kGoldenWidth + 2, pixels.size + 126), RIDE_OK);
  {
    uint32_t r;
    for (r = 0; r < kGoldenHeight; ++r) {
      CHECK(memcmp(decoded + r * (kGoldenWidth + 2), pixels.data + r * kGoldenWidth, kGoldenWidth) == 0);
    }
  }
  /* A decoder decodes once. */
  CHECK_STATUS(ride_decoder_decode_buffer(decoder, NULL, decoded, kGoldenWidth, pixels.size), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_decoder_decode(decoder, NULL, TakeRows, &rows), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_decoder_last_error(decoder), "decoded its file already");
  CHECK(rows.next_row == 0);
  CHECK(strcmp(ride_decoder_last_error(NULL), "") == 0);
  ride_decoder_destroy(decoder);
  ride_decoder_destroy(NULL);
  free(rows.pixels);
  free(decoded);
  FreeBytes(&pixels);
  FreeBytes(&rim);
}

/* Opens `file` through the read callback and, if that works, decodes it: the first failure. */
static ride_status OpenAndDecodeStreamed(const uint8_t* data, size_t size, const ride_decode_options* options,
                                         int fail_at_read, int* failed_at_open) {
  Source source = NewSource(data, size, 13);
  ride_decoder* decoder = NULL;
  RowsOut rows = NewRowsOut(kGoldenWidth, kGoldenHeight);
  ride_status status;
  source.fail_at_call = fail_at_read;
  status = ride_decoder_open(ReadFromSource, &source, options, &decoder);
  *failed_at_open = status != RIDE_OK;
  if (status == RIDE_OK) status = ride_decoder_decode(decoder, NULL, TakeRows, &rows);
  if (status != RIDE_OK && decoder != NULL) CHECK(strcmp(ride_decoder_last_error(decoder), ride_last_error()) == 0);
  ride_decoder_destroy(decoder);
  free(rows.pixels);
  return status;
}

static ride_status OpenAndDecodeMemory(const uint8_t* data, size_t size, const ride_decode_options* options,
                                       int* failed_at_open) {
  ride_decoder* decoder = NULL;
  uint8_t* pixels = (uint8_t*)malloc(kGoldenWidth * kGoldenHeight);
  ride_status status = ride_decoder_open_memory(data, size, options, &decoder);
  *failed_at_open = status != RIDE_OK;
  if (status == RIDE_OK) {
    status = ride_decoder_decode_buffer(decoder, NULL, pixels, kGoldenWidth, kGoldenWidth * kGoldenHeight);
  }
  ride_decoder_destroy(decoder);
  free(pixels);
  return status;
}

static void TruncatedAndCorruptFilesFailClearly(void) {
  Bytes rim = GoldenRim();
  uint8_t* copy = (uint8_t*)malloc(rim.size + 16);
  int at_open = 0;
  size_t length;
  ride_decode_options options;

  /* Truncated: in the framing, in the header, in the lanes. Memory refuses at open (it sees the
   * size); a stream knows only at decode once the header is whole. */
  {
    const size_t lengths[] = {0, 5, 13, 40, 89, 90, 91, 2000, 4558};
    size_t i;
    for (i = 0; i < sizeof lengths / sizeof lengths[0]; ++i) {
      length = lengths[i];
      CHECK_STATUS(OpenAndDecodeMemory(rim.data, length, NULL, &at_open), RIDE_TRUNCATED);
      CHECK(at_open);
      CHECK_STATUS(OpenAndDecodeStreamed(rim.data, length, NULL, 0, &at_open), RIDE_TRUNCATED);
      CHECK(at_open == (length < 90));
    }
  }
  /* Corrupt: the signature, a header byte (header checksum), a lane byte (range decoder or pixel
   * checksum), bytes after the last lane. */
  memcpy(copy, rim.data, rim.size);
  copy[0] = 'X';
  CHECK_STATUS(OpenAndDecodeMemory(copy, rim.size, NULL, &at_open), RIDE_CORRUPT);
  CHECK_CONTAINS(ride_last_error(), "signature");
  CHECK_STATUS(OpenAndDecodeStreamed(copy, rim.size, NULL, 0, &at_open), RIDE_CORRUPT);
  CHECK(at_open);
  memcpy(copy, rim.data, rim.size);
  copy[20] ^= 0x01;
  CHECK_STATUS(OpenAndDecodeMemory(copy, rim.size, NULL, &at_open), RIDE_CORRUPT);
  CHECK_CONTAINS(ride_last_error(), "header checksum");
  CHECK_STATUS(OpenAndDecodeStreamed(copy, rim.size, NULL, 0, &at_open), RIDE_CORRUPT);
  CHECK(at_open);
  /* The last lane's last byte: the lane decodes to other pixels, which the checksum catches. */
  memcpy(copy, rim.data, rim.size);
  copy[rim.size - 1] ^= 0x10;
  CHECK_STATUS(OpenAndDecodeMemory(copy, rim.size, NULL, &at_open), RIDE_CORRUPT);
  CHECK(!at_open);
  CHECK_CONTAINS(ride_last_error(), "pixel checksum mismatch");
  CHECK_STATUS(OpenAndDecodeStreamed(copy, rim.size, NULL, 0, &at_open), RIDE_CORRUPT);
  CHECK(!at_open);
  /* A byte inside a lane: the range decoder runs out of that lane's bytes (range_coder.md calls it
   * truncated); never success. */
  memcpy(copy, rim.data, rim.size);
  copy[2000] ^= 0x10;
  CHECK_STATUS(OpenAndDecodeMemory(copy, rim.size, NULL, &at_open), RIDE_TRUNCATED);
  CHECK_CONTAINS(ride_last_error(), "lane 6");
  CHECK_STATUS(OpenAndDecodeStreamed(copy, rim.size, NULL, 0, &at_open), RIDE_TRUNCATED);
  CHECK(!at_open);
  memcpy(copy, rim.data, rim.size);
  copy[rim.size] = 0;
  CHECK_STATUS(OpenAndDecodeMemory(copy, rim.size + 1, NULL, &at_open), RIDE_CORRUPT);
  CHECK(at_open);
  CHECK_STATUS(OpenAndDecodeStreamed(copy, rim.size + 1, NULL, 0, &at_open), RIDE_CORRUPT);
  CHECK(!at_open);
  CHECK_CONTAINS(ride_last_error(), "after the last lane");

  /* A limit on the file's size refuses it before it is read. */
  ride_decode_options_init(&options);
  options.max_file_bytes = rim.size - 1;
  CHECK_STATUS(OpenAndDecodeMemory(rim.data, rim.size, &options, &at_open), RIDE_RESOURCE_EXHAUSTED);
  CHECK(at_open);
  CHECK_STATUS(OpenAndDecodeStreamed(rim.data, rim.size, &options, 0, &at_open), RIDE_RESOURCE_EXHAUSTED);
  CHECK(at_open);
  CHECK_CONTAINS(ride_last_error(), "max_file_bytes");

  /* A read callback that fails: while the header is read, and while the lanes are. */
  CHECK_STATUS(OpenAndDecodeStreamed(rim.data, rim.size, NULL, 1, &at_open), RIDE_CALLBACK_FAILED);
  CHECK(at_open);
  CHECK_CONTAINS(ride_last_error(), "read callback returned 3");
  CHECK_STATUS(OpenAndDecodeStreamed(rim.data, rim.size, NULL, 20, &at_open), RIDE_CALLBACK_FAILED);
  CHECK(!at_open);
  free(copy);
  FreeBytes(&rim);
}

static int ClaimTooMuch(void* user, uint8_t* buffer, size_t size, size_t* bytes_read) {
  (void)user;
  (void)buffer;
  *bytes_read = size + 1;
  return 0;
}

static void FailingDecodeCallbacksStopTheDecoder(void) {
  Bytes rim = GoldenRim();
  ride_decoder* decoder = NULL;
  RowsOut rows = NewRowsOut(kGoldenWidth, kGoldenHeight);
  CHECK_STATUS(ride_decoder_open(ClaimTooMuch, NULL, NULL, &decoder), RIDE_CALLBACK_FAILED);
  CHECK_CONTAINS(ride_last_error(), "claimed");
  rows.fail_at_row = 10;
  CHECK_STATUS(ride_decoder_open_memory(rim.data, rim.size, NULL, &decoder), RIDE_OK);
  CHECK_STATUS(ride_decoder_decode(decoder, NULL, TakeRows, &rows), RIDE_CALLBACK_FAILED);
  CHECK_CONTAINS(ride_decoder_last_error(decoder), "rows callback returned 6 at row 10");
  CHECK(rows.next_row == 10);
  ride_decoder_destroy(decoder);
  free(rows.pixels);
  FreeBytes(&rim);
}

static void FileMadeWithAnotherModelIsRefused(void) {
  Bytes other_bytes = OtherModelFile();
  Bytes rim = GoldenRim();
  ride_model* other = NULL;
  ride_model* builtin = OpenGoldenV1Model();
  ride_model_info other_info, builtin_info;
  ride_decoder* decoder = NULL;
  ride_file_info info;
  const uint32_t width = 25, height = 12;
  uint8_t* image = RandomImage(width, height, 8);
  uint8_t* decoded = (uint8_t*)malloc((size_t)width * height);
  ride_status status;
  Bytes file;
  uint8_t* golden_with_other;
  size_t needed = 0;

  CHECK_STATUS(ride_model_open_memory(other_bytes.data, other_bytes.size, RIDE_MODEL_COPY, &other), RIDE_OK);
  ride_model_info_init(&other_info);
  ride_model_info_init(&builtin_info);
  CHECK_STATUS(ride_model_describe(other, &other_info), RIDE_OK);
  CHECK_STATUS(ride_model_describe(builtin, &builtin_info), RIDE_OK);
  file = EncodeBuffer(other, image, width, height, NULL, &status);
  CHECK_STATUS(status, RIDE_OK);

  CHECK_STATUS(ride_decoder_open_memory(file.data, file.size, NULL, &decoder), RIDE_OK);
  ride_file_info_init(&info);
  CHECK_STATUS(ride_decoder_file_info(decoder, &info), RIDE_OK);
  CHECK(strcmp(info.builtin_model_name, "") == 0);
  CHECK(strcmp(info.model_fingerprint_hex, other_info.fingerprint_hex) == 0);
  /* No model: none built in has the file's fingerprint, which the message names. */
  CHECK_STATUS(ride_decoder_decode_buffer(decoder, NULL, decoded, width, (size_t)width * height), RIDE_MODEL_MISMATCH);
  CHECK_CONTAINS(ride_decoder_last_error(decoder), other_info.fingerprint_hex);
  /* The built-in model: both fingerprints named. */
  CHECK_STATUS(ride_decoder_decode_buffer(decoder, builtin, decoded, width, (size_t)width * height),
               RIDE_MODEL_MISMATCH);
  CHECK_CONTAINS(ride_decoder_last_error(decoder), other_info.fingerprint_hex);
  CHECK_CONTAINS(ride_decoder_last_error(decoder), builtin_info.fingerprint_hex);
  CHECK_STATUS(ride_decoder_memory_needed(decoder, builtin, &needed), RIDE_MODEL_MISMATCH);
  /* A refusal decodes nothing; the right model then decodes. */
  CHECK_STATUS(ride_decoder_decode_buffer(decoder, other, decoded, width, (size_t)width * height), RIDE_OK);
  CHECK(memcmp(decoded, image, (size_t)width * height) == 0);
  ride_decoder_destroy(decoder);

  /* The golden file, made with the built-in model, with the other one. */
  golden_with_other = DecodeMemory(other, &rim, &status);
  CHECK_STATUS(status, RIDE_MODEL_MISMATCH);
  CHECK(golden_with_other == NULL);

  ride_model_close(other);
  ride_model_close(builtin);
  free(image);
  free(decoded);
  FreeBytes(&file);
  FreeBytes(&rim);
  FreeBytes(&other_bytes);
}

static void EvaluationGivesTheCodersCosts(void) {
  Bytes pixels = GoldenPixels();
  ride_model* model = OpenDefault();
  float* bits = (float*)malloc(pixels.size * sizeof(float));
  RowsIn rows = NewRowsIn(pixels.data, kGoldenWidth);
  Costs costs;
  ride_eval_options options;
  ride_eval_stats stats;
  Progress progress;
  ride_encoder* encoder = NULL;
  ride_encode_stats encode_stats;
  Sink sink;
  double sum = 0;
  size_t i;
  memset(&costs, 0, sizeof costs);
  memset(&progress, 0, sizeof progress);
  memset(&sink, 0, sizeof sink);
  costs.bits = bits;
  costs.width = kGoldenWidth;
  costs.fail_at_row = -1;
  ride_eval_options_init(&options);
  options.progress = CountProgress;
  options.progress_user = &progress;
  ride_eval_stats_init(&stats);
  CHECK_STATUS(ride_evaluate(model, kGoldenWidth, kGoldenHeight, GiveRows, &rows, TakeCosts, &costs, &options, &stats),
               RIDE_OK);
  CHECK(costs.rows == kGoldenHeight && !costs.out_of_order);
  CHECK(stats.pixels == pixels.size);
  CHECK(stats.engine_memory_bytes > 0);
  CHECK(progress.last == kGoldenHeight && !progress.went_back);
  for (i = 0; i < pixels.size; ++i) sum += bits[i];
  CHECK(sum > 0.99 * stats.total_bits && sum < 1.01 * stats.total_bits);

  ride_encode_stats_init(&encode_stats);
  CHECK_STATUS(ride_encoder_create(model, kGoldenWidth, kGoldenHeight, NULL, &encoder), RIDE_OK);
  CHECK_STATUS(ride_encoder_encode_buffer(encoder, pixels.data, kGoldenWidth, WriteToSink, &sink, &encode_stats),
               RIDE_OK);
  ride_encoder_destroy(encoder);
  CHECK(encode_stats.model_bits > stats.total_bits * (1 - 1e-9) && encode_stats.model_bits < stats.total_bits * (1 + 1e-9));
  /* The file ride_encode writes, and what each adaptive component alone would have cost. */
  CHECK(stats.file_bytes == sink.bytes.size);
  {
    double weights = 0;
    uint32_t k;
    for (k = 0; k < RIDE_ADAPTIVE_COMPONENTS; ++k) {
      CHECK(stats.component_bits[k] > 0.5 * stats.total_bits && stats.component_bits[k] < 2 * stats.total_bits);
      weights += stats.component_weight[k];
    }
    CHECK(weights > 0.999 && weights < 1.001);
    CHECK(strcmp(ride_adaptive_component_name(0), "learned") == 0);
    CHECK(strcmp(ride_adaptive_component_name(2), "relative") == 0);
    CHECK(strcmp(ride_adaptive_component_name(RIDE_ADAPTIVE_COMPONENTS - 1), "order11") == 0);
    CHECK(ride_adaptive_component_name(RIDE_ADAPTIVE_COMPONENTS) == NULL);
  }

  /* Costs are optional; a total alone. */
  rows = NewRowsIn(pixels.data, kGoldenWidth);
  CHECK_STATUS(ride_evaluate(model, kGoldenWidth, kGoldenHeight, GiveRows, &rows, NULL, NULL, NULL, NULL), RIDE_OK);

  /* Errors. */
  CHECK_STATUS(ride_evaluate(NULL, kGoldenWidth, kGoldenHeight, GiveRows, &rows, NULL, NULL, NULL, NULL),
               RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_evaluate(model, kGoldenWidth, kGoldenHeight, NULL, &rows, NULL, NULL, NULL, NULL),
               RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_evaluate(model, 0, kGoldenHeight, GiveRows, &rows, NULL, NULL, NULL, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_evaluate(model, kGoldenWidth, 0, GiveRows, &rows, NULL, NULL, NULL, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_evaluate(model, 1u << 25, 4, GiveRows, &rows, NULL, NULL, NULL, NULL), RIDE_RESOURCE_EXHAUSTED);
  options.struct_size = 2;
  CHECK_STATUS(ride_evaluate(model, kGoldenWidth, kGoldenHeight, GiveRows, &rows, NULL, NULL, &options, NULL),
               RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "ride_eval_options");
  stats.struct_size = 2;
  CHECK_STATUS(ride_evaluate(model, kGoldenWidth, kGoldenHeight, GiveRows, &rows, NULL, NULL, NULL, &stats),
               RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "ride_eval_stats");
  /* Callbacks that fail. */
  rows = NewRowsIn(pixels.data, kGoldenWidth);
  costs.rows = 0;
  costs.fail_at_row = 20;
  CHECK_STATUS(ride_evaluate(model, kGoldenWidth, kGoldenHeight, GiveRows, &rows, TakeCosts, &costs, NULL, NULL),
               RIDE_CALLBACK_FAILED);
  CHECK_CONTAINS(ride_last_error(), "costs callback returned 4 at row 20");
  rows = NewRowsIn(pixels.data, kGoldenWidth);
  rows.fail_at_row = 30;
  CHECK_STATUS(ride_evaluate(model, kGoldenWidth, kGoldenHeight, GiveRows, &rows, NULL, NULL, NULL, NULL),
               RIDE_CALLBACK_FAILED);
  CHECK_CONTAINS(ride_last_error(), "rows callback returned 5 at row 30");

  /* The trusted components, row by row, without costs: on the photograph mostly the model. */
  {
    Trust trust;
    ride_eval_options with_trust;
    memset(&trust, 0, sizeof trust);
    trust.fail_at_row = -1;
    ride_eval_options_init(&with_trust);
    with_trust.trust = TakeTrust;
    with_trust.trust_user = &trust;
    rows = NewRowsIn(pixels.data, kGoldenWidth);
    CHECK_STATUS(ride_evaluate(model, kGoldenWidth, kGoldenHeight, GiveRows, &rows, NULL, NULL, &with_trust, NULL),
                 RIDE_OK);
    CHECK(trust.rows == kGoldenHeight && !trust.out_of_order && !trust.out_of_range);
    CHECK(trust.learned > trust.tied + trust.other);
    memset(&trust, 0, sizeof trust);
    trust.fail_at_row = 7;
    rows = NewRowsIn(pixels.data, kGoldenWidth);
    CHECK_STATUS(ride_evaluate(model, kGoldenWidth, kGoldenHeight, GiveRows, &rows, NULL, NULL, &with_trust, NULL),
                 RIDE_CALLBACK_FAILED);
    CHECK_CONTAINS(ride_last_error(), "trust callback returned 6 at row 7");
  }
  FreeBytes(&sink.bytes);
  free(bits);
  FreeBytes(&pixels);
  ride_model_close(model);
}

static void SamplesAreReproducibleFromTheSeed(void) {
  enum { kWidth = 24, kHeight = 16 };
  ride_model* model = OpenDefault();
  uint8_t a[kWidth * kHeight], b[kWidth * kHeight], c[kWidth * kHeight];
  ride_sample_options options;
  Progress progress;
  double bits_a = 0, bits_b = 0;
  uint32_t r;
  memset(&progress, 0, sizeof progress);
  ride_sample_options_init(&options);
  options.seed = 7;
  options.progress = CountProgress;
  options.progress_user = &progress;
  CHECK_STATUS(ride_sample(model, kWidth, kHeight, a, sizeof a, &options, &bits_a), RIDE_OK);
  CHECK(bits_a > 0);
  CHECK(progress.last == kHeight);
  options.threads = 2;
  CHECK_STATUS(ride_sample(model, kWidth, kHeight, b, sizeof b, &options, &bits_b), RIDE_OK);
  CHECK(memcmp(a, b, sizeof a) == 0);
  CHECK(bits_a == bits_b);
  options.seed = 8;
  CHECK_STATUS(ride_sample(model, kWidth, kHeight, c, sizeof c, &options, NULL), RIDE_OK);
  CHECK(memcmp(a, c, sizeof a) != 0);
  /* Context: the top rows and left columns stay as given. */
  memset(c, 200, sizeof c);
  options.context_rows = 3;
  options.context_columns = 2;
  CHECK_STATUS(ride_sample(model, kWidth, kHeight, c, sizeof c, &options, NULL), RIDE_OK);
  for (r = 0; r < kHeight; ++r) {
    uint32_t col;
    for (col = 0; col < kWidth; ++col) {
      if (r < 3 || col < 2) CHECK(c[r * kWidth + col] == 200);
    }
  }
  /* Errors. */
  ride_sample_options_init(&options);
  CHECK_STATUS(ride_sample(NULL, kWidth, kHeight, a, sizeof a, NULL, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_sample(model, kWidth, kHeight, NULL, sizeof a, NULL, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_sample(model, kWidth, kHeight, a, sizeof a - 1, NULL, NULL), RIDE_BUFFER_TOO_SMALL);
  CHECK_STATUS(ride_sample(model, 0, kHeight, a, sizeof a, NULL, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_sample(model, RIDE_MAX_SAMPLE_SIDE + 1, 1, a, sizeof a, NULL, NULL), RIDE_RESOURCE_EXHAUSTED);
  options.threads = 0;
  CHECK_STATUS(ride_sample(model, kWidth, kHeight, a, sizeof a, &options, NULL), RIDE_INVALID_ARGUMENT);
  options.struct_size = 1;
  CHECK_STATUS(ride_sample(model, kWidth, kHeight, a, sizeof a, &options, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "ride_sample_options");
  ride_model_close(model);
}

typedef struct InpaintCounts {
  uint32_t fills;
  uint32_t sweeps;
  uint32_t last_sweep;
} InpaintCounts;

static void CountFill(void* user, uint32_t candidate, uint32_t candidates, double bits) {
  InpaintCounts* counts = (InpaintCounts*)user;
  (void)candidates;
  if (candidate == counts->fills + 1 && bits > 0) ++counts->fills;
}

static void CountSweep(void* user, uint32_t sweep, uint32_t sweeps, uint64_t proposals, uint64_t accepted) {
  InpaintCounts* counts = (InpaintCounts*)user;
  (void)sweeps;
  if (accepted <= proposals) ++counts->sweeps;
  counts->last_sweep = sweep;
}

static void InpaintingFillsOnlyTheMask(void) {
  Bytes pixels = GoldenPixels();
  ride_model* model = OpenDefault();
  uint8_t* mask = (uint8_t*)calloc(pixels.size, 1);
  uint8_t* first = (uint8_t*)malloc(pixels.size);
  uint8_t* second = (uint8_t*)malloc(pixels.size);
  ride_inpaint_options options;
  ride_inpaint_stats stats;
  InpaintCounts counts;
  size_t i;
  uint32_t r, c;
  for (r = 20; r < 30; ++r) {
    for (c = 40; c < 50; ++c) mask[r * kGoldenWidth + c] = 1;
  }
  memcpy(first, pixels.data, pixels.size);
  memcpy(second, pixels.data, pixels.size);
  memset(&counts, 0, sizeof counts);
  ride_inpaint_options_init(&options);
  options.seed = 3;
  options.sweeps = 2;
  options.candidates = 2;
  options.on_initial_fill = CountFill;
  options.on_sweep = CountSweep;
  options.observer_user = &counts;
  ride_inpaint_stats_init(&stats);
  CHECK_STATUS(ride_inpaint(model, kGoldenWidth, kGoldenHeight, first, mask, pixels.size, &options, &stats), RIDE_OK);
  CHECK(stats.masked == 100);
  CHECK(stats.proposals > 0 && stats.accepted <= stats.proposals);
  CHECK(stats.initial_bits > 0);
  CHECK(counts.fills == 2 && counts.sweeps == 2 && counts.last_sweep == 2);
  for (i = 0; i < pixels.size; ++i) {
    if (mask[i] == 0) CHECK(first[i] == pixels.data[i]);
  }
  options.threads = 2;
  CHECK_STATUS(ride_inpaint(model, kGoldenWidth, kGoldenHeight, second, mask, pixels.size, &options, NULL), RIDE_OK);
  CHECK(memcmp(first, second, pixels.size) == 0);
  /* Errors. */
  CHECK_STATUS(ride_inpaint(NULL, kGoldenWidth, kGoldenHeight, first, mask, pixels.size, NULL, NULL),
               RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_inpaint(model, kGoldenWidth, kGoldenHeight, NULL, mask, pixels.size, NULL, NULL),
               RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_inpaint(model, kGoldenWidth, kGoldenHeight, first, NULL, pixels.size, NULL, NULL),
               RIDE_INVALID_ARGUMENT);
  CHECK_STATUS(ride_inpaint(model, kGoldenWidth, kGoldenHeight, first, mask, pixels.size - 1, NULL, NULL),
               RIDE_BUFFER_TOO_SMALL);
  CHECK_STATUS(ride_inpaint(model, 0, kGoldenHeight, first, mask, pixels.size, NULL, NULL), RIDE_INVALID_ARGUMENT);
  ride_inpaint_options_init(&options);
  options.sweeps = 100001;
  CHECK_STATUS(ride_inpaint(model, kGoldenWidth, kGoldenHeight, first, mask, pixels.size, &options, NULL),
               RIDE_INVALID_ARGUMENT);
  ride_inpaint_options_init(&options);
  options.candidates = 0;
  CHECK_STATUS(ride_inpaint(model, kGoldenWidth, kGoldenHeight, first, mask, pixels.size, &options, NULL),
               RIDE_INVALID_ARGUMENT);
  ride_inpaint_options_init(&options);
  options.threads = RIDE_MAX_THREADS + 1;
  CHECK_STATUS(ride_inpaint(model, kGoldenWidth, kGoldenHeight, first, mask, pixels.size, &options, NULL),
               RIDE_INVALID_ARGUMENT);
  options.struct_size = 0;
  CHECK_STATUS(ride_inpaint(model, kGoldenWidth, kGoldenHeight, first, mask, pixels.size, &options, NULL),
               RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "ride_inpaint_options");
  stats.struct_size = 0;
  CHECK_STATUS(ride_inpaint(model, kGoldenWidth, kGoldenHeight, first, mask, pixels.size, NULL, &stats),
               RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "ride_inpaint_stats");
  free(mask);
  free(first);
  free(second);
  FreeBytes(&pixels);
  ride_model_close(model);
}

/* ---- errors are kept per thread and per handle ---- */

static void* FailOnAnotherThread(void* unused) {
  ride_model* model = NULL;
  (void)unused;
  if (ride_model_open_builtin("from-another-thread", &model) != RIDE_INVALID_ARGUMENT) return (void*)1;
  if (strstr(ride_last_error(), "from-another-thread") == NULL) return (void*)1;
  return NULL;
}

static void ErrorsAreKeptPerThreadAndPerHandle(void) {
  ride_model* model = NULL;
  ride_encoder* first = NULL;
  ride_encoder* second = NULL;
  pthread_t thread;
  void* thread_result = (void*)1;
  uint8_t pixels[4] = {0, 0, 0, 0};
  Sink sink;
  memset(&sink, 0, sizeof sink);
  CHECK_STATUS(ride_model_open_builtin("on-this-thread", &model), RIDE_INVALID_ARGUMENT);
  CHECK(pthread_create(&thread, NULL, FailOnAnotherThread, NULL) == 0);
  CHECK(pthread_join(thread, &thread_result) == 0);
  CHECK(thread_result == NULL);
  CHECK_CONTAINS(ride_last_error(), "on-this-thread");

  model = OpenDefault();
  CHECK_STATUS(ride_encoder_create(model, 2, 2, NULL, &first), RIDE_OK);
  CHECK_STATUS(ride_encoder_create(model, 2, 2, NULL, &second), RIDE_OK);
  CHECK(strcmp(ride_encoder_last_error(first), "") == 0);
  CHECK_STATUS(ride_encoder_encode_buffer(first, pixels, 1, WriteToSink, &sink, NULL), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_encoder_last_error(first), "stride 1");
  CHECK(strcmp(ride_encoder_last_error(second), "") == 0);
  /* A later success leaves the handle's last failure, and a failure elsewhere does not touch it. */
  CHECK_STATUS(ride_encoder_encode_buffer(second, pixels, 2, WriteToSink, &sink, NULL), RIDE_OK);
  CHECK_STATUS(ride_model_open_builtin("elsewhere", NULL), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_encoder_last_error(first), "stride 1");
  CHECK(strcmp(ride_encoder_last_error(second), "") == 0);
  CHECK_CONTAINS(ride_last_error(), "ride_model_open_builtin");
  ride_encoder_destroy(first);
  ride_encoder_destroy(second);
  FreeBytes(&sink.bytes);
  ride_model_close(model);
}


/* ------------------------------------------------------------------------------------------------
 * Container version 2: groups read as they come, metadata, depths, stored groups
 */

static void CurrentFileStreamsAGroupAtATime(void) {
  Bytes pixels = GoldenPixels();
  Bytes rim = GoldenRimCurrent();
  ride_decoder* decoder = NULL;
  ride_file_info info;
  RowsOut rows = NewRowsOut(kGoldenWidth, kGoldenHeight);
  Source source = NewSource(rim.data, rim.size, 7);
  uint32_t m;

  /* At open: the header and the head of group 0's block (kind, two-byte size), nothing more. */
  CHECK_STATUS(ride_decoder_open(ReadFromSource, &source, NULL, &decoder), RIDE_OK);
  CHECK(source.position == 59 + 3);
  ride_file_info_init(&info);
  CHECK_STATUS(ride_decoder_file_info(decoder, &info), RIDE_OK);
  CHECK(info.container_version == 3 && info.header_bytes == 59);
  CHECK(info.layout == RIDE_LAYOUT_GRAY && info.channels == 1 && info.maxval == 255 && info.bit_depth == 8);
  CHECK(info.source_format == RIDE_SOURCE_PGM);
  CHECK(info.lanes == 16 && info.group_rows == 64 && info.groups == 1);
  for (m = 0; m < RIDE_METHOD_SLOTS; ++m) CHECK(info.method_groups[m] == 0);
  CHECK(info.file_bytes == 0 && info.pixel_checksum == 0 && info.metadata_count == 0);
  CHECK(strcmp(info.builtin_model_name, "gray-ride-v1") == 0);
  CHECK_STATUS(ride_decoder_decode(decoder, NULL, TakeRows, &rows), RIDE_OK);
  CHECK(memcmp(rows.pixels, pixels.data, pixels.size) == 0);
  CHECK(source.position == rim.size);
  CHECK_STATUS(ride_decoder_file_info(decoder, &info), RIDE_OK);
  CHECK(info.file_bytes == rim.size && info.method_groups[RIDE_METHOD_ADAPTIVE] == 1);
  CHECK(info.pixel_checksum == 0xc5096baf1df26d8full); /* the same pixels as 0.1.0's file */
  ride_decoder_destroy(decoder);

  /* From memory, everything is known at open (this release codes the group with the adaptive
   * method). A version-1 file is one model group. */
  CHECK_STATUS(ride_decoder_open_memory(rim.data, rim.size, NULL, &decoder), RIDE_OK);
  CHECK_STATUS(ride_decoder_file_info(decoder, &info), RIDE_OK);
  CHECK(info.file_bytes == rim.size && info.method_groups[RIDE_METHOD_ADAPTIVE] == 1 &&
        info.pixel_checksum == 0xc5096baf1df26d8full);
  ride_decoder_destroy(decoder);
  FreeBytes(&rim);
  rim = GoldenRim();
  CHECK_STATUS(ride_decoder_open_memory(rim.data, rim.size, NULL, &decoder), RIDE_OK);
  CHECK_STATUS(ride_decoder_file_info(decoder, &info), RIDE_OK);
  CHECK(info.container_version == 1 && info.layout == RIDE_LAYOUT_GRAY && info.maxval == 255);
  CHECK(info.source_format == RIDE_SOURCE_UNSPECIFIED && info.group_rows == kGoldenHeight && info.groups == 1);
  CHECK(info.method_groups[RIDE_METHOD_MODEL] == 1 && info.method_groups[RIDE_METHOD_STORED] == 0);
  ride_decoder_destroy(decoder);
  free(rows.pixels);
  FreeBytes(&pixels);
  FreeBytes(&rim);
}

typedef struct Trailing {
  ride_metadata blocks[1];
  int result;
  int calls;
} Trailing;

static int GiveTrailing(void* user, const ride_metadata** blocks, size_t* count) {
  Trailing* trailing = (Trailing*)user;
  ++trailing->calls;
  *blocks = trailing->blocks;
  *count = 1;
  return trailing->result;
}

static ride_metadata Metadata(const char* tag, uint32_t placement, const char* data, size_t size) {
  ride_metadata block;
  memcpy(block.tag, tag, 4);
  block.placement = placement;
  block.data = (const uint8_t*)data;
  block.size = size;
  return block;
}

static void CheckMetadata(const ride_decoder* decoder, size_t index, const char* tag, uint32_t placement,
                          const char* data, size_t size) {
  ride_metadata block;
  CHECK_STATUS(ride_decoder_metadata(decoder, index, &block), RIDE_OK);
  CHECK(memcmp(block.tag, tag, 4) == 0 && block.placement == placement && block.size == size);
  CHECK(size == 0 || memcmp(block.data, data, size) == 0);
}

static void MetadataIsKeptVerbatimInOrder(void) {
  ride_model* model = OpenDefault();
  uint8_t* image = RandomImage(40, 30, 4);
  ride_metadata blocks[3];
  Trailing trailing;
  ride_encode_options options;
  ride_encoder* encoder = NULL;
  ride_decoder* decoder = NULL;
  ride_file_info info;
  RowsOut rows = NewRowsOut(40, 30);
  Source source;
  Sink sink;
  ride_metadata block;
  ride_status status;
  int stream;

  blocks[0] = Metadata("iCCP", RIDE_METADATA_BEFORE_IMAGE, "profile\0data", 12);
  blocks[1] = Metadata("zTXt", RIDE_METADATA_AFTER_IMAGE, "late", 4);
  blocks[2] = Metadata("pHYs", RIDE_METADATA_BEFORE_IMAGE, "", 0);
  trailing.blocks[0] = Metadata("tEXt", RIDE_METADATA_BEFORE_IMAGE, "Comment\0end", 11);
  trailing.result = 0;
  trailing.calls = 0;
  ride_encode_options_init(&options);
  options.metadata = blocks;
  options.metadata_count = 3;
  options.trailing_metadata = GiveTrailing;
  options.trailing_metadata_user = &trailing;
  options.group_rows = 16;
  memset(&sink, 0, sizeof sink);
  CHECK_STATUS(ride_encoder_create(model, 40, 30, &options, &encoder), RIDE_OK);
  memset(blocks, 0, sizeof blocks); /* copied at create */
  CHECK_STATUS(ride_encoder_encode_buffer(encoder, image, 40, WriteToSink, &sink, NULL), RIDE_OK);
  CHECK(trailing.calls == 1);
  ride_encoder_destroy(encoder);

  for (stream = 0; stream <= 1; ++stream) {
    source = NewSource(sink.bytes.data, sink.bytes.size, 5);
    if (stream) {
      CHECK_STATUS(ride_decoder_open(ReadFromSource, &source, NULL, &decoder), RIDE_OK);
    } else {
      CHECK_STATUS(ride_decoder_open_memory(sink.bytes.data, sink.bytes.size, NULL, &decoder), RIDE_OK);
    }
    ride_file_info_init(&info);
    CHECK_STATUS(ride_decoder_file_info(decoder, &info), RIDE_OK);
    /* Before the image: known at open either way. After it: from memory at once, streamed at the end. */
    CHECK(info.metadata_count == (stream ? 2u : 4u));
    CheckMetadata(decoder, 0, "iCCP", RIDE_METADATA_BEFORE_IMAGE, "profile\0data", 12);
    CheckMetadata(decoder, 1, "pHYs", RIDE_METADATA_BEFORE_IMAGE, "", 0);
    if (stream) {
      CHECK_STATUS(ride_decoder_metadata(decoder, 2, &block), RIDE_INVALID_ARGUMENT);
      CHECK_CONTAINS(ride_decoder_last_error(decoder), "metadata block 2: the file has 2 so far");
    }
    rows.next_row = 0;
    CHECK_STATUS(ride_decoder_decode(decoder, NULL, TakeRows, &rows), RIDE_OK);
    CHECK(memcmp(rows.pixels, image, 40 * 30) == 0);
    CHECK_STATUS(ride_decoder_file_info(decoder, &info), RIDE_OK);
    CHECK(info.metadata_count == 4 && info.groups == 2);
    CheckMetadata(decoder, 2, "zTXt", RIDE_METADATA_AFTER_IMAGE, "late", 4);
    CheckMetadata(decoder, 3, "tEXt", RIDE_METADATA_AFTER_IMAGE, "Comment\0end", 11);
    CHECK_STATUS(ride_decoder_metadata(decoder, 4, &block), RIDE_INVALID_ARGUMENT);
    CHECK_STATUS(ride_decoder_metadata(decoder, 0, NULL), RIDE_INVALID_ARGUMENT);
    CHECK_STATUS(ride_decoder_metadata(NULL, 0, &block), RIDE_INVALID_ARGUMENT);
    ride_decoder_destroy(decoder);
  }

  /* Refusals: a placement that does not exist, blocks without an array or data, too many, and a
   * failing callback. */
  ride_encode_options_init(&options);
  blocks[0] = Metadata("tEXt", 2, "x", 1);
  options.metadata = blocks;
  options.metadata_count = 1;
  CHECK_STATUS(ride_encoder_create(model, 40, 30, &options, &encoder), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "metadata block 0: placement 2");
  blocks[0] = Metadata("tEXt", RIDE_METADATA_BEFORE_IMAGE, NULL, 3);
  CHECK_STATUS(ride_encoder_create(model, 40, 30, &options, &encoder), RIDE_INVALID_ARGUMENT);
  options.metadata = NULL;
  CHECK_STATUS(ride_encoder_create(model, 40, 30, &options, &encoder), RIDE_INVALID_ARGUMENT);
  options.metadata = blocks;
  options.metadata_count = RIDE_MAX_METADATA_BLOCKS + 1;
  CHECK_STATUS(ride_encoder_create(model, 40, 30, &options, &encoder), RIDE_RESOURCE_EXHAUSTED);
  CHECK(encoder == NULL);
  ride_encode_options_init(&options);
  options.trailing_metadata = GiveTrailing;
  options.trailing_metadata_user = &trailing;
  trailing.result = 9;
  sink.bytes.size = 0;
  CHECK_STATUS(ride_encoder_create(model, 40, 30, &options, &encoder), RIDE_OK);
  status = ride_encoder_encode_buffer(encoder, image, 40, WriteToSink, &sink, NULL);
  CHECK_STATUS(status, RIDE_CALLBACK_FAILED);
  CHECK_CONTAINS(ride_encoder_last_error(encoder), "trailing_metadata callback returned 9");
  ride_encoder_destroy(encoder);

  free(rows.pixels);
  FreeBytes(&sink.bytes);
  free(image);
  ride_model_close(model);
}

static void SamplesOfAnyMaxvalComeBackExactly(void) {
  ride_model* model = OpenDefault();
  uint8_t* image = RandomImage(33, 21, 5);
  uint8_t* decoded;
  ride_encode_options options;
  ride_encoder* encoder = NULL;
  ride_decoder* decoder = NULL;
  ride_file_info info;
  ride_status status;
  Bytes file;
  Sink sink;
  size_t i;
  for (i = 0; i < 33 * 21; ++i) image[i] = (uint8_t)(image[i] % 16);
  ride_encode_options_init(&options);
  options.maxval = 15;
  options.source_format = RIDE_SOURCE_PGM;
  file = EncodeBuffer(model, image, 33, 21, &options, &status);
  CHECK_STATUS(status, RIDE_OK);
  CHECK_STATUS(ride_decoder_open_memory(file.data, file.size, NULL, &decoder), RIDE_OK);
  ride_file_info_init(&info);
  CHECK_STATUS(ride_decoder_file_info(decoder, &info), RIDE_OK);
  CHECK(info.maxval == 15 && info.bit_depth == 4 && info.source_format == RIDE_SOURCE_PGM);
  ride_decoder_destroy(decoder);
  decoded = DecodeMemory(NULL, &file, &status);
  CHECK_STATUS(status, RIDE_OK);
  CHECK(decoded != NULL && memcmp(decoded, image, 33 * 21) == 0);
  free(decoded);
  FreeBytes(&file);

  /* A sample above maxval, and options that do not exist or that no model serves yet. */
  image[5 * 33 + 3] = 16;
  memset(&sink, 0, sizeof sink);
  CHECK_STATUS(ride_encoder_create(model, 33, 21, &options, &encoder), RIDE_OK);
  CHECK_STATUS(ride_encoder_encode_buffer(encoder, image, 33, WriteToSink, &sink, NULL), RIDE_INVALID_ARGUMENT);
  FreeBytes(&sink.bytes);
  CHECK_CONTAINS(ride_encoder_last_error(encoder), "row 5, column 3: sample 16 exceeds maxval 15");
  ride_encoder_destroy(encoder);
  options.maxval = 0;
  CHECK_STATUS(ride_encoder_create(model, 33, 21, &options, &encoder), RIDE_INVALID_ARGUMENT);
  options.maxval = 256;
  CHECK_STATUS(ride_encoder_create(model, 33, 21, &options, &encoder), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "maxval 256 outside 1..255");
  options.maxval = 255;
  options.layout = RIDE_LAYOUT_RGB;
  CHECK_STATUS(ride_encoder_create(model, 33, 21, &options, &encoder), RIDE_INVALID_ARGUMENT);
  CHECK_CONTAINS(ride_last_error(), "the image is RGB but the model codes gray");
  options.layout = 9;
  CHECK_STATUS(ride_encoder_create(model, 33, 21, &options, &encoder), RIDE_INVALID_ARGUMENT);
  options.layout = RIDE_LAYOUT_GRAY;
  options.source_format = 6;
  CHECK_STATUS(ride_encoder_memory_needed(model, 33, 21, &options, &i), RIDE_INVALID_ARGUMENT);
  CHECK(encoder == NULL);
  free(image);
  ride_model_close(model);
}

static void NoiseIsStoredAndNeverExpands(void) {
  ride_model* model = OpenDefault();
  const uint32_t width = 128, height = 96;
  uint8_t* noise = (uint8_t*)malloc((size_t)width * height);
  uint32_t state = 77;
  ride_encoder* encoder = NULL;
  ride_encode_stats stats;
  Sink sink;
  uint8_t* decoded;
  ride_status status;
  size_t i;
  for (i = 0; i < (size_t)width * height; ++i) {
    state = state * 1664525u + 1013904223u;
    noise[i] = (uint8_t)(state >> 24);
  }
  memset(&sink, 0, sizeof sink);
  ride_encode_stats_init(&stats);
  CHECK_STATUS(ride_encoder_create(model, width, height, NULL, &encoder), RIDE_OK);
  CHECK_STATUS(ride_encoder_encode_buffer(encoder, noise, width, WriteToSink, &sink, &stats), RIDE_OK);
  ride_encoder_destroy(encoder);
  CHECK(stats.groups == 1 && stats.stored_groups == 1);
  CHECK(stats.model_bits > 8.0 * width * height);
  /* The samples, the header (59), the group block's head and method (4), the end block (18). */
  CHECK(sink.bytes.size == (size_t)width * height + 59 + 4 + 18);
  decoded = DecodeMemory(NULL, &sink.bytes, &status);
  CHECK_STATUS(status, RIDE_OK);
  CHECK(decoded != NULL && memcmp(decoded, noise, (size_t)width * height) == 0);
  free(decoded);
  FreeBytes(&sink.bytes);
  free(noise);
  ride_model_close(model);
}

static void Version2StreamsCutShortOrDamagedFail(void) {
  Bytes rim = GoldenRimCurrent();
  uint8_t* copy = (uint8_t*)malloc(rim.size);
  const size_t lengths[] = {59, 60, 62, 100, 2000, 4563, 4564, 4581};
  size_t i;
  for (i = 0; i < sizeof lengths / sizeof lengths[0]; ++i) {
    ride_decoder* decoder = NULL;
    RowsOut rows = NewRowsOut(kGoldenWidth, kGoldenHeight);
    Source source = NewSource(rim.data, lengths[i], 0);
    ride_status status = ride_decoder_open(ReadFromSource, &source, NULL, &decoder);
    if (status == RIDE_OK) status = ride_decoder_decode(decoder, NULL, TakeRows, &rows);
    CHECK_STATUS(status, RIDE_TRUNCATED);
    ride_decoder_destroy(decoder);
    CHECK(ride_decoder_open_memory(rim.data, lengths[i], NULL, &decoder) == RIDE_TRUNCATED && decoder == NULL);
    free(rows.pixels);
  }
  /* A flipped bit in the lanes, in a lane length, in the checksums: corrupt, from a stream too. */
  {
    const size_t offsets[] = {63, 65, 2000, 4500, 4570, 4580};
    for (i = 0; i < sizeof offsets / sizeof offsets[0]; ++i) {
      ride_decoder* decoder = NULL;
      RowsOut rows = NewRowsOut(kGoldenWidth, kGoldenHeight);
      Source source;
      ride_status status;
      memcpy(copy, rim.data, rim.size);
      copy[offsets[i]] ^= 0x10;
      source = NewSource(copy, rim.size, 0);
      status = ride_decoder_open(ReadFromSource, &source, NULL, &decoder);
      if (status == RIDE_OK) status = ride_decoder_decode(decoder, NULL, TakeRows, &rows);
      CHECK(status == RIDE_CORRUPT || status == RIDE_TRUNCATED);
      if (status != RIDE_CORRUPT && status != RIDE_TRUNCATED) fprintf(stderr, "offset %u\n", (unsigned)offsets[i]);
      ride_decoder_destroy(decoder);
      free(rows.pixels);
    }
  }
  free(copy);
  FreeBytes(&rim);
}

/* ------------------------------------------------------------------------------------------------
 * The program
 */

typedef struct Case {
  const char* name;
  void (*run)(void);
} Case;

static const Case kCases[] = {
    {"VersionsAndNames", VersionsAndNames},
    {"BuiltinModels", BuiltinModels},
    {"ModelErrors", ModelErrors},
    {"ModelsInPlaceAndCopiedGiveTheSameResults", ModelsInPlaceAndCopiedGiveTheSameResults},
    {"GoldenFileEncodesToTheSameBytes", GoldenFileEncodesToTheSameBytes},
    {"GoldenFileDecodesToThePixels", GoldenFileDecodesToThePixels},
    {"RoundTripThroughTheCallbacks", RoundTripThroughTheCallbacks},
    {"EncoderErrors", EncoderErrors},
    {"FailingEncodeCallbacksStopTheEncoder", FailingEncodeCallbacksStopTheEncoder},
    {"EncoderMemoryIsReportedAndCanBeTheCallers", EncoderMemoryIsReportedAndCanBeTheCallers},
    {"DecoderMemoryIsReportedAndCanBeTheCallers", DecoderMemoryIsReportedAndCanBeTheCallers},
    {"DecoderErrors", DecoderErrors},
    {"TruncatedAndCorruptFilesFailClearly", TruncatedAndCorruptFilesFailClearly},
    {"FailingDecodeCallbacksStopTheDecoder", FailingDecodeCallbacksStopTheDecoder},
    {"FileMadeWithAnotherModelIsRefused", FileMadeWithAnotherModelIsRefused},
    {"EvaluationGivesTheCodersCosts", EvaluationGivesTheCodersCosts},
    {"SamplesAreReproducibleFromTheSeed", SamplesAreReproducibleFromTheSeed},
    {"InpaintingFillsOnlyTheMask", InpaintingFillsOnlyTheMask},
    {"ErrorsAreKeptPerThreadAndPerHandle", ErrorsAreKeptPerThreadAndPerHandle},
    {"CurrentFileStreamsAGroupAtATime", CurrentFileStreamsAGroupAtATime},
    {"MetadataIsKeptVerbatimInOrder", MetadataIsKeptVerbatimInOrder},
    {"SamplesOfAnyMaxvalComeBackExactly", SamplesOfAnyMaxvalComeBackExactly},
    {"NoiseIsStoredAndNeverExpands", NoiseIsStoredAndNeverExpands},
    {"Version2StreamsCutShortOrDamagedFail", Version2StreamsCutShortOrDamagedFail},
};
enum { kCaseCount = sizeof kCases / sizeof kCases[0] };

static int RunCase(const Case* test) {
  const int before = g_failures;
  test->run();
  printf("%s %s\n", g_failures == before ? "PASS" : "FAIL", test->name);
  return g_failures == before;
}

static const Case* FindCase(const char* name) {
  int i;
  for (i = 0; i < kCaseCount; ++i) {
    if (strcmp(kCases[i].name, name) == 0) return &kCases[i];
  }
  return NULL;
}

int main(int argc, char** argv) {
  int i;
  if (argc == 2 && strcmp(argv[1], "--list") == 0) {
    for (i = 0; i < kCaseCount; ++i) printf("%s\n", kCases[i].name);
    return 0;
  }
  if (argc >= 2 && strcmp(argv[1], "--registered") == 0) {
    /* Every case once, and nothing else. */
    int found = 0;
    for (i = 2; i < argc; ++i) {
      if (FindCase(argv[i]) == NULL) {
        fprintf(stderr, "registered but unknown: %s\n", argv[i]);
        return 1;
      }
      ++found;
    }
    if (found != kCaseCount) {
      fprintf(stderr, "%d cases registered, the program has %d\n", found, (int)kCaseCount);
      return 1;
    }
    return 0;
  }
  if (argc == 1) {
    for (i = 0; i < kCaseCount; ++i) RunCase(&kCases[i]);
  } else {
    for (i = 1; i < argc; ++i) {
      const Case* test = FindCase(argv[i]);
      if (test == NULL) {
        fprintf(stderr, "no case named %s (--list shows them)\n", argv[i]);
        return 2;
      }
      RunCase(test);
    }
  }
  return g_failures == 0 ? 0 : 1;
}
