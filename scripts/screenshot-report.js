// `npm run screenshot`: the README's picture of the HTML report. Builds xla, writes the sample
// report from the committed fixtures (fixtures/html-report/) with the built binary, opens it in
// Debian's Chromium (scripts/chromium.js) and writes docs/report.png.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureChromium, launchChromium } from './chromium.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const output = join(root, 'docs', 'report.png');
/** Wide enough for two charts side by side. */
const VIEWPORT = { width: 1200, height: 900 };
/** The picture ends below this many charts: the verdicts, the first domain's cards and two rows of trends. */
const CHARTS_SHOWN = 4;

const chromium = ensureChromium();
if (chromium.path === null) throw new Error(`no Chromium: ${chromium.reason}`);

const dir = mkdtempSync(join(tmpdir(), 'xla-screenshot-'));
try {
  const report = join(dir, 'report.html');
  const args = ['check', '-c', 'fixtures/html-report/xla.config.yml', '--period', 'month', '--by', 'Team', '--rank', '-q', '-o', report];
  const run = spawnSync(process.execPath, [join(root, 'bin', 'xla.js'), ...args], { cwd: root, encoding: 'utf8' });
  // 1 is `check` reporting its breached targets, which the picture shows; anything else is a failure.
  if (run.status !== 0 && run.status !== 1) throw new Error(`xla exited ${String(run.status)}: ${run.stderr}`);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
    const last = await page
      .locator('figure')
      .nth(CHARTS_SHOWN - 1)
      .boundingBox();
    if (last === null) throw new Error(`the sample report has fewer than ${String(CHARTS_SHOWN)} charts`);
    await page.screenshot({
      path: output,
      fullPage: true,
      clip: { x: 0, y: 0, width: VIEWPORT.width, height: Math.ceil(last.y + last.height + 24) },
    });
  } finally {
    await browser.close();
  }
  console.log('docs/report.png');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
