// Unit tests of the sharing of a plan's work among processes (plans/work_spread.hpp) with R "processes" played by
// threads of this test (ThreadSpread: the same exchanges as MPI's, through memory), and of the detection of an
// mpirun launch (plans/mpi_launch.hpp) with a made-up environment.
#include <gtest/gtest.h>
#include <fmt/format.h>

#include <atomic>
#include <barrier>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "plans/mpi_launch.hpp"
#include "plans/work_spread.hpp"
#include "run/scenario_runner.hpp"

using namespace tongchou;

namespace {

// What R threads share: slots for the texts and a barrier where they meet.
struct Meeting {
  explicit Meeting(int n) : ranks(n), meet(n), slots(static_cast<std::size_t>(n)) {}
  int ranks;
  std::barrier<> meet;
  std::vector<std::string> slots;
  std::atomic<int> failed{-1};  // the rank that announced a failure
  std::mutex mail_mutex;        // messages to the leader (send_to_leader), in order of sending
  std::deque<std::pair<int, std::string>> mail;
};

class ThreadSpread final : public WorkSpread {
 public:
  ThreadSpread(Meeting& m, int rank) : m_(m), rank_(rank) {}
  int rank() const override { return rank_; }
  int ranks() const override { return m_.ranks; }
  std::string broadcast(const std::string& text) override {
    if (rank_ == 0) m_.slots[0] = text;
    m_.meet.arrive_and_wait();
    std::string out = m_.slots[0];
    m_.meet.arrive_and_wait();
    return out;
  }
  std::vector<std::string> gather_all(const std::string& text) override {
    m_.slots[static_cast<std::size_t>(rank_)] = text;
    m_.meet.arrive_and_wait();
    std::vector<std::string> out = m_.slots;
    m_.meet.arrive_and_wait();
    return out;
  }
  void announce_failure() override { m_.failed = rank_; }
  bool failure_announced() override { return m_.failed.load() >= 0 && m_.failed.load() != rank_; }
  bool send_to_leader(const std::string& text) override {
    const std::lock_guard lock(m_.mail_mutex);
    m_.mail.emplace_back(rank_, text);
    return true;
  }
  std::optional<std::pair<int, std::string>> poll_from_others() override {
    const std::lock_guard lock(m_.mail_mutex);
    if (m_.mail.empty()) return std::nullopt;
    auto m = m_.mail.front();
    m_.mail.pop_front();
    return m;
  }
  std::string receive_from(int rank) override {
    while (true) {
      {
        const std::lock_guard lock(m_.mail_mutex);
        for (auto it = m_.mail.begin(); it != m_.mail.end(); ++it)
          if (it->first == rank) {
            std::string text = it->second;
            m_.mail.erase(it);
            return text;
          }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

 private:
  Meeting& m_;
  int rank_;
};

// What one "process" ended with: its results, or the error it threw.
struct Outcome {
  std::vector<std::string> results;
  std::string text;
  std::exception_ptr error;
};

// Runs `body` on `ranks` threads, each with its ThreadSpread; their outcomes by rank.
std::vector<Outcome> on_ranks(int ranks, const std::function<Outcome(WorkSpread&)>& body) {
  Meeting m(ranks);
  std::vector<Outcome> out(static_cast<std::size_t>(ranks));
  std::vector<std::thread> threads;
  for (int r = 0; r < ranks; ++r)
    threads.emplace_back([&, r] {
      ThreadSpread s(m, r);
      try {
        out[static_cast<std::size_t>(r)] = body(s);
      } catch (...) {
        out[static_cast<std::size_t>(r)].error = std::current_exception();
      }
    });
  for (auto& t : threads) t.join();
  return out;
}

int stopped_code(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const StoppedElsewhere& s) {
    return s.exit_code();
  } catch (...) {
    return -1;
  }
}

EnvironmentLookup environment(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}

}  // namespace

TEST(WorkSpread, EachRankDoesItsShareAndEveryRankGetsEveryResultInOrder) {
  const std::vector<std::size_t> items = {5, 6, 7, 8, 9, 10, 11};
  for (int ranks : {1, 2, 3}) {
    const auto outcomes = on_ranks(ranks, [&](WorkSpread& s) {
      Outcome o;
      o.results = spread_work(&s, items, [&](const std::vector<std::size_t>& mine, const std::atomic<bool>*) {
        std::vector<std::string> r;
        for (auto i : mine) r.push_back(std::to_string(s.rank()) + ":" + std::to_string(i));
        return r;
      }, nullptr);
      return o;
    });
    for (const auto& o : outcomes) {
      ASSERT_FALSE(o.error) << ranks;
      ASSERT_EQ(o.results.size(), items.size());
      // Item k (in the order given) went to rank k % R, and its result is in place k on every rank.
      for (std::size_t k = 0; k < items.size(); ++k)
        EXPECT_EQ(o.results[k], std::to_string(k % static_cast<std::size_t>(ranks)) + ":" + std::to_string(items[k])) << ranks;
    }
  }
}

TEST(WorkSpread, MoreRanksThanItemsLeavesSomeWithNothing) {
  const auto outcomes = on_ranks(3, [&](WorkSpread& s) {
    Outcome o;
    o.results = spread_work(&s, {4}, [&](const std::vector<std::size_t>& mine, const std::atomic<bool>*) {
      if (s.rank() > 0 && !mine.empty()) throw std::logic_error("rank " + std::to_string(s.rank()) + " got work");
      return std::vector<std::string>(mine.size(), "done");
    }, nullptr);
    return o;
  });
  for (const auto& o : outcomes) {
    ASSERT_FALSE(o.error);
    EXPECT_EQ(o.results, std::vector<std::string>{"done"});
  }
}

TEST(WorkSpread, AnErrorOnOneRankIsThrownByTheLeaderAndStopsTheOthers) {
  const auto outcomes = on_ranks(3, [&](WorkSpread& s) {
    Outcome o;
    o.results = spread_work(&s, {0, 1, 2, 3, 4, 5}, [&](const std::vector<std::size_t>& mine, const std::atomic<bool>*) {
      if (s.rank() == 2) throw InputError({{"a.toml", 3, 7, "transmission.r0", "must be at most 20"}});
      if (s.rank() == 1) throw RunCancelled();  // stopped too, but the input error is what the leader reports
      return std::vector<std::string>(mine.size());
    }, nullptr);
    return o;
  });
  ASSERT_TRUE(outcomes[0].error);
  try {
    std::rethrow_exception(outcomes[0].error);
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].to_string(), Diagnostic({"a.toml", 3, 7, "transmission.r0", "must be at most 20"}).to_string());
  } catch (...) {
    ADD_FAILURE() << "the leader threw something other than the input error of rank 2";
  }
  EXPECT_EQ(stopped_code(outcomes[1].error), 2);
  EXPECT_EQ(stopped_code(outcomes[2].error), 2);
}

TEST(WorkSpread, AFailureStopsTheSharesOfTheOthersEarly) {
  std::atomic<int> stopped{0};
  const auto outcomes = on_ranks(3, [&](WorkSpread& s) {
    Outcome o;
    o.results = spread_work(&s, {0, 1, 2}, [&](const std::vector<std::size_t>& mine, const std::atomic<bool>* stop) {
      if (s.rank() == 1) throw OutputError("disk full");
      // A long share, which only the announcement of rank 1's failure ends.
      for (int wait = 0; wait < 1000; ++wait) {
        if (stop && stop->load()) {
          ++stopped;
          throw RunCancelled();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      return std::vector<std::string>(mine.size());
    }, nullptr);
    return o;
  });
  EXPECT_EQ(stopped.load(), 2);
  try {
    std::rethrow_exception(outcomes[0].error);
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "disk full");
  } catch (...) {
    ADD_FAILURE() << "the leader did not report rank 1's failure";
  }
  EXPECT_EQ(stopped_code(outcomes[1].error), 3);
  EXPECT_EQ(stopped_code(outcomes[2].error), 3);
}

TEST(WorkSpread, StopEndsThisProcesssShare) {
  std::atomic<bool> interrupted{true};
  std::atomic<bool> seen{false};
  const auto outcomes = on_ranks(1, [&](WorkSpread& s) {
    Outcome o;
    o.results = spread_work(&s, {0}, [&](const std::vector<std::size_t>& mine, const std::atomic<bool>* stop) {
      for (int wait = 0; wait < 1000 && !(stop && stop->load()); ++wait) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      seen = stop && stop->load();
      if (seen) throw RunCancelled();
      return std::vector<std::string>(mine.size());
    }, &interrupted);
    return o;
  });
  EXPECT_TRUE(seen.load());
  EXPECT_THROW(std::rethrow_exception(outcomes[0].error), RunCancelled);
}

TEST(WorkSpread, AnInterruptionOfOneRankStopsAllAndIsReportedAsSuch) {
  std::atomic<bool> stopped{false};
  const auto outcomes = on_ranks(2, [&](WorkSpread& s) {
    Outcome o;
    o.results = spread_work(&s, {0, 1}, [&](const std::vector<std::size_t>& mine, const std::atomic<bool>* stop) {
      if (s.rank() == 1) throw RunCancelled();  // as after Ctrl-C of this process alone
      for (int wait = 0; wait < 1000; ++wait) {
        if (stop && stop->load()) {
          stopped = true;
          throw RunCancelled();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      return std::vector<std::string>(mine.size());
    }, nullptr);
    return o;
  });
  EXPECT_TRUE(stopped.load());
  EXPECT_THROW(std::rethrow_exception(outcomes[0].error), RunCancelled);
  EXPECT_EQ(stopped_code(outcomes[1].error), 130);
}

TEST(WorkSpread, TheLeaderGetsEveryOtherRanksItemAsItFinishes) {
  // Items 0..5 over 3 ranks (rank r: r and r + 3). Every rank finishes its items: the leader is told of the other
  // ranks' items (1, 4, 2, 5) with their texts, and all get every result in order.
  std::set<std::pair<std::size_t, std::string>> told;
  const auto share = [](const std::vector<std::size_t>& mine, const std::atomic<bool>*, const ItemFinished& finished) {
    std::vector<std::string> out;
    for (std::size_t i : mine) {
      out.push_back(fmt::format("r{}", i));
      finished(i, out.back());
    }
    return out;
  };
  const auto outcomes = on_ranks(3, [&](WorkSpread& s) {
    Outcome o;
    o.results = spread_work_reporting(&s, {0, 1, 2, 3, 4, 5}, share, nullptr, [&](std::size_t i, const std::string& text) {
      EXPECT_EQ(s.rank(), 0) << "only the leader is told";
      told.emplace(i, text);
    });
    return o;
  });
  for (const auto& o : outcomes) {
    ASSERT_FALSE(o.error);
    EXPECT_EQ(o.results, (std::vector<std::string>{"r0", "r1", "r2", "r3", "r4", "r5"}));
  }
  EXPECT_EQ(told, (std::set<std::pair<std::size_t, std::string>>{{1, "r1"}, {2, "r2"}, {4, "r4"}, {5, "r5"}}));
}

TEST(WorkSpread, AnInterruptionKeepsTheOtherRanksFinishedItemsOnTheLeader) {
  // Rank 1 finishes both its items (1, 4); rank 2 finishes item 2 and is interrupted before 5; the leader's own share
  // runs until it is stopped. The leader throws the interruption, having been told of 1, 4 and 2.
  std::set<std::size_t> told;
  const auto outcomes = on_ranks(3, [&](WorkSpread& s) {
    Outcome o;
    o.results = spread_work_reporting(
        &s, {0, 1, 2, 3, 4, 5},
        [&](const std::vector<std::size_t>& mine, const std::atomic<bool>* stop, const ItemFinished& finished) {
          if (s.rank() == 2) {
            finished(mine[0], "done");
            std::this_thread::sleep_for(std::chrono::milliseconds(100));  // rank 1 has time to finish
            throw RunCancelled();
          }
          if (s.rank() == 1) {
            for (std::size_t i : mine) finished(i, "done");
            return std::vector<std::string>(mine.size(), "done");
          }
          for (int wait = 0; wait < 1000 && !(stop && stop->load()); ++wait) std::this_thread::sleep_for(std::chrono::milliseconds(10));
          throw RunCancelled();
        },
        nullptr, [&](std::size_t i, const std::string&) { told.insert(i); });
    return o;
  });
  EXPECT_THROW(std::rethrow_exception(outcomes[0].error), RunCancelled);
  EXPECT_EQ(stopped_code(outcomes[1].error), 130);
  EXPECT_EQ(stopped_code(outcomes[2].error), 130);
  EXPECT_EQ(told, (std::set<std::size_t>{1, 2, 4}));
}

TEST(WorkSpread, TheLeaderStepRunsOnceAndItsErrorStopsAll) {
  std::atomic<int> calls{0};
  auto ok = on_ranks(3, [&](WorkSpread& s) {
    Outcome o;
    o.text = leader_step(&s, [&] {
      ++calls;
      return std::string("0,2,5");
    });
    return o;
  });
  EXPECT_EQ(calls.load(), 1);
  for (const auto& o : ok) {
    ASSERT_FALSE(o.error);
    EXPECT_EQ(parse_index_list(o.text), (std::vector<std::size_t>{0, 2, 5}));
  }
  auto failed = on_ranks(3, [&](WorkSpread& s) {
    Outcome o;
    o.text = leader_step(&s, []() -> std::string { throw OutputError("out/x holds y"); });
    return o;
  });
  try {
    std::rethrow_exception(failed[0].error);
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "out/x holds y");
  } catch (...) {
    ADD_FAILURE() << "the leader did not rethrow its OutputError";
  }
  EXPECT_EQ(stopped_code(failed[1].error), 3);
  EXPECT_EQ(stopped_code(failed[2].error), 3);
}

TEST(WorkSpread, WithoutASpreadEverythingRunsHere) {
  std::vector<std::size_t> seen;
  const auto r = spread_work(nullptr, {3, 1, 2}, [&](const std::vector<std::size_t>& mine, const std::atomic<bool>*) {
    seen = mine;
    return std::vector<std::string>{"a", "b", "c"};
  }, nullptr);
  EXPECT_EQ(seen, (std::vector<std::size_t>{3, 1, 2}));
  EXPECT_EQ(r, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(leader_step(nullptr, [] { return std::string("x"); }), "x");
  EXPECT_TRUE(leads(nullptr));
}

TEST(WorkSpread, TextsAndIndicesSurviveTheirEncoding) {
  const std::vector<std::string> texts = {"", "a:b", std::string("z\0y", 3), "12:", "{\"k\": 1}"};
  EXPECT_EQ(unpack_texts(pack_texts(texts)), texts);
  EXPECT_TRUE(unpack_texts("").empty());
  EXPECT_THROW(unpack_texts("5:ab"), std::runtime_error);
  EXPECT_EQ(parse_index_list(index_list({})), std::vector<std::size_t>{});
  EXPECT_EQ(parse_index_list(index_list({7, 0, 12})), (std::vector<std::size_t>{7, 0, 12}));
  EXPECT_THROW(parse_index_list("1,x"), std::runtime_error);
  EXPECT_EQ(exit_code_of(std::make_exception_ptr(std::runtime_error("boom"))), 1);
  EXPECT_THROW(rethrow_error_text(error_text(std::make_exception_ptr(std::runtime_error("boom")))), std::runtime_error);
}

TEST(MpiLaunch, ReadFromTheEnvironmentOfMpirun) {
  EXPECT_FALSE(mpi_launch(environment({})));
  const auto open_mpi = mpi_launch(environment({{"OMPI_COMM_WORLD_SIZE", "3"}, {"OMPI_COMM_WORLD_RANK", "2"}}));
  ASSERT_TRUE(open_mpi);
  EXPECT_EQ(open_mpi->size, 3);
  EXPECT_EQ(open_mpi->rank, 2);
  const auto hydra = mpi_launch(environment({{"PMI_SIZE", "2"}, {"PMI_RANK", "1"}}));
  ASSERT_TRUE(hydra);
  EXPECT_EQ(hydra->size, 2);
  EXPECT_FALSE(mpi_launch(environment({{"OMPI_COMM_WORLD_SIZE", "many"}})));
  EXPECT_TRUE(prints_errors(environment({})));
  EXPECT_TRUE(prints_errors(environment({{"OMPI_COMM_WORLD_SIZE", "3"}, {"OMPI_COMM_WORLD_RANK", "0"}})));
  EXPECT_FALSE(prints_errors(environment({{"OMPI_COMM_WORLD_SIZE", "3"}, {"OMPI_COMM_WORLD_RANK", "1"}})));
}

TEST(MpiLaunch, ABuildWithoutMpiRefusesAnMpiLaunch) {
  // Not launched: no spread, and nothing initialised, with or without MPI built.
  EXPECT_EQ(spread_for_launch("ensemble", false, environment({})), nullptr);
  EXPECT_EQ(spread_for_launch("ensemble", true, environment({})), nullptr);
  try {
    spread_for_launch("sweep", false, environment({{"OMPI_COMM_WORLD_SIZE", "2"}, {"OMPI_COMM_WORLD_RANK", "0"}}));
    ADD_FAILURE() << "an MPI launch of a build without MPI was accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, "mpirun");
    EXPECT_NE(e.diagnostics()[0].message.find("without MPI support"), std::string::npos) << e.diagnostics()[0].message;
    EXPECT_NE(e.diagnostics()[0].message.find("sweep"), std::string::npos);
  }
  // One run under mpirun with R > 1 would be R copies writing one folder.
  EXPECT_THROW(refuse_mpi_launch("run", environment({{"OMPI_COMM_WORLD_SIZE", "2"}})), InputError);
  EXPECT_NO_THROW(refuse_mpi_launch("run", environment({{"OMPI_COMM_WORLD_SIZE", "1"}})));
  EXPECT_NO_THROW(refuse_mpi_launch("run", environment({})));
  // So would calibrate (its evaluations are not shared) and population (one snapshot file): refused naming the command.
  for (const std::string command : {"calibrate", "population"}) {
    try {
      refuse_mpi_launch(command, environment({{"OMPI_COMM_WORLD_SIZE", "3"}}));
      ADD_FAILURE() << command << " under mpirun -n 3 was accepted";
    } catch (const InputError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1u);
      EXPECT_NE(e.diagnostics()[0].message.find("tongchou " + command + " "), std::string::npos) << e.diagnostics()[0].message;
      EXPECT_NE(e.diagnostics()[0].message.find("3 processes"), std::string::npos) << e.diagnostics()[0].message;
    }
    EXPECT_NO_THROW(refuse_mpi_launch(command, environment({{"OMPI_COMM_WORLD_SIZE", "1"}})));
  }
}
