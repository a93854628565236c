  // report_charts.js, a part of report.js's scope (report_html.cpp joins the parts in the order of report.js's
  // header): the time charts' specifications, bands of ensembles, axes, legends, and drawing them.

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
      // The band is over every run that has the column, its zeros included (a run without deaths is a member of
      // the ensemble); it is drawn when at least one run has data.
      const all = [], every = [];
      RUNS.forEach((run, ri) => {
        const pts = points(run, s.table || 'daily', s.col, s.transform);
        if (pts) every.push(pts);
        if (!hasData(pts) || (spec.varying && !varies(pts))) return;
        all.push(pts);
        if (!bands) series.push(makeSeries(spec, s, run, ri, pts, si));
      });
      if (bands && all.length) series.push(...bandSeries(spec, s, si, spec.varying ? all : every));
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

