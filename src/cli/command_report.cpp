// `tongchou report`: a run folder's report.html rebuilt from its files.
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/console.hpp"
#include "core/atomic_file.hpp"
#include "output/run_folder.hpp"
#include "report/folder_writes.hpp"
#include "report/report_html.hpp"
#include "report/run_directory.hpp"
#include "report/scorecard.hpp"

namespace tongchou::cli {
namespace {

struct ReportCli {
  std::string dir, output;
  bool allow_edited = false;
};

int report_command(const std::string& dir, const std::string& output, bool allow_edited) {
  const RunDirectory run = read_run_directory(dir, allow_edited ? RunCheck::AllowEdited : RunCheck::Manifest);
  print_warnings(run);
  const std::filesystem::path file = output.empty() ? std::filesystem::path(dir) / "report.html" : std::filesystem::path(output);
  if (output.empty()) {
    rewrite_run_report(run, dir);
  } else {
    if (file.has_parent_path()) prepare_output_directory(file.parent_path());
    check_output_file(file);
    write_report({run}, file);
  }
  std::printf("%s (%s)\nscorecard\n%s", run.label.c_str(), dir.c_str(), scorecard_text(run).c_str());
  std::printf("report: %s\n", file.string().c_str());
  return 0;
}

}  // namespace

Command add_report_command(CLI::App& app) {
  auto o = std::make_shared<ReportCli>();
  std::string& report_dir = o->dir;
  std::string& report_out = o->output;
  bool& report_allow_edited = o->allow_edited;
  auto* report_cmd = app.add_subcommand("report", "Rebuild DIR/report.html from the files of a run's output directory");
  report_cmd->add_option("dir", report_dir, "Output directory of a `tongchou run` (holds daily.csv)")->required();
  report_cmd->add_option("-o,--output", report_out, "Write the report to this file instead of DIR/report.html (a new file, or a report of tongchou)");
  report_cmd->add_flag("--allow-edited", report_allow_edited, "Read a folder whose files differ from its manifest.json (edited on purpose), with a warning");
  report_cmd->footer(std::string("\nThe report is one self-contained HTML file (charts, district map, measure timeline, scorecard; Chinese\n"
                                 "and English): open it in a browser, no network needed. It reads daily.csv (required), the other\n"
                                 "*.csv files but infections.csv, and summary.json. DIR must be one complete run: its manifest.json\n"
                                 "lists every file with its size and checksum; a missing, changed or extra file is an error\n"
                                 "(exit 2) unless --allow-edited. -o never replaces a file that is not a report of tongchou.\n\n"
                                 "Examples:\n  tongchou report output/chongqing\n  tongchou report out/y3 -o /tmp/y3.html\n\n") +
                     kExitCodes);

  return {report_cmd, [o] { return report_command(o->dir, o->output, o->allow_edited); }};
}

}  // namespace tongchou::cli
