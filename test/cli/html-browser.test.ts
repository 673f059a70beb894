/**
 * The HTML report opened in a real browser (issue 22 item 4): Debian's Chromium driven by
 * playwright-core, over reports the built binary wrote. No console error, no request but the
 * page itself, every chart named, headings in place, a phone-width page that does not scroll
 * sideways, a white page in print, and screenshots that are not blank.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium, launchChromium } from '../../scripts/chromium.js';
import { fixture, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const chromium = ensureChromium();
if (chromium.path === null) process.stderr.write(`html-browser.test.ts: skipped, no Chromium: ${chromium.reason}\n`);
const hasChromium = chromium.path !== null;

const dir = scratchDir('xla-html-');
const SCORE_HTML = join(dir, 'score.html');
const CHECK_HTML = join(dir, 'check.html');
const RANK_HTML = join(dir, 'rank.html');

/** Colours in a PNG screenshot: a blank page has one or two. */
function countColours(png: Buffer): number {
  const { data } = PNG.sync.read(png);
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 4) colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
  return colours.size;
}

interface Visit {
  page: Page;
  errors: string[];
  requests: string[];
}

async function visit(browser: Browser, file: string, viewport = { width: 1280, height: 900 }): Promise<Visit> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, errors, requests };
}

describe('xla writes an HTML report (built binary)', () => {
  it('score --period month --by Team -f html -o: exit 0, nothing on stdout, the file written', () => {
    const run = runXla([
      'score',
      fixture('survey/responses.csv'),
      fixture('tickets/tickets.csv'),
      '--period',
      'month',
      '--by',
      'Team',
      '-f',
      'html',
      '-o',
      SCORE_HTML,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(SCORE_HTML, 'utf8')).toMatch(/^<!doctype html>\n<html lang="en">[\s\S]*<\/html>\n$/);
  });

  it('check -o check.html (format from the extension): exit 1 for the breached targets, the verdicts in the file', () => {
    const run = runXla(['check', '-c', fixture('check/xla.config.yml'), '--period', 'month', '--by', 'Team', '-o', CHECK_HTML]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const html = readFileSync(CHECK_HTML, 'utf8');
    expect(html).toContain('<h2 id="verdicts">Verdicts</h2>');
    expect(html).toContain('<line class="target"');
  });

  it('score --by team --rank -o rank.html: the ranking as a chart per metric, flagged teams marked in words', () => {
    const run = runXla(['score', fixture('rank/csat-by-team.csv'), '--by', 'team', '--rank', '--period', 'month', '-o', RANK_HTML]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const html = readFileSync(RANK_HTML, 'utf8');
    expect(html).toContain('<h3>Segment rankings</h3>');
    expect(html).toContain('<title id="rank-3-title">CSAT: segments ranked by team</title>');
    expect(html).toContain('class="flag flag-good">▲ above</text>');
    expect(html).toContain('class="flag flag-bad">▼ below</text>');
  });

  it('--help lists html among the formats (from the registry)', () => {
    const help = runXla(['score', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('table | json | ndjson | csv | markdown | junit | github | html (default: table');
  });

  it('a bad input: exit 2, the file named, no report file left', () => {
    const out = join(dir, 'bad.html');
    const run = runXla(['score', fixture('config/bad-json.json'), '-f', 'html', '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad-json.json');
    expect(existsSync(out)).toBe(false);
  });
});

describe.skipIf(!hasChromium)('the HTML report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser.close();
  });

  it.each([
    ['score', SCORE_HTML],
    ['check', CHECK_HTML],
    ['rank', RANK_HTML],
  ])(
    '%s report: no error, no request, every chart named, headings, not blank',
    async (_name, file) => {
      const { page, errors, requests } = await visit(browser, file);
      expect(errors).toEqual([]);
      expect(requests).toEqual([pathToFileURL(file).href]);
      const charts = page.locator('svg[role="img"]');
      expect(await charts.count()).toBeGreaterThan(3);
      // Each chart is found by its role and the name a screen reader announces (accessible name computation, not its markup).
      const titles = await charts.evaluateAll((svgs) => svgs.map((svg) => svg.querySelector('title')?.textContent ?? ''));
      expect(await page.getByRole('img').count()).toBe(titles.length);
      for (const title of titles) {
        expect(title.trim()).not.toBe('');
        expect(await page.getByRole('img', { name: title, exact: true }).count()).toBeGreaterThan(0);
      }
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.locator('h2').count()).toBeGreaterThanOrEqual(3);
      const full = await page.screenshot({ fullPage: true });
      expect(countColours(full)).toBeGreaterThan(100);
      await page.close();
    },
    60_000,
  );

  it('fits a phone: one column, no sideways scrolling, not blank', async () => {
    const { page, errors } = await visit(browser, CHECK_HTML, { width: 390, height: 844 });
    expect(errors).toEqual([]);
    // Expressions run in the page (the project's types have no DOM).
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const columns = await page.evaluate<number>(
      "getComputedStyle(document.querySelector('.charts')).gridTemplateColumns.split(' ').length",
    );
    expect(columns).toBe(1);
    expect(countColours(await page.screenshot({ fullPage: true }))).toBeGreaterThan(100);
    await page.close();
  }, 60_000);

  it('prints on white', async () => {
    const { page } = await visit(browser, CHECK_HTML);
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toBe('rgb(255, 255, 255)');
    await page.close();
  }, 60_000);
});
