// End-to-end test of report.html in headless Chromium (Debian package `chromium`, driven by playwright-core from
// web/node_modules). Runs small scenarios, builds an economy fixture and a comparison, then for each report: fails on
// any console error or page error, checks that every chart and the map rendered with data, moves the day slider and
// checks that the map's colours change, switches the language, shows an ensemble as bands, and saves screenshots.
// Usage: node report_test.js PATH_TO_TONGCHOU WORK_DIR      (exit 77: skipped, no Chromium)
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const { pathToFileURL } = require('url');
const { BIN, WORK, check, launch, watchErrors, run } = require('./harness').start('report_test.js');
function tongchou(...args) { return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }); }

// ---- runs and fixtures ----------------------------------------------------------------------------------------------
const cq = path.join(WORK, 'chongqing');     // 38 districts with outlines: the map
const syn = path.join(WORK, 'synthetic');    // a synthetic region: no outlines, districts as tiles
const econ = path.join(WORK, 'economy');     // chongqing + a fake economy (sectors.csv, daily.csv columns, summary)
const cmp = path.join(WORK, 'compare');
const out = tongchou('run', 'chongqing', '--scale', '10', '--days', '70', '--seed', '2', '-q', '-o', cq);
check(/report: .*report\.html/.test(out) && /scorecard/.test(out), `run prints the scorecard and the report path:\n${out}`);
tongchou('run', 'uncontrolled', '--people', '60000', '--days', '50', '--set', 'population.synthetic_district_size=10000', '-q', '-o', syn);

// The economy outputs as another module writes them (docs/outputs.md): sectors.csv, five daily.csv columns and
// summary.json's "economy" block, with one key the report has no label for ("figure_without_label").
function makeEconomyFixture(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(from)) if (f !== 'report.html') fs.copyFileSync(path.join(from, f), path.join(to, f));
  // Columns of the fixture replace those of the same name (runs with the economy on have them already).
  const ours = ['gdp_index', 'gdp_loss_cum', 'enterprises_open_share', 'workers_at_work_share', 'migrant_workers_returned', 'poor_labour_employed'];
  const table = fs.readFileSync(path.join(to, 'daily.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const keep = table[0].map((c, i) => (ours.includes(c) ? -1 : i)).filter((i) => i >= 0);
  const lines = table.map((row) => keep.map((i) => row[i]).join(','));
  const dates = lines.slice(1).map((l) => l.split(',')[0]);
  const dip = (i) => 1 - 0.45 * Math.exp(-(((i - 18) / 14) ** 2)) * (i > 3 ? 1 : i / 3);
  let loss = 0;
  const extra = dates.map((d, i) => {
    const g = dip(i);
    loss += (1 - g) * 690;
    return [g.toFixed(4), loss.toFixed(1), Math.min(1, g * 1.02).toFixed(4), (g * 0.97).toFixed(4), Math.round(6.0e6 * (1 - Math.exp(-i / 20))), Math.round(2.1e5 * i / dates.length)];
  });
  lines[0] += ',' + ours.join(',');
  for (let i = 1; i < lines.length; ++i) lines[i] += ',' + extra[i - 1].join(',');
  fs.writeFileSync(path.join(to, 'daily.csv'), lines.join('\n') + '\n');
  const sectors = [['01', 'Agriculture', '农林牧渔产品和服务', 0.2, 120], ['16', 'Chemical products', '化学产品', 0.6, 80],
    ['27', 'Construction', '建筑', 0.8, 150], ['30', 'Wholesale and retail', '批发和零售', 0.5, 140],
    ['32', 'Accommodation and catering', '住宿和餐饮', 1.0, 60]];
  const rows = ['date,sector,name_en,name_zh,enterprises_open_share,workers_at_work_share,output_vs_baseline,value_added,value_added_baseline'];
  dates.forEach((d, i) => sectors.forEach(([code, en, zh, hit, va]) => {
    const g = 1 - hit * (1 - dip(i));
    rows.push(`${d},${code},"${en}",${zh},${Math.min(1, g + 0.05).toFixed(4)},${g.toFixed(4)},${(g * 0.98).toFixed(4)},${(va * g).toFixed(3)},${va}`);
  }));
  fs.writeFileSync(path.join(to, 'sectors.csv'), rows.join('\n') + '\n');
  const summary = JSON.parse(fs.readFileSync(path.join(to, 'summary.json'), 'utf8'));
  summary.scenario.name = 'chongqing-economy';
  const low = Math.min(...extra.map((e) => Number(e[0])));
  summary.economy = { gdp_change: -loss / (690 * dates.length), gdp_loss_cny_million: loss, lowest_gdp_index: low,
    lowest_gdp_index_date: dates[extra.findIndex((e) => Number(e[0]) === low)], periods: { q1: { gdp_change: -0.071, gdp_change_yoy: -0.052 } },
    enterprises_open_share_end: 0.98, enterprises_open_90_date: '2020-03-02', migrant_workers_returned: 5.8e6, figure_without_label: 42 };
  fs.writeFileSync(path.join(to, 'summary.json'), JSON.stringify(summary, null, 2));
  tongchou('report', '--allow-edited', to);  // its outputs are edited on purpose (docs/outputs.md, "The run folder")
}
makeEconomyFixture(cq, econ);
tongchou('compare', '--allow-edited', cq, econ, '-o', cmp);
// An ensemble: the same scenario with three seeds, shown as median and 5–95% band (MEASURES.md C3).
const seeds = [cq];
for (const seed of ['3', '4']) {
  seeds.push(path.join(WORK, `seed${seed}`));
  tongchou('run', 'chongqing', '--scale', '10', '--days', '70', '--seed', seed, '-q', '-o', seeds[seeds.length - 1]);
}
const ens = path.join(WORK, 'ensemble');
tongchou('compare', ...seeds, '-o', ens);

// Issue 15's warnings, as fixtures: a replay far from the reported series (simulated 5x the reported cumulative
// confirmed), its hospital over the designated beds and a day-1 import spike; a replay near the reported series; and
// a comparison of runs of different populations (figures per 100,000 people).
function editCsv(file, edit) {
  const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(','));
  const col = (name) => rows[0].indexOf(name);
  rows.slice(1).forEach((row, i) => edit(row, col, i));
  fs.writeFileSync(file, rows.map((r) => r.join(',')).join('\n') + '\n');
}
function makeReplayFixture(from, to, factor, beds) {
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(from)) if (f !== 'report.html') fs.copyFileSync(path.join(from, f), path.join(to, f));
  editCsv(path.join(to, 'comparison.csv'), (row, col) => {
    if (row[col('observed_cumulative_confirmed')] !== '') row[col('simulated_cumulative_confirmed')] = String(Math.round(factor * Number(row[col('observed_cumulative_confirmed')])));
  });
  editCsv(path.join(to, 'daily.csv'), (row, col, i) => {
    if (beds !== undefined) row[col('bed_capacity')] = String(beds);
    if (i === 0) row[col('new_imported')] = '20000';
  });
  tongchou('report', '--allow-edited', to);  // edited on purpose: the folder no longer agrees with its manifest
}
const far = path.join(WORK, 'replay-far'), near = path.join(WORK, 'replay-near'), mixed = path.join(WORK, 'compare-populations');
makeReplayFixture(cq, far, 5, 50);
makeReplayFixture(cq, near, 1.1);
check(/WARNING {2}far from the reported series/.test(tongchou('report', '--allow-edited', far)) &&
  /WARNING {2}beds overrun/.test(tongchou('report', '--allow-edited', far)),
  'report: the scorecard printed for a far replay over its beds has no warnings');
check(!/WARNING/.test(tongchou('report', '--allow-edited', near)), 'report: the scorecard of a near replay within its beds warns');
tongchou('compare', cq, syn, '-o', mixed);

// ---- the browser ----------------------------------------------------------------------------------------------------
const EPIDEMIC = ['cases', 'cumulative', 'rt', 'active', 'layers', 'hospital', 'quarantine', 'tests', 'risk', 'timeline', 'map'];
const ECONOMY = ['gdp', 'work', 'migrants', 'sector_open', 'sector_workers', 'sector_output'];

async function openReport(browser, file, locale, name) {
  const context = await browser.newContext({ locale, viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push(`network request: ${r.url()}`); });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => window.tongchouReport !== undefined, null, { timeout: 20000 });
  return { context, page, errors, name };
}

async function checkCharts(page, expected, name) {
  const status = await page.evaluate(() => window.tongchouReport.chartStatus());
  const ids = status.map((s) => s.id);
  for (const id of expected) check(ids.includes(id), `${name}: chart ${id} missing (have ${ids.join(', ')})`);
  for (const s of status) check(s.series > 0 && s.points > 0, `${name}: chart ${s.id} has no data (${JSON.stringify(s)})`);
  // Drawn, not only configured: every chart's canvas holds pixels other than the background.
  const blank = await page.evaluate(() => Object.entries(window.tongchouReport.charts).filter(([, c]) => {
    const cv = c.getDom().querySelector('canvas');
    if (!cv || !cv.width || !cv.height) return true;
    const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
    for (let i = 3; i < px.length; i += 4 * 7) if (px[i] !== 0) return false;
    return true;
  }).map(([id]) => id));
  check(blank.length === 0, `${name}: charts drawn blank: ${blank.join(', ')}`);
  return status;
}

// Issue 15 section 6: every legend entry visible (plain legends above the plot, no paging), a title on every axis,
// and on an English page no Chinese label (the language button's "中文" aside).
async function checkReadable(page, name) {
  const info = await page.evaluate(() => Object.entries(window.tongchouReport.charts).filter(([id]) => id !== 'map').map(([id, c]) => {
    const o = c.getOption();
    const legendModel = c.getModel().getComponent('legend');
    const view = legendModel && c.getViewOfComponentModel(legendModel);
    const rect = view ? view.group.getBoundingRect() : null;
    const gridModel = c.getModel().getComponent('grid');
    const grid = gridModel ? gridModel.coordinateSystem.getRect() : null;
    const legendNames = (o.legend || []).flatMap((l) => (l.data || []).map((d) => (typeof d === 'string' ? d : d.name)));
    const seriesNames = [...new Set((o.series || []).map((x) => x.name).filter((n) => n))];
    return { id, types: (o.legend || []).map((l) => l.type), legend: rect && { y: rect.y + view.group.y, h: rect.height, x: rect.x + view.group.x, w: rect.width },
      gridTop: grid && grid.y, width: c.getWidth(), shown: legendNames.length ? legendNames : seriesNames, seriesNames,
      axes: [...(o.xAxis || []), ...(o.yAxis || [])].map((a) => a.name || ''),
      texts: [...seriesNames, ...[...(o.xAxis || []), ...(o.yAxis || [])].map((a) => a.name || ''), ...((o.yAxis || [])[0] && Array.isArray(o.yAxis[0].data) ? o.yAxis[0].data : [])] };
  }));
  for (const c of info) {
    check(c.axes.length > 0 && c.axes.every((a) => a.trim() !== ''), `${name}: chart ${c.id} has an axis without a title (${JSON.stringify(c.axes)})`);
    if (!c.types.length) continue;
    check(c.types.every((ty) => ty === 'plain'), `${name}: chart ${c.id} has a paging legend (${c.types.join(', ')})`);
    check(c.legend && c.legend.h > 0 && c.legend.x >= 0 && c.legend.x + c.legend.w <= c.width + 1 && c.legend.y + c.legend.h <= c.gridTop,
      `${name}: chart ${c.id}'s legend is not wholly visible above the plot (${JSON.stringify(c.legend)}, plot top ${c.gridTop}, width ${c.width})`);
  }
  const lang = await page.evaluate(() => window.tongchouReport.lang);
  if (lang === 'en') {
    const cjk = /[\u3400-\u9fff]/;
    const text = await page.evaluate(() => document.body.innerText);
    const button = await page.textContent('#lang-switch');
    const lines = text.split('\n').filter((l) => cjk.test(l) && l.trim() !== button.trim());
    check(lines.length === 0, `${name}: untranslated text on the English page: ${lines.slice(0, 5).join(' | ')}`);
    const labels = info.flatMap((c) => c.texts.filter((x) => cjk.test(String(x))).map((x) => `${c.id}: ${x}`));
    check(labels.length === 0, `${name}: untranslated chart labels on the English page: ${labels.slice(0, 5).join(' | ')}`);
  }
  return info;
}

async function checkSlider(page, name, shot) {
  const info = await page.evaluate(() => {
    const r = window.tongchouReport;
    const dates = r.dates();
    let raised = 0;
    for (let d = 0; d < dates.length; ++d) if (r.raisedOn(d) > r.raisedOn(raised)) raised = d;
    return { days: dates.length, raised, raisedCount: r.raisedOn(raised), calm: r.raisedOn(0) };
  });
  check(info.days > 0, `${name}: the map has no days`);
  check(info.raisedCount > info.calm, `${name}: no day with a district above low risk (${JSON.stringify(info)})`);
  await page.locator('#map-day').fill('0');
  const before = await page.evaluate(() => ({ colours: window.tongchouReport.mapColours(), image: window.tongchouReport.charts.map.getDataURL(),
    date: document.getElementById('map-date').textContent }));
  await page.locator('#map-day').fill(String(info.raised));
  const after = await page.evaluate(() => ({ colours: window.tongchouReport.mapColours(), image: window.tongchouReport.charts.map.getDataURL(),
    date: document.getElementById('map-date').textContent, day: window.tongchouReport.day }));
  check(after.day === info.raised, `${name}: the slider did not move the map to day ${info.raised} (at ${after.day})`);
  check(before.colours.length > 0 && before.colours.length === after.colours.length, `${name}: map colours missing`);
  check(JSON.stringify(before.colours) !== JSON.stringify(after.colours), `${name}: map colours did not change with the slider`);
  check(before.image !== after.image, `${name}: the drawn map did not change with the slider`);
  check(before.date !== after.date, `${name}: the map's date label did not change`);
  // Play advances the day.
  await page.locator('#map-day').fill('0');
  await page.locator('#map-play').click();
  await page.waitForFunction(() => window.tongchouReport.day >= 3, null, { timeout: 10000 });
  await page.locator('#map-play').click();
  check(true, 'play');
  await page.locator('#map-day').fill(String(info.raised));
  if (shot) await page.locator('#map-card').screenshot({ path: path.join(WORK, shot) });
}

async function checkLanguage(page, name, expectedStart) {
  const lang0 = await page.evaluate(() => window.tongchouReport.lang);
  check(lang0 === expectedStart, `${name}: default language ${lang0}, expected ${expectedStart} (follows the browser)`);
  const title0 = await page.textContent('#title');
  await page.click('#lang-switch');
  const lang1 = await page.evaluate(() => window.tongchouReport.lang);
  const title1 = await page.textContent('#title');
  check(lang1 !== lang0, `${name}: the language switch did nothing`);
  check(title0 !== title1 && /统筹/.test(lang1 === 'zh' ? title1 : title0), `${name}: titles "${title0}" / "${title1}"`);
  const htmlLang = await page.evaluate(() => document.documentElement.lang);
  check(htmlLang.startsWith(lang1), `${name}: <html lang> is ${htmlLang} after switching to ${lang1}`);
}

run(async () => {
  const browser = await launch();
  try {
    // 1. One run of Chongqing, browser in Chinese: map with outlines.
    let r = await openReport(browser, path.join(cq, 'report.html'), 'zh-CN', 'chongqing');
    await checkCharts(r.page, EPIDEMIC, r.name);
    await checkReadable(r.page, r.name);
    const tiles = await r.page.locator('#scorecard .tile').count();
    check(tiles >= 6, `chongqing: scorecard has ${tiles} figures`);
    const economyOn = fs.existsSync(path.join(cq, 'sectors.csv'));  // the scenario's economy may be on or off
    check((await r.page.textContent('#scorecard')).includes('本次运行没有经济模块输出') === !economyOn,
      `chongqing: the economy side ${economyOn ? 'says it has no outputs' : 'does not say it has no outputs'}`);
    if (economyOn) await checkCharts(r.page, ECONOMY, `${r.name} (economy on)`);
    await checkSlider(r.page, r.name, 'report-map-zh.png');
    await r.page.screenshot({ path: path.join(WORK, 'report-chongqing-zh.png'), fullPage: true });
    await checkLanguage(r.page, r.name, 'zh');
    await checkCharts(r.page, EPIDEMIC, `${r.name} (English)`);
    await checkReadable(r.page, `${r.name} (English)`);
    await r.page.screenshot({ path: path.join(WORK, 'report-chongqing-en.png'), fullPage: true });
    check(r.errors.length === 0, `chongqing: ${r.errors.join('; ')}`);
    await r.context.close();

    // 2. The economy fixture, browser in English: economy charts and the scorecard's economic side.
    r = await openReport(browser, path.join(econ, 'report.html'), 'en-US', 'economy');
    await checkCharts(r.page, EPIDEMIC.concat(ECONOMY), r.name);
    await checkReadable(r.page, r.name);
    const keys = await r.page.$$eval('#scorecard .tile', (els) => els.map((e) => e.dataset.key));
    for (const k of ['gdp_change', 'q1_gdp_change', 'q1_gdp_change_yoy', 'gdp_low', 'gdp_end', 'enterprises_open_share', 'workers_at_work_share',
      'migrant_workers_returned', 'poor_labour_employed', 'figure_without_label'])
      check(keys.includes(k), `economy: scorecard lacks ${k} (has ${keys.join(', ')})`);
    // Changes, against the baseline and year on year, are signed percentages (a y/y change once showed as "-0.4").
    for (const k of ['gdp_change', 'q1_gdp_change', 'q1_gdp_change_yoy']) {
      const v = await r.page.$eval(`#scorecard .tile[data-key="${k}"] .v`, (e) => e.textContent).catch(() => '');
      check(/^[+\-−]?[\d,]+(\.\d)?%$/.test(v), `economy: tile ${k} shows "${v}", not a percentage`);
    }
    const legend = await r.page.evaluate(() => Object.keys(window.tongchouReport.charts.sector_open.getOption().legend[0].selected || {}));
    check(legend.length === 5, `economy: sector chart has ${legend.length} sectors, expected 5`);
    await checkSlider(r.page, r.name, null);
    await r.page.screenshot({ path: path.join(WORK, 'report-economy-en.png'), fullPage: true });
    await checkLanguage(r.page, r.name, 'en');
    await checkCharts(r.page, EPIDEMIC.concat(ECONOMY), `${r.name} (Chinese)`);
    await r.page.screenshot({ path: path.join(WORK, 'report-economy-zh.png'), fullPage: true });
    check(r.errors.length === 0, `economy: ${r.errors.join('; ')}`);
    await r.context.close();

    // 3. A synthetic region: no outlines, districts drawn as tiles; no reported series.
    r = await openReport(browser, path.join(syn, 'report.html'), 'en-US', 'synthetic');
    await checkCharts(r.page, ['cases', 'rt', 'active', 'map', 'timeline'].filter((id) => id !== 'timeline'), r.name);
    check(await r.page.isVisible('#map-note'), 'synthetic: no "no map for this region" note');
    const n = (await r.page.evaluate(() => window.tongchouReport.mapColours())).length;
    check(n === 6, `synthetic: ${n} district tiles, expected 6`);
    await checkReadable(r.page, r.name);
    // Zero figures are hidden from the scorecard's tiles (this run has several: no case is confirmed without measures).
    const zeroTiles = await r.page.$$eval('#scorecard .tile .v', (els) => els.map((e) => e.textContent).filter((v) => /^(0|0\.0%|—)$/.test(v)));
    const summary = JSON.parse(fs.readFileSync(path.join(syn, 'summary.json'), 'utf8'));
    check(zeroTiles.length === 0, `synthetic: zero tiles shown (${zeroTiles.join(', ')})`);
    check((await r.page.locator('#scorecard .tile[data-key="confirmed"]').count() === 0) === (summary.health.confirmed === 0),
      `synthetic: the tile of confirmed cases (${summary.health.confirmed}) shown or hidden wrongly`);
    await r.page.screenshot({ path: path.join(WORK, 'report-synthetic-en.png'), fullPage: true });
    check(r.errors.length === 0, `synthetic: ${r.errors.join('; ')}`);
    await r.context.close();

    // 4. The comparison: every run in the charts, scorecards side by side, a run selector for the map.
    r = await openReport(browser, path.join(cmp, 'report.html'), 'en-US', 'compare');
    await checkCharts(r.page, EPIDEMIC.concat(ECONOMY), r.name);
    const heads = await r.page.$$eval('#scorecard .sides table.score thead th', (els) => els.map((e) => e.textContent));
    check(heads.includes('chongqing') && heads.includes('chongqing-economy'), `compare: scorecard columns ${heads.join(', ')}`);
    const names = await r.page.evaluate(() => window.tongchouReport.charts.cases.getOption().series.map((s) => s.name));
    check(names.some((s) => s.startsWith('chongqing ·')) && names.some((s) => s.startsWith('chongqing-economy ·')),
      `compare: cases chart series ${names.join(', ')}`);
    check(await r.page.isVisible('#map-run'), 'compare: no run selector for the map');
    await checkReadable(r.page, r.name);
    const cmpIds = await r.page.evaluate(() => Object.keys(window.tongchouReport.charts));
    for (const id of ['sector_open', 'sector_open-run1', 'sector_workers-run1', 'sector_output-run1'])
      check(cmpIds.includes(id), `compare: no sector chart ${id} (each run has sectors.csv; have ${cmpIds.join(', ')})`);
    const lanes = await r.page.evaluate(() => window.tongchouReport.charts.timeline.getOption().yAxis[0].data);
    check(lanes.length > 0 && lanes.every((l) => !l.includes(' · ')), `compare: the same measures drawn once per run: ${lanes.slice(0, 4).join(', ')}`);
    check((await r.page.textContent('#timeline-note')).includes('same measure changes'), 'compare: no note that the runs share their measures');
    check(await r.page.isVisible('#scorecard .noise-note'), 'compare: identical runs without the seed-noise note');
    check(await r.page.locator('#scorecard .per').count() === 0, 'compare: figures per 100,000 though the populations are the same');
    await r.page.selectOption('#map-run', '1');
    await checkSlider(r.page, `${r.name} (second run)`, null);
    await r.page.screenshot({ path: path.join(WORK, 'report-compare-en.png'), fullPage: true });
    check(r.errors.length === 0, `compare: ${r.errors.join('; ')}`);
    await r.context.close();

    // 5. The ensemble: bands by default, a median column in the scorecard, a switch back to one line per run.
    r = await openReport(browser, path.join(ens, 'report.html'), 'zh-CN', 'ensemble');
    check(await r.page.evaluate(() => window.tongchouReport.bands), 'ensemble: not shown as bands by default');
    await checkCharts(r.page, EPIDEMIC, r.name);
    await checkReadable(r.page, r.name);
    const ids = await r.page.evaluate(() => window.tongchouReport.charts.cases.getOption().series.map((x) => x.id));
    check(ids.includes('lo-0') && ids.includes('hi-0') && ids.includes('med-0'), `ensemble: cases chart series ${ids.join(', ')}`);
    const stat = await r.page.$$eval('#scorecard table.score thead th.stat', (els) => els.map((e) => e.textContent));
    check(stat.length >= 2 && stat.includes('中位数'), `ensemble: scorecard statistics columns ${stat.join(', ')}`);
    // The probability of a rebound: k of the 3 runs, in the median column of its row.
    const rebound = await r.page.$$eval('#scorecard tr[data-key="rebound"] td.stat', (els) => els.map((e) => e.textContent));
    check(rebound.length === 2 && /^[0-3] \/ 3 /.test(rebound[0]), `ensemble: probability of a rebound '${rebound.join(' | ')}'`);
    // Far from the reported series by the band rule: one warning for the ensemble, not one per run, when the reported
    // figure lies outside every run's simulated one (hence outside the 5–95% band).
    const lastRows = seeds.map((d) => fs.readFileSync(path.join(d, 'comparison.csv'), 'utf8').trim().split('\n').map((l) => l.split(',')))
      .map((rows) => { const h = rows[0]; const last = rows.slice(1).reverse().find((x) => x[h.indexOf('observed_cumulative_confirmed')] !== '');
        return [Number(last[h.indexOf('observed_cumulative_confirmed')]), Number(last[h.indexOf('simulated_cumulative_confirmed')])]; });
    const reported = lastRows[0][0], sims = lastRows.map((x) => x[1]);
    const farAlerts = await r.page.$$eval('#alerts .alert[data-kind="far_from_reported"]', (els) => els.map((e) => e.textContent));
    if (reported < Math.min(...sims) || reported > Math.max(...sims)) {
      check(farAlerts.length === 1 && farAlerts[0].includes('5–95%'), `ensemble: warnings for the band ${JSON.stringify(farAlerts)} (reported ${reported}, simulated ${sims})`);
    } else {
      console.log(`note: ensemble band rule not exercised (reported ${reported} within the runs' ${sims})`);
    }
    await r.page.screenshot({ path: path.join(WORK, 'report-ensemble-zh.png'), fullPage: true });
    await r.page.click('#band-switch');
    const runs = await r.page.evaluate(() => window.tongchouReport.charts.cases.getOption().series.filter((x) => x.name.includes(' · ')).length);
    check(!(await r.page.evaluate(() => window.tongchouReport.bands)) && runs >= 3, `ensemble: the switch does not show each run (${runs})`);
    await checkCharts(r.page, EPIDEMIC, `${r.name} (each run)`);
    check(r.errors.length === 0, `ensemble: ${r.errors.join('; ')}`);
    await r.context.close();

    // 6. The warnings (issue 15 section 5): a far replay over its beds, in a visible box; the day-1 spike cut off.
    r = await openReport(browser, path.join(far, 'report.html'), 'en-US', 'far replay');
    await checkCharts(r.page, EPIDEMIC, r.name);
    await checkReadable(r.page, r.name);
    check(await r.page.isVisible('#alerts .alert[data-kind="far_from_reported"]'), 'far replay: no visible warning box for the reported series');
    check(await r.page.isVisible('#alerts .alert[data-kind="beds_exceeded"]'), 'far replay: no visible warning box for the beds');
    check(/outside 0\.5×–2×/.test(await r.page.textContent('#alerts')), `far replay: the warning does not state the rule: ${await r.page.textContent('#alerts')}`);
    check(await r.page.locator('#scorecard .tile.over[data-key="peak_in_hospital"]').count() === 1, 'far replay: peak in hospital not coloured as over the beds');
    const hosp = await r.page.evaluate(() => window.tongchouReport.charts.hospital.getOption().series.map((x) => x.id || x.name));
    check(hosp.includes('over-excess'), `far replay: the hospital chart does not colour the people above the beds (${hosp.join(', ')})`);
    const cases = await r.page.evaluate(() => { const o = window.tongchouReport.charts.cases.getOption(); return { max: o.yAxis[0].max, marks: o.series.filter((x) => x.markPoint).length }; });
    check(typeof cases.max === 'number' && cases.max < 20000 && cases.marks === 1, `far replay: the day-1 spike squashes the daily chart (${JSON.stringify(cases)})`);
    await r.page.screenshot({ path: path.join(WORK, 'report-far-en.png'), fullPage: true });
    await r.page.click('#lang-switch');
    check(/超出/.test(await r.page.textContent('#alerts')), 'far replay: the warnings are not in Chinese after switching');
    check(r.errors.length === 0, `far replay: ${r.errors.join('; ')}`);
    await r.context.close();
    r = await openReport(browser, path.join(near, 'report.html'), 'en-US', 'near replay');
    check(await r.page.locator('#alerts .alert').count() === 0, `near replay: warnings ${await r.page.textContent('#alerts')}`);
    await r.context.close();

    // 7. Runs of different populations: figures per 100,000 beside the counts; each run's own measure lanes.
    r = await openReport(browser, path.join(mixed, 'report.html'), 'en-US', 'compare populations');
    await checkReadable(r.page, r.name);
    check(await r.page.locator('#scorecard tr[data-key="infections"] .per').count() === 2, 'compare populations: no infections per 100,000');
    const mixedLanes = await r.page.evaluate(() => window.tongchouReport.charts.timeline.getOption().yAxis[0].data);
    check(mixedLanes.some((l) => l.startsWith('chongqing · ')), `compare populations: lanes ${mixedLanes.slice(0, 4).join(', ')}`);
    check(r.errors.length === 0, `compare populations: ${r.errors.join('; ')}`);
    await r.context.close();
  } finally {
    await browser.close();
  }
}, 'screenshots');
