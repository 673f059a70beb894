/** Runs the built `xla` binary as a user would: a child process, real streams, a real exit code. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/xla.js', import.meta.url));
export const fixture = (path: string): string => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));

export interface XlaRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runXla(
  args: readonly string[],
  options: {
    input?: string | Buffer;
    env?: Record<string, string>;
    cwd?: string;
    nodeOptions?: readonly string[];
    timeoutMs?: number;
  } = {},
): XlaRun {
  if (!existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  }
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...options.env };
  const result = spawnSync(process.execPath, [...(options.nodeOptions ?? []), BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // A run that would wait forever (on a pipe nobody writes) is killed: it then fails, with code null.
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs xla with `--format json` and parses stdout. */
export function runJson(args: readonly string[], options: Parameters<typeof runXla>[1] = {}): { report: JsonReport; run: XlaRun } {
  const run = runXla([...args, '--format', 'json'], options);
  if (run.code !== 0) throw new Error(`xla exited ${run.code}: ${run.stderr}`);
  return { report: JSON.parse(run.stdout) as JsonReport, run };
}

export interface JsonResult {
  metric: string;
  domain: string;
  segment: Record<string, string>;
  period: string | null;
  value: number | null;
  n: number;
  ci: [number, number] | null;
  detail?: Record<string, number | string | null>;
  change?: { from: string; delta: number | null; p: number | null; significant: boolean | null };
}

export interface JsonReport {
  schema: string;
  inputs: {
    name: string;
    kind: string;
    rows: number;
    accepted: number;
    rejected: number;
    fields: Record<string, string>;
    format: Record<string, string>;
  }[];
  results: JsonResult[];
  targets: unknown[];
  summary: Record<string, unknown>;
}

/** The one result of a metric for a segment and period (overall by default). */
export function resultOf(
  report: JsonReport,
  metric: string,
  segment: Record<string, string> = {},
  period: string | null = null,
): JsonResult {
  const found = report.results.filter(
    (result) => result.metric === metric && result.period === period && JSON.stringify(result.segment) === JSON.stringify(segment),
  );
  if (found.length !== 1) throw new Error(`expected one ${metric} result for ${JSON.stringify(segment)} ${period}, found ${found.length}`);
  return found[0] as JsonResult;
}
