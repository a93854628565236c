  // report_timeline.js, a part of report.js's scope: the measure timeline (events.csv).

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

