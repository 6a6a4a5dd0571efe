// ride.Model: a frozen model opened through ride.h (built in, from a file or from bytes), shared by
// every call that uses it; immutable, so any number of Python threads may use one at once.
#ifndef RIDE_PYTHON_SRC_MODEL_BINDINGS_H_
#define RIDE_PYTHON_SRC_MODEL_BINDINGS_H_

#include <pybind11/pybind11.h>

#include <memory>
#include <string>

#include "ride/ride.h"

namespace ride::python {

class Model {
 public:
  // Takes `model` (open); `keep_alive` is what its weights point into, if anything.
  Model(ride_model* model, pybind11::object keep_alive);
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  const ride_model* get() const { return model_; }
  const ride_model_info& info() const { return info_; }
  std::string fingerprint() const { return info_.fingerprint_hex; }

 private:
  ride_model* model_;
  ride_model_info info_;
  pybind11::object keep_alive_;
};

// The model a call was given: `model` (a ride.Model), or the default built-in model for None.
// The returned pointer lives as long as `model`, or for ever for the default.
const ride_model* ModelArgument(const pybind11::handle& model);

// `model` as a Python ride.Model, taking ownership of the open handle.
pybind11::object WrapModel(ride_model* model);

void RegisterModel(pybind11::module_& module);

}  // namespace ride::python

#endif  // RIDE_PYTHON_SRC_MODEL_BINDINGS_H_
