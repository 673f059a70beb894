/**
 * XLA_CSV_FAST=0 reads CSV with the exact path alone (src/io/csv/README.md): a switch for
 * bisecting a suspected reader bug, which must change nothing but the speed. Each file here is
 * scored with the switch on and off, and stdout and stderr must be the same bytes: quoted fields
 * with delimiters, doubled quotes and line breaks, a malformed record, CR LF, a BOM, and a file
 * big enough to be cut in two and scored by two threads (the switch travels with the read options).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runXla } from './run-xla.js';

const folder = mkdtempSync(join(tmpdir(), 'xla-csv-switch-'));

function write(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const SURVEY = [
  'id,team,nps,csat,comment',
  '1,Desk,9,5,"fast, friendly"',
  '2,Apps,3,2,"said ""never again"""',
  '3,Desk,10,4,"two',
  'lines"',
  '4,Apps,7,3,plain',
  '5,Desk,8,x"y,malformed: a quote inside a bare field',
  '6,Apps,6,4,',
  '',
  '7,Desk,9,5,"last, with no line end"',
].join('\n');

/** Tickets with quoted comments (a delimiter and a line break in some), CR LF: `rows` rows. */
function ticketsCsv(rows: number): string {
  const lines = ['id,team,priority,created_at,resolved_at,satisfaction,comment'];
  for (let i = 0; i < rows; i += 1) {
    const created = Date.UTC(2024, 0, 1) + ((i * 7919) % (366 * 24)) * 3_600_000;
    const resolved = created + (1 + ((i * 31) % 200)) * 3_600_000;
    const comment = i % 97 === 0 ? '"slow,\r\nthen fixed"' : i % 5 === 0 ? '"said ""thanks"""' : 'ok';
    lines.push(
      `T${i},${['Desk', 'Apps', 'Network'][i % 3] ?? ''},P${(i % 3) + 1},${new Date(created).toISOString()},${new Date(resolved).toISOString()},${(i % 5) + 1},${comment}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** stdout and stderr of a run, with the fast path on and then off: they must be equal. */
function bothWays(
  args: readonly string[],
  env: Record<string, string> = {},
): { fast: ReturnType<typeof runXla>; exact: ReturnType<typeof runXla> } {
  return { fast: runXla(args, { env }), exact: runXla(args, { env: { ...env, XLA_CSV_FAST: '0' } }) };
}

describe('XLA_CSV_FAST=0', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.each([
    ['quoted fields and a malformed record', 'survey.csv', SURVEY],
    ['CR LF line ends', 'survey-crlf.csv', SURVEY.replaceAll('\n', '\r\n')],
    ['a BOM', 'survey-bom.csv', `\ufeff${SURVEY}`],
  ])('gives the same bytes on %s', (_name, file, text) => {
    const path = write(file, text);
    const { fast, exact } = bothWays(['score', path, '--by', 'team', '-f', 'json']);
    expect(fast.code).toBe(0);
    expect(exact.code).toBe(0);
    expect(exact.stdout).toBe(fast.stdout);
    expect(exact.stderr).toBe(fast.stderr);
    // The malformed record (line 7) was said, and the six others scored.
    expect(fast.stderr).toContain(':7');
    expect((JSON.parse(fast.stdout) as { inputs: { accepted: number }[] }).inputs[0]?.accepted).toBe(6);
  });

  it('gives the same bytes on a file cut in two parts scored by two threads', () => {
    const path = write('tickets.csv', ticketsCsv(240_000));
    const { fast, exact } = bothWays(['score', path, '--by', 'team', '--period', 'month', '--jobs', '2', '-f', 'json'], { XLA_DEBUG: '1' });
    expect(fast.code).toBe(0);
    expect(exact.code).toBe(0);
    expect(fast.stderr).toMatch(/tickets\.csv in 2 parts/);
    expect(exact.stderr).toBe(fast.stderr);
    expect(exact.stdout).toBe(fast.stdout);
    expect((JSON.parse(fast.stdout) as { inputs: { rows: number }[] }).inputs[0]?.rows).toBe(240_000);
  }, 180_000);

  it('is refused, naming itself, for a value other than 0 or 1', () => {
    const path = write('survey-refused.csv', SURVEY);
    const run = runXla(['score', path], { env: { XLA_CSV_FAST: 'off' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('XLA_CSV_FAST must be 0 or 1, got "off"');
  });
});
