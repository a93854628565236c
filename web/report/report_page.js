  // report_page.js, the last part of report.js's scope: the whole page, the switches, and window.tongchouReport;
  // it closes the scope report.js opens.

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
