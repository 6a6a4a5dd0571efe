// tests/data/api/random-mcgsm-5x3.ride holds ApiTestModel(). To write it again (after a change to
// ApiTestModel, never otherwise: files made with it would stop decoding), run
//   api_test --gtest_also_run_disabled_tests --gtest_filter='ApiTestModelTest.DISABLED_*'
#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

#include "runtime/src/model/model_fingerprint.h"
#include "runtime/src/model/model_loader.h"
#include "runtime/src/model/model_writer.h"
#include "tests/runtime/api/api_test_model.h"

namespace ride::api::testing {
namespace {

TEST(ApiTestModelTest, TheCommittedFileHoldsTheTestModel) {
  model::LoadedModel loaded;
  const Status status = model::LoadModelFromFile(kApiTestModelPath.c_str(), &loaded);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(loaded.fingerprint, model::ComputeModelFingerprint(ApiTestModel()));
  EXPECT_EQ(loaded.provenance.training_data, ApiTestProvenance().training_data);
}

TEST(ApiTestModelTest, DISABLED_WriteTheTestModelFile) {
  std::vector<uint8_t> bytes;
  const Status status = model::WriteModelFile(ApiTestModel(), ApiTestProvenance(), &bytes);
  ASSERT_TRUE(status.ok()) << status.message();
  std::FILE* file = std::fopen(kApiTestModelPath.c_str(), "wb");
  ASSERT_NE(file, nullptr) << kApiTestModelPath;
  EXPECT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), file), bytes.size());
  EXPECT_EQ(std::fclose(file), 0);
}

}  // namespace
}  // namespace ride::api::testing
