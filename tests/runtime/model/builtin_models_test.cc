// The registry of built-in models: names, the default entry, and finding a model by the fingerprint
// a compressed file carries.
#include "runtime/src/model/builtin_models.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "runtime/src/model/model_loader.h"

namespace ride::model {
namespace {

TEST(BuiltinModelsTest, EveryEntryLoadsInPlaceAndIsFoundByItsNameAndFingerprint) {
  ASSERT_GE(BuiltinModelCount(), 1u) << "this build has no built-in model (models/gray-mcgsm-v1.ride)";
  for (std::size_t i = 0; i < BuiltinModelCount(); ++i) {
    const BuiltinModel& entry = GetBuiltinModel(i);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(entry.data) % 16, 0u) << entry.name;
    LoadedModel loaded;
    const Status status = LoadModelInPlace(entry.data, entry.size, &loaded);
    ASSERT_TRUE(status.ok()) << entry.name << ": " << status.message();
    EXPECT_EQ(FindBuiltinModel(entry.name), &entry);
    EXPECT_EQ(FindBuiltinModelByFingerprint(loaded.fingerprint), &entry);
  }
  EXPECT_EQ(FindBuiltinModel("default"), &GetBuiltinModel(0));
  EXPECT_STREQ(GetBuiltinModel(0).name, "gray-ride-v1");  // the default from 0.3.0
  ASSERT_NE(FindBuiltinModel("gray-mcgsm-v2"), nullptr);  // -e 1 from 0.3.0
  ASSERT_NE(FindBuiltinModel("gray-mcgsm-v1"), nullptr);
}

// The channels a built-in model codes, and whether it has spatial LSTM layers.
struct Kind {
  std::size_t channels;
  bool recurrent;
};
Kind KindOf(const char* name) {
  const BuiltinModel* entry = FindBuiltinModel(name);
  LoadedModel loaded;
  if (entry == nullptr || !LoadModelInPlace(entry->data, entry->size, &loaded).ok()) return {0, false};
  return {loaded.model.channels, !loaded.model.layers.empty()};
}

TEST(BuiltinModelsTest, EveryEffortLevelNamesABuiltinModelOfItsKindAndTheDefaultLevelTheFirst) {
  for (uint32_t channels : {1u, 3u}) {
    const char* first = nullptr;  // the first built-in model of this kind
    for (std::size_t i = 0; i < BuiltinModelCount() && first == nullptr; ++i) {
      if (KindOf(GetBuiltinModel(i).name).channels == channels) first = GetBuiltinModel(i).name;
    }
    ASSERT_NE(first, nullptr) << channels;
    for (uint32_t effort = kFastestEffort; effort <= kBestEffort; ++effort) {
      const char* name = BuiltinModelNameFor(channels, effort);
      ASSERT_NE(name, nullptr) << channels << " channels, effort " << effort;
      EXPECT_EQ(KindOf(name).channels, channels) << name;
    }
    EXPECT_STREQ(BuiltinModelNameFor(channels, kDefaultEffort), first);
  }
  // Gray: the fastest level is the MCGSM, the default a RIDE.
  EXPECT_FALSE(KindOf(BuiltinModelNameFor(1, kFastestEffort)).recurrent);
  EXPECT_TRUE(KindOf(BuiltinModelNameFor(1, kDefaultEffort)).recurrent);
  EXPECT_EQ(BuiltinModelNameFor(1, 0), nullptr);
  EXPECT_EQ(BuiltinModelNameFor(1, kBestEffort + 1), nullptr);
  EXPECT_EQ(BuiltinModelNameFor(2, kDefaultEffort), nullptr);
}

TEST(BuiltinModelsTest, UnknownNamesAndFingerprintsFindNothing) {
  EXPECT_EQ(FindBuiltinModel("no-such-model"), nullptr);
  ModelFingerprint unknown = {};
  std::memset(unknown.data(), 0xAB, unknown.size());
  EXPECT_EQ(FindBuiltinModelByFingerprint(unknown), nullptr);
}

}  // namespace
}  // namespace ride::model
