#pragma once
// `tongchou serve`'s settings (docs/service.md): where it listens, where it keeps its data, and its limits.
#include <cstddef>
#include <string>

namespace tongchou::service {

struct ServeOptions {
  std::string host = "127.0.0.1";  //!< only this machine unless told otherwise
  int port = 8080;
  std::string data = "tongchou-data";  //!< DIR: jobs/<id>/ and, by default, tongchou.db
  std::string db;                       //!< an SQLite file, or a postgresql:// URL; empty: DIR/tongchou.db
  int workers = 1;
  int threads = 0;                      //!< threads per job; 0: the cores shared by the workers
  std::string create_token;             //!< NAME: print a new token, store its hash, exit
  bool read_token = false;              //!< read endpoints need the token too
  std::size_t max_body = 1 << 20;       //!< bytes of a request body (413 beyond)
  double max_people = 2e6;              //!< agents of one run: population after population.scale (413 beyond)
  int max_runs = 1000;                  //!< runs of one job (413 beyond)
  std::size_t max_queue = 100;          //!< jobs waiting (429 beyond)
  std::size_t keep_populations = 4;     //!< synthesised populations kept for reuse by later jobs
};

}  // namespace tongchou::service
