// report.html: scorecard, charts, district map and measure timeline of one run or several (compare).
// Reads the tables by column name; a chart whose columns are absent (or all zero) is left out, and summary keys
// without a label are shown under their own name, so new outputs appear without changes here.
(function () {
  'use strict';
  const DATA = JSON.parse(document.getElementById('tongchou-data').textContent);
  const I18N = window.TONGCHOU_I18N;
  const RUNS = DATA.runs;
  const COMPARE = DATA.kind === 'compare';
  const LEVELS = ['low', 'medium', 'high'];
  const LEVEL_COLOURS = { low: '#43a047', medium: '#f59e0b', high: '#dc2626', unknown: '#cfd4da' };
  const RUN_COLOURS = ['#1d4ed8', '#dc2626', '#059669', '#9333ea', '#ea580c', '#0891b2', '#be185d', '#4d7c0f'];
  const LINE_TYPES = ['solid', 'dashed', 'dotted'];
  const GROUP = 'tongchou-time';
  const newChart = (dom) => echarts.init(dom, null, { locale: lang === 'zh' ? 'ZH' : 'EN' });  // axis dates in the page's language

  let lang = 'en';
  try {
    const saved = window.localStorage && localStorage.getItem('tongchou-lang');
    lang = saved === 'zh' || saved === 'en' ? saved : ((navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en');
  } catch (e) {
    lang = (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }
  const pick = (entry, fallback) => (entry ? entry[lang === 'zh' ? 0 : 1] : fallback);
  const t = (key) => pick(I18N.ui[key], key);
  const colLabel = (col) => pick(I18N.columns[col], col);
  const sumLabel = (key) => pick(I18N.summary[key], key);
  const measureLabel = (m) => pick(I18N.measures[m], m);
  const el = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  const ts = (date) => Date.parse(date + 'T00:00:00');
  const isoDate = (ms) => { const d = new Date(ms); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; };

  function fmtNumber(v, digits) {
    if (v === null || v === undefined || Number.isNaN(v)) return '—';
    if (typeof v !== 'number') return String(v);
    const abs = Math.abs(v);
    const max = digits !== undefined ? digits : (abs >= 100 || Number.isInteger(v) ? 0 : abs >= 1 ? 2 : 3);
    return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: max, minimumFractionDigits: digits !== undefined ? digits : 0 }).format(v);
  }
  // One format per kind of figure, used by the scorecard, the tooltips and the axes alike: counts of people (and money,
  // whose labels say "CNY million") as whole numbers with thousands separators, shares as % with one decimal, changes
  // as signed %, indices with three decimals, days with one, ratios with two and "×".
  const FMT = {
    count: (v) => (typeof v === 'number' ? fmtNumber(Math.abs(v) < 10 && !Number.isInteger(v) ? Math.round(v * 10) / 10 : Math.round(v)) : fmtNumber(v)),
    share: (v) => (typeof v !== 'number' ? fmtNumber(v) : v !== 0 && Math.abs(v) < 0.0005  // tiny shares: two significant digits
      ? `${new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumSignificantDigits: 2 }).format(100 * v)}%` : `${fmtNumber(100 * v, 1)}%`),
    change: (v) => (typeof v === 'number' ? `${v > 0 ? '+' : ''}${fmtNumber(100 * v, 1)}%` : fmtNumber(v)),
    index: (v) => (typeof v === 'number' ? fmtNumber(v, 3) : fmtNumber(v)),
    days: (v) => (typeof v === 'number' ? fmtNumber(v, Number.isInteger(v) ? 0 : 1) : fmtNumber(v)),
    ratio: (v) => (typeof v === 'number' ? `${fmtNumber(v, 2)}×` : fmtNumber(v)),
  };
  const fmtPercent = FMT.share;
  const isShareKey = (key) => /(rate|share|fatality)/.test(key) && !/days/.test(key);
  function kindOf(key) {
    if (/change(_yoy)?$/.test(key)) return 'change';  // changes against the baseline and year on year
    if (isShareKey(key) || ['enterprises_open_share', 'workers_at_work_share'].includes(key)) return 'share';
    if (/index/.test(key) || ['gdp_low', 'gdp_end'].includes(key)) return 'index';
    if (/days$/.test(key) && !/^district_days/.test(key)) return 'days';
    if (/^ratio/.test(key)) return 'ratio';
    return 'count';
  }
  function fmtValue(key, v) {
    if (v === null || v === undefined) return /date$/.test(key) ? t('not_reached') : '—';
    if (typeof v === 'number' && kindOf(key) === 'share' && Math.abs(v) > 1) return FMT.count(v);
    if (typeof v === 'number') return FMT[kindOf(key)](v);
    if (typeof v === 'boolean') return v ? '✓' : '✗';
    return String(v);
  }
  // Axis tick labels of counts: the same format as everywhere else.
  const axisCount = (v) => FMT.count(v);

  // ---- tables ---------------------------------------------------------------------------------------------------
  const table = (run, name) => (run.tables && run.tables[name]) || null;
  const hasColumn = (run, name, col) => { const tb = table(run, name); return !!(tb && Array.isArray(tb[col])); };
  function points(run, tableName, col, transform) {
    const tb = table(run, tableName);
    if (!tb || !Array.isArray(tb[col]) || !Array.isArray(tb.date)) return null;
    let out = tb.date.map((d, i) => [ts(d), typeof tb[col][i] === 'number' ? tb[col][i] : null]);
    if (transform === 'relative') {
      const first = out.find((p) => p[1]);
      out = first ? out.map((p) => [p[0], p[1] === null ? null : p[1] / first[1]]) : out;
    }
    return out;
  }
  const hasData = (pts) => !!pts && pts.some((p) => p[1] !== null && p[1] !== 0);
  const varies = (pts) => !!pts && pts.some((p) => p[1] !== null && p[1] !== pts[0][1]);
  function lastValue(run, col) {
    const tb = table(run, 'daily');
    if (!tb || !Array.isArray(tb[col])) return undefined;
    for (let i = tb[col].length - 1; i >= 0; --i) if (typeof tb[col][i] === 'number') return tb[col][i];
    return undefined;
  }

  // Whole time range of all runs: every time chart, the timeline and the map share it.
  let T0 = Infinity, T1 = -Infinity;
  for (const run of RUNS) {
    const d = table(run, 'daily');
    if (d && d.date && d.date.length) { T0 = Math.min(T0, ts(d.date[0])); T1 = Math.max(T1, ts(d.date[d.date.length - 1])); }
  }

  // ---- chart specifications ---------------------------------------------------------------------------------------
  // series: table (default daily), col, type (line|bar|area), stack, y (axis 1 = right), dashed, colour, once (drawn
  // for the first run that has it, as a reference such as the reported series). varying: series that never change
  // (e.g. stocks that are not tracked) are left out.
  const CHARTS = [
    { id: 'cases', section: 'epidemic', robust: true, series: [
      { col: 'new_local', type: 'bar', stack: 'inf', colour: '#ef4444' },
      { col: 'new_imported', type: 'bar', stack: 'inf', colour: '#f59e0b' },
      { col: 'new_confirmed', type: 'line', colour: '#1d4ed8' },
      { table: 'comparison', col: 'observed_new_confirmed', type: 'line', once: true, dashed: true, colour: '#111827' }] },
    { id: 'cumulative', section: 'epidemic', series: [
      { col: 'cumulative_confirmed', type: 'line', colour: '#1d4ed8' },
      { table: 'comparison', col: 'observed_cumulative_confirmed', type: 'line', once: true, dashed: true, colour: '#111827' }] },
    { id: 'rt', section: 'epidemic', markOne: true, series: [{ col: 'rt_case', type: 'line', colour: '#7c3aed' }] },
    { id: 'active', section: 'epidemic', series: [
      { col: 'active_infections', type: 'area', colour: '#f97316' }, { col: 'confirmed_active', type: 'line', colour: '#1d4ed8' }] },
    { id: 'deaths', section: 'epidemic', series: [
      { col: 'new_deaths', type: 'bar', colour: '#6b7280' }, { col: 'cumulative_deaths', type: 'line', y: 1, colour: '#111827' }] },
    { id: 'layers', section: 'epidemic', robust: true, series: ['new_household', 'new_class', 'new_school', 'new_workplace', 'new_venue',
      'new_community', 'new_transport', 'new_institution', 'new_hospital'].map((col) => ({ col, type: 'bar', stack: 'layer' })) },
    { id: 'hospital', section: 'health', series: [
      { col: 'in_hospital', type: 'area', colour: '#dc2626' }, { col: 'bed_capacity', type: 'line', dashed: true, colour: '#dc2626' },
      { col: 'in_icu', type: 'area', colour: '#7c3aed' }, { col: 'icu_capacity', type: 'line', dashed: true, colour: '#7c3aed' }] },
    { id: 'quarantine', section: 'health', series: [
      { col: 'in_quarantine_central', type: 'area', stack: 'q', colour: '#0891b2' },
      { col: 'in_quarantine_home', type: 'area', stack: 'q', colour: '#67e8f9' },
      { col: 'suspected_isolated', type: 'line', colour: '#f59e0b' }, { col: 'asymptomatic_observed', type: 'line', colour: '#9333ea' }] },
    { id: 'tests', section: 'health', series: [
      { col: 'tests', type: 'bar', colour: '#60a5fa' }, { col: 'positives', type: 'line', y: 1, colour: '#dc2626' },
      { col: 'contacts_traced', type: 'line', y: 1, colour: '#059669' }, { col: 'samples_waiting', type: 'line', colour: '#1e3a8a' }] },
    { id: 'supplies', section: 'health', varying: true, series: [
      { col: 'masks_stock', type: 'line', transform: 'relative' }, { col: 'suits_stock', type: 'line', transform: 'relative' },
      { col: 'kits_stock', type: 'line', transform: 'relative' }] },
    { id: 'risk', section: 'measures', series: [
      { col: 'districts_low', type: 'area', stack: 'lvl', colour: LEVEL_COLOURS.low },
      { col: 'districts_medium', type: 'area', stack: 'lvl', colour: LEVEL_COLOURS.medium },
      { col: 'districts_high', type: 'area', stack: 'lvl', colour: LEVEL_COLOURS.high }] },
    { id: 'codes', section: 'measures', series: [
      { col: 'codes_yellow', type: 'line', colour: '#eab308' }, { col: 'codes_red', type: 'line', colour: '#dc2626' },
      { col: 'code_holds', type: 'line', colour: '#6b7280' }] },
    { id: 'arrivals', section: 'measures', robust: true, series: [
      { col: 'arrivals', type: 'bar', colour: '#93c5fd' }, { col: 'arrivals_infected', type: 'line', y: 1, colour: '#dc2626' },
      { col: 'arrivals_transferred', type: 'line', colour: '#0891b2' }] },
    { id: 'gdp', section: 'economy', series: [
      { col: 'gdp_index', type: 'line', colour: '#1d4ed8' }, { col: 'gdp_index_yoy', type: 'line', colour: '#059669' },
      { col: 'gdp_loss_cum', type: 'line', y: 1, dashed: true, colour: '#dc2626' }] },
    { id: 'work', section: 'economy', percent: true, varying: true, series: [
      { col: 'enterprises_open_share', type: 'line', colour: '#059669' }, { col: 'workers_at_work_share', type: 'line', colour: '#1d4ed8' },
      { col: 'output_vs_baseline', type: 'line', colour: '#ea580c' }, { col: 'work_share', type: 'line', dashed: true, colour: '#6b7280' },
      { col: 'large_industrial_open_share', type: 'line', dashed: true, colour: '#047857' }] },
    { id: 'demand', section: 'economy', percent: true, varying: true, series: [
      { col: 'consumption_index', type: 'line', colour: '#db2777' }, { col: 'freight_capacity', type: 'line', colour: '#0891b2' },
      { col: 'food_supply_index', type: 'line', colour: '#65a30d' }, { col: 'spring_planted_share', type: 'line', dashed: true, colour: '#a16207' },
      { col: 'fear', type: 'line', dashed: true, colour: '#6b7280' }] },
    { id: 'migrants', section: 'economy', series: [
      { col: 'migrant_workers_returned', type: 'line', colour: '#ea580c' }, { col: 'point_to_point_riders', type: 'line', colour: '#0891b2' },
      { col: 'migrant_workers_left_for_work', type: 'line', colour: '#059669' }, { col: 'poor_labour_employed', type: 'line', colour: '#9333ea' }] },
    { id: 'sector_open', section: 'economy', percent: true, sectors: 'enterprises_open_share' },
    { id: 'sector_workers', section: 'economy', percent: true, sectors: 'workers_at_work_share' },
    { id: 'sector_output', section: 'economy', percent: true, sectors: 'output_vs_baseline' },
  ];
  const SECTIONS = ['epidemic', 'health', 'measures', 'economy'];

  const charts = {};  // id -> echarts instance (time charts, closed loop, timeline, map)

  // Ensembles (MEASURES.md C3): with three runs or more, a chart can show each series as its median across runs and
  // a 5–95% band instead of one line per run; on by default when every run is of the same scenario (seeds).
  const scenarioOf = (r) => (r.summary && r.summary.scenario && r.summary.scenario.name) || r.label;
  const CAN_BAND = COMPARE && RUNS.length >= 3;
  let bands = CAN_BAND && RUNS.every((r) => scenarioOf(r) === scenarioOf(RUNS[0]));
  function quantile(sorted, q) {
    const x = (sorted.length - 1) * q, lo = Math.floor(x), hi = Math.ceil(x);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (x - lo);
  }
  // Per date: [5%, median, 95%] of the runs' values (dates where fewer than two runs have a value are left out).
  function bandOf(allPts) {
    const byDate = new Map();
    for (const pts of allPts) for (const [d, v] of pts) if (v !== null) { if (!byDate.has(d)) byDate.set(d, []); byDate.get(d).push(v); }
    return [...byDate.entries()].sort((a, b) => a[0] - b[0]).filter(([, vs]) => vs.length >= 2).map(([d, vs]) => {
      vs.sort((a, b) => a - b);
      return [d, quantile(vs, 0.05), quantile(vs, 0.5), quantile(vs, 0.95)];
    });
  }
  function bandSeries(spec, s, si, allPts) {
    const b = bandOf(allPts);
    const colour = s.colour || RUN_COLOURS[si % RUN_COLOURS.length];
    const name = colLabel(s.col), band = `${name} 5–95%`, y = s.y || 0;
    return [
      { id: `lo-${si}`, name: band, type: 'line', stack: `band-${si}`, yAxisIndex: y, silent: true, showSymbol: false,
        lineStyle: { opacity: 0 }, itemStyle: { color: colour }, data: b.map(([d, lo]) => [d, lo]) },
      { id: `hi-${si}`, name: band, type: 'line', stack: `band-${si}`, yAxisIndex: y, silent: true, showSymbol: false,
        lineStyle: { opacity: 0 }, itemStyle: { color: colour }, areaStyle: { color: colour, opacity: 0.18 },
        data: b.map(([d, lo, , hi]) => [d, hi - lo, lo, hi]) },
      { id: `med-${si}`, name: `${name} (${t('median')})`, type: 'line', yAxisIndex: y, showSymbol: false,
        lineStyle: { width: 1.8, type: s.dashed ? 'dashed' : 'solid' }, itemStyle: { color: colour }, data: b.map(([d, , m]) => [d, m]) },
    ];
  }
  function bandTooltip(spec) {
    const f = valueFormatter(axisKind(spec, 0));
    return (params) => {
      const list = Array.isArray(params) ? params : [params];
      if (!list.length) return '';
      const rows = list.filter((p) => !String(p.seriesId).startsWith('lo-')).map((p) => (String(p.seriesId).startsWith('hi-')
        ? `${p.marker}${esc(p.seriesName)}: ${f(p.value[2])} – ${f(p.value[3])}` : `${p.marker}${esc(p.seriesName)}: ${f(p.value[1])}`));
      return `${isoDate(list[0].value[0])}<br>${rows.join('<br>')}`;
    };
  }

  // The kind of figure on a chart's axis (FMT): shares for percent charts, the GDP index and money on the GDP chart.
  function axisKind(spec, i) {
    if (spec.percent) return 'share';
    if (spec.id === 'gdp') return i === 0 ? 'index' : 'count';
    if (spec.id === 'rt' || spec.id === 'supplies') return 'rt';
    return 'count';
  }
  const valueFormatter = (kind) => (kind === 'rt' ? (v) => fmtNumber(v, 2) : FMT[kind]);
  const axisLabelFormatter = (kind) => (kind === 'share' ? (v) => `${fmtNumber(Math.round(v * 100))}%` : kind === 'count' ? axisCount : (v) => fmtNumber(v));
  // Axis titles with units (i18n.js, axes); every axis has one.
  const axisName = (id, i) => pick((I18N.axes[id] || [])[i], '');
  const yAxisOf = (spec, i) => ({ type: 'value', scale: spec.id === 'gdp' && i === 0, splitLine: { show: i === 0 },
    name: axisName(spec.id, i), nameLocation: 'end', nameGap: 10,
    nameTextStyle: { align: i === 0 ? 'left' : 'right', color: '#4b5563', fontSize: 11.5 },
    axisLabel: { formatter: axisLabelFormatter(axisKind(spec, i)) } });
  const xAxisOf = () => ({ type: 'time', min: T0, max: T1, axisLabel: { hideOverlap: true }, name: t('date_axis'),
    nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: '#4b5563', fontSize: 11.5 } });

  function baseOption(spec, hasRightAxis) {
    return {
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: valueFormatter(axisKind(spec, 0)), confine: true },
      legend: { type: 'plain', top: 0, left: 0, right: 0 },
      grid: { left: 8, right: 8, top: 52, bottom: 58, containLabel: true },
      xAxis: xAxisOf(),
      yAxis: hasRightAxis ? [yAxisOf(spec, 0), yAxisOf(spec, 1)] : [yAxisOf(spec, 0)],
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 4 }],
    };
  }

  // Plain legends wrap instead of paging: the legend's rows are estimated from its entries' widths, and the plot and
  // the chart grow by the rows so every entry stays visible above the plot.
  let measureCtx = null;
  function fitLegend(option, dom, baseHeight) {
    if (!option.legend) return;
    const names = [...new Set((option.series || []).map((x) => x.name).filter((n) => n !== undefined && n !== ''))];
    measureCtx = measureCtx || document.createElement('canvas').getContext('2d');
    measureCtx.font = '12px sans-serif';
    const width = Math.max(200, dom.clientWidth - 10);
    let rows = names.length ? 1 : 0, x = 0;
    for (const n of names) {
      const w = measureCtx.measureText(n).width * 1.08 + 25 + 5 + 10;
      if (x > 0 && x + w > width) { rows += 1; x = 0; }
      x += w;
    }
    const legendHeight = rows * 24 + 4;
    option.legend.padding = [4, 5, 0, 5];
    option.grid.top = legendHeight + 26;
    dom.style.height = `${baseHeight + legendHeight}px`;
  }

  // The estimate corrected by the legend as ECharts laid it out.
  function refitLegend(chart, baseHeight) {
    const legend = chart.getModel().getComponent('legend');
    const view = legend && chart.getViewOfComponentModel(legend);
    if (!view) return;
    const height = Math.ceil(view.group.getBoundingRect().height) + 8;
    const top = height + 26;
    if (Math.abs(top - chart.getOption().grid[0].top) < 2) return;
    chart.getDom().style.height = `${baseHeight + height}px`;
    chart.resize();
    chart.setOption({ grid: { top } });
  }

  // A spike far above the rest (e.g. imports on day 1) would squash the other days: when the highest day is over
  // twice the next, the axis stops at 1.25 × the next and the spike is marked with its value.
  function clipSpike(option, spec) {
    const byDate = new Map();
    const add = (key, d, v) => { if (typeof v !== 'number') return; const m = byDate.get(d) || new Map(); m.set(key, (m.get(key) || 0) + v); byDate.set(d, m); };
    option.series.forEach((x, i) => {
      if ((x.yAxisIndex || 0) !== 0 || String(x.id || '').startsWith('lo-')) return;
      for (const p of x.data || []) if (Array.isArray(p)) add(x.stack ? `stack-${x.stack}` : `s${i}`, p[0], String(x.id || '').startsWith('hi-') ? p[3] : p[1]);
    });
    const heights = [...byDate.entries()].map(([d, m]) => [d, Math.max(...m.values())]).sort((a, b) => b[1] - a[1]);
    if (heights.length < 3 || !(heights[1][1] > 0) || heights[0][1] <= 2 * heights[1][1]) return;
    const cap = heights[1][1] * 1.25;
    option.yAxis[0].max = cap;
    const [date, top] = heights[0];
    option.series[0].markPoint = { silent: true, symbol: 'triangle', symbolSize: 9, symbolOffset: [0, 7], itemStyle: { color: '#111827' },
      label: { position: 'right', formatter: `${FMT.count(top)} ↑`, fontSize: 11.5, fontWeight: 600, color: '#111827',
        backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3] }, data: [{ coord: [date, cap], value: top }] };
    option.note = `${t('spike_clipped')} ${isoDate(date)}: ${FMT.count(top)}`;
  }

  function makeSeries(spec, s, run, runIndex, pts, seriesIndex) {
    const name = COMPARE && !s.once ? `${run.label} · ${colLabel(s.col)}` : (s.once ? `${colLabel(s.col)}` : colLabel(s.col));
    const colour = COMPARE && !s.once ? RUN_COLOURS[runIndex % RUN_COLOURS.length] : s.colour;
    const type = COMPARE && !s.once ? 'line' : (s.type === 'area' ? 'line' : s.type);
    const out = { name, type, data: pts, yAxisIndex: s.y || 0, showSymbol: false, connectNulls: false,
      tooltip: { valueFormatter: valueFormatter(axisKind(spec, s.y || 0)) } };
    if (colour) out.itemStyle = { color: colour };
    if (type === 'line') out.lineStyle = { width: 1.8, type: s.dashed ? 'dashed' : (COMPARE ? LINE_TYPES[seriesIndex % LINE_TYPES.length] : 'solid') };
    if (!COMPARE && s.stack) out.stack = s.stack;
    if (!COMPARE && s.type === 'area') out.areaStyle = { opacity: s.stack ? 0.75 : 0.25 };
    if (type === 'bar') out.barMaxWidth = 12;
    return out;
  }

  function timeChartOption(spec) {
    const series = [];
    if (spec.sectors) return sectorOption(spec, 0);
    spec.series.forEach((s, si) => {
      if (s.once) {
        const run = RUNS.find((r) => hasData(points(r, s.table || 'daily', s.col)));
        if (run) series.push(makeSeries(spec, s, run, 0, points(run, s.table || 'daily', s.col, s.transform), si));
        return;
      }
      const all = [];
      RUNS.forEach((run, ri) => {
        const pts = points(run, s.table || 'daily', s.col, s.transform);
        if (!hasData(pts) || (spec.varying && !varies(pts))) return;
        all.push(pts);
        if (!bands) series.push(makeSeries(spec, s, run, ri, pts, si));
      });
      if (bands && all.length) series.push(...bandSeries(spec, s, si, all));
    });
    if (!series.some((s) => !spec.series.find((x) => x.once && colLabel(x.col) === s.name))) return null;  // references alone
    const option = baseOption(spec, series.some((s) => s.yAxisIndex === 1));
    if (bands) option.tooltip.formatter = bandTooltip(spec);
    if (spec.markOne && series.length) {
      series[0].markLine = { silent: true, symbol: 'none', label: { formatter: 'Rt = 1', position: 'insideEndTop' },
        lineStyle: { type: 'dashed', color: '#9ca3af' }, data: [{ yAxis: 1 }] };
    }
    if (spec.id === 'hospital' && !bands) RUNS.forEach((run, ri) => series.push(...overBeds(run, ri)));
    option.series = series;
    if (spec.robust) clipSpike(option, spec);
    return option;
  }

  // Beds overrun: the people in hospital above the designated beds, filled dark red between the two lines.
  function overBeds(run, ri) {
    const tb = table(run, 'daily');
    if (!tb || !Array.isArray(tb.in_hospital) || !Array.isArray(tb.bed_capacity)) return [];
    const over = tb.date.map((d, i) => (typeof tb.in_hospital[i] === 'number' && typeof tb.bed_capacity[i] === 'number' &&
      tb.in_hospital[i] > tb.bed_capacity[i] ? i : -1));
    if (!over.some((i) => i >= 0)) return [];
    // Days next to an overrun day are kept at zero excess so the filled area starts and ends on the beds line.
    const near = (i) => over[i] >= 0 || over[i - 1] >= 0 || over[i + 1] >= 0;
    const base = tb.date.map((d, i) => [ts(d), near(i) ? tb.bed_capacity[i] : null]);
    const excess = tb.date.map((d, i) => [ts(d), near(i) ? Math.max(0, tb.in_hospital[i] - tb.bed_capacity[i]) : null]);
    const name = COMPARE ? `${run.label} · ${t('over_beds')}` : t('over_beds');
    const colour = COMPARE ? RUN_COLOURS[ri % RUN_COLOURS.length] : '#7f1d1d', suffix = ri ? `-${ri}` : '';
    return [
      { id: `over-base${suffix}`, name, type: 'line', stack: `over${suffix}`, data: base, showSymbol: false, silent: true, lineStyle: { opacity: 0 },
        itemStyle: { color: colour }, tooltip: { show: false } },
      { id: `over-excess${suffix}`, name, type: 'line', stack: `over${suffix}`, data: excess, showSymbol: false, lineStyle: { width: 0 },
        itemStyle: { color: colour }, areaStyle: { color: colour, opacity: COMPARE ? 0.45 : 0.85 }, tooltip: { valueFormatter: FMT.count } },
    ];
  }

  // Per-sector lines of one sectors.csv column (first run that has sectors.csv); the 8 sectors with the most value
  // added at baseline are shown at first.
  function sectorOption(spec, runIndex) {
    const run = RUNS[runIndex || 0];
    if (!run || !hasColumn(run, 'sectors', spec.sectors) || !hasColumn(run, 'sectors', 'sector')) return null;
    const tb = table(run, 'sectors');
    const bySector = new Map();
    tb.sector.forEach((code, i) => {
      if (!bySector.has(code)) {
        const name = (lang === 'zh' ? tb.name_zh && tb.name_zh[i] : tb.name_en && tb.name_en[i]) || String(code);
        bySector.set(code, { name: `${code} ${name}`, pts: [], weight: 0 });
      }
      const s = bySector.get(code);
      s.pts.push([ts(tb.date[i]), typeof tb[spec.sectors][i] === 'number' ? tb[spec.sectors][i] : null]);
      s.weight += (tb.value_added_baseline && tb.value_added_baseline[i]) || 0;
    });
    const list = [...bySector.values()];
    if (!list.some((s) => hasData(s.pts))) return null;
    const top = new Set([...list].sort((a, b) => b.weight - a.weight).slice(0, 8).map((s) => s.name));
    const option = baseOption(spec, false);
    option.tooltip.valueFormatter = FMT.share;
    option.legend.selected = Object.fromEntries(list.map((s) => [s.name, top.has(s.name)]));
    option.tooltip.order = 'valueDesc';
    option.series = list.map((s) => ({ name: s.name, type: 'line', data: s.pts, showSymbol: false, lineStyle: { width: 1.5 } }));
    option.note = t('sector_top');
    option.wide = true;  // the whole row: 42 sectors' legend in fewer lines
    return option;
  }

  function closedLoopOption() {
    const run = RUNS.find((r) => hasColumn(r, 'closed_loop', 'entered'));
    if (!run) return null;
    const tb = table(run, 'closed_loop');
    const names = tb.stage.map((s, i) => `${s}. ${lang === 'zh' ? (tb.name_zh || tb.name)[i] : (tb.name || tb.name_zh)[i]}`);
    return {
      animation: false, tooltip: { trigger: 'axis', valueFormatter: FMT.count }, legend: { type: 'plain', top: 0, left: 0, right: 0 },
      grid: { left: 8, right: 8, top: 52, bottom: 30, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, fontSize: 11 }, name: axisName('closed_loop', 1),
        nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: '#4b5563', fontSize: 11.5 } },
      yAxis: { type: 'value', name: axisName('closed_loop', 0), nameLocation: 'end', nameGap: 10,
        nameTextStyle: { align: 'left', color: '#4b5563', fontSize: 11.5 }, axisLabel: { formatter: axisCount } },
      series: ['entered', 'found', 'leaked'].filter((c) => tb[c]).map((c) => ({ name: colLabel(c), type: 'bar', data: tb[c] })),
      note: COMPARE ? run.label : '',
    };
  }

  // ---- scorecard ------------------------------------------------------------------------------------------------
  const get = (obj, path) => path.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), obj);
  function lastLocal(run) {
    const tb = table(run, 'daily');
    if (!tb || !tb.new_local) return undefined;
    for (let i = tb.new_local.length - 1; i >= 0; --i) if (tb.new_local[i] > 0) return tb.date[i];
    return null;
  }
  // Rebound (MEASURES.md C3): local infections again after 14 days in a row without any, once the epidemic had
  // started here. 1 or 0; undefined without the series.
  function rebound(run) {
    const tb = table(run, 'daily');
    if (!tb || !tb.new_local) return undefined;
    let started = false, quiet = 0;
    for (const v of tb.new_local) {
      if (v > 0) {
        if (started && quiet >= 14) return 1;
        started = true;
        quiet = 0;
      } else if (started) ++quiet;
    }
    return 0;
  }
  function gdpLow(run) {
    const tb = table(run, 'daily');
    if (!tb || !tb.gdp_index) return undefined;
    let best = null;
    tb.gdp_index.forEach((v, i) => { if (typeof v === 'number' && (best === null || v < best[1])) best = [tb.date[i], v]; });
    return best;
  }
  // Headline figures: [key, label, value(run), sub(run), better ('low' | 'high' | undefined)]
  const HEALTH = [
    ['infections', () => sumLabel('infections'), (r) => get(r.summary, 'health.infections') ?? lastValue(r, 'cumulative_infections'),
      (r) => (get(r.summary, 'health.local_infections') !== undefined
        ? `${colLabel('new_local')} ${fmtNumber(get(r.summary, 'health.local_infections'))} · ${colLabel('new_imported')} ${fmtNumber(get(r.summary, 'health.imported_infections'))}` : ''), 'low'],
    ['confirmed', () => sumLabel('confirmed'), (r) => get(r.summary, 'health.confirmed') ?? lastValue(r, 'cumulative_confirmed'),
      (r) => (get(r.summary, 'comparison.observed_confirmed') !== undefined ? `${t('reported')} ${fmtNumber(get(r.summary, 'comparison.observed_confirmed'))}` : ''), 'low'],
    ['deaths', () => sumLabel('deaths'), (r) => get(r.summary, 'health.deaths') ?? lastValue(r, 'cumulative_deaths'), () => '', 'low'],
    ['peak_in_hospital', () => sumLabel('peak_in_hospital'), (r) => get(r.summary, 'health.peak_in_hospital'),
      (r) => (get(r.summary, 'health.designated_beds') ? `${sumLabel('designated_beds')} ${fmtNumber(get(r.summary, 'health.designated_beds'))}` : ''), 'low'],
    ['last_local', () => t('last_local'), (r) => { const d = lastLocal(r); return d === null ? t('none') : d; }, () => '', 'low'],
    ['zero_active_confirmed_date', () => sumLabel('zero_active_confirmed_date'), (r) => (get(r.summary, 'health.confirmed') === 0 ? undefined : get(r.summary, 'health.zero_active_confirmed_date')), () => '', 'low'],
    ['all_districts_low_date', () => sumLabel('all_districts_low_date'), (r) => get(r.summary, 'measures.all_districts_low_date'), () => '', 'low'],
    ['peak_in_quarantine', () => sumLabel('peak_in_quarantine'), (r) => get(r.summary, 'health.peak_in_quarantine'), () => '', undefined],
    ['rebound', () => t('rebound'), rebound, () => '', 'low'],
  ];
  // Economic side: summary.json's "economy" block first (keys of src/output/economy_outputs.cpp), daily.csv's last
  // values otherwise. The last element lists the summary keys a row shows, so they are not repeated below it.
  const eco = (r, k) => { const e = r.summary && r.summary.economy; return e && typeof e === 'object' && e[k] !== undefined ? e[k] : undefined; };
  const either = (a, b) => (a !== undefined ? a : b);
  const subOf = (r, k) => (eco(r, k) !== undefined && eco(r, k) !== null ? `${sumLabel(k)} ${fmtValue(k, eco(r, k))}` : '');
  const ECONOMY = [
    ['gdp_change', () => sumLabel('gdp_change'), (r) => eco(r, 'gdp_change'), (r) => subOf(r, 'gdp_loss_cny_million'), 'high',
      ['gdp_change', 'gdp_loss_cny_million', 'value_added_cny_million', 'value_added_baseline_cny_million']],
    ['q1_gdp_change', () => t('q1_gdp_change'), (r) => get(r.summary, 'economy.periods.q1.gdp_change'), () => '', 'high', []],
    ['q1_gdp_change_yoy', () => t('q1_gdp_change_yoy'), (r) => get(r.summary, 'economy.periods.q1.gdp_change_yoy'), () => '', 'high', []],
    ['large_industrial_open_share', () => sumLabel('large_industrial_open_share'),
      (r) => either(eco(r, 'large_industrial_open_share_end'), lastValue(r, 'large_industrial_open_share')),
      (r) => subOf(r, 'large_industrial_open_95_date'), 'high', ['large_industrial_open_share_end', 'large_industrial_open_95_date']],
    ['gdp_low', () => t('gdp_low'), (r) => either(eco(r, 'lowest_gdp_index'), (gdpLow(r) || [])[1]),
      (r) => either(eco(r, 'lowest_gdp_index_date'), (gdpLow(r) || [])[0]) || '', 'high', ['lowest_gdp_index', 'lowest_gdp_index_date', 'gdp_index_min']],
    ['gdp_end', () => t('gdp_end'), (r) => lastValue(r, 'gdp_index'), () => '', 'high', []],
    ['gdp_loss_cum', () => sumLabel('gdp_loss_cum'), (r) => (eco(r, 'gdp_loss_cny_million') === undefined ? lastValue(r, 'gdp_loss_cum') : undefined),
      () => '', 'low', ['gdp_loss_cum']],
    ['enterprises_open_share', () => sumLabel('enterprises_open_share'), (r) => either(eco(r, 'enterprises_open_share_end'), lastValue(r, 'enterprises_open_share')),
      (r) => subOf(r, 'enterprises_open_90_date'), 'high', ['enterprises_open_share_end', 'enterprises_open_90_date']],
    ['workers_at_work_share', () => sumLabel('workers_at_work_share'), (r) => either(eco(r, 'workers_at_work_share_end'), lastValue(r, 'workers_at_work_share')),
      (r) => subOf(r, 'workers_at_work_90_date'), 'high', ['workers_at_work_share_end', 'workers_at_work_90_date']],
    ['migrant_workers_returned', () => sumLabel('migrant_workers_returned'), (r) => either(eco(r, 'migrant_workers_returned'), lastValue(r, 'migrant_workers_returned')),
      (r) => subOf(r, 'point_to_point_riders'), 'high', ['migrant_workers_returned', 'point_to_point_riders']],
    ['poor_labour_employed', () => sumLabel('poor_labour_employed'), (r) => either(eco(r, 'poor_labour_employed_end'), lastValue(r, 'poor_labour_employed')),
      () => '', 'high', ['poor_labour_employed_end']],
  ];
  // Every other scalar of summary.json's "economy" block joins the economic side, labelled or under its own key.
  function economyRows() {
    const rows = ECONOMY.filter((row) => RUNS.some((r) => row[2](r) !== undefined && row[2](r) !== null));
    const shown = new Set(ECONOMY.flatMap((row) => row[5]));
    const keys = [];
    for (const r of RUNS) {
      const e = r.summary && r.summary.economy;
      if (e && typeof e === 'object') {
        for (const [k, v] of Object.entries(e)) if ((v === null || typeof v !== 'object') && !shown.has(k) && !keys.includes(k)) keys.push(k);
      }
    }
    for (const k of keys) rows.push([k, () => sumLabel(k), (r) => eco(r, k), () => '', undefined, []]);
    return rows;
  }
  function displayValue(key, v) {
    if (key === 'rebound' && typeof v === 'number') return t(v > 0 ? 'yes' : 'no');
    return fmtValue(key, v);
  }
  // The two statistics cells of an ensemble's scorecard row: median and 5-95% range; for `rebound` (each run 1 or 0)
  // the probability of a rebound, the share of runs that rebound (C3).
  function ensembleCells(key, sorted) {
    if (sorted.length < 2) return '<td class="stat">—</td><td class="stat">—</td>';
    if (key === 'rebound') {
      const k = sorted.filter((v) => v > 0).length;
      return `<td class="stat">${esc(`${k} / ${sorted.length} ${t('of_runs')} (${fmtPercent(k / sorted.length)})`)}</td><td class="stat">—</td>`;
    }
    return `<td class="stat">${esc(displayValue(key, quantile(sorted, 0.5)))}</td>` +
      `<td class="stat">${esc(displayValue(key, quantile(sorted, 0.05)))} – ${esc(displayValue(key, quantile(sorted, 0.95)))}</td>`;
  }
  // compare: figures per 100,000 people beside the counts when the runs' populations differ; a note when two runs differ
  // by less than seed noise could explain: |a − b| < 2·√(K·(a + b)) for counts of people, K people per agent (for more
  // than two runs, the highest against the lowest). Ensembles show their 5–95% band instead.
  const peopleOf = (r) => get(r.summary, 'population.people');
  const PER_100K = COMPARE && new Set(RUNS.map((r) => peopleOf(r))).size > 1 && RUNS.every((r) => typeof peopleOf(r) === 'number' && peopleOf(r) > 0);
  const PER_100K_KEYS = ['infections', 'confirmed', 'deaths', 'peak_in_hospital', 'peak_in_quarantine'];
  const NOISE_KEYS = ['infections', 'confirmed', 'deaths', 'peak_in_hospital', 'peak_in_quarantine'];
  function withinNoise(vals) {
    if (!COMPARE || vals.length < 2 || !vals.every((v) => typeof v === 'number')) return false;
    const hi = Math.max(...vals), lo = Math.min(...vals);
    const k = Math.max(...RUNS.map((r) => get(r.summary, 'population.scale') || 1));
    return hi > 0 && hi - lo < 2 * Math.sqrt(k * (hi + lo));
  }
  function sideHtml(titleKey, rows, emptyNote) {
    const noisy = [];
    let html = `<div class="card"><h2>${esc(t(titleKey))}</h2>`;
    if (!rows.length) return `${html}<div class="note">${esc(emptyNote)}</div></div>`;
    if (!COMPARE) {
      const r = RUNS[0];
      // A figure that is zero (or has no value yet, "—") says nothing at a glance (All figures below keeps it); rebound's
      // "no" and dates not reached are kept.
      const empty = (key, v) => key !== 'rebound' && (v === 0 || (v === null && !/date$/.test(key)));
      html += '<div class="tiles">' + rows.filter(([key, , value]) => !empty(key, value(r))).map(([key, label, value, sub]) => {
        const s = sub(r);
        const over = key === 'peak_in_hospital' && (r.alerts || []).some((a) => a.kind === 'beds_exceeded');
        return `<div class="tile${over ? ' over' : ''}" data-key="${esc(key)}"><div class="v">${esc(displayValue(key, value(r)))}</div>` +
          `<div class="k">${esc(label())}</div>${s ? `<div class="sub">${esc(s)}</div>` : ''}</div>`;
      }).join('') + '</div>';
    } else {
      html += '<table class="score"><thead><tr><th></th>' + RUNS.map((r, i) =>
        `<th style="color:${RUN_COLOURS[i % RUN_COLOURS.length]}">${esc(r.label)}</th>`).join('') +
        (CAN_BAND ? `<th class="stat">${esc(t('median'))}</th><th class="stat">5–95%</th>` : '') + '</tr></thead><tbody>';
      for (const [key, label, value, , better] of rows) {
        const vals = RUNS.map((r) => value(r));
        // Rows that are zero (or empty) for every run are hidden, as the tiles of one run.
        if (key !== 'rebound' && vals.every((v) => v === 0 || v === undefined || (v === null && !/date$/.test(key)))) continue;
        const nums = vals.filter((v) => typeof v === 'number');
        const sorted = [...nums].sort((a, b) => a - b);
        const stats = CAN_BAND ? ensembleCells(key, sorted) : '';
        const perPeople = PER_100K && PER_100K_KEYS.includes(key);
        const noise = !CAN_BAND && NOISE_KEYS.includes(key) && withinNoise(vals);
        // The best run by the figure per 100,000 people where the populations differ.
        const rated = vals.map((v, i) => (perPeople && typeof v === 'number' ? v / peopleOf(RUNS[i]) : v));
        const ratedNums = rated.filter((v) => typeof v === 'number');
        const best = better && ratedNums.length > 1 && !noise ? (better === 'low' ? Math.min(...ratedNums) : Math.max(...ratedNums)) : undefined;
        if (noise) noisy.push(label());
        html += `<tr data-key="${esc(key)}"${noise ? ' class="noise"' : ''}><td>${esc(label())}${noise ? ' ≈' : ''}</td>` + vals.map((v, i) =>
          `<td${best !== undefined && rated[i] === best ? ' class="best"' : ''}>${esc(displayValue(key, v))}` +
          `${perPeople && typeof v === 'number' && peopleOf(RUNS[i]) ? `<span class="per">${esc(FMT.count(1e5 * v / peopleOf(RUNS[i])))} ${esc(t('per_100k'))}</span>` : ''}</td>`).join('') + stats + '</tr>';
      }
      html += '</tbody></table>';
      if (noisy.length) html += `<div class="note noise-note">≈ ${esc(t('within_noise'))}: ${esc(noisy.join(', '))}</div>`;
      if (PER_100K && rows.some(([key]) => PER_100K_KEYS.includes(key))) html += `<div class="note">${esc(t('per_100k_note'))}</div>`;
    }
    return `${html}</div>`;
  }
  // Every scalar of summary.json, section by section, runs side by side.
  function allFiguresHtml() {
    const sections = [];
    for (const r of RUNS) {
      if (!r.summary || typeof r.summary !== 'object') continue;
      for (const [name, block] of Object.entries(r.summary)) {
        if (block && typeof block === 'object' && !Array.isArray(block) && !sections.includes(name)) sections.push(name);
      }
    }
    if (!sections.length) return '';
    let html = `<details><summary>${esc(t('all_figures'))}</summary>`;
    for (const name of sections) {
      const keys = [];
      const flat = (obj, prefix) => {
        for (const [k, v] of Object.entries(obj || {})) {
          const key = prefix ? `${prefix}.${k}` : k;
          if (v && typeof v === 'object' && !Array.isArray(v)) flat(v, key);
          else if (!Array.isArray(v) && !keys.includes(key)) keys.push(key);
        }
      };
      RUNS.forEach((r) => flat(r.summary && r.summary[name], ''));
      html += `<h4>${esc(sumLabel(name))}</h4><table class="score"><thead><tr><th></th>` +
        RUNS.map((r) => `<th>${esc(r.label)}</th>`).join('') + '</tr></thead><tbody>';
      for (const key of keys) {
        const last = key.split('.').pop();
        const label = key.split('.').map(sumLabel).join(' · ');
        html += `<tr><td title="${esc(name + '.' + key)}">${esc(label)}</td>` +
          RUNS.map((r) => `<td>${esc(fmtValue(last, get(r.summary && r.summary[name], key)))}</td>`).join('') + '</tr>';
      }
      html += '</tbody></table>';
    }
    return `${html}</details>`;
  }
  function renderScorecard() {
    const health = HEALTH.filter((row) => RUNS.some((r) => row[2](r) !== undefined));
    el('scorecard').innerHTML = `<div class="sides">${sideHtml('health_side', health, '')}` +
      `${sideHtml('economy_side', economyRows(), t('no_economy'))}</div>` + `<div class="card">${allFiguresHtml() ||
      `<div class="note">summary.json —</div>`}</div>`;
  }

  // ---- header ---------------------------------------------------------------------------------------------------
  function renderHeader() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    // The region's own names (summary.json, from region.toml); older run folders: the built-in names of i18n.js.
    const regionName = (sc) => (sc.region_name_zh || sc.region_name_en
      ? (lang === 'zh' ? sc.region_name_zh || sc.region_name_en : sc.region_name_en || sc.region_name_zh)
      : pick(I18N.regions[sc.region], sc.region));
    const first = (RUNS[0] && RUNS[0].summary && RUNS[0].summary.scenario) || {};
    el('title').textContent = COMPARE ? t('compare_title') : (first.region ? `${t('title')} · ${regionName(first)}` : t('title'));
    const parts = [];
    RUNS.forEach((r) => {
      const s = (r.summary && r.summary.scenario) || {};
      const p = (r.summary && r.summary.population) || {};
      const bits = [`${t('scenario')}: ${r.label}`];
      if (s.region) bits.push(`${t('region')}: ${regionName(s)}`);
      if (s.start) bits.push(`${t('period')}: ${s.start} – ${s.end}`);
      if (p.people) bits.push(`${t('people')}: ${fmtNumber(p.people)}`);
      if (p.scale && p.scale !== 1) bits.push(`${t('scale')}: ${fmtNumber(p.scale)}`);
      if (s.seed !== undefined) bits.push(`${t('seed')}: ${s.seed}`);
      parts.push(bits.join(' · '));
    });
    el('subtitle').innerHTML = parts.map(esc).join('<br>');
    el('lang-switch').textContent = t('language');
    el('band-switch').hidden = !CAN_BAND;
    el('band-switch').textContent = bands ? t('show_runs') : t('show_bands');
    el('footer').textContent = `${t('footer')} ${DATA.generator || ''}`;
    const warnings = [];
    RUNS.forEach((r) => ((r.summary && r.summary.warnings) || []).forEach((w) => warnings.push(`${r.label}: ${w}`)));
    el('warnings').hidden = !warnings.length;
    el('warnings').innerHTML = warnings.length ? `<b>${esc(t('warnings'))}</b><ul>${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '';
    const alerts = [];
    const band = bands ? ensembleGap() : null;  // an ensemble: the reported figure against the runs' 5–95% band
    if (band && band.far) alerts.push(['far_from_reported', fill('alert_far_band_text', { reported: FMT.count(band.reported), date: band.date,
      lo: FMT.count(band.lo), hi: FMT.count(band.hi) })]);
    RUNS.forEach((r) => (r.alerts || []).forEach((a) => {
      if (!(band && a.kind === 'far_from_reported')) alerts.push([a.kind, (COMPARE ? `${r.label}: ` : '') + alertText(a)]);
    }));
    el('alerts').hidden = !alerts.length;
    el('alerts').innerHTML = alerts.map(([kind, text]) => `<div class="alert" data-kind="${esc(kind)}"><b>⚠ ${esc(t(`alert_${kind}`))}</b> ${esc(text)}</div>`).join('');
  }
  const fill = (key, values) => t(key).replace(/\{(\w+)\}/g, (m, k) => (values[k] !== undefined ? values[k] : m));
  // Ensembles: far from the reported series when the reported cumulative confirmed cases at the last date every run
  // reports lie outside the 5–95% band of the runs' simulated ones; null unless every run has comparison.csv.
  function ensembleGap() {
    const last = RUNS.map((r) => {
      const c = table(r, 'comparison');
      if (!c || !c.date || !c.observed_cumulative_confirmed || !c.simulated_cumulative_confirmed) return null;
      for (let i = c.date.length - 1; i >= 0; --i) {
        if (typeof c.observed_cumulative_confirmed[i] === 'number' && typeof c.simulated_cumulative_confirmed[i] === 'number') {
          return [c.date[i], c.observed_cumulative_confirmed[i], c.simulated_cumulative_confirmed[i]];
        }
      }
      return null;
    });
    if (last.some((x) => x === null) || new Set(last.map((x) => `${x[0]}|${x[1]}`)).size !== 1) return null;
    const sims = last.map((x) => x[2]).sort((a, b) => a - b);
    const lo = quantile(sims, 0.05), hi = quantile(sims, 0.95), reported = last[0][1];
    return { date: last[0][0], reported, lo, hi, far: reported < lo || reported > hi };
  }
  // The run's warnings (report/run_alerts.hpp): a replay far from the reported series, beds overrun.
  function alertText(a) {
    if (a.kind === 'far_from_reported') {
      return fill('alert_far_text', { simulated: FMT.count(a.simulated), reported: FMT.count(a.reported), date: a.date || '—',
        ratio: a.ratio === null ? '—' : FMT.ratio(a.ratio), low: `${fmtNumber(a.low)}×`, high: `${fmtNumber(a.high)}×` });
    }
    if (a.kind === 'beds_exceeded') {
      return fill(a.days_over ? 'alert_beds_text' : 'alert_beds_text_peak', { peak: FMT.count(a.peak), beds: FMT.count(a.beds),
        date: a.peak_date || '—', days: FMT.count(a.days_over), first: a.first_date || '—' });
    }
    return JSON.stringify(a);
  }

  // ---- charts ---------------------------------------------------------------------------------------------------
  function renderCharts() {
    const host = el('sections');
    host.innerHTML = '';
    for (const section of SECTIONS) {
      const built = [];
      for (const spec of CHARTS.filter((c) => c.section === section)) {
        if (spec.sectors && COMPARE) {  // one chart per run with sectors.csv
          RUNS.forEach((run, ri) => {
            const option = sectorOption(spec, ri);
            if (option) built.push([ri === 0 ? spec.id : `${spec.id}-run${ri}`, I18N.charts[spec.id], option, true, run.label]);
          });
          continue;
        }
        const option = timeChartOption(spec);
        if (option) built.push([spec.id, I18N.charts[spec.id], option, true]);
      }
      if (section === 'measures') { const o = closedLoopOption(); if (o) built.push(['closed_loop', I18N.charts.closed_loop, o, false]); }
      if (!built.length) continue;
      const h = document.createElement('h3');
      h.className = 'section';
      h.textContent = t(`section_${section}`);
      host.appendChild(h);
      const grid = document.createElement('div');
      grid.className = 'grid';
      host.appendChild(grid);
      for (const [id, title, option, timed, runLabel] of built) {
        const card = document.createElement('section');
        card.className = 'card';
        card.innerHTML = `<div class="card-head"><h2>${esc(pick(title, id))}${runLabel ? ` · ${esc(runLabel)}` : ''}</h2></div>` +
          (option.note ? `<div class="note">${esc(option.note)}</div>` : '') + `<div class="chart" id="chart-${id}" data-chart="${id}"></div>`;
        delete option.note;
        grid.appendChild(card);
        if (option.wide) card.classList.add('wide');
        delete option.wide;
        fitLegend(option, el(`chart-${id}`), 320);
        el(`chart-${id}`).dataset.base = '320';
        const chart = newChart(el(`chart-${id}`));
        chart.setOption(option);
        refitLegend(chart, 320);
        if (timed) chart.group = GROUP;
        charts[id] = chart;
      }
    }
  }

  // ---- measure timeline (events.csv) -------------------------------------------------------------------------------
  function renderTimeline() {
    el('timeline-title').textContent = t('timeline_title');
    const lanes = [];  // label
    const bars = [], dots = [];
    const laneOf = (label) => { let i = lanes.indexOf(label); if (i < 0) { lanes.push(label); i = lanes.length - 1; } return i; };
    // Runs with the same measure changes (e.g. seeds of one scenario) share one set of lanes.
    const signature = (run) => { const ev = table(run, 'events'); return ev && ev.date ? JSON.stringify([ev.date, ev.place, ev.measure, ev.new]) : null; };
    const groups = [];
    RUNS.forEach((run, ri) => {
      const sig = signature(run);
      if (sig === null) return;
      const g = groups.find((x) => x.sig === sig);
      if (g) g.labels.push(run.label); else groups.push({ sig, ri, labels: [run.label] });
    });
    el('timeline-note').textContent = t('timeline_note') + (COMPARE && groups.length === 1 && groups[0].labels.length > 1 ? ` ${t('same_events')}` : '');
    groups.forEach(({ ri, labels }) => {
      const run = RUNS[ri];
      const ev = table(run, 'events');
      const prefix = COMPARE && groups.length > 1 ? `${labels.join(' = ')} · ` : '';
      const end = table(run, 'daily') ? ts(table(run, 'daily').date.slice(-1)[0]) + 86400000 : T1 + 86400000;
      const regionMeasures = new Map();
      const placeChanges = new Map();
      ev.date.forEach((d, i) => {
        const m = String(ev.measure[i]);
        if (ev.place[i] === 'region' && m !== 'risk_level') {
          if (!regionMeasures.has(m)) regionMeasures.set(m, []);
          regionMeasures.get(m).push([ts(d), ev.old[i], ev.new[i], ev.reason ? ev.reason[i] : '']);
        } else {
          const key = `${m}|${d}`;
          if (!placeChanges.has(key)) placeChanges.set(key, { m, d, list: [] });
          placeChanges.get(key).list.push(`${ev.place[i]}: ${ev.old[i]} → ${ev.new[i]}`);
        }
      });
      for (const [m, changes] of regionMeasures) {
        const lane = laneOf(prefix + measureLabel(m));
        const neutral = String(changes[0][1]);
        changes.forEach(([start, , value, reason], k) => {
          if (String(value) === neutral) return;
          const stop = k + 1 < changes.length ? changes[k + 1][0] : end;
          bars.push({ value: [lane, start, stop, String(value), reason, isoDate(start), isoDate(stop - 86400000)],
            itemStyle: { color: COMPARE ? RUN_COLOURS[ri % RUN_COLOURS.length] : RUN_COLOURS[lane % RUN_COLOURS.length], opacity: 0.8 } });
        });
      }
      for (const { m, d, list } of placeChanges.values()) {
        const lane = laneOf(prefix + measureLabel(m) + t('districts_suffix'));
        dots.push({ value: [ts(d), lane, list.length, list.slice(0, 8).join('<br>') + (list.length > 8 ? '<br>…' : '')],
          itemStyle: { color: m === 'risk_level' ? LEVEL_COLOURS.high : (COMPARE ? RUN_COLOURS[ri % RUN_COLOURS.length] : '#374151') } });
      }
    });
    const box = el('timeline');
    if (!lanes.length) { box.style.height = '40px'; box.textContent = t('no_events'); return; }
    box.style.height = `${Math.max(200, lanes.length * 24 + 110)}px`;
    const chart = newChart(box);
    const clip = (params, api) => {
      const lane = api.value(0), a = api.coord([api.value(1), lane]), b = api.coord([api.value(2), lane]);
      const h = api.size([0, 1])[1] * 0.66;
      const shape = echarts.graphic.clipRectByRect({ x: a[0], y: a[1] - h / 2, width: Math.max(b[0] - a[0], 2), height: h },
        { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
      if (!shape) return null;
      const children = [{ type: 'rect', shape, style: api.style() }];
      const label = String(api.value(3));
      if (shape.width > label.length * 7 + 6) {
        children.push({ type: 'text', style: { text: label, x: shape.x + 4, y: shape.y + shape.height / 2, verticalAlign: 'middle', fill: '#fff', fontSize: 11 } });
      }
      return { type: 'group', children };
    };
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item', confine: true, formatter: (p) => (p.seriesType === 'custom'
        ? `<b>${esc(lanes[p.value[0]])}</b><br>${esc(t('value'))}: ${esc(p.value[3])}<br>${esc(p.value[5])} – ${esc(p.value[6])}<br>${esc(p.value[4])}`
        : `<b>${esc(lanes[p.value[1]])}</b> ${esc(isoDate(p.value[0]))}<br>${p.value[2]} ${esc(t('places_changed'))}<br>${p.value[3].split('<br>').map(esc).join('<br>')}`) },
      grid: { left: 260, right: 24, top: 30, bottom: 62 },
      xAxis: Object.assign(xAxisOf(), { max: T1 + 86400000 }),
      yAxis: { type: 'category', data: lanes, inverse: true, axisLabel: { width: 250, overflow: 'truncate', fontSize: 11 },
        name: axisName('timeline', 0), nameLocation: 'start', nameGap: 10, nameTextStyle: { align: 'right', color: '#4b5563', fontSize: 11.5 },
        splitLine: { show: true, lineStyle: { color: '#f0f2f4' } } },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 4 }],
      series: [
        { type: 'custom', renderItem: clip, encode: { x: [1, 2], y: 0 }, data: bars },
        { type: 'scatter', data: dots, symbolSize: (v) => Math.min(22, 6 + 3 * Math.sqrt(v[2])) },
      ],
    });
    chart.group = GROUP;
    charts.timeline = chart;
  }

  // ---- district map ----------------------------------------------------------------------------------------------
  const map = { run: 0, day: 0, dates: [], byDay: [], names: {}, chart: null, timer: null, tiles: false };
  const mapRuns = RUNS.map((r, i) => i).filter((i) => hasColumn(RUNS[i], 'districts', 'risk_level'));
  function districtName(adcode) {
    const n = map.names[adcode] || {};
    return (lang === 'zh' ? n.zh || n.en : n.en || n.zh) || String(adcode);
  }
  function loadMapRun(index) {
    map.run = index;
    const tb = table(RUNS[index], 'districts');
    const dayIndex = new Map();
    map.dates = []; map.byDay = []; map.names = {};
    if (DATA.outlines) for (const f of DATA.outlines.features) map.names[f.properties.name] = { zh: f.properties.name_zh };
    tb.date.forEach((d, i) => {
      if (!dayIndex.has(d)) { dayIndex.set(d, map.dates.length); map.dates.push(d); map.byDay.push({}); }
      const code = String(tb.adcode[i]);
      map.names[code] = Object.assign(map.names[code] || {}, { en: tb.district ? tb.district[i] : code });
      map.byDay[dayIndex.get(d)][code] = { level: tb.risk_level[i], confirmed: tb.new_confirmed ? tb.new_confirmed[i] : null,
        cumulative: tb.cumulative_confirmed ? tb.cumulative_confirmed[i] : null, active: tb.active_infections ? tb.active_infections[i] : null };
    });
  }
  function raisedOn(day) { return Object.values(map.byDay[day] || {}).filter((x) => x.level !== 'low').length; }
  // Longitude shrinks with the cosine of the latitude: that of the middle of the outlines (0.86 for Chongqing).
  function mapAspect() {
    let lo = 90, hi = -90;
    const walk = (c) => { if (typeof c[0] === 'number') { lo = Math.min(lo, c[1]); hi = Math.max(hi, c[1]); } else c.forEach(walk); };
    for (const f of (DATA.outlines && DATA.outlines.features) || []) if (f.geometry && f.geometry.coordinates) walk(f.geometry.coordinates);
    return lo <= hi ? Number(Math.cos(((lo + hi) / 2) * Math.PI / 180).toFixed(2)) : 0.86;
  }

  function mapOption() {
    const codes = Object.keys(map.byDay[0] || {});
    const tooltip = { trigger: 'item', formatter: (p) => {
      const code = map.tiles ? codes[p.dataIndex] : p.name;
      const x = (map.byDay[map.day] || {})[code];
      if (!x) return esc(districtName(code));
      return `<b>${esc(districtName(code))}</b> ${esc(map.dates[map.day])}<br>${esc(t(x.level))}<br>` +
        `${esc(colLabel('new_confirmed'))}: ${fmtNumber(x.confirmed)}<br>${esc(colLabel('cumulative_confirmed'))}: ${fmtNumber(x.cumulative)}<br>` +
        `${esc(colLabel('active_infections'))}: ${fmtNumber(x.active)}`;
    } };
    if (!map.tiles) {
      return { animation: false, tooltip, series: [{ type: 'map', map: 'tongchou-region', roam: true, selectedMode: false,
        aspectScale: mapAspect(), layoutCenter: ['50%', '50%'], layoutSize: '96%',
        label: { show: codes.length <= 60, fontSize: 9, color: '#1f2933', formatter: (p) => districtName(p.name) },
        emphasis: { label: { show: true }, itemStyle: { areaColor: undefined, borderColor: '#111', borderWidth: 1.5 } },
        itemStyle: { borderColor: '#fff', borderWidth: 0.8 }, data: mapData() }] };
    }
    const cols = Math.max(1, Math.ceil(Math.sqrt(codes.length * 1.6)));
    const [w, h] = tileSize(cols, Math.ceil(codes.length / cols));
    return { animation: false, tooltip, grid: { left: 8, top: 8, width: (w + 4) * cols, height: (h + 4) * Math.ceil(codes.length / cols) },
      xAxis: { type: 'value', show: false, min: -0.5, max: cols - 0.5 },
      yAxis: { type: 'value', show: false, inverse: true, min: -0.5, max: Math.ceil(codes.length / cols) - 0.5 },
      series: [{ type: 'scatter', symbol: 'rect', symbolSize: (v, p) => tileSize(cols, Math.ceil(codes.length / cols)),
        label: { show: true, color: '#fff', fontSize: 11, formatter: (p) => districtName(codes[p.dataIndex]) }, data: mapData() }] };
  }
  function tileSize(cols, rows) {
    const box = el('map');
    return [Math.min(180, Math.max(20, (box.clientWidth - 16) / cols - 4)), Math.min(90, Math.max(20, (box.clientHeight - 16) / rows - 4))];
  }
  function mapData() {
    const day = map.byDay[map.day] || {};
    const codes = Object.keys(map.byDay[0] || {});
    if (map.tiles) {
      const cols = Math.max(1, Math.ceil(Math.sqrt(codes.length * 1.6)));
      return codes.map((c, i) => ({ value: [i % cols, Math.floor(i / cols)],
        itemStyle: { color: LEVEL_COLOURS[(day[c] || {}).level || 'unknown'], opacity: 1 } }));
    }
    return codes.map((c) => ({ name: c, itemStyle: { areaColor: LEVEL_COLOURS[(day[c] || {}).level || 'unknown'] } }));
  }
  function updateMapLegend() {
    const day = map.byDay[map.day] || {};
    const count = (l) => Object.values(day).filter((x) => x.level === l).length;
    el('map-legend').innerHTML = LEVELS.map((l) => `<span style="--swatch:${LEVEL_COLOURS[l]}">${esc(t(l))} ${count(l)}</span>`).join('');
    el('map-date').textContent = map.dates[map.day] || '';
  }
  function setDay(day) {
    if (!map.chart) return;
    map.day = Math.max(0, Math.min(map.dates.length - 1, day));
    el('map-day').value = String(map.day);
    map.chart.setOption({ series: [{ data: mapData() }] });
    updateMapLegend();
  }
  function stopPlay() { if (map.timer) { clearInterval(map.timer); map.timer = null; } el('map-play').textContent = `▶ ${t('play')}`; }
  function renderMap() {
    el('map-title').textContent = t('map_title');
    stopPlay();
    if (map.chart) { map.chart.dispose(); map.chart = null; }
    if (!mapRuns.length) {
      el('map-note').hidden = false;
      el('map-note').textContent = t('no_districts');
      el('map').style.display = 'none';
      el('map-play').disabled = true;
      el('map-day').disabled = true;
      return;
    }
    const select = el('map-run');
    select.hidden = mapRuns.length < 2;
    select.innerHTML = mapRuns.map((i) => `<option value="${i}"${i === map.run ? ' selected' : ''}>${esc(t('map_run'))}: ${esc(RUNS[i].label)}</option>`).join('');
    if (!mapRuns.includes(map.run) || !map.dates.length) {
      loadMapRun(mapRuns[0]);
      // Start on the day with the most districts above low risk (the last day when there is none).
      let best = map.dates.length - 1;
      for (let d = 0; d < map.dates.length; ++d) if (raisedOn(d) > raisedOn(best)) best = d;
      map.day = best;
    }
    map.tiles = !DATA.outlines;
    el('map-note').hidden = !map.tiles;
    el('map-note').textContent = map.tiles ? t('no_map') : '';
    if (!map.tiles) echarts.registerMap('tongchou-region', DATA.outlines);
    el('map-day').max = String(Math.max(0, map.dates.length - 1));
    const n = Object.keys(map.byDay[0] || {}).length;
    el('map').style.height = map.tiles ? `${Math.min(560, Math.ceil(n / Math.ceil(Math.sqrt(n * 1.6))) * 94 + 24)}px` : '';
    map.chart = newChart(el('map'));
    map.chart.setOption(mapOption());
    charts.map = map.chart;
    setDay(map.day);
  }
  el('map-day').addEventListener('input', (e) => { stopPlay(); setDay(Number(e.target.value)); });
  el('map-run').addEventListener('change', (e) => { loadMapRun(Number(e.target.value)); renderMap(); });
  el('map-play').addEventListener('click', () => {
    if (map.timer) { stopPlay(); return; }
    if (map.day >= map.dates.length - 1) setDay(0);
    el('map-play').textContent = `⏸ ${t('pause')}`;
    map.timer = setInterval(() => { if (map.day >= map.dates.length - 1) stopPlay(); else setDay(map.day + 1); }, 200);
  });

  // ---- whole page -----------------------------------------------------------------------------------------------
  function render() {
    for (const id of Object.keys(charts)) { if (id !== 'map') charts[id].dispose(); delete charts[id]; }
    renderHeader();
    renderScorecard();
    renderMap();
    renderCharts();
    renderTimeline();
    echarts.connect(GROUP);
  }
  el('band-switch').addEventListener('click', () => { bands = !bands; render(); });
  el('lang-switch').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    try { localStorage.setItem('tongchou-lang', lang); } catch (e) { /* file:// without storage */ }
    render();
  });
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => Object.values(charts).forEach((c) => {
      c.resize();
      if (c.getDom().dataset.base) refitLegend(c, Number(c.getDom().dataset.base));  // the legend may wrap differently now
    }), 100);
  });
  render();

  // For the browser test (tests/browser) and the curious: the charts and the map's state.
  window.tongchouReport = {
    charts,
    get lang() { return lang; },
    get bands() { return bands; },
    get day() { return map.day; },
    dates: () => map.dates.slice(),
    setDay,
    raisedOn,
    // Fill colour of every district (or tile) on the map as drawn now.
    mapColours: () => (map.chart ? map.chart.getOption().series[0].data.map((d) => d.itemStyle.areaColor || d.itemStyle.color) : []),
    // Per chart: the number of series and of points with a value.
    chartStatus: () => Object.entries(charts).map(([id, c]) => {
      const series = c.getOption().series || [];
      const pts = series.reduce((n, s) => n + (s.data || []).filter((p) => p !== null && (Array.isArray(p) ? p[1] !== null :
        (p && p.value !== undefined) || typeof p === 'number' || (p && p.name !== undefined))).length, 0);
      return { id, series: series.length, points: pts };
    }),
  };
})();
