// The dashboard of `tongchou serve` (docs/service.md): lists the jobs (polled every second), starts runs and
// ensembles (and optimisations, from a plan's text) from a built-in scenario or an uploaded TOML file with a few knobs, compares done runs, draws a run's
// daily series with ECharts. Talks only to the JSON API under /api.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const tokenInput = $('token');
  tokenInput.value = localStorage.getItem('tongchou-token') || '';
  tokenInput.addEventListener('change', () => localStorage.setItem('tongchou-token', tokenInput.value.trim()));

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    const token = tokenInput.value.trim();
    if (token) headers['Authorization'] = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const data = await res.json().catch(() => ({ error: 'HTTP ' + res.status }));
    if (!res.ok) {
      const err = new Error(data.error || ('HTTP ' + res.status));
      err.problems = data.problems || [];
      throw err;
    }
    return data;
  }

  function say(el, text, ok) {
    el.textContent = text;
    el.classList.toggle('ok', !!ok);
  }

  // ---- the form ----------------------------------------------------------------------------------------------------
  api('GET', '/api/scenarios').then((d) => {
    for (const s of d.scenarios) {
      const o = document.createElement('option');
      o.value = s.name;
      o.textContent = s.name + ' — ' + s.description;
      $('scenario').appendChild(o);
    }
    showScenario();
  }).catch((e) => say($('form-message'), e.message));

  // The chosen scenario's knobs as placeholders, and a date input per measure with an id (its `from`).
  const measureDates = new Map();  // id -> its scenario's date
  async function showScenario() {
    const box = $('measure-dates');
    box.querySelectorAll('label').forEach((l) => l.remove());
    measureDates.clear();
    try {
      const s = await api('GET', '/api/scenarios/' + encodeURIComponent($('scenario').value));
      $('r0').placeholder = s.r0;
      $('seed').placeholder = s.seed;
      $('days').placeholder = s.days;
      $('scale').placeholder = s.scale;
      $('people').placeholder = s.region === 'synthetic' ? s.people : 'synthetic only';
      for (const m of s.measures) {
        if (!m.from) continue;
        measureDates.set(m.id, m.from);
        const label = document.createElement('label');
        label.textContent = m.id;
        label.title = (m.label || m.measure) + ' (' + m.place + ', ' + m.value + ')';
        const input = document.createElement('input');
        input.type = 'date';
        input.className = 'measure-from';
        input.dataset.id = m.id;
        input.value = m.from;
        label.appendChild(input);
        box.appendChild(label);
      }
    } catch (e) {
      say($('form-message'), e.message);
    }
  }
  $('scenario').addEventListener('change', showScenario);

  function readFile(file) {
    return new Promise((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result);
      r.onerror = () => reject(new Error('cannot read ' + file.name));
      r.readAsText(file);
    });
  }

  async function request() {
    const file = $('toml').files[0];
    const req = { kind: $('kind').value, scenario: file ? await readFile(file) : $('scenario').value, overrides: {} };
    const num = (id) => $(id).value.trim() === '' ? null : Number($(id).value);
    if (num('r0') !== null) req.overrides['transmission.r0'] = num('r0');
    if (num('days') !== null) req.overrides['scenario.days'] = num('days');
    if (num('scale') !== null) req.overrides['population.scale'] = num('scale');
    if (num('people') !== null) req.overrides['population.people'] = num('people');
    if (num('seed') !== null) req.seed = num('seed');
    if (req.kind === 'ensemble') req.runs = num('runs') || 5;
    if (req.kind === 'optimise') req.plan = $('plan').value;  // runs per plan: the plan's [search] runs
    if (!file) {
      for (const input of document.querySelectorAll('input.measure-from')) {
        if (input.value && input.value !== measureDates.get(input.dataset.id)) req.overrides['measure.' + input.dataset.id + '.from'] = input.value;
      }
    }
    for (const line of $('overrides').value.split('\n')) {
      const t = line.trim();
      if (!t) continue;
      const eq = t.indexOf('=');
      if (eq < 1) throw new Error('not KEY=VALUE: ' + t);
      const key = t.slice(0, eq).trim(), value = t.slice(eq + 1).trim();
      req.overrides[key] = value !== '' && !isNaN(Number(value)) ? Number(value) : value;
    }
    return req;
  }

  $('job-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const made = await api('POST', '/api/jobs', await request());
      say($('form-message'), 'job ' + made.id + ' queued', true);
      refresh();
    } catch (e) {
      say($('form-message'), e.message + (e.problems && e.problems.length > 1 ? '\n' + e.problems.join('\n') : ''));
    }
  });

  // ---- the jobs ----------------------------------------------------------------------------------------------------
  const selected = new Set();
  const doneRuns = new Set();

  function cell(row, content, cls) {
    const td = document.createElement('td');
    if (cls) td.className = cls;
    if (content instanceof Node) td.appendChild(content); else td.textContent = content;
    row.appendChild(td);
    return td;
  }
  function link(text, href) {
    const a = document.createElement('a');
    a.textContent = text;
    a.href = href;
    a.target = '_blank';
    return a;
  }
  function button(text, onclick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', onclick);
    return b;
  }

  function render(jobs) {
    const body = $('jobs').querySelector('tbody');
    body.textContent = '';
    doneRuns.clear();
    for (const j of jobs) {
      const tr = document.createElement('tr');
      tr.dataset.id = j.id;
      tr.dataset.status = j.status;
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.className = 'pick';
      const comparable = j.kind === 'run' && j.status === 'done';
      if (comparable) doneRuns.add(j.id);
      box.disabled = !comparable;
      box.checked = selected.has(j.id);
      box.addEventListener('change', () => { if (box.checked) selected.add(j.id); else selected.delete(j.id); updateCompare(); });
      cell(tr, box);
      cell(tr, String(j.id));
      cell(tr, j.kind);
      cell(tr, j.scenario);
      cell(tr, j.status, 'status status-' + j.status);
      const bar = document.createElement('div');
      bar.className = 'bar';
      const fill = document.createElement('div');
      fill.style.width = Math.round(100 * j.progress) + '%';
      bar.appendChild(fill);
      bar.title = Math.round(100 * j.progress) + '%';
      cell(tr, bar, 'progress');
      cell(tr, j.message, 'msg');
      const links = document.createElement('span');
      if (j.status === 'done') {
        // An optimisation's report is its Pareto front; its table beside it.
        links.appendChild(link(j.kind === 'optimise' ? 'front' : 'report', '/api/jobs/' + j.id + '/files/report.html'));
        if (j.kind === 'optimise') { links.appendChild(document.createTextNode(' ')); links.appendChild(link('pareto.csv', '/api/jobs/' + j.id + '/files/pareto.csv')); }
        links.appendChild(document.createTextNode(' '));
        links.appendChild(link('files', '/api/jobs/' + j.id + '/files'));
        if (j.kind === 'run') { links.appendChild(document.createTextNode(' ')); links.appendChild(button('chart', () => chart(j.id))); }
      }
      cell(tr, links, 'links');
      const actions = document.createElement('span');
      if (j.status === 'queued' || j.status === 'running') actions.appendChild(button('cancel', () => act('POST', '/api/jobs/' + j.id + '/cancel')));
      else actions.appendChild(button('delete', () => act('DELETE', '/api/jobs/' + j.id)));
      cell(tr, actions);
      body.appendChild(tr);
    }
    for (const id of [...selected]) if (!doneRuns.has(id)) selected.delete(id);
    updateCompare();
  }

  function updateCompare() { $('compare').disabled = selected.size < 2; }

  async function act(method, path) {
    try {
      await api(method, path);
      refresh();
    } catch (e) {
      say($('jobs-message'), e.message);
    }
  }

  $('compare').addEventListener('click', async () => {
    try {
      const made = await api('POST', '/api/jobs', { kind: 'compare', jobs: [...selected].sort((a, b) => a - b) });
      say($('jobs-message'), 'comparison: job ' + made.id, true);
      refresh();
    } catch (e) {
      say($('jobs-message'), e.message);
    }
  });

  let refreshing = false;
  async function refresh() {
    if (refreshing) return;
    refreshing = true;
    try {
      const d = await api('GET', '/api/jobs?limit=200');
      render(d.jobs);
      if ($('jobs-message').classList.contains('ok') === false && $('jobs-message').textContent.startsWith('cannot list')) say($('jobs-message'), '');
    } catch (e) {
      say($('jobs-message'), 'cannot list the jobs: ' + e.message);
    } finally {
      refreshing = false;
    }
  }
  refresh();
  setInterval(refresh, 1000);

  // ---- a run's daily series ----------------------------------------------------------------------------------------
  const plot = echarts.init($('chart'));
  async function chart(id) {
    try {
      const headers = {};
      if (tokenInput.value.trim()) headers['Authorization'] = 'Bearer ' + tokenInput.value.trim();
      const res = await fetch('/api/jobs/' + id + '/files/daily.csv', { headers });
      if (!res.ok) throw new Error('daily.csv of job ' + id + ': HTTP ' + res.status);
      const lines = (await res.text()).trim().split('\n');
      const head = lines[0].split(',');
      const rows = lines.slice(1).map((l) => l.split(','));
      const col = (name) => rows.map((r) => Number(r[head.indexOf(name)]));
      const dates = rows.map((r) => r[0]);
      const series = ['new_infections', 'new_confirmed', 'active_infections', 'in_hospital'].filter((n) => head.includes(n));
      $('chart-title').textContent = 'job ' + id;
      plot.setOption({
        tooltip: { trigger: 'axis' },
        legend: { data: series },
        xAxis: { type: 'category', data: dates },
        yAxis: { type: 'value' },
        series: series.map((n) => ({ name: n, type: 'line', showSymbol: false, data: col(n) })),
      }, true);
    } catch (e) {
      say($('jobs-message'), e.message);
    }
  }
  window.addEventListener('resize', () => plot.resize());
})();
