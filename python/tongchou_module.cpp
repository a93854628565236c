// The Python module `tongchou` (docs/python.md): scenarios loaded, edited, validated and written as on the command
// line; runs through the facade ScenarioRunner (populations kept and reused per Runner), their outputs as pandas
// DataFrames parsed from the very CSV text the command writes; ensembles by run_ensemble. The GIL is released while a
// run computes; Ctrl-C (SIGINT) stops it and raises KeyboardInterrupt.
#include <omp.h>
#include <pybind11/eval.h>
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "model/knobs.hpp"
#include "model/risk_level.hpp"
#include "output/economy_outputs.hpp"
#include "output/observed_series.hpp"
#include "output/run_folder.hpp"
#include "output/run_outputs.hpp"
#include "plans/ensemble.hpp"
#include "plans/optimise.hpp"
#include "plans/sweep.hpp"
#include "report/folder_writes.hpp"
#include "run/scenario_runner.hpp"
#include "scenario/scenario.hpp"

namespace py = pybind11;
using namespace tongchou;

namespace {

constexpr int kMaxThreads = 1024;  // as `tongchou run --threads`

// ---- values between Python and scenario keys ----------------------------------------------------------------------

// A TOML string literal of `s` (basic string, escapes as TOML defines them).
std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (const unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) out += fmt::format("\\u{:04X}", c);
        else out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// The TOML text of a Python value, as `--set KEY=VALUE` takes it: bool, int, float, str, datetime.date or a list of them.
std::string toml_text(const py::handle& v, const std::string& key) {
  if (py::isinstance<py::bool_>(v)) return v.cast<bool>() ? "true" : "false";
  if (py::isinstance<py::int_>(v)) return py::str(v).cast<std::string>();
  if (py::isinstance<py::float_>(v)) return py::repr(v).cast<std::string>();
  if (py::isinstance<py::str>(v)) return toml_string(v.cast<std::string>());
  const auto datetime = py::module_::import("datetime");
  if (py::isinstance(v, datetime.attr("date")) && !py::isinstance(v, datetime.attr("datetime")))
    return v.attr("isoformat")().cast<std::string>();
  if (py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v)) {
    std::string out = "[";
    for (const auto& x : v) out += (out.size() > 1 ? ", " : "") + toml_text(x, key);
    return out + "]";
  }
  // numpy scalars and the like: as their Python number
  if (py::hasattr(v, "item")) return toml_text(v.attr("item")(), key);
  throw py::type_error(fmt::format("{}: cannot use a value of type {} (give a bool, int, float, str, datetime.date or list)",
                                   key, py::str(v.get_type().attr("__name__")).cast<std::string>()));
}

std::vector<std::string> assignments(const py::handle& overrides) {
  std::vector<std::string> out;
  if (overrides.is_none()) return out;
  for (const auto& kv : overrides.cast<py::dict>()) {
    const auto key = py::str(kv.first).cast<std::string>();
    out.push_back(key + "=" + toml_text(kv.second, key));
  }
  return out;
}

py::object date_object(Date d) { return py::module_::import("datetime").attr("date").attr("fromisoformat")(format_date(d)); }

// The value of a parameter or of a risk level's measure (zoning.LEVEL.MEASURE); KeyError when there is none.
py::object get_value(const Scenario& sc, const std::string& key) {
  if (const ParamSpec* spec = find_param(key))
    return std::visit(
        [&](auto member) -> py::object {
          const auto& v = sc.params.*member;
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Date>) return date_object(v);
          else return py::cast(v);
        },
        spec->member);
  if (key.starts_with("zoning.") && key.find('.', 7) != std::string::npos) {
    const std::string level = key.substr(7, key.find('.', 7) - 7), name = key.substr(key.find('.', 7) + 1);
    const int knob = find_knob(name);
    for (int l = 0; l < kRiskLevels; ++l)
      if (level == kRiskLevelNames[l] && knob >= 0)
        for (const auto& [k, v] : sc.levels[static_cast<std::size_t>(l)].values)
          if (k == knob) return py::float_(v);
  }
  throw py::key_error(key);
}

std::vector<std::string> keys_of(const Scenario& sc) {
  std::vector<std::string> out;
  for (const auto& spec : parameter_table()) out.push_back(spec.key);
  for (int l = 0; l < kRiskLevels; ++l)
    for (const auto& [k, v] : sc.levels[static_cast<std::size_t>(l)].values)
      out.push_back(fmt::format("zoning.{}.{}", kRiskLevelNames[l], knob_table()[static_cast<std::size_t>(k)].name));
  return out;
}

// A scenario given as a Scenario or as a built-in name or file path.
Scenario scenario_of(const py::handle& s) {
  if (py::isinstance<Scenario>(s)) return s.cast<Scenario>();
  if (py::isinstance<py::str>(s) || py::hasattr(s, "__fspath__"))
    return load_scenario(py::str(py::module_::import("os").attr("fspath")(s)).cast<std::string>());
  throw py::type_error("scenario: give a tongchou.Scenario, a built-in scenario's name or a file path");
}

int threads_of(const py::handle& threads) {
  if (threads.is_none()) return 0;
  const auto n = threads.cast<long long>();
  if (n < 1 || n > kMaxThreads) throw py::value_error(fmt::format("threads: must be 1 to {}, not {}", kMaxThreads, n));
  return static_cast<int>(n);
}

// The scenario with run's options applied, as the command's --seed and --set do (one apply_overrides, all at once).
Scenario prepared(const py::handle& scenario, const py::handle& seed, const py::handle& overrides) {
  Scenario sc = scenario_of(scenario);
  std::vector<std::string> sets;
  if (!seed.is_none()) sets.push_back(fmt::format("scenario.seed={}", seed.cast<long long>()));
  for (auto& a : assignments(overrides)) sets.push_back(std::move(a));
  if (!sets.empty()) apply_overrides(sc, sets);
  return sc;
}

// OpenMP threads of the calling thread for one run, restored after.
class ThreadsScope {
 public:
  explicit ThreadsScope(int n) : before_(omp_get_max_threads()), set_(n > 0) {
    if (set_) omp_set_num_threads(n);
  }
  ~ThreadsScope() {
    if (set_) omp_set_num_threads(before_);
  }
  ThreadsScope(const ThreadsScope&) = delete;
  ThreadsScope& operator=(const ThreadsScope&) = delete;

 private:
  int before_;
  bool set_;
};

// Calls f() with the GIL held; a Python error it raises (or a pending signal: Ctrl-C) is kept in `error`.
template <class F>
void guarded(std::exception_ptr& error, F&& f) {
  if (error) return;
  try {
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    f();
  } catch (...) {
    error = std::current_exception();
  }
}

// ---- pandas -------------------------------------------------------------------------------------------------------

// A DataFrame of CSV text as the command writes it: `dates` parsed as dates, `text` columns kept as text.
py::object frame(const std::string& csv, std::vector<std::string> dates, const std::vector<std::string>& text) {
  const auto pd = py::module_::import("pandas");
  if (csv.empty()) return pd.attr("DataFrame")();
  const auto header = csv.substr(0, csv.find('\n'));
  py::dict dtype;
  for (const auto& c : text)
    if (("," + header + ",").find("," + c + ",") != std::string::npos) dtype[py::str(c)] = py::str("str");
  std::erase_if(dates, [&](const std::string& c) { return ("," + header + ",").find("," + c + ",") == std::string::npos; });
  return pd.attr("read_csv")(py::module_::import("io").attr("StringIO")(csv), py::arg("dtype") = dtype,
                             py::arg("parse_dates") = dates);
}

py::object json_object(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

// ---- results ------------------------------------------------------------------------------------------------------

// One finished run: its outputs as the command would write them.
class Result {
 public:
  explicit Result(std::unique_ptr<Simulation> sim) : sim_(std::move(sim)) {
    daily_ = daily_csv(*sim_);
    districts_ = districts_csv(*sim_);
    events_ = events_csv(*sim_);
    sectors_ = sectors_csv(*sim_);
    summary_ = summary_json(*sim_, observed_cumulative_confirmed(*sim_));
  }
  py::object daily() const { return frame(daily_, {"date"}, {}); }
  py::object districts() const { return frame(districts_, {"date"}, {"adcode", "district", "risk_level"}); }
  py::object events() const { return frame(events_, {"date"}, {"place", "measure", "old", "new", "reason", "place_code"}); }
  py::object sectors() const { return frame(sectors_, {"date"}, {"sector", "name_en", "name_zh"}); }
  py::object summary() const { return json_object(summary_); }
  const std::string& csv(const std::string& name) const {
    if (name == "daily") return daily_;
    if (name == "districts") return districts_;
    if (name == "events") return events_;
    if (name == "sectors") return sectors_;
    if (name == "summary") return summary_;
    throw py::key_error(name + " (the outputs are daily, districts, events, sectors, summary)");
  }
  const Scenario& scenario() const { return sim_->scenario(); }
  void write(const std::filesystem::path& dir) const {
    py::gil_scoped_release release;
    check_output_folder(dir, FolderKind::Run);
    write_run_folder(*sim_, dir);
  }

 private:
  std::unique_ptr<Simulation> sim_;
  std::string daily_, districts_, events_, sectors_, summary_;
};

// Runs `job` (an ensemble's or a sweep's whole work) on its own thread while this one, holding the GIL only a few
// times a second, passes the job's progress lines to `progress` and watches for Ctrl-C (then sets the stop flag).
// `stop` and `log` are the job's options' stop flag and progress sink, pointed here to this loop.
template <class Job>
void in_background(const std::atomic<bool>*& stop, std::function<void(const std::string&)>& log, const py::handle& progress,
                   Job job) {
  std::atomic<bool> stop_flag{false};
  stop = &stop_flag;
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<std::string> lines;
  bool finished = false;
  log = [&](const std::string& line) {
    std::lock_guard lock(mutex);
    lines.push_back(line);
    cv.notify_all();
  };
  std::exception_ptr run_error, py_error;
  std::thread worker([&] {
    try {
      job();
    } catch (...) {
      run_error = std::current_exception();
    }
    std::lock_guard lock(mutex);
    finished = true;
    cv.notify_all();
  });
  const py::object callback = py::reinterpret_borrow<py::object>(progress);
  for (bool done = false; !done;) {
    std::vector<std::string> got;
    {
      py::gil_scoped_release release;
      std::unique_lock lock(mutex);
      cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return finished || !lines.empty(); });
      got.swap(lines);
      done = finished;
    }
    for (const auto& line : got)
      guarded(py_error, [&] {
        if (!callback.is_none()) callback(line);
      });
    guarded(py_error, [] {});
    if (py_error) stop_flag = true;
  }
  worker.join();
  stop = nullptr;
  log = nullptr;
  if (py_error) std::rethrow_exception(py_error);
  if (run_error) std::rethrow_exception(run_error);
}

// A value of a sweep as TOML text, as the command's --param takes it: dates in ISO form, booleans lower-case.
std::string toml_value(const py::handle& v) {
  if (py::isinstance<py::bool_>(v)) return v.cast<bool>() ? "true" : "false";
  if (py::hasattr(v, "isoformat")) return py::str(v.attr("isoformat")()).cast<std::string>();
  return py::str(v).cast<std::string>();
}

struct Sweep {
  std::filesystem::path dir, report;
  int points = 0, kept = 0;
};

struct Optimisation {
  std::filesystem::path dir, report;
  int evaluations = 0, kept = 0, front = 0;
};

struct Ensemble {
  std::filesystem::path dir, report;
  int runs = 0, kept = 0;
  std::string summary;
};

// Keeps the populations it synthesised: runs of scenarios with the same population key reuse one.
class Runner {
 public:
  std::unique_ptr<Result> run(const py::handle& scenario, const py::handle& seed, const py::handle& threads,
                              const py::handle& overrides, const py::handle& progress) {
    Scenario sc = prepared(scenario, seed, overrides);
    const int n = threads_of(threads);
    std::atomic<bool> stop{false};
    std::exception_ptr error;
    const py::object callback = py::reinterpret_borrow<py::object>(progress);
    std::unique_ptr<Simulation> sim;
    {
      py::gil_scoped_release release;
      ThreadsScope scope(n);
      const auto on_day = [&](int done, int total) {
        py::gil_scoped_acquire gil;
        guarded(error, [&] {
          if (!callback.is_none()) callback(done, total);
        });
        if (error) stop = true;
      };
      try {
        sim = runner_.simulate(std::move(sc), on_day, &stop);
        on_day(sim->day(), sim->days());  // the facade reports the days before the last; progress sees the last too
      } catch (const RunCancelled&) {
      }
    }
    if (error) std::rethrow_exception(error);
    if (!sim) throw RunCancelled();
    return std::make_unique<Result>(std::move(sim));
  }

  Ensemble ensemble(const py::handle& scenario, const py::handle& runs, const py::handle& seeds, const py::handle& dir,
                    const py::handle& threads, const py::handle& overrides,
                    const py::handle& progress) {
    Scenario sc = prepared(scenario, py::none(), overrides);
    EnsembleOptions o;
    if (!seeds.is_none()) o.seeds = seeds.cast<std::vector<std::int64_t>>();
    else if (!runs.is_none())
      for (long long i = 1; i <= runs.cast<long long>(); ++i) o.seeds.push_back(i);
    if (o.seeds.empty())
      throw InputError({{"runs", 0, 0, "", "give the number of runs (runs=N, at least 1) or their seeds (seeds=[1, 2, 3])"}});
    o.dir = dir.is_none() ? std::filesystem::path("output") / (sc.params.scenario_name + "-ensemble")
                          : std::filesystem::path(py::str(py::module_::import("os").attr("fspath")(dir)).cast<std::string>());
    const int n = threads_of(threads);
    o.threads = n > 0 ? n : omp_get_max_threads();
    EnsembleResult r;
    in_background(o.stop, o.log, progress, [&] { r = run_ensemble(sc, o, runner_); });
    return {o.dir, r.report, r.runs, r.kept, r.summary.dump(2)};
  }

  Sweep sweep(const py::handle& scenario, const py::handle& params, const py::handle& ranges, const py::handle& samples,
              const py::handle& runs, const py::handle& dir, const py::handle& threads, const py::handle& overrides,
              const py::handle& progress) {
    Scenario sc = prepared(scenario, py::none(), overrides);
    SweepOptions o;
    if (!params.is_none())
      for (auto [key, values] : params.cast<py::dict>()) {
        std::vector<std::string> texts;
        for (auto v : values) texts.push_back(toml_value(v));
        o.grid.emplace_back(py::str(key).cast<std::string>(), std::move(texts));
      }
    if (!ranges.is_none())
      for (auto [key, bounds] : ranges.cast<py::dict>()) {
        const auto pair = bounds.cast<py::sequence>();
        if (pair.size() != 2) throw py::value_error("ranges: each value is a pair (low, high)");
        o.ranges.push_back({py::str(key).cast<std::string>(), toml_value(pair[0]), toml_value(pair[1])});
      }
    if (!samples.is_none()) o.samples = samples.cast<int>();
    if (!runs.is_none()) o.runs = runs.cast<int>();
    o.dir = dir.is_none() ? std::filesystem::path("output") / (sc.params.scenario_name + "-sweep")
                          : std::filesystem::path(py::str(py::module_::import("os").attr("fspath")(dir)).cast<std::string>());
    const int n = threads_of(threads);
    o.threads = n > 0 ? n : omp_get_max_threads();
    SweepResult r;
    in_background(o.stop, o.log, progress, [&] { r = run_sweep(sc, o, runner_); });
    return {o.dir, r.report, r.points, r.kept};
  }

  Optimisation optimise(const py::handle& scenario, const py::handle& plan, const py::handle& runs, const py::handle& dir,
                        const py::handle& threads, const py::handle& overrides, const py::handle& progress) {
    Scenario sc = prepared(scenario, py::none(), overrides);
    auto path = [](const py::handle& p) { return py::str(py::module_::import("os").attr("fspath")(p)).cast<std::string>(); };
    OptimisePlan pl = load_plan(path(plan), sc);
    if (!runs.is_none()) {
      const long long k = runs.cast<long long>();
      if (k < 1) throw InputError({{"runs", 0, 0, "runs", fmt::format("must be at least 1 (runs per evaluation), found {}", k)}});
      pl.runs = static_cast<int>(std::min(k, 10000LL));
    }
    OptimiseOptions o;
    o.dir = dir.is_none() ? std::filesystem::path("output") / (sc.params.scenario_name + "-optimise") : std::filesystem::path(path(dir));
    const int n = threads_of(threads);
    o.threads = n > 0 ? n : omp_get_max_threads();
    OptimiseResult r;
    in_background(o.stop, o.log, progress, [&] { r = run_optimise(sc, pl, o, runner_); });
    return {o.dir, r.report, r.evaluations, r.kept, r.front};
  }

  std::size_t populations_made() const { return runner_.populations_made(); }

 private:
  ScenarioRunner runner_;
};

std::string input_error_message(const InputError& e) {
  std::string m = fmt::format("invalid input ({} problem{}):", e.diagnostics().size(), e.diagnostics().size() == 1 ? "" : "s");
  for (const auto& d : e.diagnostics()) m += "\n  " + d.to_string();
  return m;
}

constexpr const char* kExceptions = R"(
class InputError(ValueError):
    """A scenario or value is invalid: the message lists every problem as `tongchou validate` does
    (file:line:column: key: message); `diagnostics` holds them as dicts (file, line, column, key, message)."""
    def __init__(self, message, diagnostics=()):
        super().__init__(message)
        self.diagnostics = list(diagnostics)

class OutputError(OSError):
    """An output folder or file could not be written, or is not one tongchou may replace."""
)";

}  // namespace

PYBIND11_MODULE(tongchou, m) {
  m.doc() = "tongchou (统筹): epidemic control and economic recovery, simulated person by person (docs/python.md).";
  m.attr("__builtins__") = py::module_::import("builtins");
  py::exec(kExceptions, m.attr("__dict__"));
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      py::list diagnostics;
      for (const auto& d : e.diagnostics()) {
        py::dict x;
        x["file"] = d.file, x["line"] = d.line, x["column"] = d.column, x["key"] = d.key, x["message"] = d.message;
        diagnostics.append(x);
      }
      const py::object type = py::module_::import("tongchou").attr("InputError");
      const py::object exc = type(input_error_message(e), diagnostics);
      PyErr_SetObject(type.ptr(), exc.ptr());
    } catch (const OutputError& e) {
      PyErr_SetString(py::module_::import("tongchou").attr("OutputError").ptr(), e.what());
    } catch (const RunCancelled&) {
      PyErr_SetString(PyExc_KeyboardInterrupt, "run cancelled");
    }
  });

  py::class_<Scenario>(m, "Scenario",
                       "A scenario: a built-in one by name or a TOML file; editable as a dict of its parameters "
                       "(\"section.name\") and risk levels' measures (\"zoning.LEVEL.MEASURE\"), with the checks of --set.")
      .def(py::init([](const py::object& name_or_path) { return scenario_of(name_or_path); }), py::arg("name_or_path"))
      .def_static("from_toml", [](const std::string& text, const std::string& name) { return parse_scenario(text, name); },
                  py::arg("text"), py::arg("name") = "<string>", "A scenario from TOML text (`name` in messages).")
      .def("__getitem__", [](const Scenario& s, const std::string& key) { return get_value(s, key); })
      .def("__setitem__",
           [](Scenario& s, const std::string& key, const py::object& value) {
             Scenario edited = s;  // unchanged when the value is refused
             apply_overrides(edited, {key + "=" + toml_text(value, key)});
             s = std::move(edited);
           })
      .def("update",
           [](Scenario& s, const py::dict& values) {
             Scenario edited = s;
             apply_overrides(edited, assignments(values));
             s = std::move(edited);
           },
           py::arg("values"), "Sets several values at once (checked together, as several --set).")
      .def("__contains__", [](const Scenario& s, const std::string& key) {
             try {
               get_value(s, key);
               return true;
             } catch (const py::key_error&) {
               return false;
             }
           })
      .def("keys", &keys_of)
      .def("__iter__", [](const Scenario& s) { return py::iter(py::cast(keys_of(s))); })
      .def("__len__", [](const Scenario& s) { return keys_of(s).size(); })
      .def("items", [](const Scenario& s) {
             py::list out;
             for (const auto& k : keys_of(s)) out.append(py::make_tuple(k, get_value(s, k)));
             return out;
           })
      .def("to_dict", [](const Scenario& s) {
             py::dict out;
             for (const auto& k : keys_of(s)) out[py::str(k)] = get_value(s, k);
             return out;
           })
      .def("validate",
           [](const Scenario& s) {
             if (auto problems = check_scenario(s); !problems.empty()) throw InputError(std::move(problems));
           },
           "Raises InputError listing every problem (as `tongchou validate`); returns None when valid.")
      .def("to_toml", [](const Scenario& s) { return resolved_toml(s); }, "Every parameter as TOML that loads back to this scenario.")
      .def("write", [](const Scenario& s, const std::filesystem::path& path) { write_file_atomically(path, resolved_toml(s)); },
           py::arg("path"), "Writes to_toml() to the file, atomically.")
      .def("copy", [](const Scenario& s) { return Scenario(s); })
      .def_property_readonly("name", [](const Scenario& s) { return s.params.scenario_name; })
      .def_property_readonly("source", [](const Scenario& s) { return s.source; })
      .def("__repr__", [](const Scenario& s) { return fmt::format("<tongchou.Scenario {} ({})>", s.params.scenario_name, s.source); });

  py::class_<Result>(m, "Result", "One run's outputs, the same as the files `tongchou run` writes.")
      .def_property_readonly("daily", &Result::daily, "daily.csv as a DataFrame (date parsed)")
      .def_property_readonly("districts", &Result::districts, "districts.csv as a DataFrame (date parsed, adcode as text)")
      .def_property_readonly("sectors", &Result::sectors, "sectors.csv as a DataFrame (date parsed, sector codes as text); empty with the economy off")
      .def_property_readonly("events", &Result::events, "events.csv as a DataFrame (date parsed, values as text)")
      .def_property_readonly("summary", &Result::summary, "summary.json as a dict")
      .def("csv", &Result::csv, py::arg("name"), "The text of daily|districts|events|sectors (.csv) or summary (.json), byte for byte as written")
      .def_property_readonly("scenario", [](const Result& r) { return Scenario(r.scenario()); })
      .def("write", &Result::write, py::arg("dir"), "Writes the whole run folder (every file and report.html) as `tongchou run -o DIR`.");

  py::class_<Ensemble>(m, "EnsembleResult", "An ensemble's folder and its spread across runs.")
      .def_readonly("dir", &Ensemble::dir)
      .def_readonly("report", &Ensemble::report)
      .def_readonly("runs", &Ensemble::runs)
      .def_readonly("kept", &Ensemble::kept)
      .def_property_readonly("summary", [](const Ensemble& e) { return json_object(e.summary); }, "DIR/summary.json as a dict")
      .def_property_readonly("bands", [](const Ensemble& e) {
             return py::module_::import("pandas").attr("read_csv")((e.dir / "ensemble.csv").string(), py::arg("parse_dates") = std::vector<std::string>{"date"});
           }, "DIR/ensemble.csv as a DataFrame: date, series, runs, p5, median, p95");

  constexpr const char* kRunDoc =
      "run(scenario, seed=None, threads=None, overrides=None, progress=None) -> Result\n\n"
      "Runs a scenario (Scenario, built-in name or file) as `tongchou run`: seed is scenario.seed, overrides a dict of "
      "--set values, progress(day, days) is called after each day. Ctrl-C raises KeyboardInterrupt.";
  constexpr const char* kEnsembleDoc =
      "ensemble(scenario, runs=None, seeds=None, dir=None, threads=None, overrides=None, progress=None) -> EnsembleResult\n\n"
      "As `tongchou ensemble`: the runs on one population, written to dir (default output/NAME-ensemble); progress(line) "
      "after each run. Interrupted (Ctrl-C), the same call resumes it.";

  constexpr const char* kSweepDoc =
      "sweep(scenario, params=None, ranges=None, samples=None, runs=None, dir=None, threads=None, overrides=None, "
      "progress=None) -> SweepResult\n\n"
      "As `tongchou sweep`: params {key: [values]} is the grid (--param), ranges {key: (low, high)} with samples=N the "
      "Latin hypercube (--range, --samples), runs=K seeds per point; written to dir (default output/NAME-sweep); "
      "progress(line) after each point. Interrupted (Ctrl-C), the same call resumes it.";

  py::class_<Sweep>(m, "SweepResult", "A sweep's folder: one row per point in sweep.csv.")
      .def_readonly("dir", &Sweep::dir)
      .def_readonly("report", &Sweep::report)
      .def_readonly("points", &Sweep::points)
      .def_readonly("kept", &Sweep::kept)
      .def_property_readonly("table", [](const Sweep& w) {
             return py::module_::import("pandas").attr("read_csv")((w.dir / "sweep.csv").string(), py::arg("dtype") = py::dict(py::arg("point") = "str"));
           }, "DIR/sweep.csv as a DataFrame: point, its inputs, every scorecard figure");

  constexpr const char* kOptimiseDoc =
      "optimise(scenario, plan, runs=None, dir=None, threads=None, overrides=None, progress=None) -> OptimiseResult\n\n"
      "As `tongchou optimise SCENARIO --plan PLAN`: plan is the PLAN.toml file (docs/plans.md), runs=K overrides its "
      "[search] runs; written to dir (default output/NAME-optimise); progress(line) after each generation. Interrupted "
      "(Ctrl-C), the same call resumes it (finished evaluations are looked up).";

  py::class_<Optimisation>(m, "OptimiseResult", "An optimisation's folder: evaluations.csv, pareto.csv, front/, report.html.")
      .def_readonly("dir", &Optimisation::dir)
      .def_readonly("report", &Optimisation::report)
      .def_readonly("evaluations", &Optimisation::evaluations)
      .def_readonly("kept", &Optimisation::kept)
      .def_readonly("front", &Optimisation::front)
      .def_property_readonly("pareto", [](const Optimisation& o) {
             return py::module_::import("pandas").attr("read_csv")((o.dir / "pareto.csv").string(), py::arg("dtype") = py::dict(py::arg("plan") = "str"),
                                                                   py::arg("keep_default_na") = false);
           }, "DIR/pareto.csv as a DataFrame: plan, its variables, objectives and constraints")
      .def_property_readonly("table", [](const Optimisation& o) {
             return py::module_::import("pandas").attr("read_csv")((o.dir / "evaluations.csv").string(),
                                                                   py::arg("dtype") = py::dict(py::arg("generation") = "str"), py::arg("keep_default_na") = false);
           }, "DIR/evaluations.csv as a DataFrame: every plan evaluated");

  py::class_<Runner>(m, "Runner", "Keeps the populations it synthesised and reuses them for later runs.")
      .def(py::init<>())
      .def("run",
           [](Runner& r, const py::object& scenario, const py::object& seed, const py::object& threads,
              const py::object& overrides, const py::object& progress) {
             return r.run(scenario, seed, threads, overrides, progress);
           },
           py::arg("scenario"), py::kw_only(), py::arg("seed") = py::none(), py::arg("threads") = py::none(),
           py::arg("overrides") = py::none(), py::arg("progress") = py::none(), kRunDoc)
      .def("ensemble",
           [](Runner& r, const py::object& scenario, const py::object& runs, const py::object& seeds, const py::object& dir,
              const py::object& threads, const py::object& overrides, const py::object& progress) {
             return r.ensemble(scenario, runs, seeds, dir, threads, overrides, progress);
           },
           py::arg("scenario"), py::kw_only(), py::arg("runs") = py::none(), py::arg("seeds") = py::none(),
           py::arg("dir") = py::none(), py::arg("threads") = py::none(), py::arg("overrides") = py::none(),
           py::arg("progress") = py::none(), kEnsembleDoc)
      .def("sweep",
           [](Runner& r, const py::object& scenario, const py::object& params, const py::object& ranges, const py::object& samples,
              const py::object& runs, const py::object& dir, const py::object& threads, const py::object& overrides,
              const py::object& progress) { return r.sweep(scenario, params, ranges, samples, runs, dir, threads, overrides, progress); },
           py::arg("scenario"), py::kw_only(), py::arg("params") = py::none(), py::arg("ranges") = py::none(),
           py::arg("samples") = py::none(), py::arg("runs") = py::none(), py::arg("dir") = py::none(),
           py::arg("threads") = py::none(), py::arg("overrides") = py::none(), py::arg("progress") = py::none(), kSweepDoc)
      .def("optimise",
           [](Runner& r, const py::object& scenario, const py::object& plan, const py::object& runs, const py::object& dir,
              const py::object& threads, const py::object& overrides, const py::object& progress) {
             return r.optimise(scenario, plan, runs, dir, threads, overrides, progress);
           },
           py::arg("scenario"), py::arg("plan"), py::kw_only(), py::arg("runs") = py::none(), py::arg("dir") = py::none(),
           py::arg("threads") = py::none(), py::arg("overrides") = py::none(), py::arg("progress") = py::none(), kOptimiseDoc)
      .def_property_readonly("populations_made", &Runner::populations_made);

  // The module's own runner, for tongchou.run and tongchou.ensemble: one per process (an attribute of the module).
  m.attr("default_runner") = m.attr("Runner")();
  m.def("run",
        [](const py::object& scenario, const py::object& seed, const py::object& threads, const py::object& overrides,
           const py::object& progress) {
          return py::module_::import("tongchou").attr("default_runner").cast<Runner&>().run(scenario, seed, threads, overrides, progress);
        },
        py::arg("scenario"), py::kw_only(), py::arg("seed") = py::none(), py::arg("threads") = py::none(),
        py::arg("overrides") = py::none(), py::arg("progress") = py::none(), kRunDoc);
  m.def("ensemble",
        [](const py::object& scenario, const py::object& runs, const py::object& seeds, const py::object& dir,
           const py::object& threads, const py::object& overrides, const py::object& progress) {
          return py::module_::import("tongchou").attr("default_runner").cast<Runner&>().ensemble(scenario, runs, seeds, dir, threads, overrides,
                                                                    progress);
        },
        py::arg("scenario"), py::kw_only(), py::arg("runs") = py::none(), py::arg("seeds") = py::none(),
        py::arg("dir") = py::none(), py::arg("threads") = py::none(), py::arg("overrides") = py::none(),
        py::arg("progress") = py::none(), kEnsembleDoc);
  m.def("scenarios", [] {
    py::dict out;
    for (const auto& b : builtin_scenarios()) out[py::str(b.name)] = b.description;
    return out;
  }, "The built-in scenarios: name -> description.");
  m.def("sweep",
        [](const py::object& scenario, const py::object& params, const py::object& ranges, const py::object& samples,
           const py::object& runs, const py::object& dir, const py::object& threads, const py::object& overrides,
           const py::object& progress) {
          return py::module_::import("tongchou").attr("default_runner").cast<Runner&>().sweep(scenario, params, ranges, samples, runs,
                                                                                               dir, threads, overrides, progress);
        },
        py::arg("scenario"), py::kw_only(), py::arg("params") = py::none(), py::arg("ranges") = py::none(),
        py::arg("samples") = py::none(), py::arg("runs") = py::none(), py::arg("dir") = py::none(),
        py::arg("threads") = py::none(), py::arg("overrides") = py::none(), py::arg("progress") = py::none(), kSweepDoc);
  m.def("optimise",
        [](const py::object& scenario, const py::object& plan, const py::object& runs, const py::object& dir,
           const py::object& threads, const py::object& overrides, const py::object& progress) {
          return py::module_::import("tongchou").attr("default_runner").cast<Runner&>().optimise(scenario, plan, runs, dir, threads,
                                                                                                  overrides, progress);
        },
        py::arg("scenario"), py::arg("plan"), py::kw_only(), py::arg("runs") = py::none(), py::arg("dir") = py::none(),
        py::arg("threads") = py::none(), py::arg("overrides") = py::none(), py::arg("progress") = py::none(), kOptimiseDoc);
}
