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
  EXPECT_STREQ(GetBuiltinModel(0).name, "gray-mcgsm-v2");  // the default since 0.3.0
  ASSERT_NE(FindBuiltinModel("gray-mcgsm-v1"), nullptr);    // and the earlier default stays
}

TEST(BuiltinModelsTest, UnknownNamesAndFingerprintsFindNothing) {
  EXPECT_EQ(FindBuiltinModel("no-such-model"), nullptr);
  ModelFingerprint unknown = {};
  std::memset(unknown.data(), 0xAB, unknown.size());
  EXPECT_EQ(FindBuiltinModelByFingerprint(unknown), nullptr);
}

}  // namespace
}  // namespace ride::model
