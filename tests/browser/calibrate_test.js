// A calibration's report.html in headless Chromium (as sweep_test.js): runs a small fit, then fails on any console or
// page error, checks that the loss chart draws one dot per evaluation of calibration.csv, that the daily chart holds
// the observed series and the fitted median and band, one trace per fitted parameter, and saves a screenshot.
// Usage: node calibrate_test.js PATH_TO_TONGCHOU WORK_DIR      (exit 77: skipped, no Chromium)
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { pathToFileURL } = require('url');

const { BIN, WORK, check, launch, watchErrors, run } = require('./harness').start('calibrate_test.js');

const scenario = ['uncontrolled', '--people', '5000', '--days', '40', '--set', 'health.case_finding=true',
  '--set', 'health.case_finding_start=2020-01-01'];
const opts = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };
execFileSync(BIN, ['run', ...scenario, '--seed', '9', '--set', 'transmission.r0=2.5', '-q', '-o', path.join(WORK, 'observed')], opts);
fs.writeFileSync(path.join(WORK, 'fit.toml'), `
[[parameter]]
key = "transmission.r0"
lo = 1.5
hi = 3.5

[[parameter]]
key = "health.care_seeking"
lo = 0.5
hi = 1

[[observed]]
file = "observed/daily.csv"
value = "new_confirmed"

[search]
budget = 6

[report]
runs = 4
`);
const dir = path.join(WORK, 'calibration');
execFileSync(BIN, ['calibrate', ...scenario, '--fit', path.join(WORK, 'fit.toml'), '-q', '-o', dir], opts);
const evaluations = fs.readFileSync(path.join(dir, 'calibration.csv'), 'utf8').trim().split('\n').length - 1;

run(async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(pathToFileURL(path.join(dir, 'report.html')).href);
    await page.waitForFunction(() => document.body.getAttribute('data-evaluations-drawn') !== null, null, { timeout: 20000 });
    const drawn = Number(await page.getAttribute('body', 'data-evaluations-drawn'));
    check(drawn === evaluations && evaluations > 0, `the report draws ${drawn} evaluations, calibration.csv has ${evaluations}`);
    const loss = await page.evaluate(() => echarts.getInstanceByDom(document.getElementById('loss')).getOption().series[0].data.length);
    check(loss === evaluations, `the loss chart has ${loss} dots`);
    const daily = await page.evaluate(() => echarts.getInstanceByDom(document.getElementById('daily')).getOption().series.map((s) => ({
      name: s.name, values: s.data.filter((v) => v !== null && Number.isFinite(v)).length })));
    const byName = Object.fromEntries(daily.map((s) => [s.name, s.values]));
    check(byName['fitted median'] === 40 && byName['fitted 5-95%'] === 40, `the fitted median and band: ${JSON.stringify(daily)}`);
    check(byName['observed observed/daily.csv'] === 40, `the observed series: ${JSON.stringify(daily)}`);
    const traces = await page.locator('#traces .trace').count();
    check(traces === 2, `${traces} parameter traces, expected 2`);
    const rows = await page.locator('#summary tr').count();
    check(rows === 4, `the fit's table has ${rows} rows (header, 2 parameters, 1 series)`);
    await page.screenshot({ path: path.join(WORK, 'calibration-report.png'), fullPage: true });
    check(errors.length === 0, `console or page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
  }
});
