  // report_map.js, a part of report.js's scope: the district map and its day slider.

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

