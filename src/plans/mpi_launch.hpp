#pragma once
// Whether this process was started by mpirun, and the spread of a plan's work (ensemble, sweep, optimise) over the
// launch's processes. Only these commands initialise MPI, and only when launched by mpirun: a plain `tongchou run`
// never needs it. A build without MPI (TONGCHOU_MPI=OFF) refuses an MPI launch rather than have every process run the
// whole plan into one folder.
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "plans/work_spread.hpp"

namespace tongchou {

struct MpiLaunch {
  int rank = 0, size = 1;
};

using EnvironmentLookup = std::function<const char*(const char*)>;

//! The launch mpirun describes in the environment of its processes (Open MPI's OMPI_COMM_WORLD_SIZE and
//! OMPI_COMM_WORLD_RANK; PMI_SIZE and PMI_RANK of MPICH's Hydra); nullopt when not started by mpirun.
std::optional<MpiLaunch> mpi_launch(const EnvironmentLookup& getenv = std::getenv);

//! Whether this build has MPI support (CMake option TONGCHOU_MPI).
bool mpi_built();

//! The spread of `command`'s work: nullptr when not launched by mpirun; when launched, MPI initialised (finalised
//! when the spread is destroyed). Throws InputError when launched by mpirun and `built` is false.
std::unique_ptr<WorkSpread> spread_for_launch(const std::string& command, bool built = mpi_built(),
                                              const EnvironmentLookup& getenv = std::getenv);

//! Refuses a launch of `command` (a single run; `calibrate`, whose evaluations are not shared; `population`, one
//! snapshot file) by mpirun with more than one process: they would all write the same folder or file. Throws InputError naming ensemble, sweep and optimise, which share their work.
void refuse_mpi_launch(const std::string& command, const EnvironmentLookup& getenv = std::getenv);

//! Whether this process reports errors: not launched by mpirun, or the launch's rank 0. Every process meets the same
//! bad input, and an error in one process's share of the work is passed to rank 0 (spread_work): rank 0 prints it
//! once and exits with its code, which mpirun returns; the others exit quietly with 0, so that mpirun does not stop
//! rank 0 before it has written the message.
bool prints_errors(const EnvironmentLookup& getenv = std::getenv);

}  // namespace tongchou
