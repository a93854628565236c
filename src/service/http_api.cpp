#include "service/http_api.hpp"

#include <httplib.h>

#include <fmt/format.h>

#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/date.hpp"
#include "core/error.hpp"
#include "scenario/scenario.hpp"
#include "service/api_error.hpp"
#include "service/dashboard.hpp"
#include "service/openapi.hpp"
#include "service/sha256.hpp"

namespace tongchou::service {

namespace fs = std::filesystem;

namespace {

void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(2) + "\n", "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message, const std::vector<std::string>& problems = {}) {
  Json body{{"error", message}};
  if (!problems.empty()) body["problems"] = problems;
  send_json(res, status, body);
}

std::vector<std::string> lines_of(const InputError& e) {
  std::vector<std::string> out;
  for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
  return out;
}

Json parse_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  try {
    return Json::parse(text);
  } catch (const std::exception&) {
    return nullptr;
  }
}

// What the list shows of a request: the built-in scenario's name, or "TOML" with its [scenario] name.
std::string scenario_label(const Json& spec) {
  if (spec.is_object() && spec.contains("jobs") && spec["jobs"].is_array()) {  // a comparison: the jobs it compares
    std::string ids;
    for (const auto& j : spec["jobs"]) ids += (ids.empty() ? "jobs " : ", ") + j.dump();
    return ids;
  }
  if (!spec.is_object() || !spec.contains("scenario") || !spec["scenario"].is_string()) return "";
  const std::string s = spec["scenario"].get<std::string>();
  for (const auto& b : builtin_scenarios())
    if (b.name == s) return s;
  return "scenario.toml";
}

Json job_summary(const JobRecord& j) {
  const Json spec = parse_or_null(j.spec);
  return Json{{"id", j.id},          {"kind", j.kind},       {"status", to_string(j.status)},
              {"progress", j.progress}, {"message", j.message}, {"scenario", scenario_label(spec)},
              {"attempts", j.attempts}, {"created", j.created}, {"updated", j.updated}};
}

Json job_detail(const JobRecord& j) {
  Json out = job_summary(j);
  out["request"] = parse_or_null(j.spec);
  const Json result = parse_or_null(j.result);
  out["scorecard"] = result.is_object() && result.contains("scorecard") ? result["scorecard"] : Json(nullptr);
  out["files"] = result.is_object() && result.contains("files") ? result["files"] : Json::array();
  if (j.status == JobStatus::Done) out["report"] = fmt::format("/api/jobs/{}/files/report.html", j.id);
  return out;
}

std::int64_t id_of(const httplib::Request& req) {
  const std::string text = req.matches[1].str();
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1)
    throw ApiError(404, fmt::format("no job \"{}\": a job's id is a whole number (GET /api/jobs lists them)", text));
  return id;
}

std::string content_type(const std::string& name) {
  auto ends = [&](const char* ext) { return name.size() >= std::strlen(ext) && name.compare(name.size() - std::strlen(ext), std::string::npos, ext) == 0; };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".csv")) return "text/csv; charset=utf-8";
  if (ends(".json")) return "application/json";
  if (ends(".toml")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

void install_api(httplib::Server& server, Store& store, JobQueue& queue, const ServeOptions& options, const fs::path& jobs_dir) {
  // Bearer token check: the SHA-256 of the token must be stored.
  auto authorised = [&store](const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    if (header.empty())
      throw ApiError(401, "this needs a token: send the header \"Authorization: Bearer <token>\" (create one with "
                          "`tongchou serve --create-token NAME`)");
    if (header.rfind("Bearer ", 0) != 0) throw ApiError(401, "Authorization: expected \"Bearer <token>\"");
    if (!store.token_known(sha256_hex(header.substr(7)))) throw ApiError(401, "Authorization: unknown token");
  };
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  // Every handler runs inside this: the token check, and every error as {"error": ...} with its status.
  auto guard = [&options, authorised](bool write, Handler handler) {
    return [&options, authorised, write, handler](const httplib::Request& req, httplib::Response& res) {
      try {
        if (write || options.read_token) authorised(req);
        handler(req, res);
      } catch (const ApiError& e) {
        if (e.status == 401) res.set_header("WWW-Authenticate", "Bearer");
        if (e.status == 429) res.set_header("Retry-After", "5");
        send_error(res, e.status, e.what(), e.problems);
      } catch (const InputError& e) {
        const auto lines = lines_of(e);
        send_error(res, 422, fmt::format("invalid scenario ({} problem{}): {}", lines.size(), lines.size() == 1 ? "" : "s",
                                         lines.empty() ? "" : lines.front()),
                   lines);
      } catch (const std::exception& e) {
        send_error(res, 500, std::string("internal error: ") + e.what());
      }
    };
  };

  server.set_payload_max_length(options.max_body);
  server.set_error_handler([&options](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413)
      send_error(res, 413, fmt::format("the request body is larger than this server takes ({} bytes, --max-body)", options.max_body));
    else if (res.status == 404)
      send_error(res, 404, fmt::format("no such endpoint: {} {} (GET /api/openapi.json lists them)", req.method, req.path));
    else if (res.status == 400)
      send_error(res, 400, "bad request: it could not be read (a POST needs a Content-Length header, 0 without a body; curl: -d '')");
    else
      send_error(res, res.status, fmt::format("HTTP {}", res.status));
  });

  install_dashboard(server);

  server.Get("/api/openapi.json", guard(false, [](const httplib::Request&, httplib::Response& res) { send_json(res, 200, openapi_document()); }));

  server.Get("/api/scenarios", guard(false, [](const httplib::Request&, httplib::Response& res) {
    Json list = Json::array();
    for (const auto& b : builtin_scenarios()) list.push_back({{"name", b.name}, {"description", b.description}});
    send_json(res, 200, Json{{"scenarios", list}});
  }));

  // A built-in scenario's main knobs and its measures with an id (measure.ID.from/until/value), for the dashboard's form.
  server.Get(R"(/api/scenarios/([^/]+))", guard(false, [](const httplib::Request& req, httplib::Response& res) {
    const std::string name = req.matches[1].str();
    const auto all = builtin_scenarios();
    const auto it = std::find_if(all.begin(), all.end(), [&](const BuiltinScenario& b) { return b.name == name; });
    if (it == all.end()) throw ApiError(404, fmt::format("no built-in scenario \"{}\" (GET /api/scenarios lists them)", name));
    const Scenario sc = load_scenario(name);
    Json measures = Json::array();
    for (const auto& m : sc.measures) {
      if (m.id.empty()) continue;
      measures.push_back({{"id", m.id}, {"measure", m.measure}, {"place", m.place}, {"value", m.value},
                          {"from", m.has_from ? Json(format_date(m.from)) : Json(nullptr)},
                          {"until", m.has_until ? Json(format_date(m.until)) : Json(nullptr)}, {"label", m.label}});
    }
    send_json(res, 200, Json{{"name", name}, {"description", it->description}, {"region", sc.params.scenario_region},
                             {"start", format_date(sc.params.scenario_start)}, {"days", sc.params.scenario_days},
                             {"seed", sc.params.scenario_seed}, {"r0", sc.params.transmission_r0},
                             {"people", sc.params.population_people}, {"scale", sc.params.population_scale}, {"measures", measures}});
  }));

  server.Get("/api/kinds", guard(false, [](const httplib::Request&, httplib::Response& res) {
    Json list = Json::array();
    for (const auto& k : job_kinds()) list.push_back({{"name", k.name}, {"description", k.description}});
    send_json(res, 200, Json{{"kinds", list}});
  }));

  server.Get("/api/jobs", guard(false, [&store, &queue](const httplib::Request& req, httplib::Response& res) {
    int limit = 1000;
    if (req.has_param("limit")) {
      try {
        limit = std::stoi(req.get_param_value("limit"));
      } catch (const std::exception&) {
        limit = -1;
      }
      if (limit < 1 || limit > 100000) throw ApiError(400, "limit: must be a whole number from 1 to 100000");
    }
    Json list = Json::array();
    for (const auto& j : store.jobs(limit)) list.push_back(job_summary(j));
    send_json(res, 200, Json{{"jobs", list}, {"queued", queue.queued()}});
  }));

  server.Post("/api/jobs", guard(true, [&queue, &options, jobs_dir](const httplib::Request& req, httplib::Response& res) {
    Json spec;
    try {
      spec = Json::parse(req.body);
    } catch (const std::exception& e) {
      throw ApiError(400, fmt::format("the body is not JSON: {}", e.what()));
    }
    if (!spec.is_object()) throw ApiError(400, "the body must be a JSON object: {\"kind\": \"run\", \"scenario\": \"yunyang\", ...}");
    if (!spec.contains("kind")) spec["kind"] = "run";
    std::string names;
    for (const auto& k : job_kinds()) names += (names.empty() ? "" : ", ") + k.name;
    if (!spec["kind"].is_string() || !find_job_kind(spec["kind"].get<std::string>()))
      throw ApiError(400, fmt::format("kind: must be one of {}, not {}", names, spec["kind"].dump()));
    const JobKind& kind = *find_job_kind(spec["kind"].get<std::string>());
    const JobSize size = kind.check(spec, jobs_dir);
    if (size.agents > options.max_people)
      throw ApiError(413, fmt::format("population.people: a run of {:.0f} agents (the population after population.scale) is more than "
                                      "this server takes ({:.0f}, --max-people); raise population.scale or lower population.people",
                                      size.agents, options.max_people));
    if (size.runs > options.max_runs)
      throw ApiError(413, fmt::format("runs: the job has {} runs, more than this server takes in one job ({}, --max-runs)", size.runs,
                                      options.max_runs));
    const std::int64_t id = queue.submit(kind.name, spec.dump());
    res.set_header("Location", fmt::format("/api/jobs/{}", id));
    send_json(res, 201, Json{{"id", id}, {"status", "queued"}, {"url", fmt::format("/api/jobs/{}", id)}});
  }));

  server.Get(R"(/api/jobs/([^/]+))", guard(false, [&store](const httplib::Request& req, httplib::Response& res) {
    const auto id = id_of(req);
    const auto job = store.job(id);
    if (!job) throw ApiError(404, fmt::format("no job {}", id));
    send_json(res, 200, job_detail(*job));
  }));

  server.Get(R"(/api/jobs/([^/]+)/files)", guard(false, [&store, jobs_dir](const httplib::Request& req, httplib::Response& res) {
    const auto id = id_of(req);
    if (!store.job(id)) throw ApiError(404, fmt::format("no job {}", id));
    send_json(res, 200, Json{{"files", job_files(jobs_dir / std::to_string(id))}});
  }));

  server.Get(R"(/api/jobs/([^/]+)/files/(.+))", guard(false, [&store, jobs_dir](const httplib::Request& req, httplib::Response& res) {
    const auto id = id_of(req);
    if (!store.job(id)) throw ApiError(404, fmt::format("no job {}", id));
    const std::string name = req.matches[2].str();
    // Only a name the job's manifests list is served: "../", absolute paths and anything else never reach the disk.
    const fs::path dir = jobs_dir / std::to_string(id);
    const auto files = job_files(dir);
    if (std::find(files.begin(), files.end(), name) == files.end())
      throw ApiError(404, fmt::format("job {} has no file \"{}\" (GET /api/jobs/{}/files lists its files)", id, name, id));
    std::ifstream in(dir / name, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) throw ApiError(404, fmt::format("job {}: {} could not be read", id, name));
    res.status = 200;
    res.set_content(text.str(), content_type(name));
  }));

  server.Post(R"(/api/jobs/([^/]+)/cancel)", guard(true, [&store, &queue](const httplib::Request& req, httplib::Response& res) {
    const auto id = id_of(req);
    const auto job = store.job(id);
    if (!job) throw ApiError(404, fmt::format("no job {}", id));
    if (!queue.cancel(id))
      throw ApiError(409, fmt::format("job {} is {}: only a queued or running job can be cancelled", id, to_string(job->status)));
    send_json(res, 200, Json{{"id", id}, {"cancelled", true}});
  }));

  server.Delete(R"(/api/jobs/([^/]+))", guard(true, [&store, &queue, jobs_dir](const httplib::Request& req, httplib::Response& res) {
    const auto id = id_of(req);
    const auto job = store.job(id);
    if (!job) throw ApiError(404, fmt::format("no job {}", id));
    if (queue.running(id)) throw ApiError(409, fmt::format("job {} is running: cancel it first (POST /api/jobs/{}/cancel)", id, id));
    queue.forget(id);
    store.remove_job(id);
    std::error_code ec;
    fs::remove_all(jobs_dir / std::to_string(id), ec);
    if (ec) throw ApiError(500, fmt::format("job {} was deleted, but its folder could not be removed: {}", id, ec.message()));
    send_json(res, 200, Json{{"id", id}, {"deleted", true}});
  }));
}

}  // namespace tongchou::service
