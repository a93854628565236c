#include "plans/mpi_launch.hpp"

#include <charconv>
#include <cstring>

#include "core/error.hpp"
#ifdef TONGCHOU_WITH_MPI
#include "plans/mpi_spread.hpp"
#endif

namespace tongchou {

namespace {

std::optional<int> whole(const char* text) {
  if (!text || !*text) return std::nullopt;
  int v = 0;
  const char* end = text + std::strlen(text);
  const auto [p, ec] = std::from_chars(text, end, v);
  if (ec != std::errc() || p != end) return std::nullopt;
  return v;
}

}  // namespace

std::optional<MpiLaunch> mpi_launch(const EnvironmentLookup& getenv) {
  for (const auto& [size, rank] : {std::pair{"OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK"}, std::pair{"PMI_SIZE", "PMI_RANK"}}) {
    if (const auto n = whole(getenv(size)); n && *n >= 1) return MpiLaunch{whole(getenv(rank)).value_or(0), *n};
  }
  return std::nullopt;
}

bool mpi_built() {
#ifdef TONGCHOU_WITH_MPI
  return true;
#else
  return false;
#endif
}

std::unique_ptr<WorkSpread> spread_for_launch(const std::string& command, bool built, const EnvironmentLookup& getenv) {
  const auto launch = mpi_launch(getenv);
  if (!launch) return nullptr;
  if (!built)
    throw InputError({{"mpirun", 0, 0, "",
                       "this tongchou was built without MPI support, so " + std::to_string(launch->size) +
                           " processes would each run the whole " + command +
                           " into the same folder; build it with MPI (Debian libopenmpi-dev, cmake -DTONGCHOU_MPI=ON) "
                           "or run it without mpirun"}});
#ifdef TONGCHOU_WITH_MPI
  return make_mpi_spread();
#else
  return nullptr;
#endif
}

void refuse_mpi_launch(const std::string& command, const EnvironmentLookup& getenv) {
  const auto launch = mpi_launch(getenv);
  if (!launch || launch->size <= 1) return;
  // What one launch of the command is, that R copies of it would each write (calibrate's evaluations are not shared).
  const std::string what = command == "calibrate"    ? "is one search whose evaluations are not shared between processes"
                           : command == "population" ? "writes one snapshot file"
                                                     : "is one run";
  throw InputError({{"mpirun", 0, 0, "",
                     "tongchou " + command + " " + what + ": " + std::to_string(launch->size) +
                         " processes would each write it into the same " + (command == "population" ? "file" : "folder") +
                         "; run it without mpirun, or use `mpirun -n R tongchou ensemble`, `sweep` or `optimise`, which "
                         "share their runs between the processes"}});
}

bool prints_errors(const EnvironmentLookup& getenv) {
  const auto launch = mpi_launch(getenv);
  return !launch || launch->rank == 0;
}

}  // namespace tongchou
