#pragma once
// Ctrl-C: the flag that the long commands (run, ensemble, sweep, calibrate, optimise, serve) poll to stop cleanly. The
// one piece of process-wide state of the command line, as a signal handler can only reach such a flag.
#include <atomic>

namespace tongchou::cli {

//! Set once SIGINT (or, where a command installs it, SIGTERM) arrives.
std::atomic<bool>& interrupted();

//! The handler to install: std::signal(SIGINT, on_interrupt_signal).
extern "C" void on_interrupt_signal(int);

}  // namespace tongchou::cli
