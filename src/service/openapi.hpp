#pragma once
// The OpenAPI 3 description of the service's API, served at /api/openapi.json.
#include <nlohmann/json.hpp>

namespace tongchou::service {

nlohmann::ordered_json openapi_document();

}  // namespace tongchou::service
