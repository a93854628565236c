#pragma once
// The processes of an mpirun launch as a WorkSpread (plans/work_spread.hpp): MPI_COMM_WORLD, broadcasts and gathers of
// text. Built only with TONGCHOU_MPI; the plans above see only WorkSpread.
#include <memory>

#include "plans/work_spread.hpp"

namespace tongchou {

//! Initialises MPI (MPI_THREAD_FUNNELED: only the calling thread uses MPI; the runs' own threads never do); the spread
//! finalises it when destroyed. Call once per process.
std::unique_ptr<WorkSpread> make_mpi_spread();

}  // namespace tongchou
