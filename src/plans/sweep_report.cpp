#include "plans/sweep_report.hpp"

#include <nlohmann/json.hpp>

#include "report/assets.hpp"
#include "report/page_shell.hpp"
#include "report/script_json.hpp"

namespace tongchou {

namespace {

// The page's own CSS, after page_shell.hpp's base rules.
constexpr PageShell kShell{
    "sweep",
    R"CSS(.controls label { margin-right: 16px; font-size: 14px; } select { font-size: 13px; max-width: 340px; }
#chart { width: 100%; height: 520px; }
table { border-collapse: collapse; font-size: 12px; } th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: right; }
th { background: #eef2f6; position: sticky; top: 0; } .wrap { overflow: auto; max-height: 480px; }
)CSS",
    "src/plans/sweep_report.cpp", "the sweep's sweep.csv"};

constexpr const char* kMain = R"JS(<main>
<section class="card">
  <div class="controls">
    <label>x <select id="x-axis"></select></label>
    <label>y <select id="y-axis"></select></label>
    <label>colour <select id="colour"></select></label>
  </div>
  <div id="chart"></div>
</section>
<section class="card"><h2>Points 各点</h2><div class="wrap"><table id="points"></table></div></section>
</main>
<script>)JS";

constexpr const char* kScript = R"JS(
(function () {
  "use strict";
  function parseCsv(text) {
    var rows = [], row = [], cell = "", q = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (q) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
        else if (c === '"') q = false;
        else cell += c;
      } else if (c === '"') q = true;
      else if (c === ",") { row.push(cell); cell = ""; }
      else if (c === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; }
      else cell += c;
    }
    if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
    return rows;
  }
  var rows = parseCsv(SWEEP.csv), head = rows[0], body = rows.slice(1);
  var nkeys = SWEEP.keys.length;
  var figures = head.slice(1 + nkeys).filter(function (c, j) {
    return body.some(function (r) { return r[1 + nkeys + j] !== "" && isFinite(Number(r[1 + nkeys + j])); });
  });
  function col(name) { return head.indexOf(name); }
  function pick(cands, fallback) { for (var i = 0; i < cands.length; i++) if (figures.indexOf(cands[i]) >= 0) return cands[i]; return fallback; }
  var xDefault = pick(["economy.gdp_loss_cny_million", "economy.gdp_change", "health.peak_in_hospital"], figures[0]);
  var yDefault = pick(["health.infections", "health.deaths", "health.confirmed"], figures[1] || figures[0]);
  document.getElementById("title").textContent = "Sweep 参数扫描: " + SWEEP.scenario;
  document.getElementById("subtitle").textContent = body.length + " points over " + SWEEP.keys.join(", ") +
      "; " + SWEEP.runs + (SWEEP.runs > 1 ? " runs per point (dots: medians)" : " run per point");
  function fill(id, options, chosen) {
    var s = document.getElementById(id);
    options.forEach(function (o) { var e = document.createElement("option"); e.value = o; e.textContent = o; s.appendChild(e); });
    s.value = chosen;
    s.addEventListener("change", draw);
  }
  fill("x-axis", figures, xDefault);
  fill("y-axis", figures, yDefault);
  fill("colour", ["(none)"].concat(SWEEP.keys), SWEEP.keys[0]);
  var chart = echarts.init(document.getElementById("chart"));
  window.addEventListener("resize", function () { chart.resize(); });
  function draw() {
    var xc = col(document.getElementById("x-axis").value), yc = col(document.getElementById("y-axis").value);
    var cc = col(document.getElementById("colour").value);
    var groups = {}, order = [];
    body.forEach(function (r) {
      if (r[xc] === "" || r[yc] === "") return;
      var g = cc >= 0 ? r[cc] : "points";
      if (!(g in groups)) { groups[g] = []; order.push(g); }
      groups[g].push({ value: [Number(r[xc]), Number(r[yc])], row: r });
    });
    var numeric = cc >= 0 && order.every(function (g) { return isFinite(Number(g)); });
    if (numeric) order.sort(function (a, b) { return Number(a) - Number(b); });
    var series = order.map(function (g) {
      return { type: "scatter", name: cc >= 0 ? head[cc] + " = " + g : g, data: groups[g], symbolSize: 11 };
    });
    chart.setOption({
      animation: false,
      legend: { type: "scroll", top: 0 },
      grid: { left: 80, right: 30, top: 40, bottom: 60 },
      tooltip: { trigger: "item", formatter: function (p) {
        var r = p.data.row, lines = ["point " + r[0]];
        for (var k = 0; k < nkeys; k++) lines.push(head[1 + k] + " = " + r[1 + k]);
        [xc, yc].forEach(function (c) {
          var lo = col(head[c] + "_p5"), hi = col(head[c] + "_p95");
          lines.push(head[c] + ": " + r[c] + (lo >= 0 && hi >= 0 ? " (5-95%: " + r[lo] + " .. " + r[hi] + ")" : ""));
        });
        return lines.join("<br>");
      } },
      xAxis: { type: "value", name: head[xc], nameLocation: "middle", nameGap: 32, scale: true },
      yAxis: { type: "value", name: head[yc], nameLocation: "middle", nameGap: 60, scale: true },
      series: series
    }, true);
    document.body.setAttribute("data-points-drawn", series.reduce(function (n, s) { return n + s.data.length; }, 0));
  }
  draw();
  var t = document.getElementById("points"), tr = document.createElement("tr");
  head.forEach(function (h) { var th = document.createElement("th"); th.textContent = h; tr.appendChild(th); });
  t.appendChild(tr);
  body.forEach(function (r) {
    var tr = document.createElement("tr");
    r.forEach(function (v) { var td = document.createElement("td"); td.textContent = v; tr.appendChild(td); });
    t.appendChild(tr);
  });
})();
</script>
</body>
</html>
)JS";

}  // namespace

std::string sweep_report_html(const Scenario& base, const std::vector<std::string>& keys, const std::string& csv, int runs) {
  nlohmann::json data = {{"scenario", base.params.scenario_name}, {"keys", keys}, {"runs", runs}, {"csv", csv}};
  std::string out = page_shell_head(kShell);
  out += kMain;
  out += web_asset(WebAsset::echarts_js);
  out += "</script>\n<script>\nvar SWEEP = ";
  out += script_safe(data.dump());
  out += ";\n";
  out += kScript;
  return out;
}

}  // namespace tongchou
