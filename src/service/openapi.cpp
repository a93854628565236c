#include "service/openapi.hpp"

#include <string_view>

#include "service/job_kinds.hpp"

namespace tongchou::service {

namespace {

// The document without the list of kinds, which comes from the job kinds' table.
constexpr std::string_view kDocument = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "tongchou serve",
    "version": "1",
    "description": "Runs of the tongchou simulator as jobs: submit a run, an ensemble, a sweep, an optimisation or a comparison; follow its progress; fetch its files (docs/service.md). Write endpoints need `Authorization: Bearer <token>` (`tongchou serve --create-token NAME`); read endpoints too when the server runs with --read-token. Every error is {\"error\": message}."
  },
  "servers": [{"url": "/"}],
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "schemas": {
      "Error": {
        "type": "object", "required": ["error"],
        "properties": {
          "error": {"type": "string", "description": "what is wrong, for a person"},
          "problems": {"type": "array", "items": {"type": "string"}, "description": "422: every problem of the scenario as the command line prints it, file:line:column: key: message"}
        }
      },
      "JobRequest": {
        "type": "object", "required": ["scenario"],
        "properties": {
          "kind": {"type": "string", "default": "run", "enum": []},
          "scenario": {"type": "string", "description": "a built-in scenario's name (GET /api/scenarios) or a scenario's TOML text (messages name it scenario.toml)"},
          "overrides": {"type": "object", "additionalProperties": {"oneOf": [{"type": "number"}, {"type": "string"}, {"type": "boolean"}]}, "description": "parameter values as `tongchou run --set KEY=VALUE` takes them: {\"transmission.r0\": 2.2, \"measure.work_feb10.from\": \"2020-02-17\"}"},
          "seed": {"type": "integer", "minimum": 0, "description": "scenario.seed"},
          "runs": {"type": "integer", "minimum": 1, "description": "ensemble: runs with seeds 1..N; sweep: runs per point; optimise: runs per evaluated plan (as --runs; default the plan's [search] runs)"},
          "seeds": {"type": "array", "items": {"type": "integer"}, "description": "ensemble: the runs' seeds instead of runs"},
          "params": {"type": "object", "additionalProperties": {"type": "array"}, "description": "sweep: {KEY: [values]}, the grid (as --param)"},
          "ranges": {"type": "object", "additionalProperties": {"type": "array", "minItems": 2, "maxItems": 2}, "description": "sweep: {KEY: [low, high]} of a Latin hypercube (as --range)"},
          "samples": {"type": "integer", "minimum": 1, "description": "sweep: points of the Latin hypercube"},
          "plan": {"type": "string", "description": "optimise: the TOML text of a PLAN.toml (docs/plans.md; messages name it plan.toml, and its problems are answered 400 with every file:line:column: key: message line in problems)"},
          "jobs": {"type": "array", "items": {"type": "integer"}, "description": "compare: ids of two or more done runs"}
        }
      },
      "JobSummary": {
        "type": "object",
        "properties": {
          "id": {"type": "integer"}, "kind": {"type": "string"},
          "status": {"type": "string", "enum": ["queued", "running", "done", "failed", "cancelled"]},
          "progress": {"type": "number", "minimum": 0, "maximum": 1},
          "message": {"type": "string", "description": "the last progress line, or why the job failed"},
          "scenario": {"type": "string"}, "attempts": {"type": "integer"},
          "created": {"type": "string", "format": "date-time"}, "updated": {"type": "string", "format": "date-time"}
        }
      },
      "Job": {
        "allOf": [{"$ref": "#/components/schemas/JobSummary"}, {
          "type": "object",
          "properties": {
            "request": {"$ref": "#/components/schemas/JobRequest"},
            "scorecard": {"type": "object", "nullable": true, "description": "when done: the run's summary.json, the ensemble's summary.json, a sweep's point count; an optimisation's evaluations, looked_up, front (plans on it), own_plan"},
            "files": {"type": "array", "items": {"type": "string"}},
            "report": {"type": "string", "description": "when done: the URL of its report.html"}
          }
        }]
      }
    },
    "responses": {
      "BadRequest": {"description": "malformed request", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unauthorized": {"description": "no token, or an unknown one", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "no such job, file or endpoint", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Conflict": {"description": "not possible in the job's state", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "parameters": {
      "id": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}
    }
  },
  "paths": {
    "/api/scenarios": {"get": {"summary": "The built-in scenarios", "responses": {"200": {"description": "{scenarios: [{name, description}]}", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
    "/api/scenarios/{name}": {"get": {"summary": "A built-in scenario's main knobs (start, days, seed, r0, people, scale) and its measures with an id (measure.ID.from, until, value)", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "the scenario", "content": {"application/json": {"schema": {"type": "object"}}}}, "404": {"$ref": "#/components/responses/NotFound"}}}},
    "/api/kinds": {"get": {"summary": "The kinds of job", "responses": {"200": {"description": "{kinds: [{name, description}]}", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
    "/api/openapi.json": {"get": {"summary": "This description", "responses": {"200": {"description": "OpenAPI 3", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
    "/api/jobs": {
      "get": {
        "summary": "Jobs, newest first",
        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1000}}],
        "responses": {
          "200": {"description": "{jobs: [JobSummary], queued: N}", "content": {"application/json": {"schema": {"type": "object", "properties": {"jobs": {"type": "array", "items": {"$ref": "#/components/schemas/JobSummary"}}, "queued": {"type": "integer"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      },
      "post": {
        "summary": "Submit a job",
        "security": [{"bearer": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JobRequest"}}}},
        "responses": {
          "201": {"description": "queued: {id, status, url}", "content": {"application/json": {"schema": {"type": "object"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "413": {"description": "body, population (agents after population.scale) or runs over the server's limits", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "422": {"description": "the scenario is invalid: every problem, as the command line reports them", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "429": {"description": "the queue is full (Retry-After)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        }
      }
    },
    "/api/jobs/{id}": {
      "parameters": [{"$ref": "#/components/parameters/id"}],
      "get": {"summary": "A job: status, progress, scorecard when done, files", "responses": {"200": {"description": "the job", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}}, "404": {"$ref": "#/components/responses/NotFound"}}},
      "delete": {"summary": "Delete a job that is not running, with its folder", "security": [{"bearer": []}], "responses": {"200": {"description": "{id, deleted: true}", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}}
    },
    "/api/jobs/{id}/cancel": {
      "parameters": [{"$ref": "#/components/parameters/id"}],
      "post": {"summary": "Cancel a queued or running job", "security": [{"bearer": []}], "responses": {"200": {"description": "{id, cancelled: true}", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}}
    },
    "/api/jobs/{id}/files": {
      "parameters": [{"$ref": "#/components/parameters/id"}],
      "get": {"summary": "The job's files: those its manifests list (and a plan's own tables)", "responses": {"200": {"description": "{files: [name]}", "content": {"application/json": {"schema": {"type": "object"}}}}, "404": {"$ref": "#/components/responses/NotFound"}}}
    },
    "/api/jobs/{id}/files/{name}": {
      "parameters": [{"$ref": "#/components/parameters/id"}, {"name": "name", "in": "path", "required": true, "schema": {"type": "string"}, "description": "a name from /files (e.g. report.html, runs/001/daily.csv); nothing else is served"}],
      "get": {"summary": "One file of a job", "responses": {"200": {"description": "the file", "content": {"text/html": {}, "text/csv": {}, "application/json": {}}}, "404": {"$ref": "#/components/responses/NotFound"}}}
    }
  }
})json";

}  // namespace

nlohmann::ordered_json openapi_document() {
  auto doc = nlohmann::ordered_json::parse(kDocument);
  auto& kinds = doc["components"]["schemas"]["JobRequest"]["properties"]["kind"]["enum"];
  for (const auto& k : job_kinds()) kinds.push_back(k.name);
  return doc;
}

}  // namespace tongchou::service
