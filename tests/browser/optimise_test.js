// An optimisation's report.html in headless Chromium (as sweep_test.js): runs the small synthetic optimisation
// (examples/plans/reopening.toml), then fails on any console or page error, checks that the chart draws the front and
// the scenario's own plan, that a click on a front plan shows its variables and measure timeline, that its figures
// are formatted by kind (no raw doubles), and saves a
// screenshot. Usage: node optimise_test.js PATH_TO_TONGCHOU WORK_DIR      (exit 77: skipped, no Chromium)
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { pathToFileURL } = require('url');

const { BIN, WORK, ROOT, check, launch, watchErrors, run } = require('./harness').start('optimise_test.js');

const dir = path.join(WORK, 'optimise');
execFileSync(BIN, ['optimise', path.join(ROOT, 'examples', 'plans', 'reopening-synthetic.toml'), '--plan',
  path.join(ROOT, 'examples', 'plans', 'reopening.toml'), '-q', '-o', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const front = fs.readFileSync(path.join(dir, 'pareto.csv'), 'utf8').trim().split('\n').length - 1;

run(async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = watchErrors(page);
    await page.goto(pathToFileURL(path.join(dir, 'report.html')).href);
    await page.waitForFunction(() => document.body.getAttribute('data-front-drawn') !== null, null, { timeout: 20000 });
    const drawn = Number(await page.getAttribute('body', 'data-front-drawn'));
    check(drawn === front, `the chart draws ${drawn} front plans, pareto.csv has ${front}`);
    check(await page.getAttribute('body', 'data-own-drawn') === '1', 'the scenario\'s own plan is drawn once');
    // The first front plan is shown: its variable and the measure timeline with the moved entry highlighted.
    const shown = await page.textContent('#plan');
    check(/measure\.lockdown\.until/.test(shown), `the plan panel names the variable: ${shown.slice(0, 200)}`);
    check(await page.locator('#plan .tl div.changed').count() === 1, 'the moved measure is highlighted in the timeline');
    // Figures formatted by kind, never as raw doubles: shares in %, counts with separators, dates as days and dates.
    const table = await page.locator('#plan table').first().innerText();
    check(!/\d\.\d{5,}/.test(table), `raw doubles in the plan's table: ${table.match(/\S*\d\.\d{5,}\S*/g)}`);
    check(/gdp_loss\.median \(min\)\s+\d+\.\d%/.test(table), `gdp_loss as a percentage: ${table.slice(0, 300)}`);
    check(/health\.infections\.median \(min\)\s+\d{1,3}(,\d{3})*(\.\d+)?\s/.test(table), `infections as a count: ${table.slice(0, 300)}`);
    check(/days_to_zero\.median\s+(day [\d.]+ \(\d{4}-\d\d-\d\d\)|not reached \(day [\d.]+\))/.test(table),
      `days_to_zero as a day and date: ${table}`);
    // A click on the own plan's diamond shows it.
    const xy = await page.evaluate(() => {
      const c = echarts.getInstanceByDom(document.getElementById('chart'));
      const s = c.getOption().series[3].data[0].value;
      const p = c.convertToPixel({ seriesIndex: 3 }, s);
      const r = document.getElementById('chart').getBoundingClientRect();
      return [r.left + p[0], r.top + p[1]];
    });
    await page.mouse.click(xy[0], xy[1]);
    const title = await page.textContent('#plan-title');
    check(/own plan/.test(title), `after a click on the diamond the panel shows: ${title}`);
    check(/2020-02-10/.test(await page.textContent('#plan')), 'the own plan\'s date is shown');
    await page.screenshot({ path: path.join(WORK, 'optimise-report.png'), fullPage: true });
    check(errors.length === 0, `console or page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
  }
});
