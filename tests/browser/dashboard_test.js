// Browser test of the dashboard of `tongchou serve` in headless Chromium (Debian package `chromium`, driven by
// playwright-core from web/node_modules), as report_test.js does for report.html: starts a server on a free port with a
// temporary DATA folder, enters the token, submits a run from the form, watches its progress bar move while it runs,
// opens its report.html, draws its daily series, uploads an invalid TOML file (the scenario's file:line messages are
// shown), compares two done runs, submits an optimisation from the plan textarea (a bad plan's plan.toml:line shown, then
// the done job links to its front); fails on any console or page error; screenshots in WORK_DIR.
// Usage: node dashboard_test.js PATH_TO_TONGCHOU WORK_DIR      (exit 77: skipped, no Chromium)
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const { execFileSync, spawn } = require('child_process');

const { BIN, WORK, check, failures, launch, run } = require('./harness').start('dashboard_test.js');
const freePort = () => new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const data = path.join(WORK, 'data');
const token = execFileSync(BIN, ['serve', '--data', data, '--create-token', 'browser'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

run(async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(WORK, 'serve.log'), 'w');
  const server = spawn(BIN, ['serve', '--data', data, '--port', String(port), '--workers', '1'], { stdio: ['ignore', log, log] });
  let browser;
  let page;
  try {
    for (let i = 0; i < 100; i += 1) {
      try { if ((await fetch(`${base}/api/scenarios`)).ok) break; } catch (e) { /* not yet listening */ }
      await sleep(100);
    }
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    const errors = [];
    const watch = (p) => {
      // The 401 (no token yet), 422 (the invalid TOML) and 400 (the bad plan) this test provokes are logged by Chromium; nothing else may be.
      p.on('console', (m) => {
        if (m.type() === 'error' && !/status of (400|401|422)/.test(m.text())) errors.push(`console: ${m.text()} (${m.location().url})`);
      });
      p.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    };
    watch(page);
    await page.goto(base + '/');
    await page.waitForFunction(() => document.querySelectorAll('#scenario option').length > 0, null, { timeout: 10000 });
    const names = await page.$$eval('#scenario option', (os) => os.map((o) => o.value));
    check(names.includes('uncontrolled') && names.includes('yunyang'), `built-in scenarios in the form: ${names}`);

    // Without the token the server refuses, and the page says why.
    await page.selectOption('#scenario', 'uncontrolled');
    await page.fill('#people', '2000');
    await page.fill('#days', '20');
    await page.click('#submit');
    await page.waitForFunction(() => document.getElementById('form-message').textContent !== '', null, { timeout: 10000 });
    check(/token/.test(await page.textContent('#form-message')), 'without a token: the message asks for one');

    // A run big enough to watch its progress (the dashboard polls once a second: a million people, several seconds).
    await page.fill('#token', token);
    await page.dispatchEvent('#token', 'change');
    await page.fill('#people', '1000000');
    await page.fill('#days', '300');
    await page.fill('#r0', '2.2');
    await page.fill('#overrides', 'health.test_sensitivity=0.8');
    await page.click('#submit');
    await page.waitForFunction(() => /queued/.test(document.getElementById('form-message').textContent), null, { timeout: 10000 });
    await page.waitForFunction(() => {
      const r = document.querySelector('#jobs tbody tr[data-id="1"]');
      if (!r || r.dataset.status !== 'running') return false;
      const w = parseFloat(r.querySelector('.bar > div').style.width);
      return w > 0 && w < 100;
    }, null, { timeout: 60000, polling: 100 });
    const first = await page.$eval('#jobs tbody tr[data-id="1"] .bar > div', (d) => parseFloat(d.style.width));
    await page.screenshot({ path: path.join(WORK, 'dashboard-running.png'), fullPage: true });
    await page.waitForFunction((w) => {
      const r = document.querySelector('#jobs tbody tr[data-id="1"]');
      return r && (r.dataset.status !== 'running' || parseFloat(r.querySelector('.bar > div').style.width) > w);
    }, first, { timeout: 60000, polling: 100 });
    check(true, 'the progress bar moved');
    await page.waitForFunction(() => {
      const r = document.querySelector('#jobs tbody tr[data-id="1"]');
      return r && r.dataset.status === 'done';
    }, null, { timeout: 120000 });
    check((await page.textContent('#jobs tbody tr[data-id="1"] .status')) === 'done', 'the run is done');
    const api = await (await fetch(`${base}/api/jobs/1`)).json();
    check(api.request.overrides['transmission.r0'] === 2.2 && api.request.overrides['health.test_sensitivity'] === 0.8 &&
          api.request.overrides['population.people'] === 1000000, `the form's knobs reached the request: ${JSON.stringify(api.request)}`);

    // Its report opens in a new tab.
    const [report] = await Promise.all([context.waitForEvent('page'), page.click('#jobs tbody tr[data-id="1"] .links a:text("report")')]);
    watch(report);
    await report.waitForLoadState('load');
    check(/tongchou/.test(await report.title()) || (await report.content()).includes('tongchou'), 'report.html opened');
    await report.waitForTimeout(1500);
    await report.screenshot({ path: path.join(WORK, 'dashboard-report.png') });
    await report.close();

    // Its daily series drawn with ECharts.
    await page.click('#jobs tbody tr[data-id="1"] .links button:text("chart")');
    await page.waitForFunction(() => {
      const c = echarts.getInstanceByDom(document.getElementById('chart'));
      const o = c && c.getOption();
      return o && o.series && o.series.length > 0 && o.series[0].data.length === 300;
    }, null, { timeout: 10000 });
    check(true, 'the chart draws the run\'s 300 days');

    // An uploaded TOML file with mistakes: the scenario's messages, file:line: key, as the command line prints them.
    await page.setInputFiles('#toml', { name: 'mine.toml', mimeType: 'text/plain',
      buffer: Buffer.from('[scenario]\nname = "mine"\nregion = "synthetic"\n\n[transmission]\nr0 = "high"\n') });
    await page.click('#submit');
    await page.waitForFunction(() => /scenario\.toml:6/.test(document.getElementById('form-message').textContent), null, { timeout: 10000 });
    check(/transmission\.r0/.test(await page.textContent('#form-message')), 'invalid TOML: file:line and key shown');
    await page.setInputFiles('#toml', []);

    // A second small run, then both compared.
    await page.fill('#people', '2000');
    await page.fill('#days', '20');
    await page.fill('#r0', '');
    await page.fill('#overrides', '');
    await page.click('#submit');
    await page.waitForFunction(() => {
      const r = document.querySelector('#jobs tbody tr[data-id="2"]');
      return r && r.dataset.status === 'done';
    }, null, { timeout: 60000 });
    await page.check('#jobs tbody tr[data-id="1"] input.pick');
    await page.check('#jobs tbody tr[data-id="2"] input.pick');
    await page.click('#compare');
    await page.waitForFunction(() => {
      const r = document.querySelector('#jobs tbody tr[data-id="3"]');
      return r && r.dataset.status === 'done';
    }, null, { timeout: 60000 });
    const cmp = await (await fetch(`${base}/api/jobs/3`)).json();
    check(cmp.kind === 'compare' && cmp.files.includes('report.html'), `comparison job: ${cmp.kind} ${cmp.message}`);

    // A built-in scenario with measures: a date input per measure with an id; a moved date reaches the request.
    await page.selectOption('#scenario', 'yunyang');
    await page.waitForSelector('input.measure-from[data-id="work_feb24"]', { timeout: 10000 });
    check((await page.inputValue('input.measure-from[data-id="work_feb24"]')) === '2020-02-24', 'work_feb24 shows its date');
    await page.fill('input.measure-from[data-id="work_feb24"]', '2020-02-17');
    await page.fill('#people', '');
    await page.fill('#scale', '8');
    await page.fill('#days', '30');
    await page.click('#submit');
    await page.waitForFunction(() => {
      const r = document.querySelector('#jobs tbody tr[data-id="4"]');
      return r && r.dataset.status === 'done';
    }, null, { timeout: 90000 });
    const yy = await (await fetch(`${base}/api/jobs/4`)).json();
    const o = yy.request.overrides;
    check(o['measure.work_feb24.from'] === '2020-02-17' && !('measure.work_feb10.from' in o) && o['population.scale'] === 8,
          `only the moved measure date is sent: ${JSON.stringify(o)}`);
    const events = await (await fetch(`${base}/api/jobs/4/files/events.csv`)).text();
    check(events.includes('2020-02-17'), 'the run moved the measure to 2020-02-17 (events.csv)');

    // An optimisation of the built-in scenario from the plan's text: a bad plan's lines first, then its front linked.
    const plan = '[[variable]]\nkey = "measure.work_feb24.from"\nlo = 2020-02-10\nhi = 2020-02-28\n\n[[objective]]\nfigure = "health.infections"\n' +
      'goal = "minimise"\n\n[[objective]]\nfigure = "gdp_loss"\ngoal = "minimise"\n\n[search]\npopulation = 8\ngenerations = 1\nruns = 1\n';
    await page.fill('input.measure-from[data-id="work_feb24"]', '2020-02-24');
    await page.selectOption('#kind', 'optimise');
    await page.fill('#plan', plan.replace('key = "measure.work_feb24.from"', 'key = "measure.nonesuch.from"'));
    await page.click('#submit');
    await page.waitForFunction(() => /plan\.toml:2/.test(document.getElementById('form-message').textContent), null, { timeout: 10000 });
    check(/nonesuch/.test(await page.textContent('#form-message')), 'bad plan: plan.toml:line and key shown');
    await page.fill('#plan', plan);
    await page.click('#submit');
    await page.waitForFunction(() => {
      const r = document.querySelector('#jobs tbody tr[data-id="5"]');
      return r && r.dataset.status === 'done';
    }, null, { timeout: 90000 });
    const opt = await (await fetch(`${base}/api/jobs/5`)).json();
    check(opt.kind === 'optimise' && opt.files.includes('pareto.csv') && opt.files.includes('front/001.toml'), `optimisation job: ${opt.kind} ${opt.message}`);
    check((await page.getAttribute('#jobs tbody tr[data-id="5"] .links a:text("front")', 'href')) === '/api/jobs/5/files/report.html',
          'an optimisation links to its front (report.html)');

    await page.waitForTimeout(1200);
    await page.screenshot({ path: path.join(WORK, 'dashboard-done.png'), fullPage: true });
    check(errors.length === 0, `console or page errors: ${errors.join('; ')}`);
  } catch (e) {
    failures.push(String(e));
    console.log(`FAIL: ${e}`);
    if (page) {
      console.log(`form: ${await page.textContent('#form-message').catch(() => '?')}; jobs: ${await page.textContent('#jobs-message').catch(() => '?')}`);
      await page.screenshot({ path: path.join(WORK, 'dashboard-failure.png'), fullPage: true }).catch(() => {});
    }
  } finally {
    if (browser) await browser.close();
    server.kill('SIGTERM');
  }
}, 'screenshots');
