#pragma once
// Debian's cpp-httplib 0.11 is a compiled library whose listening socket has a backlog of 5
// (CPPHTTPLIB_LISTEN_BACKLOG, fixed when the library was built): 20 clients connecting at once overflow it and some
// connections are reset. Linux lets listen() be called again on a listening socket to change its backlog; this finds
// the process's listening TCP socket on `port` and widens its backlog.
namespace tongchou::service {

//! Returns whether a listening socket on `port` was found and its backlog set to `backlog`.
bool widen_listen_backlog(int port, int backlog);

}  // namespace tongchou::service
