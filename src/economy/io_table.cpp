#include "economy/io_table.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "population/region_data.hpp"

namespace tongchou {

namespace {
constexpr const char* kSectorsTable = "data/economy/sectors42.csv";
constexpr const char* kFlowsTable = "data/economy/io42_flows_2018.csv";
// Inputs plus value added must equal gross output to this relative precision (the table's rounding).
constexpr double kBalanceTolerance = 1e-4;

// Collects the problems of every row so that all are reported at once.
template <class F>
void guard(std::vector<Diagnostic>& problems, F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
  }
}

// A sector code "01".."42" as a 0-based index, or -1.
int sector_index(const std::string& code) {
  if (code.size() != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') return -1;
  const int s = (code[0] - '0') * 10 + (code[1] - '0') - 1;
  return s >= 0 && s < kSectors ? s : -1;
}
}  // namespace

IoTable load_io_table(const Params& params) {
  IoTable io;
  io.domestic.assign(static_cast<std::size_t>(kSectors * kSectors), 0.0);
  io.imported.assign(io.domestic.size(), 0.0);
  std::vector<Diagnostic> problems;
  std::array<int, kSectors> sector_row{};
  sector_row.fill(-1);
  std::string sectors_name = region_table_path(params, kSectorsTable);
  std::array<int, kSectors> sector_line{};
  guard(problems, [&] {
    auto t = CsvTable::load(sectors_name, !params.scenario_data_dir.empty());
    sectors_name = t.name();
    t.require_columns({"code", "name_en", "name_zh", "employment_2018", "gross_output", "value_added", "compensation",
                       "final_consumption", "gross_capital_formation", "exports"});
    if (t.rows() != kSectors)
      problems.push_back({t.name(), 0, 0, "code", fmt::format("expected {} sectors (01..{}), found {}", kSectors, kSectors, t.rows())});
    for (std::size_t i = 0; i < t.rows(); ++i) {
      guard(problems, [&] {
        const int s = sector_index(t.text(i, "code"));
        if (s != static_cast<int>(i)) {
          problems.push_back(t.problem(i, "code", fmt::format("expected sector {:02d} (codes 01..{} in order), found '{}'", i + 1, kSectors, t.text(i, "code"))));
          return;
        }
        sector_row[static_cast<std::size_t>(s)] = static_cast<int>(i);
        sector_line[static_cast<std::size_t>(s)] = t.line_of(i);
        io.name_en[s] = t.text(i, "name_en");
        io.name_zh[s] = t.text(i, "name_zh");
        std::vector<Diagnostic> row;
        auto non_negative = [&](const char* column, double& out) { guard(row, [&] { out = t.non_negative(i, column); }); };
        non_negative("employment_2018", io.employment[s]);
        non_negative("gross_output", io.gross_output[s]);
        non_negative("value_added", io.value_added[s]);
        non_negative("compensation", io.compensation[s]);
        non_negative("final_consumption", io.consumption[s]);
        non_negative("exports", io.exports[s]);
        guard(row, [&] { io.capital_formation[s] = t.real(i, "gross_capital_formation"); });
        if (t.has_column("government_consumption")) {
          non_negative("government_consumption", io.government[s]);
          if (row.empty() && io.government[s] > io.consumption[s])
            row.push_back(t.problem(i, "government_consumption",
                                    fmt::format("government consumption {:.3f} exceeds final_consumption {:.3f}", io.government[s], io.consumption[s])));
        }
        if (row.empty() && io.gross_output[s] <= 0) row.push_back(t.problem(i, "gross_output", "a sector needs a positive gross output"));
        if (row.empty() && io.employment[s] <= 0) row.push_back(t.problem(i, "employment_2018", "a sector needs a positive employment"));
        problems.insert(problems.end(), row.begin(), row.end());
      });
    }
  });
  std::string flows_name = region_table_path(params, kFlowsTable);
  bool flows_read = false;
  const std::size_t before_flows = problems.size();
  guard(problems, [&] {
    auto t = CsvTable::load(flows_name, !params.scenario_data_dir.empty());
    flows_name = t.name();
    t.require_columns({"from", "to", "domestic", "imported"});
    std::vector<int> seen(io.domestic.size(), 0);
    for (std::size_t i = 0; i < t.rows(); ++i) {
      guard(problems, [&] {
        const int from = sector_index(t.text(i, "from")), to = sector_index(t.text(i, "to"));
        if (from < 0) problems.push_back(t.problem(i, "from", fmt::format("unknown sector code '{}' (expected 01..{})", t.text(i, "from"), kSectors)));
        if (to < 0) problems.push_back(t.problem(i, "to", fmt::format("unknown sector code '{}' (expected 01..{})", t.text(i, "to"), kSectors)));
        if (from < 0 || to < 0) return;
        const auto k = static_cast<std::size_t>(from * kSectors + to);
        if (seen[k]) {
          problems.push_back(t.problem(i, "to", fmt::format("flow {:02d} -> {:02d} given twice (first on line {})", from + 1, to + 1, seen[k])));
          return;
        }
        seen[k] = t.line_of(i);
        std::vector<Diagnostic> row;
        guard(row, [&] { io.domestic[k] = t.non_negative(i, "domestic"); });
        guard(row, [&] { io.imported[k] = t.non_negative(i, "imported"); });
        problems.insert(problems.end(), row.begin(), row.end());
      });
    }
    flows_read = problems.size() == before_flows;
  });
  // Balance: a sector's inputs (domestic and imported) plus its value added make its gross output (checked once the
  // flows themselves are sound, so that one bad flow is not reported twice).
  if (flows_read) {
    for (int s = 0; s < kSectors; ++s) {
      if (sector_row[static_cast<std::size_t>(s)] < 0 || io.gross_output[s] <= 0) continue;
      double inputs = 0, sales = 0;
      for (int j = 0; j < kSectors; ++j) {
        inputs += io.flow_domestic(j, s) + io.flow_imported(j, s);
        sales += io.flow_domestic(s, j);
      }
      const double total = inputs + io.value_added[s];
      if (std::abs(total - io.gross_output[s]) > kBalanceTolerance * io.gross_output[s])
        problems.push_back({sectors_name, sector_line[static_cast<std::size_t>(s)], 0, "gross_output",
                            fmt::format("sector {:02d} does not balance: its inputs in {} ({:.3f}) plus value_added ({:.3f}) make {:.3f}, "
                                        "but gross_output is {:.3f} (difference {:.4f}%)",
                                        s + 1, flows_name, inputs, io.value_added[s], total, io.gross_output[s],
                                        100.0 * (total - io.gross_output[s]) / io.gross_output[s])});
      // Domestic sales to other sectors may exceed output a little (stocks run down), not by much.
      if (sales > 1.05 * io.gross_output[s])
        problems.push_back({sectors_name, sector_line[static_cast<std::size_t>(s)], 0, "gross_output",
                            fmt::format("sector {:02d} sells {:.3f} to other sectors in {}, more than 105% of its gross_output {:.3f}",
                                        s + 1, sales, flows_name, io.gross_output[s])});
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return io;
}

}  // namespace tongchou
