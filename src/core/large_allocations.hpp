#pragma once
// Large blocks in pages of their own. glibc's malloc maps a request of 128 KB or more with mmap, but each time such a
// block is freed it raises that threshold (up to 32 MB), so after the first days the day step's buffers (contributions,
// touched lists, scan blocks: megabytes at an epidemic's peak, fitted down after it) and the infection records' chunks
// (2.9 MB each) come from the heap. Freed there, the buffers leave holes between blocks still in use, which the records
// that keep growing after the epidemic's peak do not fill: at 1 M persons the run peaked at its last days, 10 MB above
// the heap it held then. With the threshold fixed, a large buffer's pages go back when it is freed, and the peak is
// the heap's (docs/performance.md, Memory). Small blocks are unaffected; the outputs do not depend on it.

namespace tongchou {

//! Fixes malloc's mmap threshold at kLargeAllocationBytes. Called once, at the start of main, before any thread starts.
void map_large_allocations();

inline constexpr int kLargeAllocationBytes = 128 * 1024;

}  // namespace tongchou
