// A sweep's report.html in headless Chromium (as report_test.js): runs a 2x2 sweep, then fails on any console or page
// error, checks that the chart draws one dot per point, that choosing other axes redraws it, that the tooltip names
// the point's inputs, and saves a screenshot.
// Usage: node sweep_test.js PATH_TO_TONGCHOU WORK_DIR      (exit 77: skipped, no Chromium)
'use strict';
const path = require('path');
const { execFileSync } = require('child_process');
const { pathToFileURL } = require('url');

const { BIN, WORK, check, launch, watchErrors, run } = require('./harness').start('sweep_test.js');

const dir = path.join(WORK, 'sweep');
execFileSync(BIN, ['sweep', 'yunyang', '--scale', '20', '--days', '80', '--param', 'transmission.r0=2,5',
  '--param', 'measure.work_feb10.value=0.1,0.9', '-q', '-o', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

run(async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(pathToFileURL(path.join(dir, 'report.html')).href);
    await page.waitForFunction(() => document.body.getAttribute('data-points-drawn') !== null, null, { timeout: 20000 });
    const drawn = Number(await page.getAttribute('body', 'data-points-drawn'));
    check(drawn === 4, `the chart draws ${drawn} dots, expected 4 (one per point)`);
    const dots = await page.evaluate(() => {
      const c = echarts.getInstanceByDom(document.getElementById('chart'));
      return c.getOption().series.reduce((n, s) => n + s.data.filter((d) => d.value.every(Number.isFinite)).length, 0);
    });
    check(dots === 4, `the chart's series hold ${dots} finite dots`);
    const axes = await page.evaluate(() => [document.getElementById('x-axis').value, document.getElementById('y-axis').value]);
    check(axes[0] === 'economy.gdp_loss_cny_million' && axes[1] === 'health.infections', `default axes ${axes}`);
    const rows = await page.locator('#points tr').count();
    check(rows === 5, `the table of points has ${rows} rows (header + 4)`);
    // Another y axis: the chart is redrawn with it.
    await page.selectOption('#y-axis', 'health.deaths');
    const yName = await page.evaluate(() => echarts.getInstanceByDom(document.getElementById('chart')).getOption().yAxis[0].name);
    check(yName === 'health.deaths', `y axis after choosing health.deaths: ${yName}`);
    await page.selectOption('#y-axis', 'health.infections');
    // The tooltip of a dot names the point's inputs.
    const tip = await page.evaluate(() => {
      const c = echarts.getInstanceByDom(document.getElementById('chart'));
      const s = c.getOption().series[0];
      return c.getOption().tooltip[0].formatter({ data: s.data[0] });
    });
    check(/transmission\.r0 = /.test(tip) && /measure\.work_feb10\.value = /.test(tip), `tooltip: ${tip}`);
    await page.screenshot({ path: path.join(WORK, 'sweep-report.png'), fullPage: true });
    check(errors.length === 0, `console or page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
  }
});
