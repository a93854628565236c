#pragma once
// The run folder protocol (docs/outputs.md, "The run folder"): a run, or a comparison, writes every file into a
// staging folder beside its target (<parent>/.<name>.tongchou-partial.<pid>), writes manifest.json last, syncs,
// and then swaps the staging folder for the target in one step (renameat2 RENAME_EXCHANGE; a plain rename when the
// target does not exist). At any moment the target holds the complete previous folder or the complete new one.
#include <filesystem>
#include <string>
#include <vector>

#include "output/manifest.hpp"

namespace tongchou {

enum class FolderKind { Run, Compare };

//! Checks, before a long run, that `target` may be replaced by a folder of this kind: absent, an empty folder,
//! a folder with a manifest.json of that kind and nothing else, or an older tongchou folder (only known output
//! names). Anything else (other files, a regular file, a device, a symbolic link) throws OutputError saying what
//! is there and what to do. Also removes the staging folders of dead processes beside the target (restoring a
//! previous folder that a killed swap had set aside), and creates the target's parent folders.
void check_output_folder(const std::filesystem::path& target, FolderKind kind);

//! A folder being written; it replaces `target` only on commit().
class StagedFolder {
 public:
  StagedFolder(std::filesystem::path target, FolderKind kind);
  ~StagedFolder();  //!< removes the staging folder unless committed
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;

  //! Where the files go until commit().
  const std::filesystem::path& dir() const { return staging_; }
  //! Hard-links (or copies) every file of `from` but those named in `skip` into the staging folder.
  void take_files(const std::filesystem::path& from, const std::vector<std::string>& skip);
  //! Writes manifest.json (the entries of `manifest.files` are kept as given; every other file of the staging
  //! folder is listed with its size and checksum), syncs, and swaps the staging folder for the target. Throws
  //! OutputError; the target is then unchanged. `carried_over`: the caller has carried every file of the target
  //! over (a report rewritten in its run's folder), so what is there is not checked again, and only the files
  //! already in `manifest` are listed (files the manifest did not list stay unlisted).
  void commit(Manifest manifest, bool carried_over = false);

 private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  FolderKind kind_;
  bool committed_ = false;
};

//! Checks that `file` (report -o) may be written: absent, or a report.html written by tongchou. A directory,
//! device, FIFO or any other file throws OutputError. Removes FILE.tmp.<pid> files of dead processes.
void check_output_file(const std::filesystem::path& file);

//! Whether `file` is a regular file that starts like a report of tongchou (its generator meta tag).
bool is_tongchou_report(const std::filesystem::path& file);

//! Replaces `target` by the folder `staging` (StagedFolder::commit's last step): a rename when there is no target,
//! else renameat2 RENAME_EXCHANGE and the previous folder deleted; with `exchange` false, or where the file system
//! has no exchange, the previous folder is first set aside as .<name>.tongchou-old.<pid>. Throws OutputError.
void swap_in_folder(const std::filesystem::path& staging, const std::filesystem::path& target, bool exchange);

//! The target's normal form: no trailing separator, "." and ".." resolved (an absolute path when needed).
std::filesystem::path normal_target(const std::filesystem::path& target);

}  // namespace tongchou
