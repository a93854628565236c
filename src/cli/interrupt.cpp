#include "cli/interrupt.hpp"

namespace tongchou::cli {
namespace {

std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

}  // namespace

std::atomic<bool>& interrupted() { return g_interrupted; }

extern "C" void on_interrupt_signal(int) { g_interrupted = true; }

}  // namespace tongchou::cli
