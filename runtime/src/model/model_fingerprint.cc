#include "runtime/src/model/model_fingerprint.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstring>

namespace ride::model {
namespace {

constexpr char kCanonicalTag[8] = {'r', 'i', 'd', 'e', '-', 'f', 'p', '1'};

// Writes the canonical bytes to a Sink (anything with Append(const uint8_t*, size_t)).
template <typename Sink>
class CanonicalWriter {
 public:
  explicit CanonicalWriter(Sink* sink) : sink_(sink) {}

  void U64(uint64_t v) {
    uint8_t bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<uint8_t>(v >> (8 * i));
    sink_->Append(bytes, 8);
  }
  void Bool(bool v) { U64(v ? 1 : 0); }
  void Float(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    uint8_t bytes[4];
    for (int i = 0; i < 4; ++i) bytes[i] = static_cast<uint8_t>(bits >> (8 * i));
    sink_->Append(bytes, 4);
  }
  // Count, then values; converted in chunks so that big arrays cost one sink call per chunk.
  void Floats(const engine::FloatArray& values) {
    U64(values.size());
    uint8_t chunk[1024];
    std::size_t used = 0;
    for (float v : values) {
      uint32_t bits;
      std::memcpy(&bits, &v, sizeof bits);
      for (int i = 0; i < 4; ++i) chunk[used++] = static_cast<uint8_t>(bits >> (8 * i));
      if (used == sizeof chunk) {
        sink_->Append(chunk, used);
        used = 0;
      }
    }
    if (used > 0) sink_->Append(chunk, used);
  }
  void Tag() {
    sink_->Append(reinterpret_cast<const uint8_t*>(kCanonicalTag), sizeof kCanonicalTag);
  }

 private:
  Sink* sink_;
};

template <typename Sink>
void WriteHead(const engine::McgsmHead& h, CanonicalWriter<Sink>* writer);

template <typename Sink>
void WriteCanonical(const engine::EngineModel& model, Sink* sink) {
  CanonicalWriter<Sink> w(sink);
  w.Tag();
  w.U64(model.window.width);
  w.U64(model.window.height);
  w.Float(model.padding);
  w.U64(model.layers.size());
  for (const engine::SlstmLayer& layer : model.layers) {
    w.U64(layer.inputs);
    w.U64(layer.hidden);
    w.Bool(layer.extended);
    w.Floats(layer.weights);
    w.Floats(layer.bias);
  }
  WriteHead(model.head, &w);
  // Schema 3: which layers are bounded, only when one is, so that other models keep their fingerprints.
  bool bounded = false;
  for (const engine::SlstmLayer& layer : model.layers) bounded = bounded || layer.bounded;
  if (bounded) {
    w.U64(model.layers.size());
    for (const engine::SlstmLayer& layer : model.layers) w.Bool(layer.bounded);
  }
  // Gray models end here, so their fingerprints are those of schema 1.
  if (model.channels == 1) return;
  w.U64(model.channels);
  for (const engine::McgsmHead& h : model.channel_heads) WriteHead(h, &w);
}

template <typename Sink>
void WriteHead(const engine::McgsmHead& h, CanonicalWriter<Sink>* writer) {
  CanonicalWriter<Sink>& w = *writer;
  w.U64(h.inputs);
  w.U64(h.components);
  w.U64(h.scales);
  w.U64(h.features);
  w.Bool(h.predictors_see_neighbourhood);
  w.Floats(h.feature_weights);
  w.Floats(h.feature_bias);
  w.Floats(h.feature_weights_squared);
  w.Floats(h.gate_bias);
  w.Floats(h.gate_scale);
  w.Floats(h.predictor_weights);
  w.Floats(h.predictor_bias);
  w.Floats(h.expert_inv_std);
}

struct HashSink {
  XXH3_state_t* state;
  void Append(const uint8_t* data, std::size_t size) {
    (void)XXH3_128bits_update(state, data, size);
  }
};

struct VectorSink {
  std::vector<uint8_t>* out;
  void Append(const uint8_t* data, std::size_t size) { out->insert(out->end(), data, data + size); }
};

}  // namespace

model::ModelFingerprint ComputeModelFingerprint(const engine::EngineModel& model) {
  // On the stack rather than XXH3_createState: no allocation.
  XXH3_state_t state;
  XXH3_INITSTATE(&state);
  (void)XXH3_128bits_reset(&state);
  HashSink sink{&state};
  WriteCanonical(model, &sink);
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(&state));
  model::ModelFingerprint fingerprint;
  static_assert(sizeof canonical.digest == model::kModelFingerprintBytes, "fingerprint size");
  std::memcpy(fingerprint.data(), canonical.digest, fingerprint.size());
  return fingerprint;
}

void AppendCanonicalModelBytes(const engine::EngineModel& model, std::vector<uint8_t>* out) {
  VectorSink sink{out};
  WriteCanonical(model, &sink);
}

void FingerprintToHex(const ModelFingerprint& fingerprint, char* out) {
  static const char kDigits[] = "0123456789abcdef";
  for (std::size_t i = 0; i < kModelFingerprintBytes; ++i) {
    out[2 * i] = kDigits[fingerprint[i] >> 4];
    out[2 * i + 1] = kDigits[fingerprint[i] & 15];
  }
  out[2 * kModelFingerprintBytes] = '\0';
}

}  // namespace ride::model
