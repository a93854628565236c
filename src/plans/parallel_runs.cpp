#include "plans/parallel_runs.hpp"

#include <omp.h>

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/error.hpp"
#include "report/folder_writes.hpp"

namespace tongchou {

bool finished_before(const std::filesystem::path& dir, const std::string& resolved) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(dir / "manifest.json", ec) ||
      !std::filesystem::is_regular_file(dir / "scenario.resolved.toml", ec))
    return false;
  std::ifstream in(dir / "scenario.resolved.toml", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str() == resolved;
}

void check_plan_folder(const std::filesystem::path& dir, std::string_view what, std::initializer_list<std::string_view> own) {
  std::error_code ec;
  const auto st = std::filesystem::symlink_status(dir, ec);
  if (ec || st.type() == std::filesystem::file_type::not_found) return;
  const std::string article = std::string_view("aeiou").find(what.front()) != std::string_view::npos ? "an" : "a";
  if (st.type() != std::filesystem::file_type::directory)
    throw OutputError(fmt::format("{} exists and is not a folder: give -o a new folder, or an earlier {}'s", dir.string(), what));
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const bool ours = std::find(own.begin(), own.end(), name) != own.end() || name.find(".tmp.") != std::string::npos;
    if (!ours)
      throw OutputError(fmt::format("{} holds {}, which is not {} {}'s: give -o a new folder, an empty one or an earlier "
                                    "{}'s (nothing was written)", dir.string(), name, article, what, what));
  }
}

void run_in_parallel(ScenarioRunner& runner, const ParallelRuns& r) {
  if (r.todo.empty()) return;
  const int threads = std::max(1, r.threads);
  const int workers = static_cast<int>(std::min<std::size_t>(r.todo.size(), static_cast<std::size_t>(threads)));
  const int per_run = std::max(1, threads / workers);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::atomic<int> done{0};
  std::exception_ptr error;
  std::mutex m;
  auto stopped = [&] { return failed.load() || (r.stop && r.stop->load()); };
  auto work = [&] {
    omp_set_num_threads(per_run);
    for (;;) {
      const std::size_t k = next++;
      if (k >= r.todo.size() || stopped()) return;
      const std::size_t i = r.todo[k];
      try {
        std::atomic<bool> stop_this{false};
        auto sim = runner.simulate((*r.scenarios)[i], [&](int, int) {
          if (stopped()) stop_this = true;
        }, &stop_this);
        const RunDirectory written = write_run_folder(*sim, r.folder(i));
        const int finished = ++done;
        if (r.on_done) {
          std::lock_guard lock(m);
          r.on_done(i, finished, written);
        }
      } catch (...) {
        std::lock_guard lock(m);
        if (!error) error = std::current_exception();
        failed = true;
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  if (r.stop && r.stop->load()) throw RunCancelled();
}

}  // namespace tongchou
