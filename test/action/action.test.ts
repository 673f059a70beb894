/**
 * The GitHub Action: action.yml checked against GitHub's rules for action metadata, and its script
 * (action/run.js) run for real with the environment the composite step gives it, as the runner
 * would: the step's working directory, INPUT_*, and $GITHUB_STEP_SUMMARY.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture, ROOT } from '../cli/run-xla.js';

interface Step {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface ActionMetadata {
  name?: unknown;
  description?: unknown;
  inputs?: Record<string, { description?: unknown; required?: unknown; default?: unknown }>;
  runs?: { using?: unknown; steps?: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionMetadata;
const steps = action.runs?.steps ?? [];
const SCRIPT = join(ROOT, 'action/run.js');

const scratch = mkdtempSync(join(tmpdir(), 'xla-action-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('action.yml', () => {
  it('has the metadata GitHub requires: a name, a description, and a description for every input', () => {
    expect(typeof action.name).toBe('string');
    expect(typeof action.description).toBe('string');
    expect(Object.keys(action.inputs ?? {})).toEqual(['config', 'files', 'args', 'working-directory', 'node-version']);
    for (const [id, input] of Object.entries(action.inputs ?? {})) {
      expect(id).toMatch(/^[A-Za-z_][\w-]*$/);
      expect(typeof input.description, id).toBe('string');
    }
    expect(action.inputs?.config?.required).toBe(true);
  });

  it('is a composite action whose every step either uses an action or runs with a shell', () => {
    expect(action.runs?.using).toBe('composite');
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      expect(step.uses === undefined, `a step both uses and runs: ${step.name}`).toBe(step.run !== undefined);
      if (step.run !== undefined) expect(step.shell, `${step.name} has no shell`).toBe('bash');
    }
    // Every ${{ inputs.X }} names a declared input.
    const used = [...JSON.stringify(action.runs).matchAll(/inputs\.([\w-]+)/g)].map((match) => match[1]);
    for (const id of used) expect(Object.keys(action.inputs ?? {})).toContain(id);
  });

  it('runs action/run.js, which exists, with every text input passed to it', () => {
    const check = steps.at(-1);
    expect(check?.run).toBe('node "$GITHUB_ACTION_PATH/action/run.js"');
    expect(existsSync(SCRIPT)).toBe(true);
    expect(check?.env).toEqual({
      INPUT_CONFIG: '${{ inputs.config }}',
      INPUT_FILES: '${{ inputs.files }}',
      INPUT_ARGS: '${{ inputs.args }}',
    });
    expect(check?.['working-directory']).toBe('${{ inputs.working-directory }}');
  });
});

/** action/run.js as the composite step runs it. */
function runAction(
  inputs: { config?: string; files?: string; args?: string },
  cwd: string,
): { code: number | null; stdout: string; summary: string } {
  const summaryFile = join(mkdtempSync(join(scratch, 'summary-')), 'step-summary.md');
  writeFileSync(summaryFile, '');
  const result = spawnSync(process.execPath, [SCRIPT], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summaryFile,
      INPUT_CONFIG: inputs.config ?? '',
      INPUT_FILES: inputs.files ?? '',
      INPUT_ARGS: inputs.args ?? '',
    },
  });
  return { code: result.status, stdout: result.stdout, summary: readFileSync(summaryFile, 'utf8') };
}

describe('action/run.js', () => {
  it('passes exit 0 through when every target is met, with the summary written', () => {
    // Satisfaction 5,4,3,2,1,5,4,4,3,5 in the survey fixture: six of ten are 4 or 5 → CSAT 60 % ≥ 50 %.
    const dir = mkdtempSync(join(scratch, 'pass-'));
    writeFileSync(join(dir, 'pass.yml'), 'targets:\n  - id: happy\n    metric: csat\n    target: ">= 50%"\n');
    const run = runAction({ config: 'pass.yml', files: `${fixture('survey/responses.csv')}\n` }, dir);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('::error');
    expect(run.stdout).toContain('::notice title=XLA summary::1 met · 0 breached · 0 inconclusive · 0 no data → pass');
    expect(run.summary).toContain('| ✅ | happy | csat |  | 60.0% | >= 50% | 10 |');
  });

  it('passes exit 1 through on a breached target, with an error annotation and the summary', () => {
    // fixtures/check/xla.config.yml: the four resolved tickets' p90 is 2d 10h, over its 4h target.
    const run = runAction({ config: 'xla.config.yml' }, fixture('check'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error title=XLA fixed-fast::resolution_time.p90 2d 10h is above <= 4h (n 4)');
    expect(run.summary).toContain('## Service desk XLA');
    expect(run.summary).toContain('**fail** — 2 met, 4 breached, 1 inconclusive, 0 no data');
  });

  it('passes every `args` line to xla check as one argument', () => {
    const run = runAction({ config: 'xla.config.yml', args: '--target\ncsat >= 99%\n' }, fixture('check'));
    expect(run.code).toBe(1);
    // One target from two lines: `--target` and its value, spaces kept (% is escaped in an annotation).
    expect(run.stdout).toContain('::error title=XLA csat >= 99%25::csat 60.0%25 is below >= 99%25 (n 15,');
  });

  it('passes exit 2 through on a bad config, and writes no summary', () => {
    const run = runAction({ config: 'bad-target.yml' }, fixture('config'));
    expect(run.code).toBe(2);
    expect(run.summary).toBe('');
  });

  it('exits 2 with an annotation when the config input is empty', () => {
    const run = runAction({ config: '  ' }, fixture('check'));
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('::error title=xla action::the `config` input is required');
  });
});
