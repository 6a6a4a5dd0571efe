/* ride.h: the public C API of the ride runtime, a learned lossless image codec and generative image
 * model (RIDE: spatial LSTMs feeding a mixture of conditional Gaussian scale mixtures).
 *
 * This header and ride_version.h are the whole public surface; everything else may change. It
 * compiles as C99 and as C++17, and no exception or C++ type crosses it. docs/api.md walks through a
 * complete program.
 *
 * Conventions that hold for every function below:
 *   - Functions that can fail return a ride_status; RIDE_OK (0) is success. The few that cannot
 *     (versions, names, messages, destroy) return their value directly.
 *   - When a call fails, a message naming what was wrong is kept for the calling thread
 *     (ride_last_error) and, for calls on an encoder or decoder, in that handle as well
 *     (ride_encoder_last_error, ride_decoder_last_error). Messages start with the function's name
 *     ("ride_encoder_create: size 0x10: both sides must be at least 1"). On failure, output
 *     parameters are left as they were, except a handle pointer, which is set to NULL, and pixels
 *     a call was writing (it says so).
 *   - Handles are opaque. A ride_model is immutable once opened: any number of threads may use one
 *     model at the same time. An encoder or a decoder belongs to one thread at a time (the library
 *     runs its own worker threads inside a call, as options.threads asks).
 *   - Callbacks are called during the call that received them, possibly from the library's worker
 *     threads, but never two at once; they return 0 to go on, anything else to stop the call, which
 *     then fails with RIDE_CALLBACK_FAILED. They must not call back into the same handle.
 *   - Pointers the caller passes stay owned by the caller and need to live only for the call,
 *     unless a function says otherwise (ride_model_open_memory, ride_decoder_open_memory).
 *   - Options structs start with struct_size; initialise them with their ride_*_options_init
 *     function (inline, below), which sets the size and the defaults, then change what you need.
 *     A struct_size smaller than this version's struct is refused (RIDE_INVALID_ARGUMENT, naming
 *     the struct); a larger one (from a newer header) is accepted, and the fields this version
 *     does not know are ignored. The same holds for the results structs the library fills.
 *   - Pixels are gray samples of one byte, 0..maxval (255 unless an image says otherwise),
 *     row-major; `stride` is the byte distance between rows (at least the width).
 */
#ifndef RIDE_RIDE_H_
#define RIDE_RIDE_H_

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ride/ride_version.h"

#if defined(_WIN32) && defined(RIDE_SHARED_LIBRARY)
#define RIDE_API __declspec(dllimport)
#elif defined(__GNUC__)
#define RIDE_API __attribute__((visibility("default")))
#else
#define RIDE_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------------
 * Status codes and errors
 */

typedef enum ride_status {
  RIDE_OK = 0,
  RIDE_INVALID_ARGUMENT = 1,    /* a null handle or pointer, a value out of range */
  RIDE_TRUNCATED = 2,           /* input ended before the data it announced */
  RIDE_CORRUPT = 3,             /* input bytes inconsistent with the format (or a failed checksum) */
  RIDE_UNSUPPORTED = 4,         /* a valid file this version cannot handle (newer version, layout) */
  RIDE_MODEL_MISMATCH = 5,      /* a compressed file made with another model */
  RIDE_RESOURCE_EXHAUSTED = 6,  /* a size beyond a limit (refused before allocating), or no memory */
  RIDE_IO_ERROR = 7,            /* the operating system refused a read */
  RIDE_INTERNAL = 8,            /* a broken invariant inside ride: a bug, please report it */
  RIDE_BUFFER_TOO_SMALL = 9,    /* caller-supplied memory or pixels smaller than needed */
  RIDE_CALLBACK_FAILED = 10     /* a callback returned nonzero */
} ride_status;

/* A short stable name of a status ("truncated"); "unknown" for values not listed above. */
RIDE_API const char* ride_status_name(ride_status status);

/* The message of the most recent failing ride_* call on this thread ("" if none), e.g.
 * "model file: schema_version 7 is newer than this build supports (2)". Valid until the next
 * failing call on this thread. */
RIDE_API const char* ride_last_error(void);

/* ------------------------------------------------------------------------------------------------
 * Versions and the machine
 */

/* The library's version, "MAJOR.MINOR.PATCH" (RIDE_VERSION_STRING of the library that runs, which
 * may be newer than the header's). */
RIDE_API const char* ride_version_string(void);
/* MAJOR * 10000 + MINOR * 100 + PATCH. */
RIDE_API uint32_t ride_version_number(void);
/* The newest compressed-image container version this library writes and reads (docs/bitstream.md). */
RIDE_API uint32_t ride_container_version(void);
/* The newest frozen-model schema_version this library reads (docs/model_format.md). */
RIDE_API uint32_t ride_model_schema_version(void);
/* The kernels chosen for this CPU at start-up: "avx512", "avx2", "neon" or "scalar" (every choice
 * gives the same bits; RIDE_FORCE_SCALAR=1 in the environment forces "scalar"). */
RIDE_API const char* ride_kernels(void);

/* Threads the library runs at most per call. */
#define RIDE_MAX_THREADS 64

/* ------------------------------------------------------------------------------------------------
 * Models
 *
 * A model is a frozen *.ride file (docs/model_format.md): from a file, from the caller's memory,
 * or one of the models built into the library. Opening validates everything (size, identifier,
 * structure, version, shapes, finite weights, fingerprint) before the model can be used.
 */

typedef struct ride_model ride_model;

#define RIDE_FINGERPRINT_BYTES 16

/* Opens and validates the model file at `path` (the bytes are copied; the file may go away).
 * Errors: RIDE_INVALID_ARGUMENT (null pointers; not a ride model file), RIDE_IO_ERROR (cannot read),
 * RIDE_TRUNCATED, RIDE_CORRUPT, RIDE_UNSUPPORTED (a newer schema), RIDE_RESOURCE_EXHAUSTED (beyond the
 * size and shape limits). Thread-safe. Close the model with ride_model_close. */
RIDE_API ride_status ride_model_open_file(const char* path, ride_model** model);

/* Flags for ride_model_open_memory. */
#define RIDE_MODEL_COPY 1u /* copy the bytes: the buffer may be freed as soon as the call returns */

/* Opens and validates a model held in `size` bytes at `data`. Without RIDE_MODEL_COPY the weights
 * are used in place, with no second copy, when `data` is 8-byte aligned on a little-endian target
 * (so a model can live in read-only memory on a device); the buffer must then stay unchanged and
 * alive until ride_model_close. Otherwise, or with RIDE_MODEL_COPY, the bytes are copied.
 * ride_model_describe tells which happened. Errors as ride_model_open_file (but no RIDE_IO_ERROR).
 * Thread-safe. */
RIDE_API ride_status ride_model_open_memory(const void* data, size_t size, uint32_t flags, ride_model** model);

/* The models built into this library, in order of preference: the first model of a kind (gray,
 * colour) is the one to code new images of that kind with, and index 0 is the default model.
 * Built-in models are never dropped or renamed (a file any release wrote with one decodes with
 * every later release), but a newer model may come before them: keep names, not indices. */
RIDE_API size_t ride_builtin_model_count(void);
/* The stable name of built-in model `index` ("gray-mcgsm-v1"), NULL beyond the count. */
RIDE_API const char* ride_builtin_model_name(size_t index);

/* Opens built-in model `name` (NULL or "default" for the default model); its weights are used in
 * place. Errors: RIDE_INVALID_ARGUMENT (unknown name, naming it), RIDE_UNSUPPORTED (this build has no
 * built-in model). Thread-safe. */
RIDE_API ride_status ride_model_open_builtin(const char* name, ride_model** model);

/* Opens the built-in model whose fingerprint is `fingerprint` (RIDE_FINGERPRINT_BYTES bytes), as a
 * decoder does to pick a file's model. Errors: RIDE_MODEL_MISMATCH when no built-in model has it
 * (the message gives the fingerprint in hex). Thread-safe. */
RIDE_API ride_status ride_model_open_builtin_by_fingerprint(const uint8_t* fingerprint, ride_model** model);

/* Effort levels, as cjxl's -e: level 1 codes fastest, RIDE_BEST_EFFORT makes the smallest files,
 * RIDE_DEFAULT_EFFORT is the default's trade-off. */
#define RIDE_FASTEST_EFFORT 1
#define RIDE_DEFAULT_EFFORT 2
#define RIDE_BEST_EFFORT 3

/* The name of the built-in model that codes new images with `channels` modelled channels (1: gray
 * and gray+alpha; 3: RGB and RGBA) at `effort`, for ride_model_open_builtin; NULL for another
 * channel count or level, or when this build lacks that model. At RIDE_DEFAULT_EFFORT it is the
 * first built-in model of its kind. Decoders never need the level: a file names its model. */
RIDE_API const char* ride_builtin_model_for(uint32_t channels, uint32_t effort);

/* Releases a model. NULL is allowed. No encoder, decoder or call may still use it. */
RIDE_API void ride_model_close(ride_model* model);

#define RIDE_MAX_LAYERS 16

typedef struct ride_model_info {
  uint32_t struct_size;
  /* The built-in model's name, "" for a model from a file or memory. */
  const char* builtin_name;
  uint8_t fingerprint[RIDE_FINGERPRINT_BYTES];
  char fingerprint_hex[2 * RIDE_FINGERPRINT_BYTES + 1];
  uint32_t channels;       /* 1: gray; 3: colour (R, G, B) */
  uint32_t window_width;   /* causal neighbourhood: the pixel's row and the rows above */
  uint32_t window_height;
  uint32_t layers;         /* spatial LSTM layers, 0 for an MCGSM on the neighbourhood */
  uint32_t hidden[RIDE_MAX_LAYERS];   /* hidden units per layer, bottom first */
  uint32_t extended[RIDE_MAX_LAYERS]; /* 1 where the layer also reads the neighbouring cells */
  uint32_t components;     /* MCGSM head */
  uint32_t scales;
  uint32_t features;
  uint64_t parameters;                /* floats in all weight arrays */
  uint64_t multiply_adds_per_pixel;   /* of the dense layers */
  uint64_t file_bytes;
  int weights_in_place;    /* 1 when the weights are read from the caller's or the built-in bytes */
  /* Provenance: where the model came from ("" when absent; NaN for figures not measured). The
   * strings live as long as the model. */
  const char* training_data;
  const char* trainer_version;
  const char* created;
  const char* command;
  const char* notes;
  double validation_bits_per_pixel;
  double test_bits_per_pixel;
  /* 1 where the layer's cells are bounded by construction (model schema 3, docs/model_format.md). */
  uint32_t bounded[RIDE_MAX_LAYERS];
} ride_model_info;

static inline void ride_model_info_init(ride_model_info* info) {
  memset(info, 0, sizeof *info);
  info->struct_size = (uint32_t)sizeof *info;
}

/* Fills `info` (initialised with ride_model_info_init). Thread-safe. */
RIDE_API ride_status ride_model_describe(const ride_model* model, ride_model_info* info);

/* ------------------------------------------------------------------------------------------------
 * Callbacks
 */

/* Reads up to `size` bytes into `buffer` and stores how many in *bytes_read; 0 bytes means the
 * input has ended. */
typedef int (*ride_read_fn)(void* user, uint8_t* buffer, size_t size, size_t* bytes_read);
/* Takes `size` bytes of output. */
typedef int (*ride_write_fn)(void* user, const uint8_t* data, size_t size);
/* Encoding: stores rows first_row .. first_row + count - 1 of the image, row i at rows + i * stride.
 * Rows are asked for in order, top to bottom, each once. */
typedef int (*ride_rows_in_fn)(void* user, uint32_t first_row, uint32_t count, uint8_t* rows, size_t stride);
/* Decoding: takes finished rows first_row .. first_row + count - 1, in order, each once. */
typedef int (*ride_rows_out_fn)(void* user, uint32_t first_row, uint32_t count, const uint8_t* rows,
                                size_t stride);
/* Evaluation: the coding cost in bits of each of the `width` pixels of row `row`, in order. */
typedef int (*ride_costs_fn)(void* user, uint32_t row, const float* bits, uint32_t width);
/* Evaluation: for each of the `width` pixels of row `row`, in order, the adaptive component the
 * mixer trusted most (0 .. RIDE_ADAPTIVE_COMPONENTS - 1, ride_adaptive_component_name), or
 * RIDE_TRUST_TIE where several shared the largest weight. */
#define RIDE_TRUST_TIE 255
typedef int (*ride_trust_fn)(void* user, uint32_t row, const uint8_t* component, uint32_t width);
/* Progress: `rows_done` of `height` rows are finished. */
typedef void (*ride_progress_fn)(void* user, uint32_t rows_done, uint32_t height);

/* ------------------------------------------------------------------------------------------------
 * What an image is, besides its pixels (docs/bitstream.md)
 */

/* Channel layouts; a layout's number is its count of channels, and a row holds width x channels
 * bytes, a pixel's samples interleaved. Gray and gray+alpha are coded with a gray model, RGB and
 * RGBA with a colour one (ride_model_info.channels 3); alpha with the adaptive method's
 * components. A layout the model does not code is RIDE_INVALID_ARGUMENT. */
#define RIDE_LAYOUT_GRAY 1u
#define RIDE_LAYOUT_GRAY_ALPHA 2u
#define RIDE_LAYOUT_RGB 3u
#define RIDE_LAYOUT_RGBA 4u

/* The format an image came from, stored so that a decoder can write the same one back. */
#define RIDE_SOURCE_UNSPECIFIED 0u /* samples from a program */
#define RIDE_SOURCE_PNG 1u
#define RIDE_SOURCE_PGM 2u
#define RIDE_SOURCE_PPM 3u
#define RIDE_SOURCE_PAM 4u
#define RIDE_SOURCE_JPEG 5u /* the pixels a JPEG decoder gave */

/* Coding methods of a group of rows; every method a release wrote stays readable. */
#define RIDE_METHOD_STORED 0u /* the samples as they are: a group never costs more than that */
#define RIDE_METHOD_MODEL 1u  /* coded with the model */
#define RIDE_METHOD_ADAPTIVE 2u /* the model mixed with what the image taught so far (docs/adaptive.md) */
/* Method numbers that ride_file_info counts groups of. */
#define RIDE_METHOD_SLOTS 16

/* The stable name of coding method `method` ("stored", "model"), NULL for a method this library
 * does not know. */
RIDE_API const char* ride_coding_method_name(uint32_t method);

/* Metadata stored verbatim beside the image: a 4-byte tag (a PNG chunk type such as "iCCP" or
 * "tEXt", whose data the bytes are), where it stands, and its bytes. */
#define RIDE_METADATA_BEFORE_IMAGE 0u
#define RIDE_METADATA_AFTER_IMAGE 1u
typedef struct ride_metadata {
  uint8_t tag[4];
  uint32_t placement; /* RIDE_METADATA_BEFORE_IMAGE or RIDE_METADATA_AFTER_IMAGE */
  const uint8_t* data;
  size_t size;
} ride_metadata;

/* Limits on metadata (refused with RIDE_RESOURCE_EXHAUSTED): blocks, and their bytes summed (tags
 * included). */
#define RIDE_MAX_METADATA_BLOCKS 4096u
#define RIDE_MAX_METADATA_BYTES (16u << 20)

/* Encoding: metadata that is known only once every row has been read (a PNG's chunks after its
 * image data). Sets *blocks to an array of *count blocks, which must stay valid until the encode
 * call returns; their placement is ignored (they go after the image). */
typedef int (*ride_metadata_fn)(void* user, const ride_metadata** blocks, size_t* count);

/* ------------------------------------------------------------------------------------------------
 * Encoding: an image to a compressed .rim file
 */

typedef struct ride_encoder ride_encoder;

typedef struct ride_encode_options {
  uint32_t struct_size;
  uint32_t threads;       /* 1 .. RIDE_MAX_THREADS; never changes the bytes. Default 1. */
  uint32_t lanes;         /* 0: the default (16); 1 .. 1024 substreams, more lets decoders batch
                             more rows and threads. Clamped to the height. */
  ride_progress_fn progress; /* optional */
  void* progress_user;
  /* Optional memory for the session: at least ride_encoder_memory_needed bytes, 64-byte aligned,
   * alive and untouched until ride_encoder_destroy. NULL: the library allocates it (the same
   * size, once, at ride_encoder_create). */
  void* memory;
  size_t memory_bytes;
  /* What the image is. layout: RIDE_LAYOUT_* (default gray; the model decides which it codes). maxval:
   * samples are 0..maxval, 1..255 (default 255; PNG depth d is maxval 2^d - 1, a PGM says its
   * own); a sample above it is refused. source_format: RIDE_SOURCE_* (default unspecified). */
  uint32_t layout;
  uint32_t maxval;
  uint32_t source_format;
  /* Rows per group, each written as soon as it is coded (0: the default, groups of about 256 KiB of
   * samples); rounded up to a multiple of the lanes. Smaller groups cost a few bytes each. */
  uint32_t group_rows;
  /* Metadata to store, in order, before or after the image as each says: copied by
   * ride_encoder_create. Then trailing_metadata's blocks, if it is set. */
  const ride_metadata* metadata;
  size_t metadata_count;
  ride_metadata_fn trailing_metadata; /* optional, called once after the last row is read */
  void* trailing_metadata_user;
} ride_encode_options;

static inline void ride_encode_options_init(ride_encode_options* options) {
  memset(options, 0, sizeof *options);
  options->struct_size = (uint32_t)sizeof *options;
  options->threads = 1;
  options->layout = RIDE_LAYOUT_GRAY;
  options->maxval = 255;
}

typedef struct ride_encode_stats {
  uint32_t struct_size;
  uint64_t file_bytes;   /* bytes written through the write callback */
  double model_bits;     /* sum of -log2 of the coded probabilities: what an ideal coder reaches */
  uint32_t lanes;
  uint32_t group_rows;
  uint32_t groups;
  uint32_t stored_groups; /* groups written as they are because the model made them no smaller */
} ride_encode_stats;

static inline void ride_encode_stats_init(ride_encode_stats* stats) {
  memset(stats, 0, sizeof *stats);
  stats->struct_size = (uint32_t)sizeof *stats;
}

/* The memory an encoder for a width x height image with these options needs for its session,
 * before it is created: the size of options->memory. It does not grow with the height.
 *
 * Inside it: the engine's state (the wavefront's rings of pixels and of spatial LSTM states, every
 * worker thread's scratch), every worker's buffer for the rows it is coding, and for each of the
 * two groups in flight its samples as stored, room as large for its lanes' compressed bytes and
 * one range coder per lane; the workers' pixel visitors. On top of it: a copy of the metadata
 * given in the options, the encoder handle itself (about 1 KiB) and, during ride_encoder_encode,
 * the worker threads.
 *
 * `options` may be NULL (defaults). Errors: RIDE_INVALID_ARGUMENT (null pointers, zero
 * dimensions, bad options: a layout or source format that does not exist, maxval outside
 * 1..255), RIDE_UNSUPPORTED (a layout no model codes yet), RIDE_RESOURCE_EXHAUSTED (beyond the
 * limits: width 2^24, height 2^31 - 1, 256 MiB of samples in a group). Thread-safe. */
RIDE_API ride_status ride_encoder_memory_needed(const ride_model* model, uint32_t width, uint32_t height,
                                                const ride_encode_options* options, size_t* bytes);

/* Creates an encoder for one width x height image with `model`, which must outlive the encoder:
 * everything its session needs is set up here. `options` may be NULL (defaults). Errors as
 * ride_encoder_memory_needed, RIDE_BUFFER_TOO_SMALL when options->memory_bytes is less than
 * needed, RIDE_INVALID_ARGUMENT when options->memory is not 64-byte aligned or a metadata block
 * has a placement other than the two, and RIDE_RESOURCE_EXHAUSTED when the library cannot
 * allocate the session or the metadata exceeds its limits. */
RIDE_API ride_status ride_encoder_create(const ride_model* model, uint32_t width, uint32_t height,
                                         const ride_encode_options* options, ride_encoder** encoder);

/* Encodes the image, asking `rows` for its samples and giving the .rim file to `write` as it goes:
 * the header and the metadata before the image first, then each group of rows as soon as it is
 * coded, then the metadata after the image and the end. An encoder encodes one image: once a call
 * has started encoding, later calls fail with RIDE_INVALID_ARGUMENT (calls refused for their
 * arguments do not count). A sample above maxval fails with RIDE_INVALID_ARGUMENT, naming it.
 * `stats` may be NULL. On failure part of the file may have been written: discard it. */
RIDE_API ride_status ride_encoder_encode(ride_encoder* encoder, ride_rows_in_fn rows, void* rows_user,
                                         ride_write_fn write, void* write_user, ride_encode_stats* stats);

/* As ride_encoder_encode, with the pixels in memory: row r at pixels + r * stride. */
RIDE_API ride_status ride_encoder_encode_buffer(ride_encoder* encoder, const uint8_t* pixels, size_t stride,
                                                ride_write_fn write, void* write_user, ride_encode_stats* stats);

/* The message of the encoder's most recent failure ("" if none); valid until its next call. */
RIDE_API const char* ride_encoder_last_error(const ride_encoder* encoder);

/* Releases an encoder. NULL is allowed. */
RIDE_API void ride_encoder_destroy(ride_encoder* encoder);

/* ------------------------------------------------------------------------------------------------
 * Decoding: a .rim file back to the image
 */

typedef struct ride_decoder ride_decoder;

typedef struct ride_decode_options {
  uint32_t struct_size;
  uint32_t threads;       /* 1 .. RIDE_MAX_THREADS; never changes the pixels. Default 1. */
  ride_progress_fn progress; /* optional */
  void* progress_user;
  /* Compressed files larger than this are refused (RIDE_RESOURCE_EXHAUSTED): before they are read
   * when the header says their size (container version 1), as soon as the input goes beyond it
   * otherwise; 0: no limit beyond the format's own. */
  uint64_t max_file_bytes;
  /* Optional memory for the session, as for encoding (ride_decoder_memory_needed): used from the
   * first ride_decoder_decode* call that gets as far as decoding until ride_decoder_destroy. */
  void* memory;
  size_t memory_bytes;
} ride_decode_options;

static inline void ride_decode_options_init(ride_decode_options* options) {
  memset(options, 0, sizeof *options);
  options->struct_size = (uint32_t)sizeof *options;
  options->threads = 1;
}

/* What a compressed file says: its header, known before any pixel is decoded, and what the rest
 * of the file holds as far as it has been read (all of it for a file opened from memory; for a
 * streamed file, the metadata before the image at first, everything once decoding has finished). */
typedef struct ride_file_info {
  uint32_t struct_size;
  uint32_t container_version;
  uint32_t width;
  uint32_t height;
  uint32_t channels;     /* samples per pixel: the layout's channels (1: gray) */
  uint32_t bit_depth;    /* bits per sample: the fewest that hold maxval (8 for maxval 255) */
  uint32_t lanes;
  uint64_t header_bytes;
  uint64_t file_bytes;   /* the whole file, once it has been read (0 before, for a streamed file) */
  /* XXH3-64 of the coded samples, checked at the end of decoding; container version 2 keeps it
   * at the end of the file, so a streamed file has it (else 0) once decoding has finished. */
  uint64_t pixel_checksum;
  uint8_t model_fingerprint[RIDE_FINGERPRINT_BYTES];
  char model_fingerprint_hex[2 * RIDE_FINGERPRINT_BYTES + 1];
  /* The name of the built-in model that coded the file, "" when it is none of them (then the
   * caller must supply the model). */
  const char* builtin_model_name;
  uint32_t layout;         /* RIDE_LAYOUT_* */
  uint32_t maxval;         /* samples are 0..maxval */
  uint32_t source_format;  /* RIDE_SOURCE_* */
  uint32_t group_rows;     /* rows per group (version 1: the height, one group) */
  uint32_t groups;
  /* Groups coded with method m (m < RIDE_METHOD_SLOTS), among those read so far. */
  uint32_t method_groups[RIDE_METHOD_SLOTS];
  size_t metadata_count;   /* metadata blocks read so far (ride_decoder_metadata) */
} ride_file_info;

static inline void ride_file_info_init(ride_file_info* info) {
  memset(info, 0, sizeof *info);
  info->struct_size = (uint32_t)sizeof *info;
}

/* Opens a compressed file read through `read` and reads and validates its header and, in container
 * version 2, the metadata before the image, and nothing more, so that ride_decoder_file_info and
 * ride_decoder_metadata can tell the image's size, layout, metadata and model before anything else.
 * `read` and `user` must stay valid until ride_decoder_destroy. `options` may be NULL. Errors:
 * RIDE_INVALID_ARGUMENT (null pointers, bad options), RIDE_TRUNCATED (the input ends inside the
 * header or that metadata), RIDE_CORRUPT (not a .rim file, as docs/bitstream.md says: a bad
 * signature; a damaged header or block), RIDE_UNSUPPORTED (a newer container, a layout or depth
 * this library does not code), RIDE_RESOURCE_EXHAUSTED (beyond the limits, or the file the header
 * announces is larger than options->max_file_bytes), RIDE_CALLBACK_FAILED. */
RIDE_API ride_status ride_decoder_open(ride_read_fn read, void* user, const ride_decode_options* options,
                                       ride_decoder** decoder);

/* As ride_decoder_open, for a file held in `size` bytes at `data`, which must stay unchanged and
 * alive until ride_decoder_destroy (nothing is copied but the metadata). The whole file is at
 * hand, so its layout is checked here too (version 1's lanes, version 2's blocks and their order):
 * a file cut short gives RIDE_TRUNCATED, bytes after its end RIDE_CORRUPT. */
RIDE_API ride_status ride_decoder_open_memory(const void* data, size_t size, const ride_decode_options* options,
                                              ride_decoder** decoder);

/* Fills `info` (initialised with ride_file_info_init) from what has been read of the file. */
RIDE_API ride_status ride_decoder_file_info(const ride_decoder* decoder, ride_file_info* info);

/* The memory decoding with `model` (NULL: the built-in model the file names) needs for its
 * session: the size of options->memory. It does not grow with the height.
 *
 * Inside it: the engine's state (as for encoding), every worker's buffer for the rows it is
 * decoding, for each of the two groups in flight one range decoder per lane with its byte source
 * and, for a version-2 file read through ride_decoder_open, room for the group's bytes (its
 * samples' stored size: no group is larger); the workers' pixel visitors. On top of it: the
 * metadata blocks, kept until ride_decoder_destroy; a version-1 file, which the library needs
 * whole: read into memory it allocates (the file's size) when decoding starts, unless opened from
 * memory; the decoder handle itself (about 1 KiB plus the header) and, during decoding, the worker
 * threads.
 *
 * Errors: RIDE_INVALID_ARGUMENT (null pointers), RIDE_MODEL_MISMATCH (`model` is not the file's,
 * or NULL and no built-in model is). */
RIDE_API ride_status ride_decoder_memory_needed(const ride_decoder* decoder, const ride_model* model,
                                                size_t* bytes);

/* Decodes the image with `model` (NULL: the built-in model whose fingerprint the file carries),
 * handing each finished row of samples (0..maxval) to `rows`, top to bottom. Rows are handed out
 * as they complete, before the file has been checked to its end: only a return of RIDE_OK says the
 * pixels are the ones that were compressed (every lane decoded cleanly, the blocks and pixel
 * checksums matched), so a caller writing rows to a file must discard it on failure. A file opened
 * with ride_decoder_open is read as decoding goes, a group at a time, to its end and one byte more
 * to check that it ends there (a version-1 file is read whole first, as its layout needs). A
 * decoder decodes once: once a call has started decoding, later calls fail with
 * RIDE_INVALID_ARGUMENT; a call refused before (bad arguments, RIDE_MODEL_MISMATCH,
 * RIDE_BUFFER_TOO_SMALL) leaves the decoder as it was, to be called again. Errors:
 * RIDE_MODEL_MISMATCH (the file was made with another model; the message names both
 * fingerprints, or the one needed when `model` is NULL and no built-in model has it),
 * RIDE_TRUNCATED, RIDE_CORRUPT, RIDE_BUFFER_TOO_SMALL (options->memory), RIDE_INVALID_ARGUMENT
 * (options->memory not 64-byte aligned), RIDE_RESOURCE_EXHAUSTED, RIDE_CALLBACK_FAILED. */
RIDE_API ride_status ride_decoder_decode(ride_decoder* decoder, const ride_model* model, ride_rows_out_fn rows,
                                         void* rows_user);

/* As ride_decoder_decode, into `pixels` (`buffer_bytes` bytes; row r at pixels + r * stride, so it
 * needs (height - 1) * stride + width * channels bytes, else RIDE_BUFFER_TOO_SMALL before anything is decoded;
 * bytes between rows are not written). On failure the rows decoded so far may have been written. */
RIDE_API ride_status ride_decoder_decode_buffer(ride_decoder* decoder, const ride_model* model, uint8_t* pixels,
                                                size_t stride, size_t buffer_bytes);

/* The message of the decoder's most recent failure ("" if none); valid until its next call. */
RIDE_API const char* ride_decoder_last_error(const ride_decoder* decoder);

/* Releases a decoder. NULL is allowed. */
RIDE_API void ride_decoder_destroy(ride_decoder* decoder);

/* Metadata block `index` (< ride_file_info's metadata_count) in the file's order: its tag,
 * placement and bytes, which stay valid until ride_decoder_destroy. Those after the image are
 * there once they have been read: for a streamed file, after a successful decode. Errors:
 * RIDE_INVALID_ARGUMENT (null pointers, an index beyond those read). */
RIDE_API ride_status ride_decoder_metadata(const ride_decoder* decoder, size_t index, ride_metadata* block);

/* ------------------------------------------------------------------------------------------------
 * Evaluation: what each pixel costs to code, without coding it
 */

typedef struct ride_eval_options {
  uint32_t struct_size;
  ride_progress_fn progress; /* optional */
  void* progress_user;
  /* Optional: each row's trusted components, after its costs: the component with the largest
   * share of the mixer's weight at each pixel, summed over a colour pixel's samples. */
  ride_trust_fn trust;
  void* trust_user;
} ride_eval_options;

static inline void ride_eval_options_init(ride_eval_options* options) {
  memset(options, 0, sizeof *options);
  options->struct_size = (uint32_t)sizeof *options;
}

/* The components the adaptive method (RIDE_METHOD_ADAPTIVE) mixes, in order (docs/adaptive.md). */
#define RIDE_ADAPTIVE_COMPONENTS 6

typedef struct ride_eval_stats {
  uint32_t struct_size;
  double total_bits;          /* sum over the image of -log2 of each pixel's coded probability */
  uint64_t pixels;
  uint64_t engine_memory_bytes;
  /* What each component of the adaptive method alone would have cost, in bits (the learned
   * model over the group's values; refined by neighbour matches; by residuals in the context of
   * the neighbourhood's shape; by exact contexts of orders 4, 6 and 11), and the mean share of
   * the mixer's weight it had (0..1). */
  double component_bits[RIDE_ADAPTIVE_COMPONENTS];
  double component_weight[RIDE_ADAPTIVE_COMPONENTS];
  uint64_t file_bytes;        /* what ride_encode with default options would write */
} ride_eval_stats;

/* A stable short name of adaptive component k ("learned", "matches", "relative", "order4",
 * "order6", "order11"), NULL for k >= RIDE_ADAPTIVE_COMPONENTS. */
RIDE_API const char* ride_adaptive_component_name(uint32_t component);

static inline void ride_eval_stats_init(ride_eval_stats* stats) {
  memset(stats, 0, sizeof *stats);
  stats->struct_size = (uint32_t)sizeof *stats;
}

/* Runs `model` over a width x height image whose rows come from `rows` (in the model's channels:
 * width bytes of gray, or width x 3 of R, G, B for a colour model) and gives each row's
 * per-pixel costs in bits (a colour pixel's: its three samples') to `costs` (may be NULL when only the total is wanted): what `ride eval`
 * prints and draws. The costs are those the encoder codes with, so their sum is the model's share
 * of the compressed size. `options` and `stats` may be NULL. Errors: RIDE_INVALID_ARGUMENT (null
 * pointers, a side of 0, bad structs), RIDE_RESOURCE_EXHAUSTED (width beyond 2^24, memory),
 * RIDE_CALLBACK_FAILED. Thread-safe for a shared model. */
RIDE_API ride_status ride_evaluate(const ride_model* model, uint32_t width, uint32_t height, ride_rows_in_fn rows,
                                   void* rows_user, ride_costs_fn costs, void* costs_user,
                                   const ride_eval_options* options, ride_eval_stats* stats);

/* ------------------------------------------------------------------------------------------------
 * Sampling and inpainting (docs/generate.md)
 */

/* Sides beyond this are refused by ride_sample (RIDE_RESOURCE_EXHAUSTED). */
#define RIDE_MAX_SAMPLE_SIDE 65535

typedef struct ride_sample_options {
  uint32_t struct_size;
  uint64_t seed;             /* the same seed gives the same image on every target */
  uint32_t context_rows;     /* the top rows of `pixels` are kept as given ... */
  uint32_t context_columns;  /* ... and so are its left columns; the rest is sampled given them */
  uint32_t threads;          /* 1 .. RIDE_MAX_THREADS; never changes the pixels. Default 1. */
  ride_progress_fn progress; /* optional */
  void* progress_user;
} ride_sample_options;

static inline void ride_sample_options_init(ride_sample_options* options) {
  memset(options, 0, sizeof *options);
  options->struct_size = (uint32_t)sizeof *options;
  options->threads = 1;
}

/* Draws a width x height image from `model` into `pixels` (`size` bytes, at least width * height *
 * the model's channels, R, G, B interleaved for a colour model, row-major without padding, else
 * RIDE_BUFFER_TOO_SMALL); only the context pixels are read.
 * `bits`, when not NULL, receives the sum of -log2 P of the whole image under the model. On
 * failure the pixels may be partly drawn. Errors: RIDE_INVALID_ARGUMENT (null pointers, a side of
 * 0, bad options), RIDE_RESOURCE_EXHAUSTED (a side beyond RIDE_MAX_SAMPLE_SIDE, memory),
 * RIDE_BUFFER_TOO_SMALL. Thread-safe for a shared model. */
RIDE_API ride_status ride_sample(const ride_model* model, uint32_t width, uint32_t height, uint8_t* pixels,
                                 size_t size, const ride_sample_options* options, double* bits);

typedef struct ride_inpaint_options {
  uint32_t struct_size;
  uint64_t seed;         /* the same seed gives the same image on every target */
  uint32_t sweeps;       /* Metropolis-within-Gibbs sweeps, 0 .. 100000. Default 10. */
  uint32_t candidates;   /* initial ancestral fills, the best is kept, 1 .. 1000. Default 5. */
  uint32_t threads;      /* for the initial fills; never changes the pixels. Default 1. */
  /* Optional observers: after each initial fill (its bits over the image), after each sweep. */
  void (*on_initial_fill)(void* user, uint32_t candidate, uint32_t candidates, double bits);
  void (*on_sweep)(void* user, uint32_t sweep, uint32_t sweeps, uint64_t proposals, uint64_t accepted);
  void* observer_user;
} ride_inpaint_options;

static inline void ride_inpaint_options_init(ride_inpaint_options* options) {
  memset(options, 0, sizeof *options);
  options->struct_size = (uint32_t)sizeof *options;
  options->sweeps = 10;
  options->candidates = 5;
  options->threads = 1;
}

typedef struct ride_inpaint_stats {
  uint32_t struct_size;
  uint64_t masked;        /* pixels filled */
  uint64_t proposals;     /* over all sweeps */
  uint64_t accepted;
  double initial_bits;    /* sum of -log2 P over the image after the initial fill */
} ride_inpaint_stats;

static inline void ride_inpaint_stats_init(ride_inpaint_stats* stats) {
  memset(stats, 0, sizeof *stats);
  stats->struct_size = (uint32_t)sizeof *stats;
}

/* Replaces the pixels of a width x height image whose `mask` byte is nonzero by a sample from
 * `model` given the rest; the other pixels are never written. `pixels` and `mask` hold `size`
 * bytes each, at least width * height, row-major without padding (else RIDE_BUFFER_TOO_SMALL). On
 * failure the masked pixels may hold a partial fill. `options` and `stats` may be NULL. Errors:
 * RIDE_INVALID_ARGUMENT (null pointers, a side of 0, options out of range),
 * RIDE_RESOURCE_EXHAUSTED (memory), RIDE_BUFFER_TOO_SMALL. Thread-safe for a shared model. */
RIDE_API ride_status ride_inpaint(const ride_model* model, uint32_t width, uint32_t height, uint8_t* pixels,
                                  const uint8_t* mask, size_t size, const ride_inpaint_options* options,
                                  ride_inpaint_stats* stats);

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* RIDE_RIDE_H_ */
