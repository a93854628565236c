#include "plans/work_spread.hpp"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <exception>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "run/scenario_runner.hpp"

namespace tongchou {

StoppedElsewhere::StoppedElsewhere(int exit_code)
    : std::runtime_error(fmt::format("stopped: another process of the launch failed (exit code {})", exit_code)),
      exit_code_(exit_code) {}

bool leads(const WorkSpread* spread) { return !spread || spread->rank() == 0; }

int exit_code_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const StoppedElsewhere& e) {
    return e.exit_code();
  } catch (const InputError&) {
    return static_cast<int>(ExitCode::BadInput);
  } catch (const OutputError&) {
    return static_cast<int>(ExitCode::OutputError);
  } catch (const RunCancelled&) {
    return static_cast<int>(ExitCode::Interrupted);
  } catch (...) {
    return static_cast<int>(ExitCode::RuntimeError);
  }
}

std::string error_text(const std::exception_ptr& error) {
  nlohmann::json j;
  j["code"] = exit_code_of(error);
  try {
    std::rethrow_exception(error);
  } catch (const InputError& e) {
    j["kind"] = "input";
    j["diagnostics"] = nlohmann::json::array();
    for (const auto& d : e.diagnostics())
      j["diagnostics"].push_back({{"file", d.file}, {"line", d.line}, {"column", d.column}, {"key", d.key}, {"message", d.message}});
  } catch (const OutputError& e) {
    j["kind"] = "output";
    j["message"] = e.what();
  } catch (const RunCancelled&) {
    j["kind"] = "cancelled";
  } catch (const StoppedElsewhere&) {
    j["kind"] = "stopped";
  } catch (const std::exception& e) {
    j["kind"] = "internal";
    j["message"] = e.what();
  } catch (...) {
    j["kind"] = "internal";
    j["message"] = "unknown error";
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void rethrow_error_text(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw std::runtime_error("unreadable error from another process: " + text);
  const std::string kind = j.value("kind", "internal");
  if (kind == "input") {
    std::vector<Diagnostic> ds;
    for (const auto& d : j.at("diagnostics"))
      ds.push_back({d.value("file", ""), d.value("line", 0), d.value("column", 0), d.value("key", ""), d.value("message", "")});
    throw InputError(std::move(ds));
  }
  if (kind == "output") throw OutputError(j.value("message", ""));
  if (kind == "cancelled") throw RunCancelled();
  if (kind == "stopped") throw StoppedElsewhere(j.value("code", 1));
  throw std::runtime_error(j.value("message", "unknown error"));
}

namespace {

// The exit code in an error_text().
int code_in(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  return j.is_object() ? j.value("code", 1) : 1;
}

}  // namespace

std::string index_list(const std::vector<std::size_t>& indices) {
  std::string out;
  for (std::size_t k = 0; k < indices.size(); ++k) {
    if (k) out += ',';
    out += std::to_string(indices[k]);
  }
  return out;
}

std::vector<std::size_t> parse_index_list(const std::string& text) {
  std::vector<std::size_t> out;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    std::size_t v = 0;
    const auto [q, ec] = std::from_chars(p, end, v);
    if (ec != std::errc() || (q != end && *q != ',')) throw std::runtime_error("not a list of indices: " + text);
    out.push_back(v);
    p = q == end ? q : q + 1;
  }
  return out;
}

std::string pack_texts(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& t : texts) out.append(std::to_string(t.size())).append(":").append(t);
  return out;
}

std::vector<std::string> unpack_texts(const std::string& packed) {
  std::vector<std::string> out;
  std::size_t p = 0;
  while (p < packed.size()) {
    const std::size_t colon = packed.find(':', p);
    std::size_t n = 0;
    const auto [q, ec] = std::from_chars(packed.data() + p, packed.data() + (colon == std::string::npos ? p : colon), n);
    if (colon == std::string::npos || ec != std::errc() || q != packed.data() + colon || n > packed.size() - colon - 1)
      throw std::runtime_error("unreadable results from another process");
    out.push_back(packed.substr(colon + 1, n));
    p = colon + 1 + n;
  }
  return out;
}

std::string leader_step(WorkSpread* spread, const std::function<std::string()>& step) {
  if (!spread) return step();
  std::string message;
  std::exception_ptr error;
  if (spread->rank() == 0) {
    try {
      message = "ok " + step();
    } catch (...) {
      error = std::current_exception();
      message = "error " + error_text(error);
    }
  }
  const std::string got = spread->broadcast(message);
  if (error) std::rethrow_exception(error);
  if (got.starts_with("ok ")) return got.substr(3);
  throw StoppedElsewhere(code_in(got.substr(6)));
}

std::vector<std::string> spread_work(WorkSpread* spread, const std::vector<std::size_t>& items, const RunShare& run_mine,
                                     const std::atomic<bool>* stop) {
  if (!spread) {
    std::vector<std::string> results = run_mine(items, stop);
    if (results.size() != items.size()) throw std::logic_error("spread_work: one result per item expected");
    return results;
  }
  const auto ranks = static_cast<std::size_t>(spread->ranks());
  const auto rank = static_cast<std::size_t>(spread->rank());
  std::vector<std::size_t> mine;
  for (std::size_t k = rank; k < items.size(); k += ranks) mine.push_back(items[k]);
  // The share runs beside this thread, which alone talks to the other processes: it watches for a failure they
  // announce, or `stop`, and then stops the share (its runs end with RunCancelled).
  std::string message;
  std::exception_ptr error;
  std::atomic<bool> stop_mine{false}, done{false};
  std::thread worker([&] {
    try {
      std::vector<std::string> results = run_mine(mine, &stop_mine);
      if (results.size() != mine.size()) throw std::logic_error("spread_work: one result per item expected");
      message = "ok " + pack_texts(results);
    } catch (...) {
      error = std::current_exception();
      message = "error " + error_text(error);
    }
    done = true;
  });
  bool told = false, announced = false;
  while (!done) {
    if (stop && stop->load()) stop_mine = true;
    if (!told && spread->failure_announced()) told = stop_mine = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  worker.join();
  // A failure or an interruption of this process's own (not one caused by another's announcement) stops the others.
  if (error && !told) {
    spread->announce_failure();
    announced = true;
  }
  std::string tagged(1, announced ? '!' : ' ');  // whether the other processes have an announcement of ours to take in
  tagged += message;
  std::vector<std::string> all = spread->gather_all(tagged);
  int announcers = 0;
  for (std::size_t r = 0; r < all.size(); ++r) {
    if (r != rank && all[r].starts_with("!")) ++announcers;
    all[r].erase(0, 1);
  }
  spread->failures_settled(announcers);
  // The first process with an error, an interruption only if no process had another error: the leader reports it,
  // the others stop quietly with its exit code.
  std::size_t first = all.size();
  for (std::size_t r = 0; r < all.size(); ++r) {
    if (!all[r].starts_with("error ")) continue;
    const bool cancelled = code_in(all[r].substr(6)) == static_cast<int>(ExitCode::Interrupted);
    if (first == all.size() || (!cancelled && code_in(all[first].substr(6)) == static_cast<int>(ExitCode::Interrupted))) first = r;
    if (!cancelled) break;
  }
  if (first < all.size()) {
    if (rank != 0) throw StoppedElsewhere(code_in(all[first].substr(6)));
    if (first == 0) std::rethrow_exception(error);
    rethrow_error_text(all[first].substr(6));
  }
  std::vector<std::vector<std::string>> per_rank;
  for (const auto& m : all) per_rank.push_back(unpack_texts(m.substr(3)));
  std::vector<std::string> results(items.size());
  for (std::size_t k = 0; k < items.size(); ++k) {
    const auto& theirs = per_rank.at(k % ranks);
    if (k / ranks >= theirs.size()) throw std::runtime_error("spread_work: a process returned too few results");
    results[k] = theirs[k / ranks];
  }
  return results;
}

}  // namespace tongchou
