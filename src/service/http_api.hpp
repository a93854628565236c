#pragma once
// The service's HTTP interface on a cpp-httplib server: the JSON API under /api (described by openapi.cpp) and the
// dashboard at / (dashboard.cpp). Every error is {"error": message} with its status: 400 malformed request, 401 no or
// unknown token, 404 no such job, file or endpoint, 409 not possible in the job's state, 413 body, population or runs
// over the limits, 422 invalid scenario (with "problems": the file:line:column: key: message lines), 429 queue full,
// 500 internal.
#include <filesystem>

#include "service/job_queue.hpp"
#include "service/serve_options.hpp"
#include "service/store.hpp"

namespace httplib {
class Server;
}

namespace tongchou::service {

void install_api(httplib::Server& server, Store& store, JobQueue& queue, const ServeOptions& options,
                 const std::filesystem::path& jobs_dir);

}  // namespace tongchou::service
