// `tongchou compare`: several runs overlaid in one report, their scorecards side by side.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/console.hpp"
#include "core/error.hpp"
#include "output/run_folder.hpp"
#include "report/folder_writes.hpp"
#include "report/run_directory.hpp"
#include "report/scorecard.hpp"

namespace tongchou::cli {
namespace {

struct CompareCli {
  std::vector<std::string> dirs;
  std::string output = "output/compare";
  bool allow_edited = false;
};

int compare_command(const std::vector<std::string>& dirs, const std::string& output, bool allow_edited) {
  std::vector<RunDirectory> runs;
  std::vector<Diagnostic> problems;
  check_output_folder(output, FolderKind::Compare);
  for (const auto& d : dirs) {
    try {
      runs.push_back(read_run_directory(d, allow_edited ? RunCheck::AllowEdited : RunCheck::Manifest));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  // Runs of one scenario (e.g. seeds) get their directory name beside the scenario's.
  for (std::size_t i = 0; i < runs.size(); ++i)
    for (std::size_t j = 0; j < runs.size(); ++j)
      if (i != j && runs[i].label == runs[j].label) {
        const std::string shared = runs[i].label;
        for (auto& r : runs)
          if (r.label == shared) r.label += " (" + r.dir.filename().string() + ")";
        break;
      }
  for (std::size_t i = 0; i < runs.size(); ++i)
    for (std::size_t j = i + 1; j < runs.size(); ++j)
      if (runs[i].label == runs[j].label) runs[j].label += " #" + std::to_string(j + 1);
  const std::filesystem::path out(output);
  write_compare_folder(runs, out);
  for (const auto& r : runs) {
    print_warnings(r);
    std::printf("%s (%s)\n%s", r.label.c_str(), r.dir.string().c_str(), scorecard_text(r).c_str());
  }
  std::printf("report: %s\n", (out / "report.html").string().c_str());
  return 0;
}

}  // namespace

Command add_compare_command(CLI::App& app) {
  auto o = std::make_shared<CompareCli>();
  std::vector<std::string>& compare_dirs = o->dirs;
  std::string& compare_out = o->output;
  bool& compare_allow_edited = o->allow_edited;
  auto* compare = app.add_subcommand("compare", "Overlay several runs in one report, their scorecards side by side");
  compare->add_option("dirs", compare_dirs, "Output directories of two or more runs")->required()->expected(2, -1);
  compare->add_option("-o,--output", compare_out, "Folder to write report.html into (default: output/compare): new, empty, or an earlier comparison");
  compare->add_flag("--allow-edited", compare_allow_edited, "Read runs whose files differ from their manifest.json, with a warning");
  compare->footer(std::string("\nEach chart draws every run (one colour per run); the map shows one run at a time, chosen in the page.\n"
                              "With three runs or more the page can show each series as the median and 5-95% band across the runs\n"
                              "(the default when they are one scenario with several seeds), and the scorecard adds both columns\n"
                              "and the probability of a rebound (the share of runs whose local infections came back after 14 days\n"
                              "without any).\n\n"
                              "Examples:\n"
                              "  tongchou run yunyang -o out/base\n"
                              "  tongchou run yunyang --set transmission.r0=3 -o out/r0-3\n"
                              "  tongchou compare out/base out/r0-3 -o out/compare     (writes out/compare/report.html)\n"
                              "  for s in 1 2 3 4 5; do tongchou run yunyang --seed $s -q -o out/s$s; done\n"
                              "  tongchou compare out/s1 out/s2 out/s3 out/s4 out/s5 -o out/seeds   (median and 5-95% band)\n\n") +
                  kExitCodes);
  return {compare, [o] { return compare_command(o->dirs, o->output, o->allow_edited); }};
}

}  // namespace tongchou::cli
