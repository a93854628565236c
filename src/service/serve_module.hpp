#pragma once
// The module of `tongchou serve` (serve_module.cpp) and its entry point, an extern "C"
// `int (*)(const ServeOptions*, const std::atomic<bool>*)` that returns serve_command's exit code.
namespace tongchou::service {

inline constexpr const char* kServeModuleFile = "libtongchou_serve.so";
inline constexpr const char* kServeModuleEntry = "tongchou_serve_command";

}  // namespace tongchou::service
