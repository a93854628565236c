// report.html: scorecard, charts, district map and measure timeline of one run or several (compare).
// Reads the tables by column name; a chart whose columns are absent (or all zero) is left out, and summary keys
// without a label are shown under their own name, so new outputs appear without changes here.
// One scope in parts: this file opens it (the data, the language, formats, tables, the time range); report_charts.js,
// report_scorecard.js, report_timeline.js, report_map.js and report_page.js follow in that order, sharing its names,
// and report_page.js closes it. src/report/report_html.cpp joins them into report.html's script (kReportParts).
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

