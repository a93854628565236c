  // report_scorecard.js, a part of report.js's scope: the scorecard, the header and the alerts.

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

