#include "calibration/calibration_report.hpp"

#include <cmath>

#include "report/assets.hpp"
#include "report/page_shell.hpp"
#include "report/script_json.hpp"

namespace tongchou {

namespace {

nlohmann::json numbers(const std::vector<double>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (double x : v) a.push_back(std::isfinite(x) ? nlohmann::json(x) : nlohmann::json());
  return a;
}

// The page's own CSS, after page_shell.hpp's base rules.
constexpr PageShell kShell{
    "calibration",
    R"CSS(.chart { width: 100%; height: 380px; } .trace { width: 100%; height: 260px; }
table { border-collapse: collapse; font-size: 13px; } th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
th { background: #eef2f6; } td:first-child { text-align: left; }
)CSS",
    "src/calibration/calibration_report.cpp", "the calibration's data"};

constexpr const char* kMain = R"JS(<main>
<section class="card"><h2>Fit 拟合结果</h2><table id="summary"></table></section>
<section class="card"><h2>Daily reported cases 每日报告病例: observed and the fitted scenario (median, 5-95%)</h2><div id="daily" class="chart"></div></section>
<section class="card"><h2>Cumulative reported cases 累计报告病例</h2><div id="cumulative" class="chart"></div></section>
<section class="card"><h2>Loss by evaluation 各次评估的损失</h2><div id="loss" class="trace"></div></section>
<section class="card"><h2>Parameter traces 参数轨迹</h2><div id="traces"></div></section>
</main>
<script>)JS";

constexpr const char* kScript = R"JS(
(function () {
  "use strict";
  var D = CALIBRATION, charts = [];
  function day(i) { var t = new Date(Date.UTC(1970, 0, 1 + D.start + i)); return t.toISOString().slice(0, 10); }
  function fmtValue(k, v) { return D.dates[k] ? new Date(Date.UTC(1970, 0, 1 + v)).toISOString().slice(0, 10) : String(Number(v.toPrecision(6))); }
  var n = D.median.length, dates = [];
  for (var i = 0; i < n; i++) dates.push(day(i));
  document.getElementById("title").textContent = "Calibration 校准: " + D.scenario;
  document.getElementById("subtitle").textContent = D.evaluations.length + " evaluations; best: evaluation " + D.best +
      ", loss " + Number(D.fit.best.loss.toPrecision(6)) + "; " + D.within.length + " within the seed noise of the best";
  var t = document.getElementById("summary");
  function row(cells, th) {
    var tr = document.createElement("tr");
    cells.forEach(function (c) { var e = document.createElement(th ? "th" : "td"); e.textContent = c; tr.appendChild(e); });
    t.appendChild(tr);
  }
  row(["parameter", "best", "within noise: lo", "hi", "searched: lo", "hi"], true);
  D.keys.forEach(function (k) {
    var u = D.fit.uncertainty[k];
    row([k, u.best, u.lo, u.hi, u.search_lo, u.search_hi].map(String));
  });
  D.fit.observed.forEach(function (o) {
    row([o.series + " " + o.from + " .. " + o.until, "observed " + o.observed_total, "fitted median " + Number(o.fitted_median_total.toPrecision(6)),
         "days inside 5-95%: " + Math.round(100 * o.days_inside_band) + "%", "", ""]);
  });
  function make(id) {
    var c = echarts.init(document.getElementById(id));
    charts.push(c);
    return c;
  }
  function band(lo, mid, hi, name) {
    return [
      { name: name + " 5%", type: "line", data: lo, stack: name, lineStyle: { opacity: 0 }, symbol: "none", itemStyle: { color: "#5b8ff9" } },
      { name: name + " 5-95%", type: "line", data: hi.map(function (h, i) { return h === null || lo[i] === null ? null : h - lo[i]; }),
        stack: name, lineStyle: { opacity: 0 }, areaStyle: { color: "#5b8ff9", opacity: 0.25 }, symbol: "none",
        itemStyle: { color: "#5b8ff9" } },
      { name: name + " median", type: "line", data: mid, symbol: "none", lineStyle: { color: "#1d4ed8", width: 2 }, itemStyle: { color: "#1d4ed8" } }
    ];
  }
  function observedSeries(cumulative) {
    return D.observed.map(function (o, s) {
      var data = new Array(n).fill(null), sum = 0;
      o.daily.forEach(function (y, i) { sum += y; if (o.first_day + i < n) data[o.first_day + i] = cumulative ? sum : y; });
      return { name: "observed " + o.name, type: cumulative ? "line" : "scatter", data: data, symbolSize: 6,
               itemStyle: { color: ["#dc2626", "#ea580c", "#9333ea"][s % 3] } };
    });
  }
  function timeChart(id, lo, mid, hi, cumulative) {
    make(id).setOption({
      animation: false, tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll", data: ["fitted 5-95%", "fitted median"].concat(D.observed.map(function (o) { return "observed " + o.name; })) },
      grid: { left: 60, right: 30, top: 40, bottom: 40 },
      xAxis: { type: "category", data: dates }, yAxis: { type: "value" },
      series: band(lo, mid, hi, "fitted").concat(observedSeries(cumulative))
    });
  }
  timeChart("daily", D.p5, D.median, D.p95, false);
  timeChart("cumulative", D.cum_p5, D.cum_median, D.cum_p95, true);
  function colourOf(e) { return e.index === D.best ? "#dc2626" : D.within.indexOf(e.index) >= 0 ? "#f59e0b" : "#64748b"; }
  make("loss").setOption({
    animation: false, tooltip: { trigger: "item" }, grid: { left: 70, right: 30, top: 20, bottom: 40 },
    xAxis: { type: "value", name: "evaluation", nameLocation: "middle", nameGap: 26 },
    yAxis: { type: "log" },
    series: [{ type: "scatter", symbolSize: 7, data: D.evaluations.map(function (e) {
      return { value: [e.index, Math.max(e.loss, 1e-9)], itemStyle: { color: colourOf(e) } }; }) }]
  });
  var box = document.getElementById("traces");
  D.keys.forEach(function (k, j) {
    var div = document.createElement("div");
    div.className = "trace";
    box.appendChild(div);
    var c = echarts.init(div);
    charts.push(c);
    c.setOption({
      animation: false, title: { text: k, textStyle: { fontSize: 13 } },
      tooltip: { trigger: "item", formatter: function (p) { return "evaluation " + p.value[0] + ": " + fmtValue(j, p.value[1]) + ", loss " + p.data.loss; } },
      grid: { left: 80, right: 30, top: 30, bottom: 40 },
      xAxis: { type: "value", name: "evaluation", nameLocation: "middle", nameGap: 26 },
      yAxis: { type: "value", scale: true, axisLabel: { formatter: function (v) { return fmtValue(j, v); } } },
      series: [{ type: "scatter", symbolSize: 7, data: D.evaluations.map(function (e) {
        return { value: [e.index, e.values[j]], loss: Number(e.loss.toPrecision(6)), itemStyle: { color: colourOf(e) } }; }) }]
    });
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  document.body.setAttribute("data-evaluations-drawn", D.evaluations.length);
})();
</script>
</body>
</html>
)JS";

}  // namespace

std::string calibration_report_html(const CalibrationReportData& d) {
  nlohmann::json j;
  j["scenario"] = d.scenario;
  j["start"] = d.start.days;
  j["keys"] = d.keys;
  j["dates"] = d.dates;
  nlohmann::json obs = nlohmann::json::array();
  for (const auto& o : d.observed) obs.push_back({{"name", o.name}, {"first_day", o.first_day}, {"daily", numbers(o.daily)}});
  j["observed"] = obs;
  j["p5"] = numbers(d.p5), j["median"] = numbers(d.median), j["p95"] = numbers(d.p95);
  j["cum_p5"] = numbers(d.cum_p5), j["cum_median"] = numbers(d.cum_median), j["cum_p95"] = numbers(d.cum_p95);
  nlohmann::json ev = nlohmann::json::array();
  for (const auto& e : d.evaluations) ev.push_back({{"index", e.index}, {"values", numbers(e.values)}, {"loss", std::isfinite(e.loss) ? e.loss : 1e300}});
  j["evaluations"] = ev;
  j["best"] = d.best;
  j["within"] = d.within;
  j["fit"] = d.fit;
  std::string out = page_shell_head(kShell);
  out += kMain;
  out += web_asset(WebAsset::echarts_js);
  out += "</script>\n<script>\nvar CALIBRATION = ";
  out += script_safe(j.dump());
  out += ";\n";
  out += kScript;
  return out;
}

}  // namespace tongchou
