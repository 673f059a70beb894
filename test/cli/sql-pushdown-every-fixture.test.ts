/**
 * Every CSV fixture of the project, and every CSV file of the full datasets, through `--engine
 * duckdb` (issue 23): the streaming report to 1e-9, or a refusal by name — never a report that
 * differs in silence. A default run each, so every metric the file feeds is computed both ways.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset, describeOnDatasets } from '../datasets.js';
import { expectDuckDbAsStreamingOrRefused } from '../sql/equality.js';
import { fixture, ROOT } from './run-xla.js';

/** The CSV files under a folder, by path. */
function csvFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? csvFiles(join(dir, entry.name)) : entry.name.endsWith('.csv') ? [join(dir, entry.name)] : [],
    )
    .sort();
}

const FILES = csvFiles(fixture('.')).map((file) => relative(ROOT, file));

describe('every CSV fixture through --engine duckdb', () => {
  const outcomes: ('same' | 'refused')[] = [];

  it.for(FILES)('%s: the streaming report, or refused by name', (file) => {
    outcomes.push(expectDuckDbAsStreamingOrRefused([join(ROOT, file)]));
  });

  it('compares most of them: the pushdown reads most clean exports', () => {
    // 59 of 99 at the time of writing; the rest hold labels, other date forms, value maps, event logs.
    expect(outcomes.filter((outcome) => outcome === 'same').length).toBeGreaterThanOrEqual(Math.floor(FILES.length / 2));
  });
});

describeOnDatasets('every CSV file of the full datasets through --engine duckdb', () => {
  const files = csvFiles(dataset('.')).map((file) => relative(dataset('.'), file));
  it.for(files)('%s: the streaming report, or refused by name', (file) => {
    expectDuckDbAsStreamingOrRefused([dataset(file)]);
  });
});
