#include "plans/work_spread.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

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
  return spread_work_reporting(
      spread, items, [&](const std::vector<std::size_t>& mine, const std::atomic<bool>* s, const ItemFinished&) { return run_mine(mine, s); },
      stop, {});
}

std::vector<std::string> spread_work_reporting(WorkSpread* spread, const std::vector<std::size_t>& items, const ReportingShare& run_mine,
                                               const std::atomic<bool>* stop, const ItemFinished& on_other_finished) {
  if (!spread) {
    std::vector<std::string> results = run_mine(items, stop, [](std::size_t, const std::string&) {});
    if (results.size() != items.size()) throw std::logic_error("spread_work: one result per item expected");
    return results;
  }
  const auto ranks = static_cast<std::size_t>(spread->ranks());
  const auto rank = static_cast<std::size_t>(spread->rank());
  const bool leader = rank == 0, reporting = static_cast<bool>(on_other_finished);
  std::vector<std::size_t> mine;
  for (std::size_t k = rank; k < items.size(); k += ranks) mine.push_back(items[k]);
  // Finished items of this share (another process's), queued by the share's threads and sent to the leader by this
  // thread, which alone talks to the other processes: "I<item>:<text>" each, then "E" when the share has ended.
  std::mutex queue_mutex;
  std::vector<std::pair<std::size_t, std::string>> queue;
  const ItemFinished finished = [&](std::size_t item, const std::string& text) {
    if (leader || !reporting) return;
    const std::lock_guard lock(queue_mutex);
    queue.emplace_back(item, text);
  };
  long long sent = 0;
  auto send_queued = [&] {
    std::vector<std::pair<std::size_t, std::string>> batch;
    {
      const std::lock_guard lock(queue_mutex);
      batch.swap(queue);
    }
    for (const auto& [item, text] : batch) {
      std::string m = fmt::format("I{}:", item);
      m += text;
      sent += spread->send_to_leader(m);
    }
  };
  // On the leader: the messages taken in from each process, and the processes whose share has ended.
  std::vector<long long> received(ranks, 0);
  std::size_t ended = 0;
  auto take = [&](int from, const std::string& message) {
    ++received.at(static_cast<std::size_t>(from));
    if (message == "E") {
      ++ended;
      return;
    }
    const std::size_t colon = message.find(':');
    std::size_t item = 0;
    const auto [q, ec] = std::from_chars(message.data() + 1, message.data() + std::min(colon, message.size()), item);
    if (message.empty() || message[0] != 'I' || colon == std::string::npos || ec != std::errc() || q != message.data() + colon)
      throw std::runtime_error("unreadable message from another process");
    on_other_finished(item, message.substr(colon + 1));
  };
  // An error of on_other_finished (the leader's journal cannot be written ...) is the leader's error: its share is
  // stopped and the error goes through the exchange as the share's own would, so that no process waits for ever.
  std::exception_ptr taking_error;
  std::atomic<bool> stop_mine{false}, done{false};
  auto poll = [&] {
    if (!leader || !reporting || taking_error) return;
    try {
      while (auto m = spread->poll_from_others()) take(m->first, m->second);
    } catch (...) {
      taking_error = std::current_exception();
      stop_mine = true;
    }
  };
  // The share runs beside this thread, which watches for a failure the others announce, or `stop`, and then stops
  // the share (its runs end with RunCancelled).
  std::string message;
  std::exception_ptr error;
  std::thread worker([&] {
    try {
      std::vector<std::string> results = run_mine(mine, &stop_mine, finished);
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
    poll();
    if (!leader && reporting) send_queued();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  worker.join();
  if (taking_error && (!error || exit_code_of(error) == static_cast<int>(ExitCode::Interrupted))) {
    error = taking_error;
    message = "error " + error_text(error);
    told = false;  // this process's own failure: announced to the others
  }
  if (!leader && reporting) {
    send_queued();
    sent += spread->send_to_leader("E");
  }
  // A failure or an interruption of this process's own (not one caused by another's announcement) stops the others.
  if (error && !told) {
    spread->announce_failure();
    announced = true;
  }
  // The leader, its own share done, takes in the other processes' items as they finish, until their shares end.
  if (leader && reporting && !error) {
    while (ended + 1 < ranks && !(stop && stop->load()) && !taking_error) {
      poll();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (taking_error) {
      error = taking_error;
      message = "error " + error_text(error);
      spread->announce_failure();
      announced = true;
    }
  }
  // Whether the other processes have an announcement of ours to take in, and the messages sent to the leader.
  std::string tagged(1, announced ? '!' : ' ');
  tagged += std::to_string(sent) + ";" + message;
  std::vector<std::string> all = spread->gather_all(tagged);
  int announcers = 0;
  std::vector<long long> sent_by(ranks, 0);
  for (std::size_t r = 0; r < all.size(); ++r) {
    if (r != rank && all[r].starts_with("!")) ++announcers;
    const std::size_t semicolon = all[r].find(';');
    if (semicolon == std::string::npos) throw std::runtime_error("unreadable results from another process");
    sent_by[r] = std::stoll(all[r].substr(1, semicolon - 1));
    all[r].erase(0, semicolon + 1);
  }
  spread->failures_settled(announcers);
  // The items still on their way to the leader (sent after it stopped looking), before any error is thrown. An error
  // taking them in now is not thrown: every process already has the exchange's results (the caller has them too).
  if (leader && reporting)
    for (std::size_t r = 1; r < ranks; ++r)
      while (received[r] < sent_by[r]) {
        const std::string m = spread->receive_from(static_cast<int>(r));
        try {
          if (!taking_error) take(static_cast<int>(r), m);
          else ++received[r];
        } catch (...) {
          taking_error = std::current_exception();
        }
      }
  if (!leader && reporting) spread->sends_completed();
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
