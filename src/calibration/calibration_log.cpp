#include "calibration/calibration_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"

namespace tongchou {

namespace {

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  bool q = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (q) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') q = false;
      else cell += c;
    } else if (c == '"') {
      q = true;
    } else if (c == ',') {
      cells.push_back(std::move(cell));
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.push_back(std::move(cell));
  return cells;
}

bool read_double(const std::string& s, double& v) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::string fingerprint(const std::string& text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return fmt::format("{:016x}", h);
}

CalibrationLog::CalibrationLog(std::filesystem::path file, std::vector<std::string> keys, std::vector<std::int64_t> seeds, std::string setup)
    : file_(std::move(file)), keys_(std::move(keys)), seeds_(std::move(seeds)), setup_(std::move(setup)) {
  std::error_code ec;
  if (!std::filesystem::exists(file_, ec)) {
    write_file_atomically(file_, header());
    return;
  }
  std::ifstream in(file_, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  const auto other = [&](const std::string& why) {
    return OutputError(fmt::format("{} is not this fit's ({}): give -o a new folder, or remove the file to start again", file_.string(), why));
  };
  // A last line without its line break was cut short by a crash: dropped (the evaluation runs again).
  bool cut = false;
  if (!text.empty() && text.back() != '\n') {
    const auto nl = text.rfind('\n');
    text.erase(nl == std::string::npos ? 0 : nl + 1);
    cut = true;
  }
  std::istringstream lines(text);
  std::string line;
  if (!std::getline(lines, line) || line != header().substr(0, header().size() - 1)) throw other("its columns differ");
  const std::size_t n = keys_.size(), k = seeds_.size();
  while (std::getline(lines, line)) {
    const auto cells = split_csv_line(line);
    EvaluationRow row;
    if (cells.size() != 1 + n + 1 + k + 1) throw other(fmt::format("row {} has {} cells", rows_.size() + 1, cells.size()));
    if (cells.back() != setup_) throw other("it was made with another scenario, observed series, loss or seeds");
    row.index = static_cast<int>(rows_.size()) + 1;
    if (cells[0] != std::to_string(row.index)) throw other(fmt::format("row {} is numbered {}", row.index, cells[0]));
    row.values.assign(cells.begin() + 1, cells.begin() + 1 + static_cast<std::ptrdiff_t>(n));
    if (!read_double(cells[1 + n], row.loss)) throw other(fmt::format("row {}: loss \"{}\"", row.index, cells[1 + n]));
    for (std::size_t j = 0; j < k; ++j) {
      double v = 0;
      if (!read_double(cells[2 + n + j], v)) throw other(fmt::format("row {}: loss \"{}\"", row.index, cells[2 + n + j]));
      row.seed_losses.push_back(v);
    }
    rows_.push_back(std::move(row));
  }
  if (cut) write_file_atomically(file_, text);
}

std::string CalibrationLog::header() const {
  std::string h = "evaluation";
  for (const auto& key : keys_) {
    h += ',';
    h += csv_cell(key);
  }
  h += ",loss";
  for (auto s : seeds_) h += fmt::format(",loss_seed_{}", s);
  return h + ",setup\n";
}

std::string CalibrationLog::line(const EvaluationRow& row) const {
  std::string l = std::to_string(row.index);
  for (const auto& v : row.values) {
    l += ',';
    l += csv_cell(v);
  }
  l += fmt::format(",{}", row.loss);
  for (double v : row.seed_losses) l += fmt::format(",{}", v);
  l += ',';
  l += setup_;
  l += '\n';
  return l;
}

void CalibrationLog::append(const EvaluationRow& row) {
  const std::string text = line(row);
  const int fd = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) throw OutputError(fmt::format("cannot append to {}: {}", file_.string(), std::strerror(errno)));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t w = ::write(fd, text.data() + done, text.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      const int err = errno;
      ::close(fd);
      throw OutputError(fmt::format("cannot append to {}: {}", file_.string(), std::strerror(err)));
    }
    done += static_cast<std::size_t>(w);
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    throw OutputError(fmt::format("cannot sync {}: {}", file_.string(), std::strerror(err)));
  }
  ::close(fd);
  rows_.push_back(row);
}

}  // namespace tongchou
