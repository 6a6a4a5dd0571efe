// The areas of the module `ride._ride`, each registered by its own file.
#ifndef RIDE_PYTHON_SRC_BINDINGS_H_
#define RIDE_PYTHON_SRC_BINDINGS_H_

#include <pybind11/pybind11.h>

namespace ride::python {

void RegisterCodec(pybind11::module_& module);     // codec_bindings.cc: compress, decompress, file_info
void RegisterEval(pybind11::module_& module);      // eval_bindings.cc: cost_map, log_likelihood_rate
void RegisterGenerate(pybind11::module_& module);  // generate_bindings.cc: sample, inpaint
void RegisterImages(pybind11::module_& module);    // image_bindings.cc: read_image, write_image
void RegisterCompile(pybind11::module_& module);   // compile_bindings.cc: compile (the compiler's library)
void RegisterTrain(pybind11::module_& module);     // train_bindings.cc: train_mcgsm, train_ride (the trainer's)

}  // namespace ride::python

#endif  // RIDE_PYTHON_SRC_BINDINGS_H_
