/**
 * Issue 18, item 8, end to end with the built binary: an analytics export just over the size at
 * which `--jobs 2` cuts one file in two parts (2 × MIN_PART_BYTES), with the non-integer values
 * such exports hold — fractional key events (GA4), a bounce rate of four places weighted by its
 * sessions, engagement times in milliseconds over 1000, response times of three places — gives
 * the same JSON report byte for byte on one thread and on two, in its own row order and shuffled.
 * Before issue 16's exact sums, each rate's running sum in doubles rounded differently per part.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_PART_BYTES } from '../../src/run/parallel-jobs.js';
import { resultOf, runXla } from './run-xla.js';
import type { JsonReport } from './run-xla.js';
import { seeded } from '../seeded-random.js';
import { writeInBothOrders, type Order } from './both-orders.js';

const HEADER = 'date,page,visitors,sessions,conversions,bounce_rate,pageviews,engagement_time,requests,errors,response_time';
const PAGES = ['/', '/pricing', '/blog/2024/how-we-measure-experience-level-agreements', '/docs/getting-started/installation'];

/**
 * Rows in pairs whose values cancel around fixed totals, each row of 100 visitors and 100 sessions:
 * conversions 2.35 ± c/100, bounce rate 0.4523 ± b/10000, engagement 183.417 ± e/1000 s,
 * pageviews 250 ± p. So, by hand, whatever the number of pairs: conversion rate Σconversions /
 * Σvisitors = 4.70 / 200 = 2.35 %, bounce rate Σ(rate × sessions) / Σsessions = 45.23 %,
 * engagement per session 366.834 / 200 = 1.83417 s, pages per session 500 / 200 = 2.5.
 */
function analyticsRows(minBytes: number): string[] {
  const random = seeded(18);
  const rows: string[] = [];
  let bytes = HEADER.length + 1;
  while (bytes < minBytes) {
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 300) * 86_400_000).toISOString().slice(0, 10);
    const page = PAGES[Math.floor(random() * PAGES.length)] as string;
    const c = Math.floor(random() * 235);
    const b = Math.floor(random() * 4523);
    const e = Math.floor(random() * 183_417);
    const p = Math.floor(random() * 250);
    for (const sign of [1, -1]) {
      const row = [
        day,
        page,
        100,
        100,
        ((235 + sign * c) / 100).toFixed(2),
        ((4523 + sign * b) / 10_000).toFixed(4),
        250 + sign * p,
        ((183_417 + sign * e) / 1000).toFixed(3),
        300,
        Math.floor(random() * 5),
        (random() * 3).toFixed(3),
      ].join(',');
      rows.push(row);
      bytes += row.length + 1;
    }
  }
  return rows;
}

let root: string;

beforeAll(() => {
  // Just past 2 × MIN_PART_BYTES, so that `--jobs 2` cuts the file in two.
  root = writeInBothOrders('xla-order-free-analytics-', 'analytics.csv', HEADER, analyticsRows(2 * MIN_PART_BYTES + 16 * 1024), 81);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function score(order: Order, jobs: number) {
  return runXla(['score', 'analytics.csv', '--by', 'page', '--period', 'month', '-f', 'json', '--jobs', String(jobs)], {
    cwd: join(root, order),
    env: { XLA_DEBUG: '1' },
  });
}

describe('an analytics export cut in parts on two threads, in any row order', () => {
  it('gives the report of one thread byte for byte, with the rates the pairs were built to give', () => {
    expect(statSync(join(root, 'first-order', 'analytics.csv')).size).toBeGreaterThan(2 * MIN_PART_BYTES);
    const runs = [score('first-order', 1), score('first-order', 2), score('shuffled', 2), score('shuffled', 1)];
    const [reference] = runs;
    if (reference === undefined) throw new Error('no run');
    expect(runs[1]?.stderr).toMatch(/analytics\.csv in 2 parts/);
    expect(runs[2]?.stderr).toMatch(/analytics\.csv in 2 parts/);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(reference.stdout);
    }
    const report = JSON.parse(reference.stdout) as JsonReport;
    expect(resultOf(report, 'conversion_rate', {}).value).toBe(2.35);
    expect(resultOf(report, 'bounce_rate', {}).value).toBe(45.23);
    expect(resultOf(report, 'engagement_time.mean', {}).value).toBe(1.83417);
    expect(resultOf(report, 'pages_per_session', {}).value).toBe(2.5);
  }, 180_000);
});
