// What every browser test shares (report_test.js, sweep_test.js, calibrate_test.js, optimise_test.js,
// dashboard_test.js): the command line (PATH_TO_TONGCHOU WORK_DIR, exit 2 without them), the skip when Chromium is
// missing (exit 77: the Debian package `chromium`, or $CHROMIUM), playwright-core from web/node_modules, an emptied
// WORK_DIR, the headless Chromium's flags, the counted checks and the exit status (1 when any check failed).
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Call first: reads the command line (exits 2 or 77 as above) and empties WORK_DIR. `script` names the test in the
// usage line.
function start(script) {
  const [BIN, WORK] = process.argv.slice(2).map((a) => a && path.resolve(a));
  if (!BIN || !WORK) { console.error(`usage: node ${script} PATH_TO_TONGCHOU WORK_DIR`); process.exit(2); }
  if (!fs.existsSync(CHROMIUM)) { console.error(`SKIP: ${CHROMIUM} not found (bash scripts/install-deps.sh installs it)`); process.exit(77); }
  const { chromium } = require(path.join(ROOT, 'web', 'node_modules', 'playwright-core'));
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });

  let passed = 0;
  const failures = [];
  return {
    BIN,
    WORK,
    ROOT,
    failures,  // a test may add a failure that is no check (an exception it caught)
    check(cond, message) {
      if (cond) passed += 1;
      else { failures.push(message); console.log(`FAIL: ${message}`); }
    },
    launch() { return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }); },
    // Collects the page's console errors and uncaught exceptions into the returned array.
    watchErrors(page) {
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      return errors;
    },
    // Runs the test's async body; prints the count of checks and exits 1 when any failed (or the body threw).
    run(body, screenshots = 'screenshot') {
      body().then(() => {
        console.log(`${passed} passed, ${failures.length} failed; ${screenshots} in ${WORK}`);
        process.exit(failures.length ? 1 : 0);
      }).catch((e) => { console.error(e); process.exit(1); });
    },
  };
}

module.exports = { start };
