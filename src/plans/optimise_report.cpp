#include "plans/optimise_report.hpp"

#include <cmath>

#include "plans/plan_evaluation.hpp"
#include "report/assets.hpp"
#include "report/page_shell.hpp"
#include "report/script_json.hpp"

namespace tongchou {

namespace {

// The page's own CSS, after page_shell.hpp's base rules.
constexpr PageShell kShell{
    "optimise",
    R"CSS(.controls label { margin-right: 16px; font-size: 14px; } select { font-size: 13px; max-width: 340px; }
#chart { width: 100%; height: 520px; }
table { border-collapse: collapse; font-size: 12px; } th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: right; }
th { background: #eef2f6; } td.l, th.l { text-align: left; }
.tl { position: relative; height: 18px; background: #f0f0ee; min-width: 300px; }
.tl div { position: absolute; top: 2px; height: 14px; background: #4a7fb5; border-radius: 2px; }
.tl div.changed { background: #d9822b; }
)CSS",
    "src/plans/optimise_report.cpp", "the optimisation's plans"};

constexpr const char* kMain = R"JS(<main>
<section class="card">
  <div class="controls"><label>x <select id="x-axis"></select></label><label>y <select id="y-axis"></select></label></div>
  <div id="chart"></div>
</section>
<section class="card"><h2 id="plan-title">Plan 方案: click a point 点击一个点</h2><div id="plan"></div></section>
</main>
<script>)JS";

constexpr const char* kScript = R"JS(
(function () {
  "use strict";
  var P = OPTIMISE, objs = P.objectives, cons = P.constraints;
  document.getElementById("title").textContent = "Optimisation 优化: " + P.scenario;
  document.getElementById("subtitle").textContent = P.plans.length + " plans evaluated (" + P.runs + " runs each, seeds 1.." +
      P.runs + "), " + P.plans.filter(function (p) { return p.front > 0; }).length + " on the front; variables: " +
      P.variables.map(function (v) { return v.key + (v.also ? " (also " + v.also.join(", ") + ")" : ""); }).join(", ") + "; search: " + P.algorithm;
  function label(o) { return o.column + (o.maximise ? " (max)" : " (min)"); }
  // A figure's value as a reader wants it, by its kind (the column's figure without its statistic): shares in %,
  // dates as the day of the run and the date, days, indices with 3 decimals, counts with thousands separators.
  function kind(column) {
    var f = column.replace(/\.(median|mean|p5|p95|min|max)$/, "");
    if (/(^|\.)(gdp_loss|gdp_loss_yoy|probability_of_rebound|gdp_change|cure_rate|fatality_rate_confirmed)$|_change(_yoy)?$|_share(_end)?$|_share_of_/.test(f)) return "%";
    if (/_date$|^days_to_zero$/.test(f)) return "date";
    if (/_days$/.test(f)) return "days";
    if (/index/.test(f)) return "index";
    return "count";
  }
  function count(v) {
    if (Math.abs(v) >= 100) return Math.round(v).toLocaleString("en-US");
    return String(Math.round(v * 100) / 100);
  }
  function format(column, v) {
    if (v === null || v === undefined || (typeof v === "number" && isNaN(v))) return "";
    switch (kind(column)) {
      case "%": return (100 * v).toFixed(Math.abs(v) < 0.001 && v !== 0 ? 3 : 1) + "%";
      case "date": {
        if (v >= (Date.parse(P.end) - Date.parse(P.start)) / 86400000 + 1) return "not reached (day " + (Math.round(v * 10) / 10) + ")";
        var d = new Date(Date.parse(P.start) + Math.round(v) * 86400000).toISOString().slice(0, 10);
        return "day " + (Math.round(v * 10) / 10) + " (" + d + ")";
      }
      case "days": return (Math.round(v * 10) / 10) + " days";
      case "index": return v.toFixed(3);
      default: return count(v);
    }
  }
  // A variable's value: dates and whole numbers as they are, real numbers to 4 significant digits (the plan files
  // hold them exactly).
  function value(text) {
    var x = Number(text);
    return text !== "" && !isNaN(x) && String(x).length > 7 ? String(Number(x.toPrecision(4))) : text;
  }
  // The axes: any objective, constraint or scorecard figure of the plans.
  var axes = [];
  objs.forEach(function (o, k) { axes.push({ name: label(o), column: o.column, get: function (p) { return p.objectives[k]; } }); });
  cons.forEach(function (c, k) { axes.push({ name: c.column + " (" + c.limit + ")", column: c.column, get: function (p) { return p.constraints[k]; } }); });
  P.scorecard.forEach(function (name, k) { axes.push({ name: name, column: name, get: function (p) { return p.scorecard[k]; } }); });
  function fill(id, chosen) {
    var s = document.getElementById(id);
    axes.forEach(function (a, i) { var e = document.createElement("option"); e.value = i; e.textContent = a.name; s.appendChild(e); });
    s.value = chosen;
    s.addEventListener("change", draw);
  }
  // Two objectives or more: the second against the first; one: it against the first scorecard figure of health.
  var healthAxis = axes.findIndex(function (a, i) { return i >= objs.length && /^health\./.test(a.column); });
  fill("x-axis", objs.length > 1 ? 1 : 0);
  fill("y-axis", objs.length > 1 ? 0 : Math.max(0, healthAxis));
  var chart = echarts.init(document.getElementById("chart"));
  window.addEventListener("resize", function () { chart.resize(); });
  function draw() {
    var xa = axes[Number(document.getElementById("x-axis").value)], ya = axes[Number(document.getElementById("y-axis").value)];
    function pt(p, i) { return { value: [xa.get(p), ya.get(p)], index: i }; }
    var others = [], infeasible = [], front = [], own = [];
    P.plans.forEach(function (p, i) {
      if (p.own) own.push(pt(p, i));
      else if (p.front > 0) front.push(pt(p, i));
      else if (p.feasible) others.push(pt(p, i));
      else infeasible.push(pt(p, i));
    });
    front.sort(function (a, b) { return a.value[0] - b.value[0]; });
    chart.setOption({
      animation: false,
      legend: { top: 0 },
      grid: { left: 90, right: 30, top: 40, bottom: 60 },
      tooltip: { trigger: "item", formatter: function (p) {
        var q = P.plans[p.data.index], lines = [q.own ? "the scenario's own plan 原方案" : (q.front ? "front plan " + q.front : "generation " + q.generation)];
        P.variables.forEach(function (v, k) { lines.push(v.key + " = " + value(q.values[k])); });
        objs.forEach(function (o, k) { lines.push(o.column + ": " + format(o.column, q.objectives[k])); });
        return lines.join("<br>");
      } },
      xAxis: { type: "value", name: xa.name, nameLocation: "middle", nameGap: 32, scale: true,
               axisLabel: { formatter: function (v) { return axisText(xa.column, v); } } },
      yAxis: { type: "value", name: ya.name, nameLocation: "middle", nameGap: 70, scale: true,
               axisLabel: { formatter: function (v) { return axisText(ya.column, v); } } },
      series: [
        { type: "scatter", name: "evaluated 已评估", data: others, symbolSize: 7, itemStyle: { color: "#9aa5b1" } },
        { type: "scatter", name: "infeasible 不可行", data: infeasible, symbol: "triangle", symbolSize: 7, itemStyle: { color: "#e8a0a0" } },
        { type: "line", name: "front 前沿", data: front, symbolSize: 11, itemStyle: { color: "#2f6fb0" }, lineStyle: { type: "dashed" } },
        { type: "scatter", name: "scenario's plan 原方案", data: own, symbol: "diamond", symbolSize: 18, itemStyle: { color: "#c0392b" } }
      ]
    }, true);
    document.body.setAttribute("data-front-drawn", front.length);
    document.body.setAttribute("data-own-drawn", own.length);
  }
  function axisText(column, v) {
    var k = kind(column);
    return k === "%" ? (100 * v).toFixed(1) + "%" : k === "count" ? count(v) : String(Math.round(v * 1000) / 1000);
  }
  draw();
  chart.on("click", function (e) { if (e.data && e.data.index !== undefined) show(e.data.index); });
  function cell(tr, text, cls, th) { var c = document.createElement(th ? "th" : "td"); c.textContent = text; if (cls) c.className = cls; tr.appendChild(c); }
  function show(i) {
    var q = P.plans[i], box = document.getElementById("plan");
    document.getElementById("plan-title").textContent = q.own ? "The scenario's own plan 原方案" :
        (q.front ? "Front plan 前沿方案 " + q.front + " (front/" + ("00" + q.front).slice(-3) + ".toml)" : "Plan of generation " + q.generation);
    box.innerHTML = "";
    var t = document.createElement("table"), tr = document.createElement("tr");
    cell(tr, "", "l", true); cell(tr, "value 值", "", true); t.appendChild(tr);
    P.variables.forEach(function (v, k) {
      var r = document.createElement("tr"); cell(r, v.key + (v.also ? " (also " + v.also.join(", ") + ")" : ""), "l"); cell(r, value(q.values[k]));
      t.appendChild(r);
    });
    objs.forEach(function (o, k) { var r = document.createElement("tr"); cell(r, label(o), "l"); cell(r, format(o.column, q.objectives[k])); t.appendChild(r); });
    cons.forEach(function (c, k) {
      var r = document.createElement("tr"); cell(r, c.column + " " + c.limit, "l"); cell(r, format(c.column, q.constraints[k])); t.appendChild(r);
    });
    P.scorecard.forEach(function (name, k) {
      if (q.scorecard[k] === null) return;
      var r = document.createElement("tr"); cell(r, name, "l"); cell(r, format(name, q.scorecard[k])); t.appendChild(r);
    });
    var r = document.createElement("tr"); cell(r, "feasible 可行", "l"); cell(r, q.feasible ? "yes" : "no"); t.appendChild(r);
    box.appendChild(t);
    if (!q.measures) return;
    var h = document.createElement("h2"); h.style.marginTop = "12px"; h.textContent = "Measure timeline 措施时间线 (" + P.start + " .. " + P.end + ")";
    box.appendChild(h);
    var s0 = Date.parse(P.start), span = Date.parse(P.end) - s0 + 86400000, mt = document.createElement("table");
    var hr = document.createElement("tr");
    ["measure", "place", "value", "from", "until", ""].forEach(function (x) { cell(hr, x, "l", true); });
    mt.appendChild(hr);
    q.measures.forEach(function (m) {
      var tr = document.createElement("tr");
      cell(tr, m.measure + (m.id ? " (" + m.id + ")" : ""), "l"); cell(tr, m.place, "l"); cell(tr, m.value);
      cell(tr, m.from, "l"); cell(tr, m.until + (m.trigger ? " [" + m.trigger + "]" : ""), "l");
      var td = document.createElement("td"), bar = document.createElement("div"), seg = document.createElement("div");
      bar.className = "tl";
      var a = Math.max(0, (Date.parse(m.from) - s0) / span), b = Math.min(1, (Date.parse(m.until) - s0 + 86400000) / span);
      seg.style.left = (100 * a) + "%"; seg.style.width = Math.max(0.5, 100 * (b - a)) + "%";
      if (m.id && P.variables.some(function (v) {
        return [v.key].concat(v.also || []).some(function (k) { return k.indexOf("measure." + m.id + ".") === 0; });
      })) seg.className = "changed";
      seg.title = m.label || m.measure;
      bar.appendChild(seg); td.appendChild(bar); tr.appendChild(td); mt.appendChild(tr);
    });
    box.appendChild(mt);
  }
  var first = P.plans.findIndex(function (p) { return p.front === 1; });
  if (first >= 0) show(first);
})();
</script>
</body>
</html>
)JS";

}  // namespace

nlohmann::json measure_timeline(const Scenario& sc) {
  const Date start = sc.params.scenario_start;
  const Date end{static_cast<std::int32_t>(start.days + sc.params.scenario_days - 1)};
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : sc.measures)
    out.push_back({{"measure", e.measure}, {"place", e.place}, {"value", e.value},
                   {"from", format_date(e.has_from ? e.from : start)}, {"until", format_date(e.has_until ? e.until : end)},
                   {"trigger", e.trigger}, {"id", e.id}, {"label", e.label}});
  return out;
}

std::string optimise_report_html(const Scenario& base, const OptimisePlan& plan, const std::vector<OptimiseReportPlan>& plans) {
  nlohmann::json variables = nlohmann::json::array(), objectives = nlohmann::json::array(), constraints = nlohmann::json::array();
  for (const auto& v : plan.variables) {
    variables.push_back({{"key", v.key}});
    if (!v.also.empty()) variables.back()["also"] = v.also;  // keys that take the variable's value
  }
  for (const auto& o : plan.objectives) objectives.push_back({{"column", o.column()}, {"maximise", o.maximise}});
  for (const auto& c : plan.constraints) {
    std::string limit;
    if (c.at_most) limit += "<= " + nlohmann::json(*c.at_most).dump();
    if (c.at_least) limit += (limit.empty() ? ">= " : ", >= ") + nlohmann::json(*c.at_least).dump();
    constraints.push_back({{"column", c.column()}, {"limit", limit}});
  }
  nlohmann::json scorecard = nlohmann::json::array();
  for (const auto& [figure, statistic] : scorecard_columns(plan)) scorecard.push_back(figure + "." + statistic_name(statistic));
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : plans) {
    nlohmann::json card = nlohmann::json::array();
    for (double v : p.scorecard) card.push_back(std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v));
    list.push_back({{"generation", p.generation}, {"values", p.values}, {"objectives", p.objectives}, {"constraints", p.constraints},
                    {"scorecard", card}, {"feasible", p.feasible}, {"own", p.own}, {"front", p.front}, {"measures", p.measures}});
  }
  const Date start = base.params.scenario_start;
  nlohmann::json data = {{"scenario", base.params.scenario_name},
                         {"algorithm", plan.algorithm},
                         {"runs", plan.runs},
                         {"start", format_date(start)},
                         {"end", format_date(Date{static_cast<std::int32_t>(start.days + base.params.scenario_days - 1)})},
                         {"variables", variables},
                         {"objectives", objectives},
                         {"constraints", constraints},
                         {"scorecard", scorecard},
                         {"plans", list}};
  std::string out = page_shell_head(kShell);
  out += kMain;
  out += web_asset(WebAsset::echarts_js);
  out += "</script>\n<script>\nvar OPTIMISE = ";
  out += script_safe(data.dump());
  out += ";\n";
  out += kScript;
  return out;
}

}  // namespace tongchou
