/**
 * The pushdown's promise, as tests check it: a report from the SQL equals the streaming engine's
 * (same rows, same n, numbers within 1e-9 relative). Shared by every SQL pushdown test file.
 */
import { expect } from 'vitest';
import { runJson, type JsonReport, type JsonResult } from '../cli/run-xla.js';

const keyOf = (result: JsonResult): string => JSON.stringify([result.metric, result.segment, result.period]);

function closeTo(actual: number | null | undefined, expected: number | null | undefined, where: string): void {
  if (expected === null || expected === undefined || actual === null || actual === undefined) {
    expect(actual, where).toBe(expected);
    return;
  }
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected) / scale, `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

/** Every result of the pushdown's report equals the streaming one (same n, numbers within 1e-9 relative), and none is missing. */
export function expectSameResults(pushdown: JsonReport, streaming: JsonReport): void {
  const computed = new Set(pushdown.results.map((result) => result.metric));
  const wanted = streaming.results.filter((result) => computed.has(result.metric));
  expect(pushdown.results.map(keyOf).sort()).toEqual(wanted.map(keyOf).sort());
  const byKey = new Map(wanted.map((result) => [keyOf(result), result]));
  for (const result of pushdown.results) {
    const where = keyOf(result);
    const expected = byKey.get(where) as JsonResult;
    expect(result.n, where).toBe(expected.n);
    closeTo(result.value, expected.value, where);
    closeTo(result.ci?.[0], expected.ci?.[0], `${where} ci low`);
    closeTo(result.ci?.[1], expected.ci?.[1], `${where} ci high`);
    for (const [name, value] of Object.entries(expected.detail ?? {})) {
      const got = result.detail?.[name];
      if (typeof value === 'number') closeTo(typeof got === 'number' ? got : null, value, `${where} detail.${name}`);
      else expect(got, `${where} detail.${name}`).toBe(value);
    }
  }
}

export function expectDuckDbAsStreaming(args: readonly string[]): JsonReport {
  const pushdown = runJson(['score', ...args, '--engine', 'duckdb', '-q']).report;
  const streaming = runJson(['score', ...args, '-q']).report;
  expect(pushdown.results.length).toBeGreaterThan(0);
  expectSameResults(pushdown, streaming);
  return pushdown;
}
