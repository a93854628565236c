#include "report/folder_writes.hpp"

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/input_file.hpp"
#include "output/run_folder.hpp"
#include "output/run_outputs.hpp"
#include "report/report_html.hpp"

namespace tongchou {

RunDirectory write_run_folder(const Simulation& sim, const std::filesystem::path& target) {
  StagedFolder staged(target, FolderKind::Run);
  write_run_outputs(sim, staged.dir());
  std::vector<RunDirectory> runs;  // not write_report({written}): that copied every table read back (MBs at 1 M)
  runs.push_back(read_run_directory(staged.dir(), RunCheck::Unchecked));  // the report shows what the files say
  write_report(runs, staged.dir() / "report.html");
  RunDirectory written = std::move(runs.front());
  Manifest m;
  m.scenario = sim.params().scenario_name;
  m.seed = sim.params().scenario_seed;
  staged.commit(std::move(m));
  written.dir = target;
  return written;
}

void rewrite_run_report(const RunDirectory& run, const std::filesystem::path& dir_given) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::canonical(dir_given, ec);  // the folder itself, not a link to it
  if (ec) dir = dir_given;
  const auto text = read_regular_file(dir / kManifestName);
  Manifest m;
  std::string error;
  if (!text.text || !parse_manifest(*text.text, m, error)) {
    write_report({run}, dir / "report.html");
    return;
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (!entry.is_regular_file(ec))
      throw OutputError("cannot rewrite the report of " + dir.string() + ": it holds " + entry.path().filename().string() +
                        ", " + describe_path(entry.path()) + "; move it away");
  StagedFolder staged(dir, FolderKind::Run);
  staged.take_files(dir, {"report.html", kManifestName});
  const std::string html = report_html({run});
  write_file_atomically(staged.dir() / "report.html", html);
  std::erase_if(m.files, [](const ManifestFile& f) { return f.name == "report.html"; });
  m.files.push_back({"report.html", html.size(), fnv1a64_hex(html)});
  staged.commit(std::move(m), true);  // files the manifest does not list (--allow-edited) stay unlisted
}

void write_compare_folder(const std::vector<RunDirectory>& runs, const std::filesystem::path& target) {
  StagedFolder staged(target, FolderKind::Compare);
  write_report(runs, staged.dir() / "report.html");
  staged.commit(Manifest{});
}

}  // namespace tongchou
