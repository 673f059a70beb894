#!/usr/bin/env node
/**
 * Micro benchmark of the business-hours engine (src/time/business-hours.ts): 1M calls of
 * businessSeconds on seeded ticket-like spans (opened over 2022–2024, open for minutes to weeks),
 * under Europe/Berlin, mon–fri 09:00-13:00, 14:00-18:00 with Germany's public holidays. Prints
 * ns per call; run after `npm run build`:
 *
 *   node bench/business-hours.js [--calls 1000000]
 */
import { performance } from 'node:perf_hooks';
import { buildBusinessCalendar, calendarSchema } from '../dist/config/calendar.js';
import { businessSeconds } from '../dist/time/business-hours.js';

const callsFlag = process.argv.indexOf('--calls');
const calls = callsFlag === -1 ? 1_000_000 : Number(process.argv[callsFlag + 1]);

// mulberry32, as bench/generate.js: the same spans on every run.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const start = Date.parse('2022-01-01T00:00:00Z');
const spread = Date.parse('2025-01-01T00:00:00Z') - start;
const froms = new Float64Array(calls);
const tos = new Float64Array(calls);
for (let index = 0; index < calls; index++) {
  froms[index] = start + Math.floor(random() * spread);
  tos[index] = froms[index] + Math.floor(Math.exp(random() * 14) * 60_000); // 1 min … ~2 years, log-uniform
}

const config = calendarSchema.parse({
  timezone: 'Europe/Berlin',
  hours: '09:00-13:00, 14:00-18:00',
  holidays: { country: 'DE', region: 'BY' },
});
const loadStarted = performance.now();
const calendar = await buildBusinessCalendar(config);
const loadMs = performance.now() - loadStarted;

const began = performance.now();
let sum = 0;
for (let index = 0; index < calls; index++) sum += businessSeconds(calendar, froms[index], tos[index]);
const elapsed = performance.now() - began;
console.log(`date-holidays load + calendar: ${loadMs.toFixed(1)} ms`);
console.log(`${calls} calls: ${elapsed.toFixed(0)} ms, ${((elapsed * 1e6) / calls).toFixed(0)} ns/call (checksum ${sum.toFixed(0)})`);
